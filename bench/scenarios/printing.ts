// Calls at the windows while kiosks print forms. Every form a kiosk prints is a PDF the server
// draws (pdfkit, 20–50 ms of CPU); the server draws it on its document thread, so the calls
// should barely notice. The same 30 windows call the next ticket at 40/s twice: once with
// nothing printing (the reference, same run), once while form PDFs are fetched at a steady
// 5/s (every one of 10 kiosks printing a form every two seconds — far busier than a real hall).
// The PDFs are fetched by this process, the calls made by the client process.
import { randomUUID } from 'node:crypto';
import { sampleFoodLicenceSubmission } from '@hall/fixtures/src/forms.ts';
import { counterAuths, kioskAuths, openHall, type Hall } from '../lib/hall.ts';
import { mibToMb } from '../lib/proc-stats.ts';
import { resetServerLatency, serverHealth, showLatency, type Latency } from '../lib/server-health.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import type { Scenario } from '../lib/scenario.ts';
import type { RowInput } from '../lib/table.ts';

const SHAPE = { categories: 20, windows: 30, kiosks: 10, boards: 5 };
const CALL_RATE = 40;
const PRINT_RATE = 5;
/** Distinct submissions whose PDFs are fetched in turn (each fetch draws the PDF afresh). */
const FORMS = 20;

interface Phase {
  callNext: Summary;
  errors: Record<string, number>;
  /** Inside the server meanwhile. */
  serverCallNext: Latency | null;
  loop: Latency | null;
  render: Latency | null;
}

/** One form submission as the demo kiosk makes it (loopback, no device token: the bench hall is a demo hall). */
async function submit(url: string): Promise<string> {
  const res = await fetch(`${url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ formId: 'food-business-licence', formVersion: 1, data: sampleFoodLicenceSubmission.data, idempotencyKey: randomUUID() }),
  });
  const body = (await res.json()) as { id?: string };
  if (res.status !== 201 || !body.id) throw new Error(`submission failed: ${res.status} ${JSON.stringify(body)}`);
  return body.id;
}

async function fetchPdf(url: string, id: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${url}/api/submissions/${id}/pdf`);
  const bytes = await res.arrayBuffer();
  if (res.status !== 200 || bytes.byteLength < 1000) throw new Error(`form PDF failed: ${res.status}`);
  return performance.now() - start;
}

/** Fetches form PDFs on a fixed schedule (open loop) until `stop` resolves; each fetch's round trip. */
async function printSteadily(url: string, ids: string[], stop: Promise<unknown>): Promise<{ times: number[]; failures: number }> {
  const times: number[] = [];
  let failures = 0;
  let stopped = false;
  void stop.then(() => (stopped = true));
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  for (let k = 0; !stopped; k++) {
    const due = start + (k * 1000) / PRINT_RATE;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    if (stopped) break;
    const p = fetchPdf(url, ids[k % ids.length]!).then(
      (ms) => void times.push(ms),
      () => void failures++,
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  return { times, failures };
}

/** Enough waiting tickets that no window finds its categories empty (as in the history scenario). */
async function issueFor(hall: Hall, calls: number): Promise<void> {
  await hall.clients.issueClosedLoop({ group: 'kiosks', categories: hall.categories, warmupMs: 0, durationMs: 0, count: calls + 300 });
}

async function callRun(hall: Hall, calls: number): Promise<Phase> {
  await resetServerLatency(hall);
  const r = await hall.clients.calls({ group: 'counters', windowIds: hall.windows, count: calls, warmup: 20, ratePerSec: CALL_RATE, boards: 0 });
  const h = await serverHealth(hall.server.url);
  return { callNext: r.rtt, errors: r.errorCodes, serverCallNext: h.latency?.['ticket:callNext'] ?? null, loop: h.latency?.eventLoopDelay ?? null, render: h.latency?.['document:render'] ?? null };
}

export const printing: Scenario = {
  id: 'printing',
  title: 'calls while kiosks print forms',
  async run(ctx) {
    const calls = ctx.quick ? 100 : 600;
    const hall = await openHall(ctx, { label: 'printing', shape: SHAPE });
    try {
      const url = hall.server.url;
      await hall.clients.connect({ group: 'kiosks', url, ns: '/kiosk', auths: kioskAuths(SHAPE.kiosks, SHAPE.kiosks) });
      await hall.clients.connect({ group: 'counters', url, ns: '/counter', auths: counterAuths(hall.clerkTokens) });
      await hall.clients.signIn({ group: 'counters', windowIds: hall.windows });
      const ids: string[] = [];
      for (let i = 0; i < FORMS; i++) ids.push(await submit(url));
      const rssBefore = hall.server.rssMiB();
      // The first PDF starts the document thread and parses the fonts: not part of the run.
      for (const id of ids.slice(0, 3)) await fetchPdf(url, id);

      await issueFor(hall, calls);
      const quiet = await callRun(hall, calls);
      await issueFor(hall, calls);
      let done!: () => void;
      const stop = new Promise<void>((r) => (done = r));
      const prints = printSteadily(url, ids, stop);
      const busy = await callRun(hall, calls).finally(done);
      const printed = await prints;
      const rssPrinting = hall.server.rssMiB();
      const pdf = summarize(printed.times);
      const documents = (await serverHealth(url)).documents;
      ctx.details.printing = { quiet, busy, pdf, printFailures: printed.failures, documents, rssBefore, rssPrinting };
      ctx.log(`  nothing printing: call-next p50 ${quiet.callNext.p50.toFixed(2)} p99 ${quiet.callNext.p99.toFixed(2)} ms; inside the server ${showLatency(quiet.serverCallNext)}; event loop delay ${showLatency(quiet.loop)}`);
      ctx.log(
        `  ${printed.times.length} form PDFs at ${PRINT_RATE}/s (${printed.failures} failed; round trip p50 ${pdf.p50.toFixed(1)} p99 ${pdf.p99.toFixed(1)} ms; drawing ${showLatency(busy.render)}; thread: ${documents?.code ?? '—'}): call-next p50 ${busy.callNext.p50.toFixed(2)} p99 ${busy.callNext.p99.toFixed(2)} ms; inside the server ${showLatency(busy.serverCallNext)}; event loop delay ${showLatency(busy.loop)}`,
      );
      const rows: RowInput[] = [
        {
          scenario: this.id,
          name: `call-next p99 while kiosks print ${PRINT_RATE} forms/s`,
          value: busy.callNext.p99,
          unit: 'ms',
          reference: { name: 'same calls, nothing printing', value: quiet.callNext.p99, unit: 'ms' },
          note: 'PDFs are drawn on the document thread; on the main thread each would stall every call by 20–50 ms',
        },
        { scenario: this.id, name: 'server event-loop delay p99 while printing', value: busy.loop?.p99Ms ?? Number.NaN, unit: 'ms', reference: { name: 'nothing printing', value: quiet.loop?.p99Ms ?? Number.NaN, unit: 'ms' } },
        { scenario: this.id, name: 'form PDF round trip p99 (A4, drawn afresh)', value: pdf.p99, unit: 'ms', reference: { name: 'its p50', value: pdf.p50, unit: 'ms' } },
        {
          scenario: this.id,
          name: 'server RSS after printing',
          value: mibToMb(rssPrinting),
          unit: 'MB',
          reference: { name: 'before the first PDF', value: mibToMb(rssBefore), unit: 'MB' },
          note: 'the document thread (pdfkit, two 10 MB fonts, its heap) ends after 2 idle minutes',
        },
      ];
      const errors = [quiet, busy].flatMap((p) => Object.values(p.errors)).reduce((a, b) => a + b, 0) + printed.failures;
      if (errors) rows.push({ scenario: this.id, name: 'failed calls or prints', value: errors, unit: 'requests', note: JSON.stringify({ quiet: quiet.errors, busy: busy.errors, prints: printed.failures }), verdict: 'error' });
      return rows;
    } finally {
      await hall.close();
    }
  },
};
