// The ID card reader driver: polls find → select → read and emits one `card` per
// presentation. A card pulled away mid-read, a reader that stops answering, and a reader that
// is unplugged and comes back are all ordinary events here, not crashes.
import { EventEmitter } from 'node:events';
import type { IdCard } from '@hall/common/agent';
import type { Transport } from '../transport/transport.ts';
import { SamFrameParser, buildCommand, parseReadData, parseResponse, type CardBlocks, type SamCommandName, type SamResponse, type SamStatus } from './codec-frame.ts';
import { decodeIdCardText } from './codec-text.ts';

export type CardReadFailure =
  /** The card left the field between find and the end of the read. */
  | 'cardRemoved'
  | 'timeout'
  | 'badResponse'
  | `sam:${SamStatus}`;

export interface IdCardReaderEvents {
  card: [card: IdCard, blocks: CardBlocks];
  /** A card was there but could not be read; the next poll tries again. */
  readFailed: [reason: CardReadFailure];
  /** A garbled frame on the line (bad checksum or length). Counted, not fatal. */
  lineError: [reason: 'checksum' | 'length'];
  /** The reader did not answer a find: switched off, wrong port or wrong baud rate. */
  noAnswer: [];
}

export interface IdCardReaderOptions {
  transport: Transport;
  pollIntervalMs?: number;
  /** How long one command may take; a full read at 115200 baud is about 0.15 s of bytes. */
  responseTimeoutMs?: number;
  withFingerprint?: boolean;
  /** Consecutive "no card" answers that end a presentation. */
  removalPolls?: number;
}

export class IdCardReaderError extends Error {
  override name = 'IdCardReaderError';
  constructor(readonly reason: CardReadFailure) {
    super(`ID card reader: ${reason}`);
  }
}

export class IdCardReader extends EventEmitter<IdCardReaderEvents> {
  readonly transport: Transport;
  readonly #parser = new SamFrameParser();
  readonly #pollIntervalMs: number;
  readonly #responseTimeoutMs: number;
  readonly #withFingerprint: boolean;
  readonly #removalPolls: number;
  #waiting: { resolve: (r: SamResponse) => void } | null = null;
  #running = false;
  #timer: NodeJS.Timeout | null = null;
  #loop: Promise<void> = Promise.resolve();
  /** True from a successful read until the card has been seen gone. */
  #presented = false;
  #absentPolls = 0;
  /** Where the current poll is, so a timeout can be told apart: silent reader or interrupted read. */
  #phase: 'find' | 'read' = 'find';
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);
  readonly #onState = (state: string) => {
    // A reader that was unplugged has forgotten everything: the card on it is a new presentation.
    if (state !== 'open') {
      this.#presented = false;
      this.#absentPolls = 0;
      this.#parser.reset();
    }
  };

  constructor(options: IdCardReaderOptions) {
    super();
    this.transport = options.transport;
    this.#pollIntervalMs = options.pollIntervalMs ?? 500;
    this.#responseTimeoutMs = options.responseTimeoutMs ?? 1_000;
    this.#withFingerprint = options.withFingerprint ?? false;
    this.#removalPolls = options.removalPolls ?? 2;
    this.transport.on('data', this.#onData);
    this.transport.on('state', this.#onState);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops polling; resolves once a poll in flight has finished. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#loop;
    this.transport.off('data', this.#onData);
    this.transport.off('state', this.#onState);
  }

  /**
   * Ask the reader's SAM module how it is (`ok`, or e.g. `samNotAuthorised`): a reader whose
   * SAM fails finds cards but can never read them. Waits for a poll in flight to finish.
   */
  async checkSam(): Promise<SamStatus> {
    const run = this.#loop.then(() => this.#command('samStatus'));
    this.#loop = run.then(
      () => undefined,
      () => undefined,
    );
    return (await run).status;
  }

  /** One full attempt: find, select, read. Null when no (new) card is on the reader. */
  async poll(): Promise<IdCard | null> {
    this.#phase = 'find';
    const found = await this.#command('findCard');
    if (found.status !== 'cardFound') {
      if (++this.#absentPolls >= this.#removalPolls) this.#presented = false;
      return null;
    }
    this.#absentPolls = 0;
    if (this.#presented) return null;

    this.#phase = 'read';
    const selected = await this.#command('selectCard');
    if (selected.status !== 'ok') throw new IdCardReaderError('cardRemoved');

    const read = await this.#command(this.#withFingerprint ? 'readWithFingerprint' : 'read');
    if (read.status !== 'ok') {
      throw new IdCardReaderError(read.status === 'readFailed' || read.status === 'noCard' ? 'cardRemoved' : `sam:${read.status}`);
    }
    const blocks = parseReadData(read.data, this.#withFingerprint);
    if (!blocks || blocks.text.length < 256) throw new IdCardReaderError('badResponse');
    const card = decodeIdCardText(blocks.text, blocks.photo, blocks.fingerprint);
    this.#presented = true;
    this.emit('card', card, blocks);
    return card;
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#loop = this.#loop.then(() => this.#tick()).finally(() => this.#schedule(this.#pollIntervalMs));
    }, delayMs);
  }

  async #tick(): Promise<void> {
    if (this.transport.state !== 'open') return;
    try {
      await this.poll();
    } catch (error) {
      const reason: CardReadFailure = error instanceof IdCardReaderError ? error.reason : 'badResponse';
      if (reason === 'timeout' && this.#phase === 'find') this.emit('noAnswer');
      else this.emit('readFailed', reason);
    }
  }

  #command(name: SamCommandName): Promise<SamResponse> {
    return new Promise<SamResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting = null;
        // Whatever half-frame is buffered belongs to the answer we gave up on.
        this.#parser.reset();
        reject(new IdCardReaderError('timeout'));
      }, this.#responseTimeoutMs);
      this.#waiting = {
        resolve: (response) => {
          clearTimeout(timer);
          this.#waiting = null;
          resolve(response);
        },
      };
      this.transport.write(buildCommand(name)).catch(() => {
        clearTimeout(timer);
        this.#waiting = null;
        reject(new IdCardReaderError('timeout'));
      });
    });
  }

  #receive(chunk: Uint8Array): void {
    for (const event of this.#parser.push(chunk)) {
      if (event.type === 'error') {
        this.emit('lineError', event.reason);
        continue;
      }
      const response = parseResponse(event.body);
      // A reply nobody waits for (late, after a timeout) is dropped.
      if (response) this.#waiting?.resolve(response);
    }
  }
}
