// Many LED number displays on one RS-485 line. Each display has the content it should show
// now; one writer walks the displays in turn and writes whatever differs from what the display
// last confirmed. So the latest content wins (a burst of calls at one window writes its last
// number once, never a queue of stale ones), a blink that the line cannot keep up with skips
// phases instead of lagging, and a display that stops answering is reported once as a fault
// and then tried only now and then, with a single attempt, so it costs the others little.
import { EventEmitter } from 'node:events';
import { fitText } from './codec.ts';
import { blinkOn, nextBlinkChange, type LedContent } from './content.ts';
import { LedError, type LedBus } from './driver.ts';

export interface LedDisplayConfig {
  unitId: number;
  /** Character positions on the display (1–6). */
  digits: number;
}

export interface LedBusManagerOptions {
  bus: LedBus;
  displays: LedDisplayConfig[];
  /** Tries after the first for a display that is working; a faulty one gets a single try. */
  retries?: number;
  /** How often a silent display is tried again. */
  faultRetryMs?: number;
  now?: () => number;
}

export interface LedBusManagerEvents {
  /** The display confirmed this text (already fitted to its width). */
  shown: [unitId: number, text: string];
  /** The display stopped answering (or refused); reported once until it recovers. */
  fault: [unitId: number, error: LedError];
  recovered: [unitId: number];
}

interface Slot {
  readonly unitId: number;
  readonly digits: number;
  content: LedContent | null;
  startedAt: number;
  /** The text the display should show this moment; null before anything was asked. */
  want: string | null;
  /** What the display last confirmed; null when unknown. */
  written: string | null;
  blinkTimer: NodeJS.Timeout | null;
  fault: LedError | null;
  retryAt: number;
}

export interface LedDisplayState {
  unitId: number;
  content: LedContent | null;
  /** What the display confirmed last (null: unknown, e.g. while it is silent). */
  shown: string | null;
  /** A blink is still going on (its next phase is scheduled). */
  blinking: boolean;
  fault: LedError | null;
}

export class LedBusManager extends EventEmitter<LedBusManagerEvents> {
  readonly bus: LedBus;
  readonly #slots: Slot[];
  readonly #byUnit = new Map<number, Slot>();
  readonly #retries: number;
  readonly #faultRetryMs: number;
  readonly #now: () => number;
  #cursor = 0;
  #running = false;
  #closed = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #settled: Array<() => void> = [];
  readonly #onState = (state: string) => {
    if (state !== 'open') return;
    // The line came back: the displays may have lost power with it, so write everything again.
    for (const slot of this.#slots) slot.written = null;
    this.#kick();
  };

  constructor(options: LedBusManagerOptions) {
    super();
    this.bus = options.bus;
    this.#retries = options.retries ?? 2;
    this.#faultRetryMs = options.faultRetryMs ?? 5_000;
    this.#now = options.now ?? Date.now;
    this.#slots = options.displays.map((d) => ({ unitId: d.unitId, digits: d.digits, content: null, startedAt: 0, want: null, written: null, blinkTimer: null, fault: null, retryAt: 0 }));
    for (const slot of this.#slots) {
      if (this.#byUnit.has(slot.unitId)) throw new Error(`unit id ${slot.unitId} is configured twice on ${this.bus.transport.uri}`);
      this.#byUnit.set(slot.unitId, slot);
    }
    this.bus.transport.on('state', this.#onState);
  }

  get unitIds(): number[] {
    return this.#slots.map((s) => s.unitId);
  }

  /** Replace what a display shows; a blink starts now. */
  show(unitId: number, content: LedContent): void {
    const slot = this.#slot(unitId);
    if (slot.blinkTimer) clearTimeout(slot.blinkTimer);
    slot.blinkTimer = null;
    slot.content = content;
    slot.startedAt = this.#now();
    this.#phase(slot);
  }

  clear(unitId: number): void {
    this.show(unitId, { text: '', blink: null });
  }

  state(unitId: number): LedDisplayState {
    const slot = this.#slot(unitId);
    return { unitId, content: slot.content, shown: slot.written, blinking: slot.blinkTimer !== null, fault: slot.fault };
  }

  /** Displays that are not answering now. */
  faults(): Array<{ unitId: number; error: LedError }> {
    return this.#slots.flatMap((s) => (s.fault ? [{ unitId: s.unitId, error: s.fault }] : []));
  }

  /** Resolves once nothing is waiting to be written (silent displays waiting for their next try aside). */
  settled(): Promise<void> {
    if (!this.#running && !this.#due()) return Promise.resolve();
    return new Promise((resolve) => this.#settled.push(resolve));
  }

  close(): void {
    this.#closed = true;
    this.bus.transport.off('state', this.#onState);
    for (const slot of this.#slots) if (slot.blinkTimer) clearTimeout(slot.blinkTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    for (const resolve of this.#settled.splice(0)) resolve();
  }

  #slot(unitId: number): Slot {
    const slot = this.#byUnit.get(unitId);
    if (!slot) throw new Error(`no LED display with unit id ${unitId} on ${this.bus.transport.uri}`);
    return slot;
  }

  /** Sets what the display should show this moment and, while blinking, when to look again. */
  #phase(slot: Slot): void {
    const content = slot.content;
    if (!content || this.#closed) return;
    const text = fitText(content.text, slot.digits);
    const elapsed = this.#now() - slot.startedAt;
    const lit = !content.blink || blinkOn(elapsed, content.blink);
    slot.want = lit ? text : fitText('', slot.digits);
    const next = content.blink ? nextBlinkChange(elapsed, content.blink) : null;
    if (next !== null) {
      slot.blinkTimer = setTimeout(() => {
        slot.blinkTimer = null;
        this.#phase(slot);
      }, Math.max(1, next - elapsed));
      slot.blinkTimer.unref?.();
    }
    this.#kick();
  }

  #due(): Slot | null {
    const now = this.#now();
    for (let i = 0; i < this.#slots.length; i++) {
      const slot = this.#slots[(this.#cursor + i) % this.#slots.length]!;
      if (slot.want === null || slot.want === slot.written) continue;
      if (slot.fault && now < slot.retryAt) continue;
      this.#cursor = (this.#cursor + i + 1) % this.#slots.length;
      return slot;
    }
    return null;
  }

  #kick(): void {
    if (this.#running || this.#closed) return;
    // Start on the next microtask: changes made in the same turn (a finish and the next call
    // in one batch of hall events) are one write, not two.
    this.#running = true;
    queueMicrotask(() => void this.#pump());
  }

  async #pump(): Promise<void> {
    try {
      for (;;) {
        if (this.#closed || this.bus.transport.state !== 'open') break;
        const slot = this.#due();
        if (!slot) break;
        const text = slot.want!;
        try {
          await this.bus.showText(slot.unitId, text, slot.digits, { retries: slot.fault ? 0 : this.#retries });
          slot.written = text;
          if (slot.fault) {
            slot.fault = null;
            this.emit('recovered', slot.unitId);
          }
          this.emit('shown', slot.unitId, text);
        } catch (error) {
          const e = error instanceof LedError ? error : new LedError('NO_ANSWER', slot.unitId, String(error));
          // A line that went away is the bus's status, not the display's; it is rewritten on reopen.
          if (e.code === 'NOT_OPEN') break;
          slot.written = null;
          slot.retryAt = this.#now() + this.#faultRetryMs;
          const known = slot.fault?.code === e.code;
          slot.fault = e;
          this.#scheduleRetry();
          if (!known) this.emit('fault', slot.unitId, e);
        }
      }
    } finally {
      this.#running = false;
      if (!this.#due() || this.#closed || this.bus.transport.state !== 'open') for (const resolve of this.#settled.splice(0)) resolve();
      else this.#kick();
    }
  }

  #scheduleRetry(): void {
    if (this.#retryTimer || this.#closed) return;
    const now = this.#now();
    const waiting = this.#slots.filter((s) => s.fault && s.want !== s.written && s.retryAt > now);
    if (waiting.length === 0) return;
    const soonest = Math.min(...waiting.map((s) => s.retryAt));
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#kick();
      this.#scheduleRetry();
    }, soonest - now);
    this.#retryTimer.unref?.();
  }
}
