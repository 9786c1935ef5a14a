// Call fan-out: 150 counters signed in at 150 windows, 30 boards and 60 kiosks connected.
// Counters call the next ticket on a steady schedule (closing the previous one as
// finished); for each call, the time from the clerk's call-next reply to the moment the last
// of the 30 boards has the `ticket:called` event. Kiosks keep issuing a few tickets a second
// meanwhile, as in a busy hall.
import { boardAuths, counterAuths, droppedRow, kioskAuths, openHall } from '../lib/hall.ts';
import { CpuMeter } from '../lib/proc-stats.ts';
import type { Scenario } from '../lib/scenario.ts';
import type { RowInput } from '../lib/table.ts';

/** --quick checks the harness with a fifth of the sockets. */
const sizes = (quick: boolean) => (quick ? { COUNTERS: 30, BOARDS: 10, KIOSKS: 10 } : { COUNTERS: 150, BOARDS: 30, KIOSKS: 60 });
const CALL_RATE = 30;
const BACKGROUND_ISSUE_RATE = 10;

export const callFanout: Scenario = {
  id: 'fanout',
  title: 'call fan-out to 30 boards, 150 counters, 60 kiosks',
  async run(ctx) {
    const raw = await ctx.raw();
    const { COUNTERS, BOARDS, KIOSKS } = sizes(ctx.quick);
    const calls = ctx.quick ? 100 : 900;
    const warmup = ctx.quick ? 30 : 60;
    const hall = await openHall(ctx, { label: 'fanout', shape: { categories: 20, windows: COUNTERS, kiosks: KIOSKS, boards: BOARDS } });
    try {
      const url = hall.server.url;
      await hall.clients.connect({ group: 'kiosks', url, ns: '/kiosk', auths: kioskAuths(KIOSKS, KIOSKS) });
      // Enough waiting tickets that no call finds its window's categories empty — issued before
      // boards and counters connect, so that the set-up does not pay for their broadcasts.
      const preload = await hall.clients.issueClosedLoop({ group: 'kiosks', categories: hall.categories, warmupMs: 0, durationMs: 0, count: calls + warmup + (ctx.quick ? 100 : 400) });
      await hall.clients.connect({ group: 'boards', url, ns: '/board', auths: boardAuths(BOARDS, BOARDS), recordCalls: true });
      await hall.clients.connect({ group: 'counters', url, ns: '/counter', auths: counterAuths(hall.clerkTokens) });
      const signIn = await hall.clients.signIn({ group: 'counters', windowIds: hall.windows });
      if (signIn.ok !== COUNTERS) throw new Error(`only ${signIn.ok} of ${COUNTERS} windows signed in: ${JSON.stringify(signIn.errors)}`);
      ctx.log(`  ${signIn.ok} windows signed in; ${preload.ok} tickets waiting (issued in ${Math.round(preload.windowMs)} ms)`);
      const cpu = new CpuMeter([hall.server.pid, hall.clients.pid]);
      const durationMs = ((calls + warmup) / CALL_RATE) * 1000;
      const background = hall.clients.issueSteady({ group: 'kiosks', categories: hall.categories, ratePerSec: BACKGROUND_ISSUE_RATE, warmupMs: 0, durationMs });
      const r = await hall.clients.calls({ group: 'counters', windowIds: hall.windows, count: calls, warmup, ratePerSec: CALL_RATE, boards: BOARDS });
      const bg = await background;
      const usage = cpu.read();
      const serverCpuMsPerCall = (cpu.seconds().get(hall.server.pid)! * 1000) / Math.max(1, r.ok);
      ctx.details.fanout = { result: r, background: { ok: bg.ok, errors: bg.errors, latency: bg.latency }, connected: await hall.clients.health() };
      ctx.log(
        `  ${r.ok} calls; fan-out p50 ${r.fanout.p50.toFixed(2)} ms p99 ${r.fanout.p99.toFixed(2)} ms max ${r.fanout.max.toFixed(2)} ms; call-next p99 ${r.rtt.p99.toFixed(2)} ms; errors ${JSON.stringify(r.errorCodes)}`,
      );
      const rows: RowInput[] = [
        {
          scenario: this.id,
          name: `call fan-out p99 (reply → last of ${BOARDS} boards)`,
          value: r.fanout.p99,
          unit: 'ms',
          target: { op: '<=', value: 15 },
          reference: { name: 'call-next round trip p99, same run', value: r.rtt.p99, unit: 'ms' },
        },
        { scenario: this.id, name: 'call fan-out p50', value: r.fanout.p50, unit: 'ms' },
        { scenario: this.id, name: 'call-next round trip p99', value: r.rtt.p99, unit: 'ms', reference: { name: 'raw commit p99', value: raw.commit.p99, unit: 'ms' } },
        { scenario: this.id, name: 'server CPU', value: usage.get(hall.server.pid)!, unit: '% of a core' },
        { scenario: this.id, name: 'client process CPU', value: usage.get(hall.clients.pid)!, unit: '% of a core' },
        {
          scenario: this.id,
          name: 'client process event-loop delay p99 (validity check)',
          value: r.clientLoopDelay.p99,
          unit: 'ms',
          note: 'measurements in the client process can be late by this much; large = the client side was short of CPU too',
        },
        {
          scenario: this.id,
          name: 'server CPU time per call',
          value: serverCpuMsPerCall,
          unit: 'ms',
          note: `includes the ${BACKGROUND_ISSUE_RATE}/s background issuance; each call is 2 events × ${COUNTERS + BOARDS + KIOSKS} sockets`,
        },
      ];
      const dropped = await droppedRow(hall, this.id);
      if (dropped) rows.push(dropped);
      if (r.incomplete) rows.push({ scenario: this.id, name: 'calls some board never saw', value: r.incomplete, unit: 'calls', verdict: 'error' });
      if (r.errors) rows.push({ scenario: this.id, name: 'call-next errors', value: r.errors, unit: 'replies', note: JSON.stringify(r.errorCodes), verdict: 'error' });
      return rows;
    } finally {
      await hall.close();
    }
  },
};
