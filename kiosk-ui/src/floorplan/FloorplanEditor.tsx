// 餐饮平面图绘制: the screens of the editor (start, drawing, title block and print). The
// chunk LazyFloorplan loads; the model holds the state, these components only show it.
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  businessTypeNames,
  businessTypes,
  flowKindNames,
  flowKinds,
  menuFlagNames,
  menuFlags,
  symbolDef,
  symbolsByCategory,
  zoneKinds,
  zoneTypes,
  type BusinessType,
  type TitleBlock,
} from '@hall/common/floorplan/index';
import type { RuleSetSummary } from '@hall/common/floorplan/api';
import type { AgentConnection } from '../net/agent-connection.ts';
import type { FormHandoff } from '../app-model.ts';
import { DEVICE_TOKEN_KEY } from '../net/hall-connection.ts';
import { ticketTokenFromQr } from '../forms/forms-api.ts';
import { InputField } from '../keyboard/InputField.tsx';
import { messages } from '../messages.ts';
import { Checklist } from './Checklist.tsx';
import { createEditorModel, type EditorModel } from './editor-model.ts';
import { LengthPad } from './LengthPad.tsx';
import { PlanCanvas } from './PlanCanvas.tsx';
import { createPlanApi, templateIds, type PlanApi } from './plan-api.ts';
import type { ToolId } from './tools.ts';
import { formatMetres, parseLength, selectionCommands } from './view-model.ts';
import './floorplan.css';

const m = messages.floorplan;

export interface FloorplanProps {
  agent: AgentConnection;
  /** Today in the hall's time zone, YYYY-MM-DD. */
  today: string;
  readerReady: boolean;
  contrast: boolean;
  onDirty: (dirty: boolean) => void;
  onHome: () => void;
  /** A form submitted earlier in this kiosk session (从申请表带入), if any. */
  formHandoff?: FormHandoff | null;
  /** Tests and the benchmark pass their own. */
  api?: PlanApi;
  storage?: Storage;
}

/** 'ABCD2345' → 'ABCD 2345', as printed on the form's pages. */
const formatCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code);

function randomKey(): string {
  return crypto.randomUUID();
}

export default function FloorplanEditor(props: FloorplanProps) {
  const api = useMemo(() => props.api ?? createPlanApi({ token: () => localStorage.getItem(DEVICE_TOKEN_KEY), messages: { offline: m.offline, failed: m.serverFailed, badData: m.badData } }), []);
  const model = useMemo<EditorModel>(
    () =>
      createEditorModel({
        storage: props.storage ?? localStorage,
        api,
        printPdf: (r) => props.agent.printPdf(r),
        newKey: randomKey,
        today: () => props.today,
        messages: { noWall: m.noWall, printFailed: m.printing.failed, offline: m.offline },
      }),
    [],
  );
  const [ruleProblem, setRuleProblem] = useState(false);
  const [ruleSets, setRuleSets] = useState<RuleSetSummary[]>([]);
  useEffect(() => {
    let live = true;
    api
      .ruleSets()
      .then((list) => {
        if (live) setRuleSets(list.ruleSets);
        // A restored plan keeps the rule set it was being checked with.
        const preferred = model.restoredRuleSetId;
        return api.ruleSet(preferred && list.ruleSets.some((r) => r.id === preferred) ? preferred : list.defaultId);
      })
      .then(
        (set) => live && model.setRuleSet(set),
        () => live && setRuleProblem(true),
      );
    return () => void (live = false);
  }, []);
  const dirty = model.dirty.value;
  useEffect(() => props.onDirty(dirty), [dirty]);
  useEffect(() => () => props.onDirty(false), []);
  // The benchmark and the end-to-end test reach the model through this hook.
  useEffect(() => {
    (window as unknown as { __floorplan?: EditorModel }).__floorplan = model;
  }, []);

  // Leaving or starting again discards the drawing: both ask first.
  const [confirm, setConfirm] = useState<'new' | 'home' | null>(null);
  const step = model.step.value;

  return (
    <div class={`floorplan step-${step}`} data-testid="floorplan">
      <div class="fp-bar">
        <button type="button" class="back-button" data-testid="fp-home" onClick={() => (dirty ? setConfirm('home') : props.onHome())}>
          {messages.common.home}
        </button>
        <h2>{m.title}</h2>
        {step !== 'start' && (
          <button type="button" class="secondary-button" data-testid="new-plan" onClick={() => setConfirm('new')}>
            {m.newPlan}
          </button>
        )}
      </div>
      {confirm && (
        <div class="overlay" role="alertdialog" data-testid="confirm-discard">
          <div class="overlay-box">
            <p>{confirm === 'new' ? m.confirmNew : m.confirmHome}</p>
            <div class="fp-row">
              <button type="button" class="secondary-button" onClick={() => setConfirm(null)}>
                {messages.common.cancel}
              </button>
              <button
                type="button"
                class="primary-button"
                data-testid="confirm-yes"
                onClick={() => {
                  const what = confirm;
                  setConfirm(null);
                  model.discard();
                  if (what === 'home') props.onHome();
                }}
              >
                {confirm === 'new' ? m.confirmYes : m.confirmLeave}
              </button>
            </div>
          </div>
        </div>
      )}
      {step === 'start' && <StartPanel model={model} />}
      {step === 'edit' && <EditPanel model={model} contrast={props.contrast} ruleProblem={ruleProblem} />}
      {step === 'title' && (
        <TitlePanel
          model={model}
          agent={props.agent}
          readerReady={props.readerReady}
          formHandoff={props.formHandoff ?? null}
          ruleProblem={ruleProblem}
          ruleSets={ruleSets}
          onRuleSet={(id) =>
            void api.ruleSet(id).then(
              (set) => model.setRuleSet(set),
              () => setRuleProblem(true),
            )
          }
        />
      )}
    </div>
  );
}

function StartPanel({ model }: { model: EditorModel }) {
  const [width, setWidth] = useState('');
  const [depth, setDepth] = useState('');
  const [field, setField] = useState<'width' | 'depth'>('width');
  const w = parseLength(width);
  const d = parseLength(depth);
  return (
    <div class="fp-start">
      <h3>{m.startTitle}</h3>
      <p class="fp-note">{m.startHint}</p>
      {model.notice.value && <p class="fp-notice">{model.notice.value}</p>}
      <section class="fp-card">
        <h4>{m.blank}</h4>
        <div class="fp-row">
          <button type="button" class={`fp-length ${field === 'width' ? 'editing' : ''}`} data-testid="plot-width" onClick={() => setField('width')}>
            {m.plotWidth} <strong>{width || '—'}</strong>
          </button>
          <button type="button" class={`fp-length ${field === 'depth' ? 'editing' : ''}`} data-testid="plot-depth" onClick={() => setField('depth')}>
            {m.plotDepth} <strong>{depth || '—'}</strong>
          </button>
        </div>
        <LengthPad value={field === 'width' ? width : depth} onChange={field === 'width' ? setWidth : setDepth} />
        <button type="button" class="primary-button" data-testid="start-blank" disabled={!w || !d} onClick={() => w && d && model.startBlank(w, d)}>
          {m.startBlank}
        </button>
      </section>
      <section class="fp-card">
        <h4>{m.templates}</h4>
        <div class="fp-row">
          {templateIds.map((id) => (
            <button key={id} type="button" class="fp-choice" data-template={id} onClick={() => void model.startTemplate(id)}>
              {m.templateNames[id]}
            </button>
          ))}
        </div>
      </section>
    </div>
  );
}

const toolIds: ToolId[] = ['select', 'wall', 'measure', 'zone', 'opening', 'symbol', 'flow', 'label'];

function EditPanel({ model, contrast, ruleProblem }: { model: EditorModel; contrast: boolean; ruleProblem: boolean }) {
  const tool = model.tool.value;
  const h = model.history.value;
  // "Restored" shows until the first change after a reload.
  const [opened] = useState(h);
  return (
    <div class="fp-edit">
      <div class="fp-canvas-area">
        <PlanCanvas model={model} contrast={contrast} />
        <div class="fp-view-buttons">
          <button type="button" class="fp-icon" aria-label={m.zoomIn} onClick={() => model.zoom(1.25)}>
            ＋
          </button>
          <button type="button" class="fp-icon" aria-label={m.zoomOut} onClick={() => model.zoom(0.8)}>
            －
          </button>
          <button type="button" class="fp-icon" onClick={model.fit}>
            {m.fit}
          </button>
        </div>
        {model.restored && h === opened && (
          <p class="fp-toast" data-testid="restored">
            {m.restored}
          </p>
        )}
      </div>
      <div class="fp-side">
        <div class="fp-tools" role="toolbar">
          {toolIds.map((t) => (
            <button key={t} type="button" class={`fp-tool ${tool === t ? 'active' : ''}`} data-tool={t} aria-pressed={tool === t} onClick={() => model.setTool(t)}>
              {m.tools[t]}
            </button>
          ))}
          <button type="button" class="fp-tool" data-testid="undo" disabled={h.past.length === 0} onClick={model.undo}>
            {m.undo}
          </button>
          <button type="button" class="fp-tool" data-testid="redo" disabled={h.future.length === 0} onClick={model.redo}>
            {m.redo}
          </button>
        </div>
        <p class="fp-note">{m.toolHints[tool]}</p>
        {model.notice.value && (
          <p class="fp-notice" role="status">
            {model.notice.value}
          </p>
        )}
        <ToolOptionsPanel model={model} />
        <LabelPanel model={model} />
        <SelectionPanel model={model} />
        <MeasurementPanel model={model} />
        <div class="fp-scroll">
          {ruleProblem ? <p class="fp-notice">{m.checklistOffline}</p> : <Checklist report={model.report.value} active={model.highlight.value?.ruleId ?? null} onTap={model.tapRule} />}
        </div>
        <button type="button" class="primary-button" data-testid="to-title" onClick={() => model.goTo('title')}>
          {m.titleBlock} · {m.print}
        </button>
      </div>
    </div>
  );
}

function ToolOptionsPanel({ model }: { model: EditorModel }) {
  const tool = model.tool.value;
  const o = model.options.value;
  const [category, setCategory] = useState(0);
  if (tool === 'opening') {
    return (
      <div class="fp-options fp-row">
        {(['door', 'window', 'passWindow'] as const).map((k) => (
          <button key={k} type="button" class={`fp-choice ${o.opening === k ? 'active' : ''}`} data-opening={k} onClick={() => model.setOptions({ opening: k })}>
            {m.openings[k]}
          </button>
        ))}
      </div>
    );
  }
  if (tool === 'symbol') {
    const groups = symbolsByCategory();
    const group = groups[category] ?? groups[0]!;
    return (
      <div class="fp-options">
        <div class="fp-row fp-tabs">
          {groups.map((g, i) => (
            <button key={g.category} type="button" class={`fp-tab ${i === category ? 'active' : ''}`} data-category={g.category} onClick={() => setCategory(i)}>
              {g.name}
            </button>
          ))}
        </div>
        <div class="fp-row fp-palette">
          {group.symbols.map((s) => (
            <button key={s} type="button" class={`fp-choice ${o.symbol === s ? 'active' : ''}`} data-symbol={s} onClick={() => model.setOptions({ symbol: s })}>
              {symbolDef(s).name}
            </button>
          ))}
        </div>
      </div>
    );
  }
  if (tool === 'zone') return <ZoneList current={o.zone} onPick={(t) => model.setOptions({ zone: t })} />;
  if (tool === 'flow') {
    return (
      <div class="fp-options fp-row">
        {flowKinds.map((k) => (
          <button key={k} type="button" class={`fp-choice flow-${k} ${o.flow === k ? 'active' : ''}`} data-flow={k} onClick={() => model.setOptions({ flow: k })}>
            {flowKindNames[k]}
          </button>
        ))}
      </div>
    );
  }
  return null;
}

function ZoneList({ current, onPick }: { current: string; onPick: (t: (typeof zoneTypes)[number]) => void }) {
  return (
    <div class="fp-options fp-row fp-palette" data-testid="zone-list">
      {zoneTypes.map((t) => (
        <button key={t} type="button" class={`fp-choice ${current === t ? 'active' : ''}`} data-zone={t} onClick={() => onPick(t)}>
          {zoneKinds[t].name}
        </button>
      ))}
    </div>
  );
}

function SelectionPanel({ model }: { model: EditorModel }) {
  const plan = model.history.value.plan;
  const id = model.selected.value;
  const c = selectionCommands(plan, id);
  const keypad = model.keypad.value;
  if (!c) return null;
  const el = plan[c.collection].find((e) => e.id === id) as { kind?: string; exterior?: boolean; selfClosing?: boolean; type?: string; width?: number; depth?: number } | undefined;
  return (
    <div class="fp-selection" data-testid="selection" data-collection={c.collection}>
      <h4>{c.title}</h4>
      <div class="fp-row">
        {c.rotate && (
          <button type="button" class="fp-cmd" data-cmd="rotate" onClick={() => model.rotateSelected(c.collection === 'walls' ? 15 : 90)}>
            {m.rotate}
          </button>
        )}
        {c.resize && (
          <>
            <button type="button" class="fp-cmd" data-cmd="bigger" onClick={() => model.resizeSelected(1.2)}>
              {m.bigger}
            </button>
            <button type="button" class="fp-cmd" data-cmd="smaller" onClick={() => model.resizeSelected(1 / 1.2)}>
              {m.smaller}
            </button>
          </>
        )}
        {c.collection === 'fixtures' &&
          (['width', 'depth'] as const).map((side) => (
            <button key={side} type="button" class="fp-cmd" data-cmd={`size-${side}`} onClick={() => model.openKeypad({ kind: 'fixtureSize', fixtureId: id!, side })}>
              {m.sizeSides[side]} {formatMetres(el?.[side] ?? 0)}
            </button>
          ))}
        {c.length && (
          <button type="button" class="fp-cmd" data-cmd="length" onClick={() => model.openKeypad({ kind: 'wallLength', wallId: id! })}>
            {m.setLength}
          </button>
        )}
        {c.door && (
          <>
            <button type="button" class={`fp-cmd ${el?.exterior ? 'active' : ''}`} data-cmd="exterior" aria-pressed={!!el?.exterior} onClick={() => model.toggleDoor('exterior')}>
              {m.exterior}
            </button>
            <button type="button" class={`fp-cmd ${el?.selfClosing ? 'active' : ''}`} data-cmd="selfClosing" aria-pressed={!!el?.selfClosing} onClick={() => model.toggleDoor('selfClosing')}>
              {m.selfClosing}
            </button>
            <button type="button" class="fp-cmd" data-cmd="flip" onClick={model.flipDoor}>
              {m.flipDoor}
            </button>
          </>
        )}
        {c.collection === 'labels' && (
          <button type="button" class="fp-cmd" data-cmd="edit-label" onClick={() => model.editLabel(id!)}>
            {m.labelEdit}
          </button>
        )}
        {c.duplicate && (
          <button type="button" class="fp-cmd" data-cmd="duplicate" onClick={model.duplicateSelected}>
            {m.duplicate}
          </button>
        )}
        <button type="button" class="fp-cmd danger" data-cmd="delete" onClick={model.deleteSelected}>
          {m.remove}
        </button>
      </div>
      {c.zoneType && <ZoneList current={el?.type ?? ''} onPick={model.setZoneType} />}
      {c.flowKind && (
        <div class="fp-row">
          {flowKinds.map((k) => (
            <button key={k} type="button" class="fp-choice" data-flow-kind={k} onClick={() => model.setFlowKind(k)}>
              {flowKindNames[k]}
            </button>
          ))}
        </div>
      )}
      {keypad && (keypad.target.kind === 'wallLength' || keypad.target.fixtureId === id) && (
        <div class="fp-keypad">
          <p>
            {keypad.target.kind === 'wallLength' ? m.lengthTitle : m.sizeTitle[keypad.target.side]}：<strong data-testid="length-value">{keypad.value || '—'}</strong>
          </p>
          <LengthPad value={keypad.value} onChange={model.keypadInput} onDone={model.keypadDone} onCancel={model.closeKeypad} />
        </div>
      )}
    </div>
  );
}

function LabelPanel({ model }: { model: EditorModel }) {
  const d = model.labelDraft.value;
  if (!d) return null;
  return (
    <div class="fp-label" data-testid="label-draft">
      <h4>{d.id ? m.labelEdit : m.labelNew}</h4>
      <InputField label={m.labelText} value={d.text} maxLength={60} onChange={model.labelInput} testId="label-text" />
      {d.id && <p class="fp-note">{m.labelHint}</p>}
      <div class="fp-row">
        <button type="button" class="secondary-button" onClick={model.labelCancel}>
          {messages.common.cancel}
        </button>
        <button type="button" class="primary-button" data-testid="label-done" onClick={model.labelDone}>
          {messages.common.ok}
        </button>
      </div>
    </div>
  );
}

function MeasurementPanel({ model }: { model: EditorModel }) {
  const mm = model.measurement.value;
  if (!mm) return null;
  return (
    <div class="fp-measure" data-testid="measurement">
      <p>{m.measured(formatMetres(mm.length))}</p>
      {mm.clear !== undefined && <p data-testid="clear-distance">{m.clear(formatMetres(mm.clear))}</p>}
      <button type="button" class="fp-cmd" onClick={model.addMeasurementAsDimension}>
        {m.addDimension}
      </button>
    </div>
  );
}

interface TitlePanelProps {
  model: EditorModel;
  agent: AgentConnection;
  readerReady: boolean;
  formHandoff: FormHandoff | null;
  ruleProblem: boolean;
  /** The national recommendation and the local variants the hall server offers. */
  ruleSets: RuleSetSummary[];
  onRuleSet: (id: string) => void;
}

function TitlePanel({ model, agent, readerReady, formHandoff, ruleProblem, ruleSets, onRuleSet }: TitlePanelProps) {
  const t = model.history.value.plan.title;
  const [waitingCard, setWaitingCard] = useState(false);
  useEffect(() => {
    if (!waitingCard) return;
    return agent.onIdCard((read) => {
      const card = read.card as { name?: string; chineseName?: string; address?: string };
      const name = card.name ?? card.chineseName ?? '';
      // The card gives the person: the operator of an individual business, and the drawer.
      model.setTitle({ ...(t.operatorName ? {} : { operatorName: name }), drawnBy: name, ...(!t.address && card.address ? { address: card.address.slice(0, 120) } : {}) });
      setWaitingCard(false);
    });
  }, [waitingCard]);
  const set = (patch: Partial<TitleBlock>) => model.setTitle(patch);
  // A ticket slip's QR scanned while this page is open links the plan to the ticket: the clerk
  // who calls it sees the plan. Listening all along (not only after a tap) loses no scan.
  const [scanning, setScanning] = useState(false);
  const [scanWrong, setScanWrong] = useState(false);
  useEffect(
    () =>
      agent.onScan((scan) => {
        const token = ticketTokenFromQr(scan.text);
        setScanWrong(!token);
        if (token) {
          model.linkTicket(token);
          setScanning(false);
        }
      }),
    [],
  );
  const p = model.printState.value;
  const busy = p.kind === 'saving' || p.kind === 'printing';
  return (
    <div class="fp-title">
      <div class="fp-scroll">
        <h3>{m.titleBlock}</h3>
        {readerReady && (
          <button type="button" class="secondary-button" data-testid="from-card" onClick={() => setWaitingCard(true)}>
            {waitingCard ? m.cardHint : m.fromCard}
          </button>
        )}
        {formHandoff && (
          <button type="button" class="secondary-button" data-testid="from-form" onClick={() => model.takeFromForm(formHandoff)}>
            {m.fromForm}
          </button>
        )}
        {model.submission.value && (
          <p class="fp-note" data-testid="form-linked">
            {m.formLinked(formatCode(model.submission.value.code))}
          </p>
        )}
        <div class="fp-row">
          <button type="button" class="secondary-button" data-testid="scan-ticket" onClick={() => setScanning(true)}>
            {model.ticketToken.value ? m.ticketLinked : scanning ? m.scanHint : m.scanTicket}
          </button>
          {scanWrong && <span class="fp-notice">{m.scanWrong}</span>}
        </div>
        <InputField label={m.titleFields.operatorName} value={t.operatorName} maxLength={60} onChange={(v) => set({ operatorName: v })} testId="title-operator" />
        <InputField label={m.titleFields.address} value={t.address} maxLength={120} onChange={(v) => set({ address: v })} testId="title-address" />
        <InputField label={m.titleFields.drawnBy} value={t.drawnBy} maxLength={30} onChange={(v) => set({ drawnBy: v })} testId="title-drawn-by" />
        <InputField label={m.titleFields.seats} kind="digits" maxLength={4} value={t.seats === undefined ? '' : String(t.seats)} onChange={(v) => set({ seats: v === '' ? undefined : Number(v) } as Partial<TitleBlock>)} testId="title-seats" />
        <InputField label={m.titleFields.area} kind="digits" maxLength={5} value={t.area === undefined ? '' : String(t.area)} onChange={(v) => set({ area: v === '' ? undefined : Number(v) } as Partial<TitleBlock>)} testId="title-area" />
        <h4>{m.titleFields.businessType}</h4>
        <div class="fp-row">
          {businessTypes.map((b: BusinessType) => (
            <button key={b} type="button" class={`fp-choice ${t.businessType === b ? 'active' : ''}`} data-business={b} onClick={() => set({ businessType: b })}>
              {businessTypeNames[b]}
            </button>
          ))}
        </div>
        <h4>{m.menu}</h4>
        <div class="fp-row">
          {menuFlags.map((f) => (
            <button key={f} type="button" class={`fp-choice ${t.menu[f] ? 'active' : ''}`} aria-pressed={!!t.menu[f]} data-menu={f} onClick={() => set({ menu: { ...t.menu, [f]: !t.menu[f] } })}>
              {menuFlagNames[f]}
            </button>
          ))}
        </div>
        <h4>{m.disinfection}</h4>
        <div class="fp-row">
          {(['heat', 'chemical'] as const).map((d) => (
            <button key={d} type="button" class={`fp-choice ${t.disinfection === d ? 'active' : ''}`} data-disinfection={d} onClick={() => set({ disinfection: d })}>
              {m.disinfectionNames[d]}
            </button>
          ))}
        </div>
        <h4>{m.scale}</h4>
        <div class="fp-row">
          {(['fit', 50, 100] as const).map((s) => (
            <button key={s} type="button" class={`fp-choice ${t.scale === s ? 'active' : ''}`} data-scale={s} onClick={() => set({ scale: s })}>
              {m.scaleNames[String(s) as 'fit' | '50' | '100']}
            </button>
          ))}
        </div>
        {ruleSets.length > 1 && (
          <>
            <h4>{m.ruleSet}</h4>
            <div class="fp-row">
              {ruleSets.map((r) => (
                <button key={r.id} type="button" class={`fp-choice ${model.ruleSet.value?.id === r.id ? 'active' : ''}`} data-rule-set={r.id} onClick={() => onRuleSet(r.id)}>
                  {r.name}
                </button>
              ))}
            </div>
          </>
        )}
        {ruleProblem ? <p class="fp-notice">{m.checklistOffline}</p> : <Checklist compact report={model.report.value} active={model.highlight.value?.ruleId ?? null} onTap={model.tapRule} />}
      </div>
      <p class="fp-note">{m.adviceNotLock}</p>
      {p.kind === 'saving' && <p class="fp-status">{m.printing.saving}</p>}
      {p.kind === 'printing' && <p class="fp-status">{m.printing.printing}</p>}
      {p.kind === 'done' && (
        <p class="fp-status ok" data-testid="print-done">
          {m.printing.done(p.code)}
          {p.ticketNumber && <span data-testid="plan-ticket">{m.linkedTo(p.ticketNumber)}</span>}
        </p>
      )}
      {p.kind === 'failed' && (
        <p class="fp-notice" data-testid="print-failed">
          {m.printing.failed}：{p.message}
        </p>
      )}
      <div class="fp-row">
        <button type="button" class="secondary-button" onClick={() => model.goTo('edit')}>
          {m.backToDrawing}
        </button>
        <button type="button" class="primary-button" data-testid="print" disabled={busy || !model.ruleSet.value} onClick={() => void model.print()}>
          {m.print}
        </button>
      </div>
    </div>
  );
}
