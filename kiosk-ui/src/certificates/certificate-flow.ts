// 证照打印 as a small state machine in signals, separate from its screens:
//   card → loading → list → (reason, for a reprint) → printing → printed | failed
//                        └→ mail → mailing → mailed
// The identity comes only from a card read (never typed) and lives in this closure: the idle
// reset or 首页 unmount the flow and it is gone. Network, the agent's A4 printing and keys
// come in as arguments, so tests drive the whole flow without a server, agent or browser.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { AgentReply, IdCard, PrintPdfRequest, PrintPdfResult } from '@hall/common/agent';
import type { CardIdentity, KioskCertificate } from '@hall/common/certificates';
import { messages } from '../messages.ts';
import { FormsApiError } from '../forms/forms-api.ts';
import type { CertificatesApi } from './certificates-api.ts';

const c = messages.certificates;

export type CertificateStep =
  | { kind: 'card' }
  | { kind: 'loading' }
  | { kind: 'list' }
  | { kind: 'reason'; id: string }
  | { kind: 'printing'; id: string }
  | { kind: 'printed'; id: string; printCount: number; printLimit: number }
  | { kind: 'failed'; id: string; message: string; reason: string | null }
  | { kind: 'mail'; id: string }
  | { kind: 'mailing'; id: string }
  | { kind: 'mailed'; id: string };

export interface CertificateFlowDeps {
  api: CertificatesApi;
  printPdf: (request: PrintPdfRequest) => Promise<AgentReply<PrintPdfResult>>;
  newKey: () => string;
}

export interface MailInput {
  recipientName: string;
  /** The street address, after the region when one was picked. */
  address: string;
  /** A GB/T 2260 district picked on the screen; none when the card's address is used. */
  regionCode?: string;
  phone: string;
}

export interface CertificateFlow {
  readonly step: ReadonlySignal<CertificateStep>;
  readonly certificates: ReadonlySignal<KioskCertificate[]>;
  readonly error: ReadonlySignal<string | null>;
  /** Name and address from the card, offered for 免费邮寄. */
  readonly cardFacts: ReadonlySignal<{ name: string; address: string } | null>;
  card(card: IdCard): Promise<void>;
  /** 打印: straight away, or to the reason screen when it was printed before. */
  print(id: string): Promise<void>;
  printWithReason(id: string, reason: string): Promise<void>;
  retry(): Promise<void>;
  toMail(id: string): void;
  mail(input: MailInput): Promise<void>;
  backToList(): void;
  /**
   * An uploaded PDF (source 'pdf') as it will print, for the preview; asked for with the card
   * read that opened the list. Fails with the server's Chinese message (FormsApiError).
   */
  preview(id: string): Promise<ArrayBuffer>;
}

export function identityOf(card: IdCard): CardIdentity {
  switch (card.cardType) {
    case 'resident':
      return { idNumber: card.idNumber, source: 'card', cardKind: 'resident' };
    case 'hkMacaoTaiwanPermit':
      return { idNumber: card.idNumber, source: 'card', cardKind: 'permit' };
    case 'foreigner2017':
    case 'foreigner2023':
      return { idNumber: card.cardNumber, source: 'card', cardKind: 'foreigner' };
  }
}

function factsOf(card: IdCard): { name: string; address: string } {
  const name = 'name' in card && typeof card.name === 'string' ? card.name : '';
  const address = 'address' in card && typeof card.address === 'string' ? card.address : '';
  return { name, address };
}

export function createCertificateFlow(deps: CertificateFlowDeps): CertificateFlow {
  const step = signal<CertificateStep>({ kind: 'card' });
  const certificates = signal<KioskCertificate[]>([]);
  const error = signal<string | null>(null);
  const cardFacts = signal<{ name: string; address: string } | null>(null);
  let identity: CardIdentity | null = null;
  let attempt = 0;
  const message = (e: unknown) => (e instanceof FormsApiError ? e.message : c.serverFailed);

  async function refresh(): Promise<void> {
    if (!identity) return;
    try {
      certificates.value = await deps.api.lookup(identity);
    } catch {
      // The list on screen stays; the next action reports a real failure.
    }
  }

  async function printNow(id: string, reason: string | null): Promise<void> {
    if (!identity) return;
    const mine = ++attempt;
    batch(() => {
      error.value = null;
      step.value = { kind: 'printing', id };
    });
    let job;
    let pdf: ArrayBuffer;
    try {
      job = await deps.api.startPrint(id, { idempotencyKey: deps.newKey(), identity, ...(reason ? { reason: reason as never } : {}) });
      pdf = await deps.api.pdf(job.jobId);
    } catch (e) {
      if (mine !== attempt) return;
      batch(() => {
        error.value = message(e);
        step.value = { kind: 'list' };
      });
      void refresh();
      return;
    }
    if (mine !== attempt) return;
    // The printer queue shows the code, never the holder's name.
    const reply = await deps.printPdf({ pdf, title: `cert-${job.code}`, copies: 1 });
    if (mine !== attempt) return;
    if (reply.ok) {
      try {
        const done = await deps.api.outcome(job.jobId, { ok: true });
        step.value = { kind: 'printed', id, printCount: done.printCount, printLimit: done.printLimit };
      } catch {
        // Printed on paper; the count is the server's business once it is reachable again.
        step.value = { kind: 'printed', id, printCount: -1, printLimit: -1 };
      }
    } else {
      // Not counted: the server hears of the failure and tells staff.
      void deps.api.outcome(job.jobId, { ok: false, code: reply.error.code.slice(0, 40), message: reply.error.message.slice(0, 200) }).catch(() => undefined);
      step.value = { kind: 'failed', id, message: reply.error.message, reason };
    }
    void refresh();
  }

  return {
    step,
    certificates,
    error,
    cardFacts,
    async card(card) {
      if (step.value.kind !== 'card' && step.value.kind !== 'list') return;
      const mine = ++attempt;
      identity = identityOf(card);
      batch(() => {
        cardFacts.value = factsOf(card);
        error.value = null;
        step.value = { kind: 'loading' };
      });
      try {
        const found = await deps.api.lookup(identity);
        if (mine !== attempt) return;
        batch(() => {
          certificates.value = found;
          step.value = { kind: 'list' };
        });
      } catch (e) {
        if (mine !== attempt) return;
        identity = null;
        batch(() => {
          error.value = message(e);
          step.value = { kind: 'card' };
        });
      }
    },
    async print(id) {
      const cert = certificates.value.find((x) => x.id === id);
      if (!cert || cert.blocked) return;
      if (cert.printCount > 0) {
        step.value = { kind: 'reason', id };
        return;
      }
      await printNow(id, null);
    },
    printWithReason: (id, reason) => printNow(id, reason),
    async retry() {
      const s = step.value;
      if (s.kind === 'failed') await printNow(s.id, s.reason);
    },
    toMail(id) {
      error.value = null;
      step.value = { kind: 'mail', id };
    },
    async mail(input) {
      const s = step.value;
      if (s.kind !== 'mail' || !identity) return;
      const mine = ++attempt;
      step.value = { kind: 'mailing', id: s.id };
      try {
        await deps.api.mail(s.id, { idempotencyKey: deps.newKey(), identity, ...input });
        if (mine === attempt) step.value = { kind: 'mailed', id: s.id };
      } catch (e) {
        if (mine !== attempt) return;
        batch(() => {
          error.value = message(e);
          step.value = { kind: 'mail', id: s.id };
        });
      }
    },
    async preview(id) {
      if (!identity) throw new FormsApiError('NO_CARD', c.cardTitle);
      return deps.api.preview(id, identity);
    },
    backToList() {
      ++attempt;
      batch(() => {
        error.value = null;
        step.value = { kind: 'list' };
      });
    },
  };
}
