// Durable issuance throughput: 200 kiosk sockets each issue a ticket, wait for the
// acknowledgement (sent only after the ticket's batch has committed with fsync), and issue
// again, for a fixed time. Compared with the raw rate of one-row-per-transaction inserts on
// the same disk, measured in the same run.
import { droppedRow, openHall, kioskAuths } from '../lib/hall.ts';
import { CpuMeter } from '../lib/proc-stats.ts';
import { RAW_NAME, type Scenario } from '../lib/scenario.ts';
import type { RowInput } from '../lib/table.ts';

/** --quick checks the harness with a quarter of the sockets. */
const kioskCount = (quick: boolean) => (quick ? 50 : 200);
/** Diagnostic: the same load from fewer sockets shows what each connected socket costs. */
const FEW = 20;

export const issuanceThroughput: Scenario = {
  id: 'throughput',
  title: 'durable issuance throughput, 200 kiosks',
  async run(ctx) {
    const raw = await ctx.raw();
    const KIOSKS = kioskCount(ctx.quick);
    const hall = await openHall(ctx, { label: 'throughput', shape: { categories: 20, windows: 30, kiosks: KIOSKS, boards: 1 }, clerks: 0 });
    try {
      await hall.clients.connect({ group: 'few', url: hall.server.url, ns: '/kiosk', auths: kioskAuths(FEW, KIOSKS) });
      const fewCpu = new CpuMeter([hall.server.pid]);
      const few = await hall.clients.issueClosedLoop({ group: 'few', categories: hall.categories, warmupMs: 1000, durationMs: ctx.quick ? 2000 : 5000 });
      const fewMsPerTicket = (fewCpu.seconds().get(hall.server.pid)! * 1000) / Math.max(1, few.ok);
      await hall.clients.disconnect('few');
      const fewRate = few.okInWindow / (few.windowMs / 1000);
      ctx.log(`  diagnostic: ${FEW} kiosk sockets only: ${fewRate.toFixed(0)} tickets/s, p99 ${few.latency.p99.toFixed(1)} ms`);
      const c = await hall.clients.connect({ group: 'kiosks', url: hall.server.url, ns: '/kiosk', auths: kioskAuths(KIOSKS, KIOSKS) });
      ctx.log(`  ${c.connected} kiosk sockets connected in ${Math.round(c.ms)} ms`);
      const warmupMs = ctx.quick ? 1000 : 2000;
      const durationMs = ctx.quick ? 3000 : 10_000;
      // The CPU meter spans warm-up too; it tells which process (server or clients) is the bottleneck.
      const cpu = new CpuMeter([hall.server.pid, hall.clients.pid]);
      const seqBefore = Number((await hall.server.health()).seq);
      const r = await hall.clients.issueClosedLoop({ group: 'kiosks', categories: hall.categories, warmupMs, durationMs });
      const usage = cpu.read();
      const cpuSecondsServer = cpu.seconds().get(hall.server.pid)!;
      const serverMsPerTicket = (cpuSecondsServer * 1000) / Math.max(1, r.ok);
      const rate = r.okInWindow / (r.windowMs / 1000);
      const health = await hall.server.health();
      ctx.details.throughput = { few, fewMsPerTicket, result: r, health, eventsLogged: Number(health.seq) - seqBefore, serverCpuSeconds: cpuSecondsServer, serverRssMiB: hall.server.rssMiB() };
      ctx.log(`  ${r.okInWindow} tickets in ${r.windowMs} ms; errors ${r.errors} ${JSON.stringify(r.errorCodes)}`);
      const ref = { name: RAW_NAME, value: raw.rowsPerSec, unit: 'rows/s' };
      const rows: RowInput[] = [
        { scenario: this.id, name: 'durable issuance throughput', value: rate, unit: 'tickets/s', target: { op: '>=', value: 3000 }, reference: ref },
        { scenario: this.id, name: 'throughput ÷ raw 1-row/txn rate', value: rate / raw.rowsPerSec, unit: '×', target: { op: '>=', value: 1.0 }, reference: ref },
        { scenario: this.id, name: 'issue round trip p99 at saturation', value: r.latency.p99, unit: 'ms', reference: { name: 'raw commit p99', value: raw.commit.p99, unit: 'ms' } },
        { scenario: this.id, name: 'server CPU', value: usage.get(hall.server.pid)!, unit: '% of a core' },
        { scenario: this.id, name: 'server CPU time per ticket', value: serverMsPerTicket, unit: 'ms' },
        {
          scenario: this.id,
          name: 'CPU-bound ceiling (1 free core ÷ CPU per ticket)',
          value: 1000 / serverMsPerTicket,
          unit: 'tickets/s',
          note: 'what the server could do with a core to itself; ignores fsync waits and contention',
        },
        {
          scenario: this.id,
          name: 'client process event-loop delay p99 (validity check)',
          value: r.clientLoopDelay.p99,
          unit: 'ms',
          note: 'measurements in the client process can be late by this much; large = the client side was short of CPU too',
        },
        { scenario: this.id, name: 'client process CPU', value: usage.get(hall.clients.pid)!, unit: '% of a core' },
      ];
      // Kiosks get issuances folded into a digest (every 250 ms), not a frame per ticket: more
      // kiosks cost frames per digest, and their larger batches make each ticket cheaper.
      rows.push({
        scenario: this.id,
        name: `server CPU time per ticket with only ${FEW} kiosks connected (diagnostic)`,
        value: fewMsPerTicket,
        unit: 'ms',
        reference: { name: `${KIOSKS} kiosks`, value: serverMsPerTicket, unit: 'ms' },
        note: 'smaller batches: fewer tickets share each commit and each frame',
      });
      rows.push({
        scenario: this.id,
        name: `throughput with only ${FEW} kiosks connected (diagnostic)`,
        value: fewRate,
        unit: 'tickets/s',
        reference: { name: `${KIOSKS} kiosks`, value: rate, unit: 'tickets/s' },
        note: 'kiosks get issuances as digests, so fewer sockets do not mean fewer frames per ticket',
      });
      if (few.errors) r.errors += few.errors;
      const dropped = await droppedRow(hall, this.id);
      if (dropped) rows.push(dropped);
      if (r.errors) rows.push({ scenario: this.id, name: 'issuance errors', value: r.errors, unit: 'replies', note: JSON.stringify(r.errorCodes), verdict: 'error' });
      return rows;
    } finally {
      await hall.close();
    }
  },
};
