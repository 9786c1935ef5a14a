// Benchmark of self-service form submissions on the server: Ajv validation of the sample
// 食品经营许可申请书 (compiled once per form version, as the service caches it) and its
// two-page A4 PDF as GET /api/submissions/:id/pdf renders it (printForm → formDocument →
// renderDocument, code and QR on every page). Issue 6 target: a two-page PDF in ≤ 1 s.
// `run()` is called by the root `npm run bench`; run this file directly to print the rows.
import { fileURLToPath } from 'node:url';
import { printForm } from '@hall/common/forms/index';
import { formDefinition, loadStreets, sampleFoodLicenceSubmission } from '@hall/fixtures/src/forms.ts';
import { formDocument, loadFonts, renderDocument } from '../src/documents/index.ts';
import { FormValidator } from '../src/forms/validation.ts';
import type { BenchRow } from './documents.bench.ts';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const def = formDefinition(sampleFoodLicenceSubmission.formId, sampleFoodLicenceSubmission.formVersion)!;
  const data = sampleFoodLicenceSubmission.data;
  const validator = new FormValidator();

  const compileStart = performance.now();
  validator.compile(def);
  const compileMs = performance.now() - compileStart;
  const validations: number[] = [];
  for (let i = 0; i < (options.quick ? 200 : 2000); i++) {
    const t = performance.now();
    if (validator.problems(def, data, '2026-11-25').length > 0) throw new Error('the sample submission should be valid');
    validations.push(performance.now() - t);
  }
  validations.sort((a, b) => a - b);

  await loadFonts();
  const regions = await loadStreets('61');
  const render = async () => {
    const printed = printForm(def, data, { regionName: (code) => regions.fullName(code) });
    return renderDocument(formDocument(printed, { code: 'ABCD 2345', qrPayload: 'ABCD2345', createdAt: '2026-11-25T10:00:00+08:00', hallName: '演示政务服务大厅' }));
  };
  for (let i = 0; i < 2; i++) await render();
  const times: number[] = [];
  let pages = 0;
  for (let i = 0; i < (options.quick ? 8 : 30); i++) {
    const t = performance.now();
    pages = (await render()).pageCount;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return [
    {
      name: `forms: 食品经营许可申请书 submission PDF (${pages} pages), p50`,
      value: percentile(times, 50),
      unit: 'ms',
      target: { op: '<=', value: 1000 },
      note: `${times.length} renders of the sample submission, as GET /api/submissions/:id/pdf does`,
    },
    { name: `forms: submission PDF (${pages} pages), p95`, value: percentile(times, 95), unit: 'ms', target: { op: '<=', value: 1000 } },
    {
      name: 'forms: Ajv validation of one submission (compiled schema cached), p50',
      value: percentile(validations, 50) * 1000,
      unit: 'µs',
      note: `p95 ${(percentile(validations, 95) * 1000).toFixed(0)} µs; compiling the schema once took ${compileMs.toFixed(0)} ms`,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await run({ quick: process.argv.includes('--quick') })) console.log(JSON.stringify(row));
}
