// The kiosk's models, composed once: settings, the two connections (hall server, device
// agent), which screen shows, the ticketing flow, the idle policy, device fault reporting
// and help requests. Components receive this object and read its signals.
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { ServiceItem } from '@hall/common/domain';
import type { FormSummary } from '@hall/common/forms/submission';
import type { KioskConnection } from './net/hall-connection.ts';
import type { AgentConnection } from './net/agent-connection.ts';
import type { SettingsStore } from './settings/settings-store.ts';
import { createTicketingModel, randomKey, type TicketingModel } from './ticketing/ticketing-model.ts';
import { createClock } from './shell/clock.ts';
import { createIdleController, type IdleController } from './shell/idle.ts';
import { deviceFaults, type Fault } from './shell/faults.ts';
import type { TileId } from './shell/tiles.ts';
import { messages } from './messages.ts';
import { PLAN_AUTOSAVE_KEY } from './floorplan/autosave-key.ts';

export type Screen = { kind: 'home' } | { kind: 'tile'; tile: TileId } | { kind: 'setup-pin' } | { kind: 'setup' };

export type HelpState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed' };

export type GuidesState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'loaded'; items: ServiceItem[] } | { kind: 'failed' };

/** Where 自助填单 starts: a service guide's item (its forms first) or one form straight away. */
export interface FormStart {
  itemId: string | null;
  formId: string | null;
}

/** Title-block values a submitted form hands to the floor-plan editor (从申请表带入). */
export interface HandoffTitle {
  operatorName?: string;
  address?: string;
  area?: number;
  seats?: number;
  businessType?: 'restaurant' | 'canteen' | 'central-kitchen' | 'group-meal';
  coldDishes?: boolean;
  rawSeafood?: boolean;
}

/**
 * A form submitted in this kiosk session: the floor plan drawn next can take its title block
 * from it and is linked to the submission. Kept in memory only (never localStorage) and
 * cleared with the session.
 */
export interface FormHandoff {
  submissionId: string;
  code: string;
  title: HandoffTitle;
}

export interface KioskModel {
  readonly connection: KioskConnection;
  readonly agent: AgentConnection;
  readonly settings: SettingsStore;
  readonly screen: ReadonlySignal<Screen>;
  readonly ticketing: TicketingModel;
  readonly idle: IdleController;
  /** Hall-clock time, ticking once a second. */
  readonly now: ReadonlySignal<number>;
  /** The citizen's display choices; cleared with everything else. */
  readonly elder: ReadonlySignal<boolean>;
  readonly contrast: ReadonlySignal<boolean>;
  readonly help: ReadonlySignal<HelpState>;
  readonly guides: ReadonlySignal<GuidesState>;
  /** The hall's forms (summaries), loaded with the guides: a guide offers 填写申请表 for its item. */
  readonly forms: ReadonlySignal<FormSummary[]>;
  readonly formStart: ReadonlySignal<FormStart>;
  /** A form is half filled: leaving or the idle reset would lose it (the countdown says so). */
  readonly formDirty: ReadonlySignal<boolean>;
  /** The last form submitted this session, for the floor-plan editor; null after every reset. */
  readonly formHandoff: ReadonlySignal<FormHandoff | null>;
  /** A floor plan is drawn: the idle countdown says it will be discarded. */
  readonly planDirty: ReadonlySignal<boolean>;
  /** Current device faults (also sent to the hall server). */
  readonly faults: ReadonlySignal<Fault[]>;
  /** Faults as they appeared since the page loaded, newest first (setup mode's 最近的错误). */
  readonly recentErrors: ReadonlySignal<Array<{ at: number; fault: Fault }>>;
  /** Each time `home()` ran: screens keep local input in components keyed by it. */
  readonly session: ReadonlySignal<number>;
  open(tile: TileId): void;
  /** 自助填单 for a service item or a form (from a guide). */
  openForm(start: FormStart): void;
  setFormDirty(dirty: boolean): void;
  setPlanDirty(dirty: boolean): void;
  /** A form was submitted (forms flow); the floor-plan editor may take its title block. */
  setFormHandoff(handoff: FormHandoff | null): void;
  /** Clear every flow and personal data, go home (完成, idle reset, leaving setup). */
  home(): void;
  toggleElder(): void;
  toggleContrast(): void;
  requestHelp(ticketId?: string): Promise<void>;
  loadGuides(): void;
  enterSetup(): void;
  unlockSetup(): void;
}

export interface KioskModelDeps {
  connection: KioskConnection;
  agent: AgentConnection;
  settings: SettingsStore;
  fetchJson?: (path: string) => Promise<unknown>;
  /** Where the floor-plan editor autosaves during a session (cleared at every reset). */
  planStorage?: Pick<Storage, 'getItem' | 'removeItem'> | undefined;
}

export function createKioskModel({ connection, agent, settings, fetchJson = defaultFetchJson, planStorage = globalThis.localStorage }: KioskModelDeps): KioskModel {
  // A plan autosaved before a reload or crash: the editor opens again with it (and the idle
  // reset, which only runs away from home, will still ask and then clear it).
  const screen = signal<Screen>(planStorage?.getItem(PLAN_AUTOSAVE_KEY) ? { kind: 'tile', tile: 'floorplan' } : { kind: 'home' });
  const elder = signal(false);
  const contrast = signal(false);
  const help = signal<HelpState>({ kind: 'idle' });
  const guides = signal<GuidesState>({ kind: 'idle' });
  const session = signal(0);
  const forms = signal<FormSummary[]>([]);
  const formStart = signal<FormStart>({ itemId: null, formId: null });
  const formDirty = signal(false);
  const planDirty = signal(false);
  const formHandoff = signal<FormHandoff | null>(null);
  const lastPrintFault = signal<Fault | null>(null);

  const ticketing = createTicketingModel({
    issue: (request) => connection.send('ticket:issue', request),
    print: async (slip) => {
      const reply = await agent.printTicket(slip);
      lastPrintFault.value = reply.ok ? null : { device: 'ticketPrinter', code: reply.error.code, message: reply.error.message };
      return reply;
    },
    needsIdentity: (categoryId) => connection.state.value?.categories.find((c) => c.id === categoryId)?.identityRequired ?? false,
    newKey: randomKey,
  });

  function loadGuides(): void {
    if (guides.value.kind === 'loaded' || guides.value.kind === 'loading') return;
    guides.value = { kind: 'loading' };
    fetchJson('/api/service-items').then(
      (items) => (guides.value = { kind: 'loaded', items: items as ServiceItem[] }),
      () => (guides.value = { kind: 'failed' }),
    );
    // Without the list a guide simply offers no form; the forms tile loads its own.
    fetchJson('/api/forms').then(
      (list) => (forms.value = (list as { forms?: FormSummary[] }).forms ?? []),
      () => {},
    );
  }

  function home(): void {
    ticketing.reset();
    elder.value = false;
    contrast.value = false;
    help.value = { kind: 'idle' };
    formStart.value = { itemId: null, formId: null };
    formDirty.value = false;
    planDirty.value = false;
    formHandoff.value = null;
    planStorage?.removeItem(PLAN_AUTOSAVE_KEY);
    session.value++;
    screen.value = { kind: 'home' };
  }

  const idle = createIdleController({
    timing: () => settings.settings.value,
    atHome: () => screen.value.kind === 'home' && !elder.value && !contrast.value,
    onReset: home,
  });

  // Faults go to the hall server whenever they change and after every reconnect, so staff see
  // a printer out of paper before the next citizen finds out.
  const faults = computed(() => deviceFaults(agent.devices.value, agent.status.value === 'online', lastPrintFault.value));
  // Every fault that appears is logged once for setup mode; none carries personal data.
  const recentErrors = signal<Array<{ at: number; fault: Fault }>>([]);
  let previous: Fault[] = [];
  effect(() => {
    const list = faults.value;
    const fresh = list.filter((f) => !previous.some((p) => p.device === f.device && p.code === f.code));
    previous = list;
    if (fresh.length) recentErrors.value = [...fresh.map((fault) => ({ at: Date.now(), fault })), ...recentErrors.peek()].slice(0, 20);
  });

  let sentKey = '';
  effect(() => {
    const list = faults.value;
    // Until the agent's socket has either connected or failed, nothing is known: reporting
    // "agent unreachable" at every start, then clearing it, would only be noise for staff.
    const agentKnown = agent.status.value !== 'connecting';
    const online = connection.status.value === 'online';
    if (!online || !agentKnown) {
      sentKey = '';
      return;
    }
    const key = JSON.stringify(list);
    if (key === sentKey) return;
    sentKey = key;
    void connection.send('device:status', { faults: list }).then((r) => {
      if (!r.ok && sentKey === key) sentKey = '';
    });
  });

  return {
    connection,
    agent,
    settings,
    screen,
    ticketing,
    idle,
    now: createClock(connection.clockOffsetMs),
    elder,
    contrast,
    help,
    guides,
    forms,
    formStart,
    formDirty,
    formHandoff,
    planDirty,
    faults,
    recentErrors,
    session,
    open(tile) {
      if (tile === 'ticketing') ticketing.reset();
      if (tile === 'forms') formStart.value = { itemId: null, formId: null };
      // The grid's search looks through service items too.
      loadGuides();
      screen.value = { kind: 'tile', tile };
    },
    openForm(start) {
      loadGuides();
      formStart.value = start;
      screen.value = { kind: 'tile', tile: 'forms' };
    },
    setFormDirty: (dirty) => void (formDirty.value = dirty),
    setPlanDirty: (dirty) => void (planDirty.value = dirty),
    setFormHandoff: (handoff) => void (formHandoff.value = handoff),
    home,
    toggleElder: () => void (elder.value = !elder.value),
    toggleContrast: () => void (contrast.value = !contrast.value),
    async requestHelp(ticketId) {
      help.value = { kind: 'sending' };
      const name = settings.settings.value.name;
      const note = name ? `${messages.shell.helpNote}（${name}）` : messages.shell.helpNote;
      const reply = await connection.send('help:request', ticketId ? { note, ticketId } : { note });
      help.value = reply.ok ? { kind: 'sent' } : { kind: 'failed' };
    },
    loadGuides,
    enterSetup() {
      ticketing.reset();
      screen.value = { kind: 'setup-pin' };
    },
    unlockSetup() {
      screen.value = { kind: 'setup' };
    },
  };
}

async function defaultFetchJson(path: string): Promise<unknown> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}
