// 自助填单 as a small state machine in signals, separate from its screens:
//   find → opening → materials → card → fill (page by page) → review → submitting → printing
//   → printed → ticket (draw one, or attach one already held) → done
// Network (the hall server's forms API), the device agent (A4 printing) and the clock come in
// as arguments, so tests drive the whole flow without a server, an agent or a browser.
//
// The region pickers' data (GB/T 2260) comes from the hall server too (region-data.ts):
// GET /api/regions and GET /api/regions/:province/streets (common/src/forms/submission.ts).
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { AgentReply, PrintPdfRequest, PrintPdfResult } from '@hall/common/agent';
import type { FormDefinition } from '@hall/common/forms/definition';
import { getPath, setPath } from '@hall/common/forms/fields';
import type { PrefillRecord } from '@hall/common/forms/prefill';
import type { FormSummary, SubmissionReceipt } from '@hall/common/forms/submission';
import { messages } from '../messages.ts';
import { FormsApiError, type FormsApi } from './forms-api.ts';
import { startData } from './card-prefill.ts';
import { nextPageId, pageFields, previousPageId, submittableData, visiblePages, hasOwnInput } from './pages.ts';
import { validateForm, type FieldIssue } from './validate.ts';

const f = messages.forms;

export type PrintState = { kind: 'none' } | { kind: 'printing' } | { kind: 'printed' } | { kind: 'failed'; code: string; message: string };

export type FormStep =
  | { kind: 'find' }
  | { kind: 'opening'; formId: string }
  | { kind: 'materials' }
  | { kind: 'card' }
  | { kind: 'fill'; pageId: string }
  | { kind: 'review' }
  | { kind: 'submitting' }
  | { kind: 'submitted'; receipt: SubmissionReceipt }
  | { kind: 'ticket'; receipt: SubmissionReceipt }
  | { kind: 'done'; receipt: SubmissionReceipt; ticketNumber: string | null };

export interface FormFlowDeps {
  api: FormsApi;
  printPdf: (request: PrintPdfRequest) => Promise<AgentReply<PrintPdfResult>>;
  /** The hall's date, 'YYYY-MM-DD' (birth dates, signing date, check digits). */
  today: () => string;
  newKey: () => string;
  /** After a submission succeeds: what it hands to the floor-plan editor in this session. */
  onSubmitted?: (formId: string, data: Record<string, unknown>, receipt: SubmissionReceipt) => void;
}

export interface FormFlow {
  readonly step: ReadonlySignal<FormStep>;
  readonly forms: ReadonlySignal<FormSummary[] | null>;
  readonly listError: ReadonlySignal<string | null>;
  readonly definition: ReadonlySignal<FormDefinition | null>;
  readonly data: ReadonlySignal<Record<string, unknown>>;
  /** Who is filling: from the ID card or a typed number; empty when neither. */
  readonly record: ReadonlySignal<PrefillRecord>;
  /** Fields the card filled that the citizen has not touched yet (highlighted "please check"). */
  readonly prefilled: ReadonlySignal<ReadonlySet<string>>;
  /** Problems shown beside fields: those of pages the citizen tried to leave, kept up to date. */
  readonly issues: ReadonlySignal<ReadonlyMap<string, FieldIssue>>;
  /** A failure of the current step, in Chinese (opening, submitting, attaching). */
  readonly error: ReadonlySignal<string | null>;
  readonly print: ReadonlySignal<PrintState>;
  /** True once the citizen has put something of their own into the form (the idle reset asks first). */
  readonly dirty: ReadonlySignal<boolean>;
  loadList(): Promise<void>;
  open(formId: string): Promise<void>;
  /** From the materials to the card prompt. */
  start(): void;
  /** The person is known (card read or number typed), or null to fill without. */
  identify(record: PrefillRecord | null): void;
  set(path: string, value: unknown): void;
  next(): void;
  previous(): void;
  /** From the review back to one page, to change something. */
  edit(pageId: string): void;
  submit(): Promise<void>;
  printAgain(): Promise<void>;
  /** The ticket part of the flow (the screens drive the ticketing model). */
  toTicket(): void;
  attachTicket(ticket: { ticketId: string } | { ticketToken: string }, number: string | null): Promise<boolean>;
  finish(ticketNumber: string | null): void;
  back(): void;
}

export function createFormFlow(deps: FormFlowDeps): FormFlow {
  const step = signal<FormStep>({ kind: 'find' });
  const forms = signal<FormSummary[] | null>(null);
  const listError = signal<string | null>(null);
  const definition = signal<FormDefinition | null>(null);
  const data = signal<Record<string, unknown>>({});
  const startedWith = signal<Record<string, unknown>>({});
  const record = signal<PrefillRecord>({});
  const prefilled = signal<ReadonlySet<string>>(new Set());
  const issues = signal<ReadonlyMap<string, FieldIssue>>(new Map());
  const checkedPages = signal<ReadonlySet<string>>(new Set());
  const error = signal<string | null>(null);
  const print = signal<PrintState>({ kind: 'none' });
  const dirty = signal(false);
  let key = '';
  // An answer to an abandoned request (the citizen went back) must not move the flow.
  let attempt = 0;

  const message = (e: unknown) => (e instanceof FormsApiError ? e.message : f.serverFailed);

  function revalidate(): FieldIssue[] {
    const def = definition.value;
    if (!def) return [];
    const all = validateForm(def, submittableData(def, data.value), deps.today());
    const shownOnChecked = new Set(
      [...checkedPages.value].flatMap((pageId) => pageFields(def, data.value, pageId).map((p) => p.field.path)),
    );
    issues.value = new Map(all.filter((i) => shownOnChecked.has(i.path)).map((i) => [i.path, i]));
    return all;
  }

  function firstPage(): string | null {
    const def = definition.value;
    return def ? (visiblePages(def, data.value)[0]?.page.id ?? null) : null;
  }

  async function printReceipt(receipt: SubmissionReceipt, mine: number): Promise<void> {
    print.value = { kind: 'printing' };
    let pdf: ArrayBuffer;
    try {
      pdf = await deps.api.pdf(receipt.id);
    } catch (e) {
      if (mine === attempt) print.value = { kind: 'failed', code: e instanceof FormsApiError ? e.code : 'PDF_FAILED', message: message(e) };
      return;
    }
    if (mine !== attempt) return;
    // The printer queue shows the title: the code, never the citizen's name.
    const reply = await deps.printPdf({ pdf, title: `form-${receipt.code}`, copies: 1 });
    if (mine !== attempt) return;
    print.value = reply.ok ? { kind: 'printed' } : { kind: 'failed', code: reply.error.code, message: reply.error.message };
  }

  return {
    step,
    forms,
    listError,
    definition,
    data,
    record,
    prefilled,
    issues,
    error,
    print,
    dirty,
    async loadList() {
      listError.value = null;
      try {
        forms.value = await deps.api.list();
      } catch (e) {
        listError.value = message(e);
      }
    },
    async open(formId) {
      const mine = ++attempt;
      error.value = null;
      step.value = { kind: 'opening', formId };
      try {
        const def = await deps.api.definition(formId);
        if (mine !== attempt) return;
        batch(() => {
          definition.value = def;
          data.value = {};
          key = deps.newKey();
          step.value = { kind: 'materials' };
        });
      } catch (e) {
        if (mine !== attempt) return;
        batch(() => {
          error.value = message(e);
          step.value = { kind: 'find' };
        });
      }
    },
    start() {
      if (definition.value) step.value = { kind: 'card' };
    },
    identify(person) {
      const def = definition.value;
      if (!def) return;
      const started = startData(def, person ?? {}, deps.today());
      batch(() => {
        record.value = person ?? {};
        data.value = started.data;
        startedWith.value = started.data;
        prefilled.value = new Set(started.filled);
        issues.value = new Map();
        checkedPages.value = new Set();
        dirty.value = false;
        const first = firstPage();
        if (first) step.value = { kind: 'fill', pageId: first };
      });
    },
    set(path, value) {
      const def = definition.value;
      if (!def) return;
      batch(() => {
        data.value = setPath(data.value, path, value);
        if (prefilled.value.has(path)) prefilled.value = new Set([...prefilled.value].filter((p) => p !== path));
        // A phone typed once is offered for the form's other phone fields.
        if (def.layout.pages.some((p) => p.groups.some((g) => g.fields.some((fl) => fl.path === path && fl.widget === 'phone'))) && typeof value === 'string' && /^1\d{10}$/.test(value)) {
          record.value = { ...record.value, applicant: { ...record.value.applicant, phone: record.value.applicant?.phone ?? value } };
        }
        dirty.value = hasOwnInput(def, data.value, startedWith.value);
        if (checkedPages.value.size > 0) revalidate();
      });
    },
    next() {
      const current = step.value;
      const def = definition.value;
      if (current.kind !== 'fill' || !def) return;
      batch(() => {
        // This page and every one before it: an answer here can make a field of an earlier
        // page required (座位数 once 餐饮 is chosen), and that page is where to go.
        const order = visiblePages(def, data.value).map((p) => p.page.id);
        const upTo = order.slice(0, order.indexOf(current.pageId) + 1);
        checkedPages.value = new Set([...checkedPages.value, ...upTo]);
        const all = revalidate();
        const here = new Set(pageFields(def, data.value, current.pageId).map((p) => p.field.path));
        for (const pageId of upTo) {
          const fields = new Set(pageFields(def, data.value, pageId).map((p) => p.field.path));
          if (all.some((i) => i.level === 'error' && fields.has(i.path))) {
            if (pageId !== current.pageId) step.value = { kind: 'fill', pageId };
            return;
          }
        }
        // Leaving the page: the card's values shown on it count as looked at and confirmed.
        prefilled.value = new Set([...prefilled.value].filter((p) => !here.has(p)));
        const next = nextPageId(def, data.value, current.pageId);
        step.value = next ? { kind: 'fill', pageId: next } : { kind: 'review' };
      });
    },
    previous() {
      const current = step.value;
      const def = definition.value;
      if (!def) return;
      if (current.kind === 'review') {
        const pages = visiblePages(def, data.value);
        step.value = { kind: 'fill', pageId: pages.at(-1)!.page.id };
      } else if (current.kind === 'fill') {
        const previous = previousPageId(def, data.value, current.pageId);
        step.value = previous ? { kind: 'fill', pageId: previous } : { kind: 'card' };
      }
    },
    edit(pageId) {
      if (step.value.kind === 'review') step.value = { kind: 'fill', pageId };
    },
    async submit() {
      const def = definition.value;
      if (!def || step.value.kind !== 'review') return;
      const submitted = submittableData(def, data.value);
      // Every page once more: a rule changed on a later page may have left an earlier one short.
      checkedPages.value = new Set(visiblePages(def, data.value).map((p) => p.page.id));
      const problems = revalidate().filter((i) => i.level === 'error');
      if (problems.length > 0) {
        const page = visiblePages(def, data.value).find((p) => p.groups.some((g) => g.fields.some((fl) => fl.field.path === problems[0]!.path)));
        error.value = f.fixFirst;
        if (page) step.value = { kind: 'fill', pageId: page.page.id };
        return;
      }
      const mine = ++attempt;
      error.value = null;
      step.value = { kind: 'submitting' };
      try {
        // The same key on a retry: a submission that did arrive is returned, not duplicated.
        const receipt = await deps.api.submit({ formId: def.id, formVersion: def.version, data: submitted, idempotencyKey: key });
        if (mine !== attempt) return;
        step.value = { kind: 'submitted', receipt };
        deps.onSubmitted?.(def.id, submitted, receipt);
        await printReceipt(receipt, mine);
      } catch (e) {
        if (mine !== attempt) return;
        batch(() => {
          error.value = message(e);
          if (e instanceof FormsApiError && e.field) {
            const page = visiblePages(def, data.value).find((p) => p.groups.some((g) => g.fields.some((fl) => e.field === fl.field.path || e.field!.startsWith(`${fl.field.path}.`))));
            if (page) {
              step.value = { kind: 'fill', pageId: page.page.id };
              return;
            }
          }
          step.value = { kind: 'review' };
        });
      }
    },
    async printAgain() {
      const current = step.value;
      if (current.kind !== 'submitted') return;
      await printReceipt(current.receipt, attempt);
    },
    toTicket() {
      const current = step.value;
      if (current.kind === 'submitted') step.value = { kind: 'ticket', receipt: current.receipt };
    },
    async attachTicket(ticket, number) {
      const current = step.value;
      if (current.kind !== 'ticket' && current.kind !== 'submitted') return false;
      const mine = ++attempt;
      error.value = null;
      try {
        const receipt = await deps.api.attachTicket(current.receipt.id, ticket);
        if (mine !== attempt) return false;
        step.value = { kind: 'done', receipt, ticketNumber: receipt.ticketNumber ?? number };
        return true;
      } catch (e) {
        if (mine === attempt) error.value = message(e);
        return false;
      }
    },
    finish(ticketNumber) {
      const current = step.value;
      if (current.kind === 'submitted' || current.kind === 'ticket') step.value = { kind: 'done', receipt: current.receipt, ticketNumber };
    },
    back() {
      attempt++;
      error.value = null;
      const current = step.value;
      switch (current.kind) {
        case 'materials':
        case 'opening':
          step.value = { kind: 'find' };
          break;
        case 'card':
          step.value = { kind: 'materials' };
          break;
        case 'ticket':
          step.value = { kind: 'submitted', receipt: current.receipt };
          break;
        default:
          break;
      }
    },
  };
}

/** The value at a path as the screens read it. */
export function valueAt(data: Record<string, unknown>, path: string): unknown {
  return getPath(data, path);
}
