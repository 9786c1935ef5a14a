// HallLink over the hall server's Socket.IO /agent namespace (common/src/events.ts). The
// server knows this agent's window from its device token; calls for that window drive the
// keypad display, and keypad keys and evaluator ratings go back as commands.
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import type { KeypadAction, RatingLevel } from '@hall/common/agent';
import type { KeypadActionRequest } from '@hall/common/api';
import type { Reply } from '@hall/common/errors';
import { PROTOCOL_VERSION, namespaces, type AgentCommands, type HallEvent, type HallSnapshot, type ServerToClientEvents } from '@hall/common/events';
import type { DeviceFault, HallLink, HallLinkEvents, HallLinkResult, HallLinkState } from './hall-link.ts';
import { WindowViews } from './window-views.ts';

/** Keys the server's `keypad:action` covers; the others are done at the clerk desk. */
const serverActions: Partial<Record<KeypadAction, KeypadActionRequest['action']>> = {
  callNext: 'callNext',
  recall: 'recall',
  noShow: 'noShow',
  hold: 'hold',
  callBack: 'callBack',
  askRating: 'askRating',
  pause: 'pause',
};

export interface SocketIoHallLinkOptions {
  url: string;
  token?: string;
  /** Per command; a hall server that does not answer in time is treated as unreachable. */
  timeoutMs?: number;
}

type HallSocket = Socket<ServerToClientEvents, AgentCommands>;

export class SocketIoHallLink extends EventEmitter<HallLinkEvents> implements HallLink {
  #state: HallLinkState = 'connecting';
  #windowId: string | null = null;
  /** The last sequence number applied; null until the first snapshot. */
  #seq: number | null = null;
  /** A snapshot was asked for (after a gap or a configuration change); events wait for it. */
  #resyncing = false;
  readonly #windows = new WindowViews();
  readonly #socket: HallSocket;
  readonly #timeoutMs: number;

  constructor(options: SocketIoHallLinkOptions) {
    super();
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    const base = options.url.replace(/\/+$/, '');
    this.#socket = io(`${base}${namespaces.agent}`, {
      auth: { protocol: PROTOCOL_VERSION, ...(options.token ? { token: options.token } : {}) },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      transports: ['websocket'],
    });
    this.#socket.on('connect', () => this.#setState('connected'));
    this.#socket.on('disconnect', (reason) => this.#setState('disconnected', reason));
    this.#socket.on('connect_error', (error) => {
      // A refused handshake (unpaired device, protocol mismatch) will not fix itself by retrying.
      const data = (error as Error & { data?: { code?: string; message?: string } }).data;
      if (data?.code) {
        this.#setState('refused', `${data.code}: ${data.message ?? ''}`);
        this.#socket.disconnect();
      } else this.#setState('disconnected', error.message);
    });
    this.#socket.on('hall:snapshot', (snapshot: HallSnapshot) => this.#onSnapshot(snapshot));
    this.#socket.on('hall:events', (events) => {
      const changes = [];
      for (const event of events) {
        // The sequence rules of common/src/events.ts: a repeat is ignored; a hole means events
        // were lost (a network blip the socket survived), and only a snapshot tells the truth.
        if (this.#seq === null || this.#resyncing || event.seq <= this.#seq) continue;
        if (event.seq !== this.#seq + 1) {
          this.#resync();
          break;
        }
        this.#seq = event.seq;
        if (event.type === 'ticket:called' || event.type === 'ticket:recalled') this.#onCall(event, event.type === 'ticket:recalled');
        changes.push(...this.#windows.apply(event));
        // An admin may have moved this device to another window, or a new hall day began.
        if (event.type === 'config:changed' || event.type === 'day:started') this.#resync();
      }
      if (changes.length) this.emit('windows', changes);
    });
  }

  #onSnapshot(snapshot: HallSnapshot): void {
    this.#resyncing = false;
    this.#seq = typeof snapshot.seq === 'number' ? snapshot.seq : 0;
    this.#windowId = snapshot.device?.windowId ?? null;
    const windows = this.#windows.fromSnapshot(snapshot);
    if (windows.length) this.emit('windows', windows);
  }

  #resync(): void {
    if (this.#resyncing) return;
    this.#resyncing = true;
    const socket = this.#socket as unknown as { timeout(ms: number): { emitWithAck(event: string, request: unknown): Promise<Reply<HallSnapshot>> } };
    socket
      .timeout(this.#timeoutMs)
      .emitWithAck('snapshot:get', {})
      .then(
        (reply) => (reply.ok ? this.#onSnapshot(reply.data) : undefined),
        () => undefined,
      )
      // Still behind (refused or no answer): the next event asks again.
      .finally(() => {
        this.#resyncing = false;
      });
  }

  get state(): HallLinkState {
    return this.#state;
  }

  /** The window this agent serves, once the server's snapshot has said so. */
  get windowId(): string | null {
    return this.#windowId;
  }

  async keypadAction(action: KeypadAction): Promise<HallLinkResult> {
    const serverAction = serverActions[action];
    if (!serverAction) return { ok: false, code: 'UNSUPPORTED', message: '该按键功能请在叫号页面操作' };
    return this.#send('keypad:action', { action: serverAction });
  }

  rating(level: RatingLevel): Promise<HallLinkResult> {
    return this.#send('rating:submit', { level });
  }

  reportFaults(faults: DeviceFault[]): Promise<HallLinkResult> {
    return this.#send('device:status', { faults });
  }

  async close(): Promise<void> {
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
    this.#setState('disconnected', 'closed');
  }

  #onCall(event: HallEvent, recall: boolean): void {
    const ticket = event.ticket;
    if (!ticket) return;
    const windowId = event.window?.windowId ?? ticket.windowId;
    if (this.#windowId === null || windowId !== this.#windowId) return;
    const waiting = event.stats.find((s) => s.categoryId === ticket.categoryId)?.waiting;
    this.emit('call', { number: ticket.number, windowNumber: event.windowNumber ?? null, recall, ...(waiting !== undefined ? { waiting } : {}) });
  }

  async #send(name: 'keypad:action' | 'rating:submit' | 'device:status', request: unknown): Promise<HallLinkResult> {
    if (!this.#socket.connected) return { ok: false, code: 'DISCONNECTED', message: '未连接到大厅服务器' };
    try {
      // The three commands share one shape; a loose view of the socket saves three overloads.
      const socket = this.#socket as unknown as { timeout(ms: number): { emitWithAck(event: string, request: unknown): Promise<Reply<unknown>> } };
      const reply = await socket.timeout(this.#timeoutMs).emitWithAck(name, request);
      return reply.ok ? { ok: true } : { ok: false, code: reply.error.code, message: reply.error.message };
    } catch {
      return { ok: false, code: 'TIMEOUT', message: '大厅服务器无响应' };
    }
  }

  #setState(state: HallLinkState, reason?: string): void {
    if (state === this.#state && reason === undefined) return;
    this.#state = state;
    this.emit('state', state, reason);
  }
}
