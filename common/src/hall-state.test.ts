import { describe, expect, it } from 'vitest';
import { applyDigest, applyEvent, fromSnapshot, resumeFromSnapshot, RECENT_CALLS_KEPT, statsOf, ticketOf, windowStateOf, type HallState } from './hall-state.ts';
import { PROTOCOL_VERSION, digestedEventTypes, type EventDigest, type HallEvent, type HallEventType, type HallSnapshot } from './events.ts';
import type { CategoryStats, TicketView, WindowState } from './domain.ts';

const DAY = '2026-11-23';

function ticket(over: Partial<TicketView> = {}): TicketView {
  return {
    id: 't1',
    number: 'A001',
    hallDay: DAY,
    categoryId: 'cat-a',
    state: 'waiting',
    issuedAt: 1000,
    arrivalAt: 1000,
    queueAt: 1000,
    priority: false,
    appointment: null,
    targetWindowId: null,
    windowId: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recallCount: 0,
    transfers: [],
    ...over,
  };
}

function windowState(over: Partial<WindowState> = {}): WindowState {
  return {
    windowId: 'w5',
    status: 'open',
    clerkId: 'clerk-1',
    clerkName: '王芳',
    pauseReason: null,
    currentTicketId: null,
    priorityStreak: 0,
    ...over,
  };
}

function stats(over: Partial<CategoryStats> = {}): CategoryStats {
  return { categoryId: 'cat-a', waiting: 1, issuedToday: 1, estimatedWaitMinutes: 5, openWindows: 1, oldestWaitingSince: 1000, quotaLeft: null, ...over };
}

function snapshot(over: Partial<HallSnapshot> = {}): HallSnapshot {
  return {
    protocol: PROTOCOL_VERSION,
    seq: 10,
    now: 5000,
    hallDay: DAY,
    settings: {
      name: '示范区政务服务中心',
      timeZone: 'Asia/Shanghai',
      weekdayHours: [{ start: '09:00', end: '17:00' }],
      weekendHours: [],
      publicBaseUrl: 'https://hall.example.gov.cn',
      hotline: '',
      recallLimit: 3,
    },
    categories: [],
    windows: [{ id: 'w5', number: 5, name: '5号窗口', zone: '', categories: [{ categoryId: 'cat-a', weight: 1 }], enabled: true }],
    windowStates: [windowState()],
    stats: [stats({ waiting: 0, issuedToday: 0 }), stats({ categoryId: 'cat-b', waiting: 2 })],
    availability: {},
    tickets: [],
    recentCalls: [],
    helpRequests: [],
    notices: [],
    device: null,
    ...over,
  };
}

function event(type: HallEventType, seq: number, over: Partial<HallEvent> = {}): HallEvent {
  return { seq, type, at: 2000 + seq, hallDay: DAY, actor: { kind: 'clerk', id: 'clerk-1' }, stats: [], ...over };
}

const base = (): HallState => fromSnapshot(snapshot());

describe('fromSnapshot', () => {
  it('keeps the snapshot, drops the protocol, remembers the server clock', () => {
    const s = base();
    expect(s.seq).toBe(10);
    expect(s.snapshotAt).toBe(5000);
    expect(s.stale).toBe(false);
    expect('protocol' in s).toBe(false);
  });

  it('keeps one recent call per ticket, its newest', () => {
    const call = (ticketId: string, at: number, recall: boolean) => ({ ticketId, number: ticketId, categoryId: 'cat-a', windowId: 'w5', windowNumber: 5, at, recall });
    const s = fromSnapshot(snapshot({ recentCalls: [call('a', 1, false), call('b', 2, false), call('a', 3, true), call('a', 4, true)] }));
    expect(s.recentCalls.map((c) => [c.ticketId, c.at])).toEqual([
      ['a', 4],
      ['b', 2],
    ]);
  });

  it('orders recent calls newest first and keeps ten', () => {
    const calls = Array.from({ length: 12 }, (_, i) => ({ ticketId: `t${i}`, number: `A${i}`, categoryId: 'cat-a', windowId: 'w5', windowNumber: 5, at: i, recall: false }));
    const s = fromSnapshot(snapshot({ recentCalls: calls }));
    expect(s.recentCalls.map((c) => c.at)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  });
});

describe('sequence rules', () => {
  const cases: Array<{ name: string; seq: number; outcome: string; needsSnapshot: boolean; seqAfter: number }> = [
    { name: 'next in line is applied', seq: 11, outcome: 'applied', needsSnapshot: false, seqAfter: 11 },
    { name: 'the current seq again is a duplicate', seq: 10, outcome: 'duplicate', needsSnapshot: false, seqAfter: 10 },
    { name: 'an older seq is a duplicate', seq: 3, outcome: 'duplicate', needsSnapshot: false, seqAfter: 10 },
    { name: 'a skipped seq is a gap', seq: 12, outcome: 'gap', needsSnapshot: true, seqAfter: 10 },
    { name: 'a far jump is a gap', seq: 500, outcome: 'gap', needsSnapshot: true, seqAfter: 10 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = base();
      const result = applyEvent(before, event('ticket:issued', c.seq, { ticket: ticket(), stats: [stats()] }));
      expect(result.outcome).toBe(c.outcome);
      expect(result.needsSnapshot).toBe(c.needsSnapshot);
      expect(result.state.seq).toBe(c.seqAfter);
      if (c.outcome !== 'applied') expect(result.state).toBe(before);
    });
  }

  it('does not change the state it was given', () => {
    const before = base();
    const copy = structuredClone(before);
    applyEvent(before, event('ticket:issued', 11, { ticket: ticket(), stats: [stats()] }));
    expect(before).toEqual(copy);
  });
});

describe('tickets by event', () => {
  // Each row: a waiting ticket t1 exists; the event carries t1 in a new state.
  const rows: Array<{ type: HallEventType; state: TicketView['state']; kept: boolean }> = [
    { type: 'ticket:called', state: 'called', kept: true },
    { type: 'ticket:recalled', state: 'called', kept: true },
    { type: 'ticket:started', state: 'serving', kept: true },
    { type: 'ticket:held', state: 'held', kept: true },
    { type: 'ticket:noShow', state: 'no_show', kept: true },
    { type: 'ticket:reactivated', state: 'waiting', kept: true },
    { type: 'ticket:transferred', state: 'waiting', kept: true },
    { type: 'ticket:finished', state: 'finished', kept: false },
    { type: 'ticket:cancelled', state: 'cancelled', kept: false },
    { type: 'ticket:expired', state: 'expired', kept: false },
  ];
  for (const row of rows) {
    it(`${row.type} → ${row.state} ${row.kept ? 'stays' : 'leaves'}`, () => {
      const start = fromSnapshot(snapshot({ tickets: [ticket()] }));
      const { state } = applyEvent(start, event(row.type, 11, { ticket: ticket({ state: row.state, windowId: 'w5' }) }));
      expect(ticketOf(state, 't1')?.state).toBe(row.kept ? row.state : undefined);
      expect(state.tickets.length).toBe(row.kept ? 1 : 0);
    });
  }

  it('ticket:issued adds the ticket and updates its category figures', () => {
    const { state } = applyEvent(base(), event('ticket:issued', 11, { ticket: ticket(), stats: [stats({ waiting: 1, issuedToday: 1 })] }));
    expect(state.tickets.map((t) => t.number)).toEqual(['A001']);
    expect(statsOf(state, 'cat-a')?.waiting).toBe(1);
    expect(statsOf(state, 'cat-b')?.waiting).toBe(2);
  });

  it('a ticket of another hall day is not kept', () => {
    const { state } = applyEvent(base(), event('ticket:issued', 11, { ticket: ticket({ hallDay: '2026-11-22' }) }));
    expect(state.tickets).toEqual([]);
  });

  it('stats of a category not seen before are added', () => {
    const { state } = applyEvent(base(), event('ticket:issued', 11, { ticket: ticket({ categoryId: 'cat-new' }), stats: [stats({ categoryId: 'cat-new', waiting: 1 })] }));
    expect(statsOf(state, 'cat-new')?.waiting).toBe(1);
  });
});

describe('windows by event', () => {
  const rows: Array<{ type: HallEventType; window: Partial<WindowState> }> = [
    { type: 'window:signedIn', window: { status: 'open', clerkId: 'clerk-2', clerkName: '李强' } },
    { type: 'window:signedOut', window: { status: 'closed', clerkId: null, clerkName: null } },
    { type: 'window:paused', window: { status: 'paused', pauseReason: '临时离开' } },
    { type: 'window:resumed', window: { status: 'open', pauseReason: null } },
  ];
  for (const row of rows) {
    it(`${row.type} replaces the window's state`, () => {
      const { state } = applyEvent(base(), event(row.type, 11, { window: windowState(row.window) }));
      expect(windowStateOf(state, 'w5')).toEqual(windowState(row.window));
      expect(state.windowStates.length).toBe(1);
    });
  }

  it('a window not in the snapshot is added', () => {
    const { state } = applyEvent(base(), event('window:signedIn', 11, { window: windowState({ windowId: 'w9' }) }));
    expect(state.windowStates.map((w) => w.windowId)).toEqual(['w5', 'w9']);
  });
});

describe('recent calls', () => {
  const called = (seq: number, id: string, type: HallEventType = 'ticket:called', over: Partial<HallEvent> = {}) =>
    event(type, seq, { ticket: ticket({ id, number: id.toUpperCase(), state: 'called', windowId: 'w5' }), windowNumber: 5, ...over });

  it('a call goes on top with its window number', () => {
    const { state } = applyEvent(base(), called(11, 'a001'));
    expect(state.recentCalls).toEqual([{ ticketId: 'a001', number: 'A001', categoryId: 'cat-a', windowId: 'w5', windowNumber: 5, at: 2011, recall: false }]);
  });

  it('a recall moves the ticket back to the top, marked as a recall, once', () => {
    let s = base();
    for (const e of [called(11, 'a001'), called(12, 'a002'), called(13, 'a001', 'ticket:recalled')]) s = applyEvent(s, e).state;
    expect(s.recentCalls.map((c) => [c.ticketId, c.recall])).toEqual([
      ['a001', true],
      ['a002', false],
    ]);
  });

  it('keeps only the newest ten', () => {
    let s = base();
    for (let i = 0; i < 15; i++) s = applyEvent(s, called(11 + i, `t${i}`)).state;
    expect(s.recentCalls.length).toBe(RECENT_CALLS_KEPT);
    expect(s.recentCalls[0]?.ticketId).toBe('t14');
    expect(s.recentCalls.at(-1)?.ticketId).toBe('t5');
  });

  it('the window number falls back to the window configuration', () => {
    const { state } = applyEvent(base(), called(11, 'a001', 'ticket:called', { windowNumber: undefined }));
    expect(state.recentCalls[0]?.windowNumber).toBe(5);
  });

  it('a call back (reactivated and called) is announced; a reactivation to the queue is not', () => {
    const back = applyEvent(base(), called(11, 'a001', 'ticket:reactivated')).state;
    expect(back.recentCalls.length).toBe(1);
    const queued = applyEvent(base(), event('ticket:reactivated', 11, { ticket: ticket({ state: 'waiting' }) })).state;
    expect(queued.recentCalls.length).toBe(0);
  });

  it('other ticket events do not add calls', () => {
    const { state } = applyEvent(base(), event('ticket:started', 11, { ticket: ticket({ state: 'serving', windowId: 'w5' }), windowNumber: 5 }));
    expect(state.recentCalls).toEqual([]);
  });
});

describe('events that make the picture stale', () => {
  it('config:changed marks the state stale and asks for a snapshot', () => {
    const r = applyEvent(base(), event('config:changed', 11));
    expect(r).toMatchObject({ outcome: 'applied', needsSnapshot: true });
    expect(r.state.stale).toBe(true);
    expect(r.state.seq).toBe(11);
  });

  it('day:started clears tickets and calls, moves the day, asks for a snapshot', () => {
    const start = fromSnapshot(snapshot({ tickets: [ticket()], recentCalls: [{ ticketId: 't1', number: 'A001', categoryId: 'cat-a', windowId: 'w5', windowNumber: 5, at: 1, recall: false }] }));
    const r = applyEvent(start, event('day:started', 11, { hallDay: '2026-11-24' }));
    expect(r.needsSnapshot).toBe(true);
    expect(r.state).toMatchObject({ hallDay: '2026-11-24', tickets: [], recentCalls: [], stale: true });
  });

  it('a snapshot clears the stale mark', () => {
    const stale = applyEvent(base(), event('config:changed', 11)).state;
    expect(stale.stale).toBe(true);
    expect(fromSnapshot(snapshot({ seq: 11 })).stale).toBe(false);
  });

  const quiet: HallEventType[] = ['device:statusChanged', 'rating:received'];
  for (const type of quiet) {
    it(`${type} only advances the sequence`, () => {
      const before = base();
      const r = applyEvent(before, event(type, 11));
      expect(r).toMatchObject({ outcome: 'applied', needsSnapshot: false });
      expect({ ...r.state, seq: 10 }).toEqual(before);
    });
  }
});

describe('resumeFromSnapshot', () => {
  const issued = (seq: number) => event('ticket:issued', seq, { ticket: ticket({ id: `t${seq}`, number: `A${seq}` }) });

  it('applies buffered events newer than the snapshot, in seq order, skipping older ones', () => {
    const r = resumeFromSnapshot(snapshot({ seq: 10 }), [issued(12), issued(9), issued(11), issued(10)]);
    expect(r).toMatchObject({ outcome: 'applied', needsSnapshot: false });
    expect(r.state.seq).toBe(12);
    expect(r.state.tickets.map((t) => t.id)).toEqual(['t11', 't12']);
  });

  it('reports a hole after the snapshot', () => {
    const r = resumeFromSnapshot(snapshot({ seq: 10 }), [issued(11), issued(13)]);
    expect(r).toMatchObject({ outcome: 'gap', needsSnapshot: true });
    expect(r.state.seq).toBe(11);
  });

  it('with nothing buffered is just the snapshot', () => {
    const r = resumeFromSnapshot(snapshot(), []);
    expect(r.state).toEqual(base());
    expect(r.needsSnapshot).toBe(false);
  });
});

describe('digests (kiosks)', () => {
  const digest = (fromSeq: number, seq: number, over: Partial<EventDigest> = {}): EventDigest => ({ fromSeq, seq, hallDay: DAY, stats: [], ...over });

  it('moves the sequence to its end and takes its figures', () => {
    const r = applyDigest(base(), digest(11, 40, { stats: [stats({ waiting: 7, issuedToday: 30 })] }));
    expect(r).toMatchObject({ outcome: 'applied', needsSnapshot: false });
    expect(r.state.seq).toBe(40);
    expect(statsOf(r.state, 'cat-a')).toMatchObject({ waiting: 7, issuedToday: 30 });
    expect(statsOf(r.state, 'cat-b')?.waiting).toBe(2);
  });

  it('that overlaps what was applied still applies (its figures are newer)', () => {
    const r = applyDigest(base(), digest(5, 12, { stats: [stats({ waiting: 3 })] }));
    expect(r.outcome).toBe('applied');
    expect(r.state.seq).toBe(12);
    expect(statsOf(r.state, 'cat-a')?.waiting).toBe(3);
  });

  it('entirely seen is a duplicate; one starting after a hole is a gap', () => {
    expect(applyDigest(base(), digest(3, 10)).outcome).toBe('duplicate');
    expect(applyDigest(base(), digest(12, 20))).toMatchObject({ outcome: 'gap', needsSnapshot: true });
  });

  it('mixes with whole events when resuming from a snapshot', () => {
    const help = event('config:changed', 16);
    const r = resumeFromSnapshot(snapshot({ seq: 10 }), [help, digest(11, 15, { stats: [stats({ waiting: 9 })] }), digest(17, 18)]);
    expect(r.outcome).toBe('applied');
    expect(r.state.seq).toBe(18);
    expect(statsOf(r.state, 'cat-a')?.waiting).toBe(9);
    expect(r.state.stale).toBe(true);
  });

  it('folds only events that move figures: configuration, day and help events stay whole', () => {
    for (const type of ['config:changed', 'day:started', 'help:requested', 'help:resolved'] as const) expect(digestedEventTypes.has(type)).toBe(false);
    for (const type of ['ticket:issued', 'ticket:called', 'window:paused', 'rating:received', 'device:statusChanged'] as const) expect(digestedEventTypes.has(type)).toBe(true);
  });
});

describe('help requests', () => {
  it('are added when raised and removed when resolved', () => {
    const request = { id: 'h1', deviceId: 'kiosk-1', deviceName: '1号自助机', at: 1, note: '', ticketId: null, resolvedAt: null, resolvedBy: null };
    const base = fromSnapshot(snapshot());
    const raised = applyEvent(base, { seq: base.seq + 1, type: 'help:requested', at: 1, hallDay: base.hallDay, actor: { kind: 'device', id: 'kiosk-1' }, detail: { request }, stats: [] });
    expect(raised.state.helpRequests.map((r) => r.id)).toEqual(['h1']);
    const resolved = applyEvent(raised.state, {
      seq: base.seq + 2,
      type: 'help:resolved',
      at: 2,
      hallDay: base.hallDay,
      actor: { kind: 'clerk', id: 'c1' },
      detail: { request: { ...request, resolvedAt: 2, resolvedBy: 'c1' } },
      stats: [],
    });
    expect(resolved.state.helpRequests).toEqual([]);
  });
});
