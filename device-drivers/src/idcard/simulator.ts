// A second-generation ID card reader in software. It answers find/select/read the way a real
// reader does (find fails again after a good read until the card leaves the field), and can
// have the card pulled away in the middle of a read or garble its next answer.
import { EventEmitter } from 'node:events';
import type { Transport } from '../transport/transport.ts';
import { SamCommand, SamFrameParser, buildReadData, buildResponse, type CardBlocks } from './codec-frame.ts';

const SW = { ok: 0x90, cardFound: 0x9f, noCard: 0x80, selectFailed: 0x81, badCommand: 0x21, readFailed: 0x41, checksumError: 0x10 } as const;

export interface IdCardReaderSimulatorEvents {
  command: [name: string];
}

export class IdCardReaderSimulator extends EventEmitter<IdCardReaderSimulatorEvents> {
  #parser = new SamFrameParser();
  #card: CardBlocks | null = null;
  #selected = false;
  /** Set after a good read: the reader will not find this card again until it leaves. */
  #readThisPresentation = false;
  #pullDuringNextRead = false;
  #corruptNext = false;
  #silent = false;
  /** SW3 of the answer to SAM status; 0x66 plays a reader whose SAM is not authorised. */
  samStatusCode = SW.ok as number;
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);

  constructor(readonly transport: Transport) {
    super();
    transport.on('data', this.#onData);
  }

  stop(): void {
    this.transport.off('data', this.#onData);
  }

  /** Put a card on the reader (text block, photo and optional fingerprint). */
  present(card: CardBlocks): void {
    this.#card = card;
    this.#selected = false;
    this.#readThisPresentation = false;
  }

  remove(): void {
    this.#card = null;
    this.#selected = false;
    this.#readThisPresentation = false;
  }

  get cardPresent(): boolean {
    return this.#card !== null;
  }

  /** The next read answers "read failed" and the card is gone, as when it is pulled away. */
  pullDuringNextRead(): void {
    this.#pullDuringNextRead = true;
  }

  /** The next answer goes out with a wrong checksum. */
  corruptNextResponse(): void {
    this.#corruptNext = true;
  }

  /** Stop answering at all (a hung reader). */
  setSilent(silent: boolean): void {
    this.#silent = silent;
  }

  #reply(sw3: number, data: Uint8Array | readonly number[] = []): void {
    const frame = buildResponse(sw3, data);
    if (this.#corruptNext) {
      this.#corruptNext = false;
      frame[frame.length - 1]! ^= 0xff;
    }
    if (this.transport.state === 'open') this.transport.write(frame).catch(() => undefined);
  }

  #receive(chunk: Uint8Array): void {
    for (const event of this.#parser.push(chunk)) {
      if (this.#silent) continue;
      if (event.type === 'error') {
        this.#reply(SW.checksumError);
        continue;
      }
      const [cmd, para] = event.body;
      this.#handle(cmd ?? -1, para ?? -1);
    }
  }

  #handle(cmd: number, para: number): void {
    const is = (c: readonly [number, number]) => c[0] === cmd && c[1] === para;
    if (is(SamCommand.resetSam) || is(SamCommand.samStatus)) {
      this.emit('command', is(SamCommand.resetSam) ? 'resetSam' : 'samStatus');
      this.#reply(is(SamCommand.samStatus) ? this.samStatusCode : SW.ok);
    } else if (is(SamCommand.findCard)) {
      this.emit('command', 'findCard');
      // A find answer carries four bytes of zero after the status.
      this.#reply(this.#card && !this.#readThisPresentation ? SW.cardFound : SW.noCard, [0, 0, 0, 0]);
    } else if (is(SamCommand.selectCard)) {
      this.emit('command', 'selectCard');
      this.#selected = this.#card !== null;
      this.#reply(this.#selected ? SW.ok : SW.selectFailed, [0, 0, 0, 0, 0, 0, 0, 0]);
    } else if (is(SamCommand.read) || is(SamCommand.readWithFingerprint)) {
      this.emit('command', 'read');
      if (this.#pullDuringNextRead) {
        this.#pullDuringNextRead = false;
        this.remove();
        this.#reply(SW.readFailed);
        return;
      }
      if (!this.#card || !this.#selected) {
        this.#reply(SW.readFailed);
        return;
      }
      const withFingerprint = is(SamCommand.readWithFingerprint);
      const blocks: CardBlocks = withFingerprint
        ? { ...this.#card, fingerprint: this.#card.fingerprint ?? new Uint8Array(1024) }
        : { text: this.#card.text, photo: this.#card.photo };
      this.#selected = false;
      this.#readThisPresentation = true;
      this.#reply(SW.ok, buildReadData(blocks));
    } else {
      this.#reply(SW.badCommand);
    }
  }
}
