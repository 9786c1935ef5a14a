// Issuance round trip at a steady, realistic load: 100 issuances per second on a fixed
// schedule (open loop: a slow reply does not slow the sender), with 300 sockets connected —
// 270 kiosks, which take turns issuing, and 30 boards. Each round trip runs from the
// kiosk's emit to its acknowledgement, which the server sends only after the commit.
import { boardAuths, droppedRow, kioskAuths, openHall } from '../lib/hall.ts';
import { CpuMeter } from '../lib/proc-stats.ts';
import type { Scenario } from '../lib/scenario.ts';
import type { RowInput } from '../lib/table.ts';

/** --quick checks the harness with a fifth of the sockets and half the rate. */
const sizes = (quick: boolean) => (quick ? { KIOSKS: 50, BOARDS: 10, RATE: 50 } : { KIOSKS: 270, BOARDS: 30, RATE: 100 });

export const issuanceLatency: Scenario = {
  id: 'latency',
  title: 'issuance round trip at 100 issues/s, 300 sockets',
  async run(ctx) {
    const raw = await ctx.raw();
    const { KIOSKS, BOARDS, RATE } = sizes(ctx.quick);
    const hall = await openHall(ctx, { label: 'latency', shape: { categories: 20, windows: 30, kiosks: KIOSKS, boards: BOARDS }, clerks: 0 });
    try {
      // Diagnostic first: the same schedule with only 30 sockets connected.
      await hall.clients.connect({ group: 'few', url: hall.server.url, ns: '/kiosk', auths: kioskAuths(Math.min(30, KIOSKS), KIOSKS) });
      const few = await hall.clients.issueSteady({ group: 'few', categories: hall.categories, ratePerSec: RATE, warmupMs: 1000, durationMs: ctx.quick ? 2000 : 6000 });
      await hall.clients.disconnect('few');
      ctx.log(`  diagnostic: 30 sockets only: p50 ${few.latency.p50.toFixed(2)} ms, p99 ${few.latency.p99.toFixed(2)} ms`);
      await hall.clients.connect({ group: 'kiosks', url: hall.server.url, ns: '/kiosk', auths: kioskAuths(KIOSKS, KIOSKS) });
      await hall.clients.connect({ group: 'boards', url: hall.server.url, ns: '/board', auths: boardAuths(BOARDS, BOARDS) });
      const connected = await hall.clients.health();
      ctx.log(`  connected: ${JSON.stringify(connected)}`);
      const cpu = new CpuMeter([hall.server.pid, hall.clients.pid]);
      const r = await hall.clients.issueSteady({
        group: 'kiosks',
        categories: hall.categories,
        ratePerSec: RATE,
        warmupMs: ctx.quick ? 1000 : 2000,
        durationMs: ctx.quick ? 4000 : 20_000,
      });
      const usage = cpu.read();
      ctx.details.latency = { few, result: r, connected };
      ctx.log(`  ${r.okInWindow} measured issuances, p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, max ${r.latency.max.toFixed(2)} ms; send lag max ${r.maxSendLagMs?.toFixed(1)} ms`);
      const rawP99 = { name: 'raw commit p99', value: raw.commit.p99, unit: 'ms' };
      const rows: RowInput[] = [
        { scenario: this.id, name: `issue round trip p99 @${RATE}/s, ${KIOSKS + BOARDS} sockets`, value: r.latency.p99, unit: 'ms', target: { op: '<=', value: 10 }, reference: rawP99 },
        { scenario: this.id, name: 'issue round trip p50', value: r.latency.p50, unit: 'ms', reference: { name: 'raw commit p50', value: raw.commit.p50, unit: 'ms' } },
        { scenario: this.id, name: 'issue round trip max', value: r.latency.max, unit: 'ms' },
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
          name: `issue round trip p99 @${RATE}/s, only ${Math.min(30, KIOSKS)} sockets (diagnostic)`,
          value: few.latency.p99,
          unit: 'ms',
          reference: { name: `${KIOSKS + BOARDS} sockets`, value: r.latency.p99, unit: 'ms' },
        },
      ];
      const dropped = await droppedRow(hall, this.id);
      if (dropped) rows.push(dropped);
      if (r.errors) rows.push({ scenario: this.id, name: 'issuance errors', value: r.errors, unit: 'replies', note: JSON.stringify(r.errorCodes), verdict: 'error' });
      return rows;
    } finally {
      await hall.close();
    }
  },
};
