import { describe, expect, it } from 'vitest';
import type { WindowActionResult } from '@hall/common/api';
import { createDeskModel } from './desk-model.ts';
import type { CommandResult } from '../net/hall-connection.ts';

type Sent = { command: string; request: unknown };

function fakeConnection(replies: Array<CommandResult<WindowActionResult>>) {
  const sent: Sent[] = [];
  const ok = { ok: true, data: {} as WindowActionResult } as const;
  return {
    sent,
    connection: {
      send: (command: string, request: unknown) => {
        // My figures are refreshed in the background after some actions; not what these tests check.
        if (command !== 'stats:mine') sent.push({ command, request });
        return Promise.resolve(replies.shift() ?? ok);
      },
    } as never,
  };
}

const ticketOpen: CommandResult<WindowActionResult> = { ok: false, error: { code: 'TICKET_OPEN', message: '当前号尚未办结，请先选择办结或过号' } };

describe('desk model', () => {
  it('every command carries the window id', async () => {
    const { connection, sent } = fakeConnection([]);
    const desk = createDeskModel(connection);
    await desk.recall('w5');
    await desk.pause('w5', '临时离开');
    await desk.transfer('w5', { toCategoryId: 'tax' }, '补材料');
    expect(sent).toEqual([
      { command: 'ticket:recall', request: { windowId: 'w5' } },
      { command: 'window:pause', request: { windowId: 'w5', reason: '临时离开' } },
      { command: 'ticket:transfer', request: { windowId: 'w5', toCategoryId: 'tax', note: '补材料' } },
    ]);
  });

  it('TICKET_OPEN asks finish or no-show, then resends with closeCurrent', async () => {
    const { connection, sent } = fakeConnection([ticketOpen]);
    const desk = createDeskModel(connection);
    await desk.callNext('w5', 'A007');
    expect(desk.dialog.value).toEqual({ kind: 'closeChoice', ticketNumber: 'A007' });
    expect(desk.feedback.value).toBeNull();
    await desk.callNext('w5', 'A007', 'no_show');
    expect(sent.map((s) => s.request)).toEqual([{ windowId: 'w5' }, { windowId: 'w5', closeCurrent: 'no_show' }]);
    expect(desk.dialog.value).toBeNull();
  });

  it('a refusal shows the server message', async () => {
    const { connection } = fakeConnection([{ ok: false, error: { code: 'NO_TICKET_WAITING', message: '当前没有等候的号' } }]);
    const desk = createDeskModel(connection);
    await desk.callNext('w5', null);
    expect(desk.feedback.value).toEqual({ kind: 'error', text: '当前没有等候的号' });
  });

  it('sign-out says whether it worked, so logout can wait for it', async () => {
    const { connection } = fakeConnection([ticketOpen, { ok: true, data: {} as WindowActionResult }]);
    const desk = createDeskModel(connection);
    expect(await desk.signOut('w5')).toBe(false);
    expect(desk.feedback.value?.text).toBe('当前号尚未办结，请先选择办结或过号');
    expect(await desk.signOut('w5')).toBe(true);
  });

  it('a second press while the first is on its way sends nothing', async () => {
    const sent: string[] = [];
    let release: () => void = () => {};
    const connection = {
      send: (command: string) => {
        sent.push(command);
        return new Promise((resolve) => (release = () => resolve({ ok: true, data: {} })));
      },
    } as never;
    const desk = createDeskModel(connection);
    const first = desk.callNext('w5', null);
    await desk.callNext('w5', null);
    expect(desk.busy.value).toBe(true);
    release();
    await first;
    expect(sent).toEqual(['ticket:callNext']);
    expect(desk.busy.value).toBe(false);
  });

  it('finishing refreshes my figures and asks the window’s evaluator for a rating of that ticket', async () => {
    const finished = { ok: true, data: { ticket: { id: 't9' } } as unknown as WindowActionResult } as const;
    const { connection, sent } = fakeConnection([finished]);
    const desk = createDeskModel(connection);
    await desk.finish('w5');
    await Promise.resolve();
    expect(sent.map((s) => s.command)).toEqual(['ticket:finish', 'rating:request']);
    expect(sent.find((s) => s.command === 'rating:request')?.request).toEqual({ windowId: 'w5', ticketId: 't9' });
    expect(desk.feedback.value).toEqual({ kind: 'info', text: '已邀请群众评价' });
  });

  it('calling out of order sends the reason, and closes the current ticket when asked', async () => {
    const { connection, sent } = fakeConnection([]);
    const desk = createDeskModel(connection);
    desk.openDialog({ kind: 'callTicket', ticketId: 't3', ticketNumber: 'A003' });
    await desk.callTicket('w5', 't3', '预约到场', 'finish');
    expect(sent[0]).toEqual({ command: 'ticket:call', request: { windowId: 'w5', ticketId: 't3', reason: '预约到场', closeCurrent: 'finish' } });
    expect(desk.dialog.value).toBeNull();
  });

  it('reactivate and help resolve send their ids', async () => {
    const { connection, sent } = fakeConnection([]);
    const desk = createDeskModel(connection);
    await desk.reactivate('w5', 't4');
    await desk.resolveHelp('h1');
    expect(sent).toEqual([
      { command: 'ticket:reactivate', request: { windowId: 'w5', ticketId: 't4' } },
      { command: 'help:resolve', request: { requestId: 'h1' } },
    ]);
  });
});
