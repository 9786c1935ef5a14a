// 自助填单's screens, loaded on demand (see LazyForms.tsx): the flow model lives as long as
// this component, so the idle reset or 首页 (which unmount it) take the form and the card's
// data with them. Nothing here goes to localStorage.
import './forms.css';
import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { IdCardRead } from '@hall/common/agent';
import type { HallState } from '@hall/common/hall-state';
import type { ServiceItem } from '@hall/common/domain';
import { messages } from '../messages.ts';
import type { AgentConnection } from '../net/agent-connection.ts';
import { DEVICE_TOKEN_KEY } from '../net/hall-connection.ts';
import { IdentityScreen } from '../ticketing/IdentityScreen.tsx';
import { AlreadyScreen } from '../ticketing/AlreadyScreen.tsx';
import { IssuingScreen } from '../ticketing/IssuingScreen.tsx';
import { createTicketingModel, randomKey, type IdentityInput, type TicketingDeps, type TicketingModel } from '../ticketing/ticketing-model.ts';
import { createFormFlow, type FormFlow } from './form-flow.ts';
import { createFormsApi, ticketTokenFromQr, type FormsApi } from './forms-api.ts';
import { recordFromCard, recordFromIdNumber } from './card-prefill.ts';
import { categoryForForm } from './find.ts';
import { planHandoff } from './plan-handoff.ts';
import type { FormHandoff } from '../app-model.ts';
import { FormFinder } from './FormFinder.tsx';
import { FillScreen } from './FillScreen.tsx';
import { ReviewScreen } from './ReviewScreen.tsx';

const f = messages.forms;

/** 'ABCD2345' → 'ABCD 2345' (as common's formatSubmissionCode; a value import from there would bring zod along). */
const formatSubmissionCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code);

export interface FormsFlowProps {
  agent: AgentConnection;
  issue: TicketingDeps['issue'];
  state: HallState | null;
  serviceItems: readonly ServiceItem[];
  /** Opened from a service guide: that item's forms first, or straight into one form. */
  startItemId: string | null;
  startFormId: string | null;
  today: string;
  online: boolean;
  readerReady: boolean;
  /** Tells the shell whether a half-filled form would be lost (the idle warning says so). */
  onDirty: (dirty: boolean) => void;
  onHome: () => void;
  /** A form was submitted: the floor-plan editor of this session may take its title block. */
  onSubmitted?: (handoff: FormHandoff | null) => void;
  /** Go on to draw the floor plan this form needs, keeping the handoff (not through home). */
  onDrawPlan?: () => void;
}

export default function FormsFlow(props: FormsFlowProps) {
  /** This form needs a floor plan (the food licence): the last screen offers to draw it next. */
  const planNext = useSignal(false);
  const today = useRef(props.today);
  today.current = props.today;
  const api = useMemo<FormsApi>(() => createFormsApi({ token: () => localStorage.getItem(DEVICE_TOKEN_KEY) }), []);
  const flow = useMemo<FormFlow>(
    () =>
      createFormFlow({
        api,
        printPdf: (r) => props.agent.printPdf(r),
        today: () => today.current,
        newKey: randomKey,
        onSubmitted: (formId, data, receipt) => {
          const handoff = planHandoff(formId, data, receipt);
          planNext.value = handoff !== null;
          props.onSubmitted?.(handoff);
        },
      }),
    [api],
  );
  // Who the ticket is drawn for: the card or typed number of this flow, never kept elsewhere.
  const person = useRef<IdentityInput | null>(null);
  const categories = useRef(props.state?.categories ?? []);
  categories.current = props.state?.categories ?? [];
  const ticketing = useMemo<TicketingModel>(
    () =>
      createTicketingModel({
        issue: props.issue,
        print: (slip) => props.agent.printTicket(slip),
        needsIdentity: (id) => person.current !== null || (categories.current.find((c) => c.id === id)?.identityRequired ?? false),
        newKey: randomKey,
      }),
    [],
  );
  const leaving = useSignal(false);

  useEffect(() => {
    void flow.loadList();
    if (props.startFormId) void flow.open(props.startFormId);
  }, [flow]);
  const dirty = flow.dirty.value;
  const stepKind = flow.step.value.kind;
  const unsent = dirty && (stepKind === 'fill' || stepKind === 'review' || stepKind === 'submitting');
  useEffect(() => props.onDirty(unsent), [unsent]);
  useEffect(() => () => props.onDirty(false), []);

  const leave = () => (unsent ? (leaving.value = true) : props.onHome());
  const def = flow.definition.value;
  const step = flow.step.value;

  let screen;
  switch (step.kind) {
    case 'find':
      screen = (
        <FormFinder
          forms={flow.forms.value}
          listError={flow.listError.value}
          error={flow.error.value}
          items={props.serviceItems}
          itemId={props.startItemId}
          onRetry={() => void flow.loadList()}
          onOpen={(id) => void flow.open(id)}
          onHome={props.onHome}
        />
      );
      break;
    case 'opening':
    case 'submitting':
      screen = (
        <section class="issuing-screen" aria-busy="true">
          <div class="spinner" />
          <p class="issuing-text">{step.kind === 'opening' ? f.opening : f.submitting}</p>
        </section>
      );
      break;
    case 'materials':
      screen = def && (
        <section class="forms-materials">
          <Bar title={def.title} onBack={flow.back} />
          <div class="forms-page-body">
            <h3 class="materials-title">{f.materialsTitle}</h3>
            <p class="notice-text">{f.materialsIntro}</p>
            <ol class="materials">
              {def.materials.map((m) => (
                <li key={m.title}>
                  {m.title}
                  {!m.required && <span class="forms-optional">{f.optional}</span>}
                  {m.madeBy && <span class="forms-made-here">{f.madeHere}</span>}
                  {m.note && <p class="forms-material-note">{m.note}</p>}
                </li>
              ))}
            </ol>
          </div>
          <div class="forms-nav">
            <button type="button" class="primary-button" data-testid="forms-start" onClick={flow.start}>
              {f.start}
            </button>
          </div>
        </section>
      );
      break;
    case 'card':
      screen = def && (
        <CardStep
          title={def.title}
          readerReady={props.readerReady}
          today={props.today}
          agent={props.agent}
          onPerson={(identity, card) => {
            person.current = identity;
            flow.identify(card ? recordFromCard(card) : recordFromIdNumber(identity.idNumber));
          }}
          onSkip={() => {
            person.current = null;
            flow.identify(null);
          }}
          onBack={flow.back}
        />
      );
      break;
    case 'fill':
      screen = def && <FillScreen flow={flow} def={def} pageId={step.pageId} api={api} today={props.today} onLeave={leave} />;
      break;
    case 'review':
      screen = def && <ReviewScreen flow={flow} def={def} api={api} onLeave={leave} />;
      break;
    case 'submitted':
      screen = def && (
        <Submitted
          flow={flow}
          code={step.receipt.code}
          categoryName={categoryName(props, def.serviceItemIds)}
          online={props.online}
          onDraw={(categoryId) => {
            flow.toTicket();
            ticketing.choose(categoryId);
            if (person.current) ticketing.identify(person.current);
            if (ticketing.step.value.kind === 'confirm') void ticketing.confirm();
          }}
          categoryId={def ? categoryForForm(def, props.serviceItems, props.startItemId) : null}
          agent={props.agent}
          onHome={props.onHome}
        />
      );
      break;
    case 'ticket':
      screen = <TicketStep flow={flow} ticketing={ticketing} online={props.online} readerReady={props.readerReady} today={props.today} agent={props.agent} />;
      break;
    case 'done':
      screen = (
        <section class="forms-done">
          <h2 class="ticket-title">{f.doneTitle}</h2>
          <p class="forms-code">
            {f.code} <b data-testid="form-code">{formatSubmissionCode(step.receipt.code)}</b>
          </p>
          {step.ticketNumber && (
            <p class="ticket-number" data-testid="form-ticket-number">
              {step.ticketNumber}
            </p>
          )}
          <p class="forms-done-text">{step.ticketNumber ? f.doneWithTicket(step.ticketNumber) : f.doneNoTicket}</p>
          {planNext.value && props.onDrawPlan && (
            <button type="button" class="primary-button" data-testid="draw-plan-next" onClick={props.onDrawPlan}>
              {f.drawPlanNext}
            </button>
          )}
          <button type="button" class={planNext.value && props.onDrawPlan ? 'secondary-button' : 'primary-button'} onClick={props.onHome}>
            {f.done}
          </button>
        </section>
      );
      break;
  }

  return (
    <div class="forms-flow">
      {screen}
      {leaving.value && (
        <div class="overlay" role="alertdialog">
          <div class="overlay-box">
            <h2>{f.leaveTitle}</h2>
            <p>{f.leaveText}</p>
            <div class="confirm-actions">
              <button type="button" class="secondary-button" onClick={() => (leaving.value = false)}>
                {f.stay}
              </button>
              <button type="button" class="primary-button" onClick={props.onHome}>
                {f.leave}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

function categoryName(props: FormsFlowProps, itemIds: readonly string[]): string {
  const id = categoryForForm({ serviceItemIds: [...itemIds] }, props.serviceItems, props.startItemId);
  return props.state?.categories.find((c) => c.id === id)?.name ?? '';
}

function Bar({ title, onBack }: { title: string; onBack: () => void }) {
  return (
    <div class="screen-bar">
      <button type="button" class="back-button" onClick={onBack}>
        {messages.common.back}
      </button>
      <h2 class="screen-title">{title}</h2>
    </div>
  );
}

/** The identity screen's card prompt (and ID-number keypad), keeping the whole card for the prefill. */
function CardStep(props: { title: string; readerReady: boolean; today: string; agent: AgentConnection; onPerson: (identity: IdentityInput, card: IdCardRead['card'] | null) => void; onSkip: () => void; onBack: () => void }) {
  const lastCard = useRef<IdCardRead['card'] | null>(null);
  const { agent } = props;
  const subscribe = useMemo(
    () => (listener: (read: IdCardRead) => void) =>
      agent.onIdCard((read) => {
        lastCard.current = read.card;
        listener(read);
      }),
    [agent],
  );
  const onIdentity = useMemo(
    () => (identity: IdentityInput) => {
      const card = lastCard.current && identity.source === 'card' ? lastCard.current : null;
      lastCard.current = null;
      props.onPerson(identity, card);
    },
    [],
  );
  return (
    <div class="forms-card-step">
      <IdentityScreen categoryName={`${f.cardTitle} · ${props.title}`} readerReady={props.readerReady} today={props.today} subscribe={subscribe} onIdentity={onIdentity} onBack={props.onBack} />
      <p class="notice-text">{f.cardIntro}</p>
      <button type="button" class="secondary-button wide forms-skip-card" onClick={props.onSkip}>
        {f.skipCard}
      </button>
    </div>
  );
}

function printText(flow: FormFlow): { kind: string; text: string; detail?: string } {
  const p = flow.print.value;
  switch (p.kind) {
    case 'printing':
      return { kind: 'printing', text: f.printing };
    case 'printed':
      return { kind: 'printed', text: f.printed };
    case 'failed':
      return { kind: 'failed', text: f.printFailedTitle, detail: `${p.message}。${f.printFailedText}` };
    default:
      return { kind: 'none', text: '' };
  }
}

function Submitted(props: { flow: FormFlow; code: string; categoryId: string | null; categoryName: string; online: boolean; agent: AgentConnection; onDraw: (categoryId: string) => void; onHome: () => void }) {
  const { flow } = props;
  const scanning = useSignal(false);
  const scanError = useSignal<string | null>(null);
  const print = printText(flow);
  useEffect(() => {
    if (!scanning.value) return;
    return props.agent.onScan((scan) => {
      const token = ticketTokenFromQr(scan.text);
      if (!token) {
        scanError.value = f.scanWrong;
        return;
      }
      scanError.value = null;
      void flow.attachTicket({ ticketToken: token }, null);
    });
  }, [scanning.value]);
  return (
    <section class="forms-submitted">
      <h2 class="ticket-title">{f.submittedTitle}</h2>
      <p class="forms-code">
        {f.code} <b data-testid="form-code">{formatSubmissionCode(props.code)}</b>
      </p>
      <p class="notice-text">{f.codeNote}</p>
      <div class={`forms-print forms-print-${print.kind}`} role={print.kind === 'failed' ? 'alert' : 'status'} data-testid="forms-print">
        {print.kind === 'printing' && <div class="spinner" />}
        <p class="forms-print-text">{print.text}</p>
        {print.detail && <p class="forms-print-detail">{print.detail}</p>}
        {print.kind === 'failed' && (
          <button type="button" class="secondary-button" onClick={() => void flow.printAgain()}>
            {f.printAgain}
          </button>
        )}
      </div>
      {flow.error.value && (
        <p class="error-box" role="alert">
          {flow.error.value}
        </p>
      )}
      <h3>{f.ticketTitle}</h3>
      {scanning.value ? (
        <div class="forms-scan">
          <p class="identity-reading">{f.scanTicket}</p>
          {scanError.value && <p class="error-box">{scanError.value}</p>}
          <button type="button" class="secondary-button" onClick={() => (scanning.value = false)}>
            {messages.common.back}
          </button>
        </div>
      ) : (
        <div class="confirm-actions forms-ticket-actions">
          {props.categoryId ? (
            <button type="button" class="primary-button" data-testid="forms-draw" disabled={!props.online || print.kind === 'printing'} onClick={() => props.onDraw(props.categoryId!)}>
              {f.drawTicket(props.categoryName)}
            </button>
          ) : (
            <p class="notice-text">{f.noCategory}</p>
          )}
          <button type="button" class="secondary-button" disabled={print.kind === 'printing'} onClick={() => (scanning.value = true)}>
            {f.haveTicket}
          </button>
          <button type="button" class="secondary-button" disabled={print.kind === 'printing'} onClick={() => flow.finish(null)}>
            {f.skipTicket}
          </button>
        </div>
      )}
    </section>
  );
}

/** Drawing the ticket with the ticketing model (identity, already waiting, closed…), then attaching it. */
function TicketStep(props: { flow: FormFlow; ticketing: TicketingModel; online: boolean; readerReady: boolean; today: string; agent: AgentConnection }) {
  const { flow, ticketing } = props;
  const step = ticketing.step.value;
  const onIdentity = useMemo(
    () => (identity: IdentityInput) => {
      ticketing.identify(identity);
      void ticketing.confirm();
    },
    [ticketing],
  );
  const attached = useRef<string | null>(null);
  useEffect(() => {
    if (step.kind === 'ticket' && attached.current !== step.issued.ticket.id) {
      attached.current = step.issued.ticket.id;
      void flow.attachTicket({ ticketId: step.issued.ticket.id }, step.issued.ticket.number);
    }
  }, [step]);
  switch (step.kind) {
    case 'identity':
      return <IdentityScreen categoryName="" readerReady={props.readerReady} today={props.today} subscribe={props.agent.onIdCard} onIdentity={onIdentity} onBack={flow.back} />;
    case 'issuing':
      return <IssuingScreen />;
    case 'printing':
      return <IssuingScreen printing />;
    case 'already':
      return <AlreadyScreen number={step.number} online={props.online} onReprint={() => void ticketing.reprint()} onBack={flow.back} />;
    case 'ticket':
      return (
        <section class="issuing-screen" aria-busy="true">
          <div class="spinner" />
          <p class="issuing-text">{flow.error.value ?? f.attaching}</p>
          {flow.error.value && (
            <button type="button" class="primary-button" onClick={() => void flow.attachTicket({ ticketId: step.issued.ticket.id }, step.issued.ticket.number)}>
              {messages.common.retry}
            </button>
          )}
        </section>
      );
    case 'unavailable':
    case 'confirm':
    case 'choose':
      return (
        <section class="forms-submitted">
          <p class="error-box" role="alert">
            {step.kind === 'unavailable' ? step.message : step.kind === 'confirm' ? (step.error ?? '') : ''}
          </p>
          <div class="confirm-actions">
            <button type="button" class="secondary-button" onClick={flow.back}>
              {messages.common.back}
            </button>
            {step.kind === 'confirm' && (
              <button type="button" class="primary-button" onClick={() => void ticketing.confirm()}>
                {messages.common.retry}
              </button>
            )}
          </div>
        </section>
      );
  }
}
