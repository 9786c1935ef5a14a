// The editor's state and what the screen can ask of it (signals, after preactjs/signals:
// the model is built apart from the components, which only take props). Every change to the
// plan goes through record(), so undo and redo cover everything; the plan, its history and
// the save key are written to the session's storage after every change and read back after a
// reload. Network and printer come in as adapters.
import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import {
  addElement,
  addWall,
  applyAction,
  checkPlan,
  duplicateElement,
  emptyPlan,
  fitView,
  findElement,
  identityView,
  lengthToMetres,
  m,
  migratePlan,
  moveWallEndpoint,
  planPoints,
  bounds,
  pointAtLength,
  pt,
  px,
  ptPx,
  record,
  redo as redoHistory,
  removeElement,
  resizeElement,
  rotateElement,
  setTitle as setTitleAction,
  startHistory,
  toMetres,
  undo as undoHistory,
  updateElement,
  wallById,
  wallSegment,
  zoomAt,
  panBy,
  type CheckReport,
  type EditAction,
  type ElementId,
  type FloorPlan,
  type FlowKind,
  type History,
  type Metres,
  type Point,
  type RuleSet,
  type TitleBlock,
  type ViewTransform,
  type ZoneType,
  EditError,
} from '@hall/common/floorplan/index';
import type { AgentReply, PrintPdfRequest, PrintPdfResult } from '@hall/common/agent';
import type { FormHandoff } from '../app-model.ts';
import { PLAN_AUTOSAVE_KEY } from './autosave-key.ts';
import type { Gesture } from './gesture.ts';
import type { PlanApi, TemplateId } from './plan-api.ts';
import { defaultToolOptions, drag, press, release, type Measurement, type ToolId, type ToolOptions, type ToolState } from './tools.ts';

export type EditorStep = 'start' | 'edit' | 'title';

export type PrintState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'printing' } | { kind: 'done'; code: string; ticketNumber: string | null } | { kind: 'failed'; message: string };

export interface LabelDraft {
  id: ElementId | null;
  at: Point<Metres>;
  text: string;
}

export type KeypadTarget = { kind: 'wallLength'; wallId: ElementId } | { kind: 'fixtureSize'; fixtureId: ElementId; side: 'width' | 'depth' };

/** The largest fixture size typed on the keypad (a long counter or shelf run fits). */
export const MAX_FIXTURE_SIZE = 20;

/** The finger's reach on screen (a fingertip is about 10 mm across on a kiosk). */
export const FINGER_RADIUS_PX = 28;

export interface EditorDeps {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  api: PlanApi;
  printPdf: (request: PrintPdfRequest) => Promise<AgentReply<PrintPdfResult>>;
  newKey: () => string;
  /** Today, YYYY-MM-DD (the hall's time zone). */
  today: () => string;
  messages: { noWall: string; printFailed: string; offline: string };
}

interface Saved {
  v: 1;
  step: EditorStep;
  plan: unknown;
  past: EditAction[];
  future: EditAction[];
  idempotencyKey: string;
  planId: string | null;
  ruleSetId: string;
  /** The form submission the plan is linked to (从申请表带入); absent in older entries. */
  submission?: { id: string; code: string } | null;
}

export interface EditorModel {
  readonly step: ReadonlySignal<EditorStep>;
  readonly history: ReadonlySignal<History>;
  /** The plan as drawn now: the history's plan with a move in progress applied. */
  readonly shown: ReadonlySignal<FloorPlan>;
  readonly view: ReadonlySignal<ViewTransform>;
  readonly tool: ReadonlySignal<ToolId>;
  readonly options: ReadonlySignal<ToolOptions>;
  readonly toolState: ReadonlySignal<ToolState>;
  readonly selected: ReadonlySignal<ElementId | null>;
  /** A checklist rule tapped: its elements are highlighted. */
  readonly highlight: ReadonlySignal<{ ruleId: string; ids: ElementId[] } | null>;
  readonly measurement: ReadonlySignal<Measurement | null>;
  readonly notice: ReadonlySignal<string | null>;
  readonly ruleSet: ReadonlySignal<RuleSet | null>;
  readonly report: ReadonlySignal<CheckReport | null>;
  readonly keypad: ReadonlySignal<{ target: KeypadTarget; value: string } | null>;
  /** A text label being typed: a new one (id null) or the one being edited. */
  readonly labelDraft: ReadonlySignal<LabelDraft | null>;
  readonly printState: ReadonlySignal<PrintState>;
  /** A ticket scanned from its slip's QR: the plan is linked to it when saved. */
  readonly ticketToken: ReadonlySignal<string | null>;
  /** A form submitted in this session whose title block was taken: the plan is linked to it when saved. */
  readonly submission: ReadonlySignal<{ id: string; code: string } | null>;
  /** True once something is drawn: leaving or the idle reset would lose it. */
  readonly dirty: ReadonlySignal<boolean>;
  readonly restored: boolean;
  /** The rule set a restored plan was checked with (else the server's default applies). */
  readonly restoredRuleSetId: string | null;

  setScreen(width: number, height: number): void;
  setRuleSet(set: RuleSet): void;
  startBlank(width: number, depth: number): void;
  startTemplate(id: TemplateId): Promise<void>;
  gesture(g: Gesture): void;
  setTool(tool: ToolId): void;
  setOptions(patch: Partial<ToolOptions>): void;
  select(id: ElementId | null): void;
  undo(): void;
  redo(): void;
  deleteSelected(): void;
  duplicateSelected(): void;
  rotateSelected(degrees: number): void;
  resizeSelected(factor: number): void;
  setZoneType(type: ZoneType): void;
  setFlowKind(kind: FlowKind): void;
  toggleDoor(field: 'exterior' | 'selfClosing'): void;
  flipDoor(): void;
  setTitle(patch: Partial<TitleBlock>): void;
  addMeasurementAsDimension(): void;
  tapRule(ruleId: string): void;
  openKeypad(target: KeypadTarget): void;
  keypadInput(value: string): void;
  keypadDone(): void;
  closeKeypad(): void;
  /** Edit the text of a label (the selected one, from the selection panel). */
  editLabel(id: ElementId): void;
  labelInput(text: string): void;
  /** Add the new label or change the edited one (an emptied label is deleted); one history step. */
  labelDone(): void;
  labelCancel(): void;
  fit(): void;
  zoom(factor: number): void;
  goTo(step: EditorStep): void;
  print(): Promise<void>;
  linkTicket(token: string): void;
  /** 从申请表带入: the title block from the session's submitted form, and the link to it. */
  takeFromForm(handoff: FormHandoff): void;
  /** Forget the plan (the applicant confirmed, or the kiosk reset). */
  discard(): void;
}

export function createEditorModel(deps: EditorDeps): EditorModel {
  const step = signal<EditorStep>('start');
  const history = signal<History>(startHistory(emptyPlan()));
  const view = signal<ViewTransform>(identityView(50));
  const screen = signal({ width: 800, height: 800 });
  const tool = signal<ToolId>('wall');
  const options = signal<ToolOptions>(defaultToolOptions);
  const toolState = signal<ToolState>({ phase: 'idle' });
  const selected = signal<ElementId | null>(null);
  const highlight = signal<{ ruleId: string; ids: ElementId[] } | null>(null);
  const measurement = signal<Measurement | null>(null);
  const notice = signal<string | null>(null);
  const ruleSet = signal<RuleSet | null>(null);
  const keypad = signal<{ target: KeypadTarget; value: string } | null>(null);
  const printState = signal<PrintState>({ kind: 'idle' });
  const ticketToken = signal<string | null>(null);
  const labelDraft = signal<LabelDraft | null>(null);
  const submission = signal<{ id: string; code: string } | null>(null);
  let linkedToken: string | null = null;
  let idempotencyKey = deps.newKey();
  let planId: string | null = null;
  let restored = false;
  let restoredRuleSetId: string | null = null;
  let nextId = 1;

  const shown = computed(() => {
    const s = toolState.value;
    if (s.phase === 'moving' && s.action) {
      try {
        return applyAction(history.value.plan, s.action);
      } catch {
        return history.value.plan;
      }
    }
    return history.value.plan;
  });
  const report = computed(() => (ruleSet.value ? checkPlan(history.value.plan, ruleSet.value) : null));
  const dirty = computed(() => step.value !== 'start');

  // --- restore and autosave ------------------------------------------------------------------
  try {
    const raw = deps.storage.getItem(PLAN_AUTOSAVE_KEY);
    if (raw) {
      const saved = JSON.parse(raw) as Saved;
      const parsed = migratePlan(saved.plan);
      if (saved.v === 1 && parsed.ok) {
        history.value = { plan: parsed.plan, past: saved.past ?? [], future: saved.future ?? [] };
        step.value = saved.step === 'start' ? 'edit' : saved.step;
        idempotencyKey = saved.idempotencyKey || idempotencyKey;
        planId = saved.planId;
        restoredRuleSetId = saved.ruleSetId || null;
        submission.value = saved.submission ?? null;
        restored = true;
      }
    }
  } catch {
    // A corrupt entry is dropped: the kiosk must start.
    deps.storage.removeItem(PLAN_AUTOSAVE_KEY);
  }
  let discarded = false;
  effect(() => {
    const h = history.value;
    const s = step.value;
    const ruleSetId = ruleSet.value?.id ?? restoredRuleSetId ?? '';
    if (discarded || s === 'start') return;
    const saved: Saved = { v: 1, step: s, plan: h.plan, past: [...h.past], future: [...h.future], idempotencyKey, planId, ruleSetId, submission: submission.value };
    try {
      deps.storage.setItem(PLAN_AUTOSAVE_KEY, JSON.stringify(saved));
    } catch {
      // Storage full: the plan stays on screen; nothing else to do.
    }
  });

  const newId = (): ElementId => {
    const plan = history.peek().plan;
    let id = `e${nextId++}`;
    while (findElement(plan, id)) id = `e${nextId++}`;
    return id;
  };

  function commit(action: EditAction | undefined): void {
    if (!action) return;
    try {
      history.value = record(history.peek(), action);
      measurement.value = null;
    } catch (e) {
      if (e instanceof EditError) notice.value = e.message;
      else throw e;
    }
  }

  const radius = (): Metres => lengthToMetres(view.peek(), px(FINGER_RADIUS_PX));
  const ctx = () => ({ plan: history.peek().plan, tool: tool.peek(), options: options.peek(), radius: radius(), newId, selected: selected.peek() });

  function fit(): void {
    const plan = history.peek().plan;
    const box = bounds(planPoints(plan)) ?? { min: pt(0, 0), max: pt(6, 8) };
    view.value = fitView(box, { width: px(screen.peek().width), height: px(screen.peek().height) }, 50, px(48));
  }

  function begin(plan: FloorPlan): void {
    batch(() => {
      history.value = startHistory(plan);
      idempotencyKey = deps.newKey();
      planId = null;
      selected.value = null;
      highlight.value = null;
      printState.value = { kind: 'idle' };
      step.value = 'edit';
      tool.value = 'wall';
      fit();
    });
  }

  function withSelected(build: (plan: FloorPlan, id: ElementId) => EditAction | undefined): void {
    const id = selected.peek();
    if (!id) return;
    try {
      commit(build(history.peek().plan, id));
    } catch (e) {
      if (e instanceof EditError) notice.value = e.message;
      else throw e;
    }
  }

  const model: EditorModel = {
    step,
    history,
    shown,
    view,
    tool,
    options,
    toolState,
    selected,
    highlight,
    measurement,
    notice,
    ruleSet,
    report,
    keypad,
    labelDraft,
    printState,
    ticketToken,
    submission,
    dirty,
    restored,
    restoredRuleSetId,
    setScreen(width, height) {
      const first = screen.peek().width === 800 && screen.peek().height === 800;
      screen.value = { width, height };
      if (first && step.peek() !== 'start') fit();
    },
    setRuleSet: (set) => void (ruleSet.value = set),
    startBlank(width, depth) {
      let plan = emptyPlan({ drawnOn: deps.today() });
      const corners = [pt(0, 0), pt(width, 0), pt(width, depth), pt(0, depth)];
      const ids = (() => {
        let n = 1;
        return () => `e${n++}`;
      })();
      // Four outer walls, joined at the corners; the starting point of the history.
      for (let i = 0; i < 4; i++) plan = applyAction(plan, addWall(plan, corners[i]!, corners[(i + 1) % 4]!, m(0.24), () => {
        let id = ids();
        while (findElement(plan, id)) id = ids();
        return id;
      }));
      nextId = 100;
      begin(plan);
    },
    async startTemplate(id) {
      notice.value = null;
      try {
        const plan = await deps.api.template(id);
        nextId = 1000;
        begin({ ...plan, title: { ...plan.title, drawnOn: deps.today() } });
        tool.value = 'select';
      } catch (e) {
        notice.value = e instanceof Error ? e.message : String(e);
      }
    },
    gesture(g) {
      if (g.kind === 'view') {
        view.value = panBy(zoomAt(view.peek(), g.factor, g.around), px(g.dx), px(g.dy));
        return;
      }
      if (g.kind === 'cancel') {
        toolState.value = { phase: 'idle' };
        return;
      }
      const at = toMetres(view.peek(), g.at);
      const c = ctx();
      const result = g.kind === 'press' ? press(c, at) : g.kind === 'drag' ? drag(c, toolState.peek(), at) : release(c, toolState.peek(), at, g.tap);
      batch(() => {
        if (g.kind === 'press') notice.value = null;
        commit(result.action);
        toolState.value = result.state;
        if (result.select !== undefined) selected.value = result.select;
        if (result.measurement) measurement.value = result.measurement;
        if (result.label) {
          const id = result.label.id;
          labelDraft.value = { ...result.label, text: id ? (history.peek().plan.labels.find((l) => l.id === id)?.text ?? '') : '' };
        }
        if (result.problem) notice.value = result.problem === 'noWall' ? deps.messages.noWall : result.problem;
      });
    },
    setTool(t) {
      batch(() => {
        tool.value = t;
        toolState.value = { phase: 'idle' };
        if (t !== 'measure') measurement.value = null;
        if (t !== 'select') selected.value = null;
        labelDraft.value = null;
      });
    },
    setOptions: (patch) => void (options.value = { ...options.peek(), ...patch }),
    select: (id) => void (selected.value = id),
    undo() {
      history.value = undoHistory(history.peek());
      if (selected.peek() && !findElement(history.peek().plan, selected.peek()!)) selected.value = null;
    },
    redo() {
      history.value = redoHistory(history.peek());
      if (selected.peek() && !findElement(history.peek().plan, selected.peek()!)) selected.value = null;
    },
    deleteSelected() {
      withSelected((plan, id) => removeElement(plan, id));
      selected.value = null;
    },
    duplicateSelected() {
      const before = new Set(history.peek().plan.fixtures.map((f) => f.id));
      withSelected((plan, id) => duplicateElement(plan, id, newId));
      const plan = history.peek().plan;
      const copy = plan.fixtures.find((f) => !before.has(f.id)) ?? plan.zones.at(-1);
      if (copy && findElement(plan, copy.id) && copy.id !== selected.peek()) selected.value = copy.id;
    },
    rotateSelected: (degrees) => withSelected((plan, id) => rotateElement(plan, id, degrees)),
    resizeSelected(factor) {
      withSelected((plan, id) => {
        const found = findElement(plan, id)!;
        const el = found.element as { width?: number; depth?: number; thickness?: number; size?: number };
        if (found.collection === 'fixtures') return resizeElement(plan, id, { width: m(round2(el.width! * factor)), depth: m(round2(el.depth! * factor)) });
        if (found.collection === 'openings') return resizeElement(plan, id, { width: m(round2(el.width! * factor)) });
        if (found.collection === 'walls') return resizeElement(plan, id, { thickness: m(Math.min(1, round2(el.thickness! * factor))) });
        if (found.collection === 'labels') return resizeElement(plan, id, { size: m(round2(el.size! * factor)) });
        return undefined;
      });
    },
    setZoneType(type) {
      withSelected((plan, id) => (findElement(plan, id)?.collection === 'zones' ? updateElement(plan, 'zones', id, { type }) : undefined));
      options.value = { ...options.peek(), zone: type };
    },
    setFlowKind(kind) {
      withSelected((plan, id) => (findElement(plan, id)?.collection === 'flows' ? updateElement(plan, 'flows', id, { kind }) : undefined));
      options.value = { ...options.peek(), flow: kind };
    },
    toggleDoor(field) {
      withSelected((plan, id) => {
        const o = plan.openings.find((e) => e.id === id);
        if (!o || o.kind !== 'door') return undefined;
        return updateElement(plan, 'openings', id, { [field]: !o[field] } as never);
      });
    },
    flipDoor() {
      withSelected((plan, id) => {
        const o = plan.openings.find((e) => e.id === id);
        if (!o || o.kind !== 'door') return undefined;
        // Four positions in turn: hinge start/end × opening left/right.
        const order = [
          { hinge: 'start', side: 'left' },
          { hinge: 'end', side: 'left' },
          { hinge: 'end', side: 'right' },
          { hinge: 'start', side: 'right' },
        ] as const;
        const i = order.findIndex((s) => s.hinge === o.swing.hinge && s.side === o.swing.side);
        return updateElement(plan, 'openings', id, { swing: { ...order[(i + 1) % 4]! } } as never);
      });
    },
    setTitle(patch) {
      commit(setTitleAction(history.peek().plan, patch));
    },
    addMeasurementAsDimension() {
      const mm = measurement.peek();
      if (!mm) return;
      const plan = history.peek().plan;
      commit({ type: 'add', collection: 'dimensions', element: { id: newId(), from: mm.from, to: mm.to, offset: m(0.3) }, index: plan.dimensions.length });
    },
    tapRule(ruleId) {
      const result = report.peek()?.results.find((r) => r.ruleId === ruleId);
      if (!result) return;
      highlight.value = highlight.peek()?.ruleId === ruleId ? null : { ruleId, ids: result.elementIds };
    },
    openKeypad(target) {
      keypad.value = { target, value: '' };
    },
    keypadInput(value) {
      const k = keypad.peek();
      if (k) keypad.value = { ...k, value };
    },
    closeKeypad: () => void (keypad.value = null),
    editLabel(id) {
      const l = history.peek().plan.labels.find((e) => e.id === id);
      if (l) labelDraft.value = { id, at: l.at, text: l.text };
    },
    labelInput(text) {
      const d = labelDraft.peek();
      if (d) labelDraft.value = { ...d, text };
    },
    labelCancel: () => void (labelDraft.value = null),
    labelDone() {
      const d = labelDraft.peek();
      labelDraft.value = null;
      if (!d) return;
      const text = d.text.trim().slice(0, 60);
      const plan = history.peek().plan;
      const old = d.id ? plan.labels.find((l) => l.id === d.id) : undefined;
      if (d.id && !old) return;
      try {
        if (!old) {
          if (text) commit(addElement(plan, 'labels', { id: newId(), text, at: d.at, size: m(0.25), rotation: 0 as never }));
        } else if (!text) {
          commit(removeElement(plan, old.id));
          if (selected.peek() === old.id) selected.value = null;
        } else if (text !== old.text) {
          commit(updateElement(plan, 'labels', old.id, { text }));
        }
      } catch (e) {
        if (e instanceof EditError) notice.value = e.message;
        else throw e;
      }
    },
    keypadDone() {
      const k = keypad.peek();
      keypad.value = null;
      if (!k) return;
      if (k.target.kind === 'fixtureSize') {
        const size = Number(k.value);
        if (!(k.value !== '' && size >= 0.05 && size <= MAX_FIXTURE_SIZE)) return;
        const { fixtureId, side } = k.target;
        const plan = history.peek().plan;
        const fixture = plan.fixtures.find((f) => f.id === fixtureId);
        if (!fixture || fixture[side] === size) return;
        try {
          commit(resizeElement(plan, fixtureId, { [side]: m(Math.round(size * 100) / 100) }));
        } catch (e) {
          if (e instanceof EditError) notice.value = e.message;
          else throw e;
        }
        return;
      }
      if (k.target.kind === 'wallLength') {
        const len = Number(k.value);
        if (!(len > 0 && len <= 100)) return;
        const plan = history.peek().plan;
        const wall = plan.walls.find((w) => w.id === (k.target as { wallId: string }).wallId);
        if (!wall) return;
        const s = wallSegment(plan, wall);
        try {
          commit(moveWallEndpoint(plan, wall.id, 'to', pointAtLength(s.a, s.b, m(len))));
        } catch (e) {
          if (e instanceof EditError) notice.value = e.message;
          else throw e;
        }
      }
    },
    fit,
    zoom(factor) {
      const s = screen.peek();
      view.value = zoomAt(view.peek(), factor, ptPx(s.width / 2, s.height / 2));
    },
    goTo(s) {
      step.value = s;
      if (s === 'edit') queueMicrotask(fit);
    },
    async print() {
      const set = ruleSet.peek();
      if (!set) return;
      printState.value = { kind: 'saving' };
      try {
        const token = ticketToken.peek();
        const link = token && token !== linkedToken ? { ticketToken: token } : {};
        const form = submission.peek();
        const receipt = await deps.api.save({
          plan: history.peek().plan as unknown as Record<string, unknown>,
          ruleSetId: set.id,
          idempotencyKey,
          ...(planId ? { planId } : {}),
          ...link,
          ...(form ? { submissionId: form.id } : {}),
        });
        if (token) linkedToken = token;
        planId = receipt.id;
        // Keep the plan id with the autosave, so a retry after a reload replaces this plan.
        history.value = { ...history.peek() };
        printState.value = { kind: 'printing' };
        const pdf = await deps.api.pdf(receipt.id);
        const reply = await deps.printPdf({ pdf, title: `floorplan-${receipt.code}`, copies: 1 });
        printState.value = reply.ok ? { kind: 'done', code: receipt.code, ticketNumber: receipt.ticketNumber } : { kind: 'failed', message: reply.error.message };
      } catch (e) {
        printState.value = { kind: 'failed', message: e instanceof Error ? e.message : deps.messages.printFailed };
      }
    },
    linkTicket: (token) => void (ticketToken.value = token),
    takeFromForm(handoff) {
      const { coldDishes, rawSeafood, ...fields } = handoff.title;
      const menu = history.peek().plan.title.menu;
      const patch: Partial<TitleBlock> = { ...fields };
      if (coldDishes || rawSeafood) patch.menu = { ...menu, ...(coldDishes ? { coldDishes } : {}), ...(rawSeafood ? { rawSeafood } : {}) };
      batch(() => {
        // One change in the history: undo gives back the title as it was typed.
        if (Object.keys(patch).length > 0) commit(setTitleAction(history.peek().plan, patch));
        submission.value = { id: handoff.submissionId, code: handoff.code };
      });
    },
    discard() {
      discarded = true;
      deps.storage.removeItem(PLAN_AUTOSAVE_KEY);
      batch(() => {
        history.value = startHistory(emptyPlan());
        step.value = 'start';
        selected.value = null;
        highlight.value = null;
        ticketToken.value = null;
        submission.value = null;
        labelDraft.value = null;
      });
      linkedToken = null;
      discarded = false;
    },
  };
  return model;
}

const round2 = (n: number): number => Math.max(0.05, Math.round(n * 100) / 100);

/** The wall the length keypad changes: the selected wall. */
export const wallOf = (plan: FloorPlan, id: ElementId | null) => (id ? plan.walls.find((w) => w.id === id) : undefined);
export { wallById };
