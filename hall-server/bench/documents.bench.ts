// Benchmark of hall-server/src/documents: how long a two-page form PDF takes to render with
// its Chinese font subsetted (issue 6 target: ≤ 1 s). `run()` is called by the root
// `npm run bench`; run this file directly (`node --import tsx hall-server/bench/documents.bench.ts`)
// to print the rows. With `--cold` it renders once and prints the timings as JSON: the parent
// runs it in a fresh process to measure a server's first document (font parse included).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadFonts, renderDocument } from '../src/documents/index.ts';
import { sampleDocument } from '../test/documents/sample.ts';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target?: { op: '<=' | '>='; value: number };
  reference?: { name: string; value: number; unit: string };
  note?: string;
}

const targetMs = 1000;

async function cold(): Promise<{ fontsMs: number; firstMs: number; pages: number }> {
  const t0 = performance.now();
  await loadFonts();
  const t1 = performance.now();
  const out = await renderDocument(sampleDocument());
  const t2 = performance.now();
  return { fontsMs: t1 - t0, firstMs: t2 - t1, pages: out.pageCount };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', self, '--cold'], { timeout: 60_000 });
  const first = JSON.parse(stdout.trim().split('\n').pop()!) as Awaited<ReturnType<typeof cold>>;

  await loadFonts();
  const spec = sampleDocument();
  // Two renders to let the JIT settle, then the measured ones.
  for (let i = 0; i < 2; i++) await renderDocument(spec);
  const times: number[] = [];
  let bytes = 0;
  let pages = 0;
  for (let i = 0; i < (options.quick ? 8 : 30); i++) {
    const t = performance.now();
    const out = await renderDocument(spec);
    times.push(performance.now() - t);
    bytes = out.bytes.byteLength;
    pages = out.pageCount;
  }
  times.sort((a, b) => a - b);
  const coldTotal = first.fontsMs + first.firstMs;
  return [
    {
      name: `documents: ${pages}-page form PDF, p50`,
      value: percentile(times, 50),
      unit: 'ms',
      target: { op: '<=', value: targetMs },
      reference: { name: 'first document in a fresh process, font parse included', value: coldTotal, unit: 'ms' },
      note: `${times.length} renders; fields, a 12-row table, a 1:100 plan, 3 QR codes, signature`,
    },
    { name: `documents: ${pages}-page form PDF, p95`, value: percentile(times, 95), unit: 'ms', target: { op: '<=', value: targetMs } },
    {
      name: 'documents: first PDF in a fresh process',
      value: coldTotal,
      unit: 'ms',
      target: { op: '<=', value: targetMs },
      note: `parse both Noto Sans SC weights ${Math.round(first.fontsMs)} ms + first render ${Math.round(first.firstMs)} ms`,
    },
    { name: 'documents: PDF size (font subsets embedded)', value: Math.round(bytes / 1024), unit: 'KiB', note: 'the full font is 10 MB per weight' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--cold')) console.log(JSON.stringify(await cold()));
  else for (const row of await run({ quick: process.argv.includes('--quick') })) console.log(JSON.stringify(row));
}
