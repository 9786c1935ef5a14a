// Benchmark of hall-server/src/documents: how long a two-page form PDF takes to render with
// its Chinese font subsetted (issue 6 target: ≤ 1 s). `run()` is called by the root
// `npm run bench`; run this file directly (`node --import tsx hall-server/bench/documents.bench.ts`)
// to print the rows. With `--cold` or `--prepared` it renders once and prints the timings as
// JSON: the parent runs it in fresh processes to measure a server's first document, without
// and with prepareDocuments() at start-up.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadFonts, prepareDocuments, renderDocument } from '../src/documents/index.ts';
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

interface ColdRun {
  /** First document in a fresh process, nothing prepared: fonts parsed on the way. */
  unpreparedMs: number;
  /** prepareDocuments() at server start: parse fonts, render a throw-away page. */
  prepareMs: number;
  /** The first real document after prepareDocuments(). */
  firstPreparedMs: number;
  fontsMs: number;
}

async function cold(prepare: boolean): Promise<Partial<ColdRun>> {
  const t0 = performance.now();
  if (!prepare) {
    await loadFonts();
    const t1 = performance.now();
    await renderDocument(sampleDocument());
    return { unpreparedMs: performance.now() - t0, fontsMs: t1 - t0 };
  }
  await prepareDocuments();
  const t1 = performance.now();
  await renderDocument(sampleDocument());
  return { prepareMs: t1 - t0, firstPreparedMs: performance.now() - t1 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const self = fileURLToPath(import.meta.url);
  const child = async (mode: string): Promise<Partial<ColdRun>> => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', self, mode], { timeout: 60_000 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Partial<ColdRun>;
  };
  const first = { ...(await child('--cold')), ...(await child('--prepared')) } as ColdRun;

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
  return [
    {
      name: `documents: ${pages}-page form PDF, p50`,
      value: percentile(times, 50),
      unit: 'ms',
      target: { op: '<=', value: targetMs },
      reference: { name: 'first document in a fresh process, nothing prepared', value: first.unpreparedMs, unit: 'ms' },
      note: `${times.length} renders; fields, a 12-row table, a 1:100 plan, 3 QR codes, signature`,
    },
    { name: `documents: ${pages}-page form PDF, p95`, value: percentile(times, 95), unit: 'ms', target: { op: '<=', value: targetMs } },
    {
      name: 'documents: first PDF after prepareDocuments() at start-up',
      value: first.firstPreparedMs,
      unit: 'ms',
      target: { op: '<=', value: targetMs },
      note: `prepareDocuments() took ${Math.round(first.prepareMs)} ms at start-up`,
    },
    {
      name: 'documents: first PDF in a fresh process, nothing prepared',
      value: first.unpreparedMs,
      unit: 'ms',
      note: `font parse ${Math.round(first.fontsMs)} ms of it; JIT and font-table warm-up make the rest`,
    },
    { name: 'documents: PDF size (font subsets embedded)', value: Math.round(bytes / 1024), unit: 'KiB', note: 'the full font is 10 MB per weight' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--cold')) console.log(JSON.stringify(await cold(false)));
  else if (process.argv.includes('--prepared')) console.log(JSON.stringify(await cold(true)));
  else for (const row of await run({ quick: process.argv.includes('--quick') })) console.log(JSON.stringify(row));
}
