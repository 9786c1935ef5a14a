// Benchmark of floor-plan PDFs (餐饮平面图) as GET /api/plans/:id/pdf renders them: the plan
// document → planDocument (true-scale drawing, legend, tables, checklist) → renderDocument with
// the Chinese font subsetted. Issue 7 target: a plan PDF in ≤ 2 s. Measured for the noodle-shop
// template and for a 300-element plan (the template with its dining room filled with tables
// and stools), plus the server-side part of POST /api/plans (parse + rule check).
// `run()` is called by the root `npm run bench`; run this file directly to print the rows.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkPlan, floorPlanSchema, type FloorPlan } from '@hall/common/floorplan/index';
import { loadTemplate, ruleSet } from '@hall/fixtures/src/floorplan.ts';
import { loadFonts, planDocument, renderDocument } from '../src/documents/index.ts';
import { parseDocument } from '../src/plans/plan-service.ts';
import type { BenchRow } from './documents.bench.ts';

const targetMs = 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The noodle shop with stools and small tables added in a grid until the plan has `total` elements. */
export function largePlan(total = 300): FloorPlan {
  const plan = loadTemplate('noodle-shop');
  const count = (): number => plan.corners.length + plan.walls.length + plan.openings.length + plan.zones.length + plan.fixtures.length + plan.flows.length + plan.labels.length + plan.dimensions.length;
  const json = JSON.parse(JSON.stringify(plan)) as { fixtures: unknown[] };
  for (let i = 0; count() + json.fixtures.length - plan.fixtures.length < total; i++) {
    const col = i % 20;
    const row = Math.floor(i / 20);
    json.fixtures.push({ id: `bench-${i}`, symbol: i % 5 === 0 ? 'table-square' : 'stool', at: { x: 0.4 + col * 0.38, y: 0.4 + row * 0.42 }, width: i % 5 === 0 ? 0.35 : 0.3, depth: i % 5 === 0 ? 0.35 : 0.3 });
  }
  return floorPlanSchema.parse({ ...plan, fixtures: json.fixtures });
}

async function measure(plan: FloorPlan, runs: number): Promise<{ times: number[]; pages: number; bytes: number }> {
  const set = ruleSet('national-2011');
  const render = () => renderDocument(planDocument(plan, checkPlan(plan, set), { code: 'ABCD 2345', qrPayload: 'ABCD2345', createdAt: '2026-11-25T10:00:00+08:00', hallName: '演示政务服务大厅' }));
  for (let i = 0; i < 2; i++) await render();
  const times: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const out = await render();
    times.push(performance.now() - t);
    pages = out.pageCount;
    bytes = out.bytes.byteLength;
  }
  return { times: times.sort((a, b) => a - b), pages, bytes };
}

/** In a fresh process: the first plan PDF, nothing loaded before (pdfkit, fonts and JIT on the way). */
async function cold(): Promise<{ firstMs: number }> {
  const plan = loadTemplate('noodle-shop');
  const t = performance.now();
  await renderDocument(planDocument(plan, checkPlan(plan, ruleSet('national-2011')), { code: 'ABCD 2345' }));
  return { firstMs: performance.now() - t };
}

export async function run(options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', self, '--cold'], { timeout: 60_000 });
  const first = JSON.parse(stdout.trim().split('\n').pop()!) as { firstMs: number };
  await loadFonts();
  const runs = options.quick ? 8 : 30;
  const shop = loadTemplate('noodle-shop');
  const big = largePlan(300);
  const small = await measure(shop, runs);
  const large = await measure(big, runs);

  // What POST /api/plans does before storing: migrate and parse the JSON, run the rule set.
  const raw = JSON.parse(JSON.stringify(big)) as Record<string, unknown>;
  const set = ruleSet('national-2011');
  const saves: number[] = [];
  for (let i = 0; i < (options.quick ? 50 : 300); i++) {
    const t = performance.now();
    checkPlan(parseDocument(raw), set);
    saves.push(performance.now() - t);
  }
  saves.sort((a, b) => a - b);

  return [
    {
      name: `floorplan: noodle-shop plan PDF (${small.pages} pages), p50`,
      value: percentile(small.times, 50),
      unit: 'ms',
      target: { op: '<=', value: targetMs },
      note: `${runs} renders as GET /api/plans/:id/pdf does (check, drawing at scale, legend, tables, checklist); ${Math.round(small.bytes / 1024)} KiB`,
    },
    { name: `floorplan: noodle-shop plan PDF, p95`, value: percentile(small.times, 95), unit: 'ms', target: { op: '<=', value: targetMs } },
    {
      name: `floorplan: 300-element plan PDF (${large.pages} pages), p95`,
      value: percentile(large.times, 95),
      unit: 'ms',
      target: { op: '<=', value: targetMs },
      note: `p50 ${Math.round(percentile(large.times, 50))} ms; ${Math.round(large.bytes / 1024)} KiB`,
    },
    {
      name: 'floorplan: first plan PDF in a fresh process, nothing prepared',
      value: first.firstMs,
      unit: 'ms',
      target: { op: '<=', value: targetMs },
      note: 'pdfkit and the fonts load with the first document; a server that ran prepareDocuments() at start-up pays this there',
    },
    {
      name: 'floorplan: POST /api/plans server work (parse + rule check) of a 300-element plan, p95',
      value: percentile(saves, 95),
      unit: 'ms',
      note: `p50 ${percentile(saves, 50).toFixed(2)} ms; ${saves.length} runs`,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--cold')) console.log(JSON.stringify(await cold()));
  else for (const row of await run({ quick: process.argv.includes('--quick') })) console.log(JSON.stringify(row));
}
