// A thermal ticket printer in software, speaking ESC/POS on a transport: it answers real-time
// status, sends automatic status back when enabled, keeps every ticket it cut (bytes and the
// text on the paper), and can be made to run out of paper or have its cover opened.
import { EventEmitter } from 'node:events';
import type { PrinterCondition } from '@hall/common/agent';
import type { Transport } from '../transport/transport.ts';
import { EscPosDecoder } from './codec-decode.ts';
import { PaperModel, type PrintedPage } from './paper.ts';
import { automaticStatusBlock, emptyCondition, realtimeStatusByte } from './codec-status.ts';

export interface PrintedTicket {
  /** The bytes of this ticket, from the end of the previous cut to its own cut. */
  bytes: Uint8Array;
  page: PrintedPage;
  /** The paper's text, one line per printed line. */
  text: string;
}

export interface PrinterSimulatorEvents {
  printed: [ticket: PrintedTicket];
  condition: [condition: PrinterCondition];
}

/** Caps what the simulator holds for one unfinished ticket: a stream with no cut. */
const MAX_TICKET_BYTES = 1 << 20;
const NEAR_END_LINES = 10;
/** A demo agent runs for days: keep the latest tickets, not all of them. */
const KEEP_TICKETS = 500;

export class PrinterSimulator extends EventEmitter<PrinterSimulatorEvents> {
  /** The latest tickets, oldest first. */
  readonly printed: PrintedTicket[] = [];
  #condition: PrinterCondition = { ...emptyCondition };
  /** Lines left on the roll; null for an endless roll. */
  #paperLeft: number | null = null;
  #decoder = new EscPosDecoder();
  #paper = new PaperModel();
  #asb = false;
  #ticketChunks: Buffer[] = [];
  #ticketStart = 0;
  /** Set when data arrived while the printer could not print: the current page is ruined. */
  #spoiled = false;
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);

  constructor(readonly transport: Transport) {
    super();
    transport.on('data', this.#onData);
  }

  stop(): void {
    this.transport.off('data', this.#onData);
  }

  get condition(): PrinterCondition {
    return { ...this.#condition };
  }

  setPaper(level: 'ok' | 'nearEnd' | 'end'): void {
    this.#paperLeft = level === 'end' ? 0 : null;
    this.#update({ paperNearEnd: level !== 'ok', paperEnd: level === 'end' });
  }

  /**
   * Load a roll that runs out after `lines` printed lines (reporting near-end for the last
   * NEAR_END_LINES): the way to have paper end in the middle of a ticket.
   */
  loadPaper(lines: number): void {
    this.#paperLeft = lines;
    this.#update({ paperEnd: lines <= 0, paperNearEnd: lines <= NEAR_END_LINES });
  }

  #usePaper(lines: number): void {
    if (this.#paperLeft === null) return;
    this.#paperLeft = Math.max(0, this.#paperLeft - lines);
    const paperEnd = this.#paperLeft === 0;
    const paperNearEnd = this.#paperLeft <= NEAR_END_LINES;
    if (paperEnd !== this.#condition.paperEnd || paperNearEnd !== this.#condition.paperNearEnd) this.#update({ paperEnd, paperNearEnd });
  }

  setCoverOpen(open: boolean): void {
    this.#update({ coverOpen: open });
  }

  setCutterError(jammed: boolean): void {
    this.#update({ cutterError: jammed });
  }

  #canPrint(): boolean {
    const c = this.#condition;
    return !(c.paperEnd || c.coverOpen || c.cutterError || c.unrecoverableError);
  }

  #update(change: Partial<PrinterCondition>): void {
    const next = { ...this.#condition, ...change };
    next.offline = next.coverOpen || next.paperEnd;
    this.#condition = next;
    this.emit('condition', this.condition);
    if (this.#asb) this.#send(automaticStatusBlock(next));
  }

  #send(bytes: Uint8Array): void {
    if (this.transport.state === 'open') this.transport.write(bytes).catch(() => undefined);
  }

  #receive(chunk: Buffer): void {
    this.#ticketChunks.push(chunk);
    for (const event of this.#decoder.push(chunk)) {
      switch (event.type) {
        // Real-time commands are answered even when the printer cannot print.
        case 'statusRequest':
          this.#send(Uint8Array.of(realtimeStatusByte(event.n, this.#condition)));
          continue;
        case 'automaticStatusBack':
          this.#asb = (event.mask & 0x0f) !== 0;
          if (this.#asb) this.#send(automaticStatusBlock(this.#condition));
          continue;
        case 'initialize':
          this.#spoiled = false;
          // A ticket's bytes start at its ESC @; status chatter before it is not part of it.
          this.#dropTicketBytesBefore(event.end - 2);
          break;
        default:
          break;
      }
      if (!this.#canPrint()) {
        this.#spoiled = true;
        continue;
      }
      if (event.type === 'lineFeed') this.#usePaper(event.lines);
      const page = this.#paper.apply(event);
      if (page) {
        const bytes = this.#takeTicketBytes(event.end);
        if (!this.#spoiled) {
          const ticket: PrintedTicket = { bytes, page, text: page.lines.map((l) => l.text).join('\n') };
          this.printed.push(ticket);
          if (this.printed.length > KEEP_TICKETS) this.printed.shift();
          this.emit('printed', ticket);
        }
        this.#spoiled = false;
      }
    }
    this.#trimTicketBytes();
  }

  /** Cut the collected bytes at stream offset `end`; what follows starts the next ticket. */
  #takeTicketBytes(end: number): Uint8Array {
    const all = Buffer.concat(this.#ticketChunks);
    const cutAt = end - this.#ticketStart;
    const bytes = new Uint8Array(all.subarray(0, cutAt));
    this.#ticketChunks = [all.subarray(cutAt)];
    this.#ticketStart = end;
    return bytes;
  }

  #dropTicketBytesBefore(offset: number): void {
    const drop = offset - this.#ticketStart;
    if (drop <= 0) return;
    this.#ticketChunks = [Buffer.concat(this.#ticketChunks).subarray(drop)];
    this.#ticketStart = offset;
  }

  #trimTicketBytes(): void {
    let size = 0;
    for (const c of this.#ticketChunks) size += c.length;
    if (size > MAX_TICKET_BYTES) {
      const all = Buffer.concat(this.#ticketChunks);
      const drop = size - MAX_TICKET_BYTES;
      this.#ticketChunks = [all.subarray(drop)];
      this.#ticketStart += drop;
    }
  }
}
