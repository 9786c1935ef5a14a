import { describe, expect, it } from 'vitest';
import { parseRuleSet, ptPx, type Pixels, type Point, toPixels, pt, type RuleSet } from '@hall/common/floorplan/index';
import { PLAN_AUTOSAVE_KEY } from './autosave-key.ts';
import { createEditorModel, type EditorDeps, type EditorModel } from './editor-model.ts';
import type { PlanApi } from './plan-api.ts';

const ruleSet: RuleSet = (() => {
  const parsed = parseRuleSet({
    id: 'test-set',
    name: '测试规则',
    region: '全国',
    source: { title: '测试依据', issuer: '测试', date: '2011', note: '', verified: false },
    sizeClasses: [{ id: 'small', name: '小型', maxArea: null, maxSeats: null }],
    rules: [{ id: 'hoods-over-stoves', title: '灶具上方设排烟罩', kind: 'hoodsOverStoves' }],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.ruleSet;
})();

function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

function deps(storage: Storage, extra: Partial<EditorDeps> = {}): EditorDeps {
  const api: PlanApi = {
    ruleSets: async () => ({ ruleSets: [], defaultId: 'test-set' }),
    ruleSet: async () => ruleSet,
    template: async () => {
      throw new Error('no templates here');
    },
    save: async () => ({ id: 'p1', code: 'ABCD2345' }) as never,
    pdf: async () => new ArrayBuffer(4),
  };
  let key = 0;
  return {
    storage,
    api,
    printPdf: async () => ({ ok: true, value: { deviceId: 'a4', jobId: 1 } }) as never,
    newKey: () => `key-${++key}`,
    today: () => '2026-11-25',
    messages: { noWall: '请点击在墙上放置门窗', printFailed: '打印失败', offline: '离线' },
    ...extra,
  };
}

function screen(model: EditorModel, x: number, y: number): Point<Pixels> {
  return toPixels(model.view.value, pt(x, y));
}

function drag(model: EditorModel, from: [number, number], to: [number, number]): void {
  model.gesture({ kind: 'press', at: screen(model, ...from) });
  model.gesture({ kind: 'drag', at: screen(model, ...to) });
  model.gesture({ kind: 'release', at: screen(model, ...to), tap: false });
}

function tap(model: EditorModel, at: [number, number]): void {
  model.gesture({ kind: 'press', at: screen(model, ...at) });
  model.gesture({ kind: 'release', at: screen(model, ...at), tap: true });
}

function started(storage = memoryStorage(), extra: Partial<EditorDeps> = {}) {
  const model = createEditorModel(deps(storage, extra));
  model.setScreen(1000, 1000);
  model.setRuleSet(ruleSet);
  model.startBlank(6, 8);
  return { model, storage };
}

describe('the editor model', () => {
  it('a blank plot: four joined walls of the typed size, fitted to the screen, dated today', () => {
    const { model } = started();
    const plan = model.history.value.plan;
    expect(plan.walls).toHaveLength(4);
    expect(plan.corners.map((c) => [c.x, c.y])).toEqual([
      [0, 0],
      [6, 0],
      [6, 8],
      [0, 8],
    ]);
    expect(plan.title.drawnOn).toBe('2026-11-25');
    const a = screen(model, 0, 0);
    const b = screen(model, 6, 8);
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeLessThanOrEqual(1000);
    expect(model.history.value.past).toHaveLength(0);
  });

  it('the checklist follows the plan: a stove without a hood fails, a hood over it passes, undo and redo switch it back and forth', () => {
    const { model } = started();
    model.setTool('symbol');
    model.setOptions({ symbol: 'stove' });
    tap(model, [2, 6]);
    expect(model.report.value?.results[0]?.status).toBe('fail');
    model.tapRule('hoods-over-stoves');
    expect(model.highlight.value?.ids).toEqual([model.history.value.plan.fixtures[0]!.id]);
    model.setOptions({ symbol: 'hood' });
    tap(model, [2, 6]);
    expect(model.report.value?.results[0]?.status).toBe('pass');
    model.undo();
    expect(model.report.value?.results[0]?.status).toBe('fail');
    model.redo();
    expect(model.report.value?.results[0]?.status).toBe('pass');
  });

  it('a wall is drawn by dragging and then typed to an exact length', () => {
    const { model } = started();
    model.setTool('wall');
    drag(model, [4, 4], [4, 5.9]);
    const wallId = model.selected.value!;
    model.openKeypad({ kind: 'wallLength', wallId });
    model.keypadInput('2.5');
    model.keypadDone();
    const plan = model.history.value.plan;
    const wall = plan.walls.find((w) => w.id === wallId)!;
    expect(plan.corners.find((c) => c.id === wall.to)).toMatchObject({ x: 4, y: 6.5 });
    expect(model.history.value.past).toHaveLength(2);
  });

  it('a pinch zooms around the fingers; the plan is untouched', () => {
    const { model } = started();
    const before = model.history.value;
    const zoom = model.view.value.zoom;
    model.gesture({ kind: 'view', factor: 2, around: ptPx(500, 500), dx: 0, dy: 0 });
    expect(model.view.value.zoom).toBeCloseTo(zoom * 2, 9);
    expect(model.history.value).toBe(before);
  });

  it('autosave: a new model on the same storage (a reload) has the plan and its history; discard clears it', () => {
    const { model, storage } = started();
    model.setTool('zone');
    model.setOptions({ zone: 'dining' });
    drag(model, [0, 0], [6, 4]);
    const reloaded = createEditorModel(deps(storage));
    expect(reloaded.restored).toBe(true);
    expect(reloaded.step.value).toBe('edit');
    expect(reloaded.history.value.plan).toEqual(model.history.value.plan);
    expect(reloaded.restoredRuleSetId).toBe('test-set');
    reloaded.undo();
    expect(reloaded.history.value.plan.zones).toEqual([]);
    reloaded.discard();
    expect(storage.data.has(PLAN_AUTOSAVE_KEY)).toBe(false);
    expect(createEditorModel(deps(storage)).step.value).toBe('start');
  });

  it('a corrupt autosave is dropped and the editor starts afresh', () => {
    const storage = memoryStorage();
    storage.setItem(PLAN_AUTOSAVE_KEY, '{"v":1,"plan":{"format":"nope"}}');
    const model = createEditorModel(deps(storage));
    expect(model.step.value).toBe('start');
    expect(model.restored).toBe(false);
  });

  it('print saves with one idempotency key, replaces the same plan the second time, and sends the server PDF to the A4 printer', async () => {
    const saves: unknown[] = [];
    const printed: unknown[] = [];
    const storage = memoryStorage();
    const base = deps(storage);
    const { model } = started(storage, {
      api: { ...base.api, save: async (r) => (saves.push(r), { id: 'p1', code: 'ABCD2345' }) as never, pdf: async (id) => new TextEncoder().encode(`pdf of ${id}`).buffer },
      printPdf: async (r) => (printed.push(r), { ok: true, value: { deviceId: 'a4', jobId: 3 } }) as never,
    });
    await model.print();
    expect(model.printState.value).toEqual({ kind: 'done', code: 'ABCD2345' });
    await model.print();
    expect(saves).toHaveLength(2);
    expect(saves[0]).toMatchObject({ ruleSetId: 'test-set', idempotencyKey: 'key-2' });
    expect(saves[0]).not.toHaveProperty('planId');
    expect(saves[1]).toMatchObject({ idempotencyKey: 'key-2', planId: 'p1' });
    expect(printed[0]).toMatchObject({ title: 'floorplan-ABCD2345', copies: 1 });
  });

  it('a printer fault is shown, not swallowed', async () => {
    const { model } = started(memoryStorage(), { printPdf: async () => ({ ok: false, error: { code: 'PAPER_OUT', message: '打印机缺纸' } }) as never });
    await model.print();
    expect(model.printState.value).toEqual({ kind: 'failed', message: '打印机缺纸' });
  });

  it('从申请表带入: the title block is filled from the session\'s form in one undoable step, and the saved plan is linked to the submission', async () => {
    const saves: Array<Record<string, unknown>> = [];
    const storage = memoryStorage();
    const base = deps(storage);
    const { model } = started(storage, { api: { ...base.api, save: async (r) => (saves.push(r as never), { id: 'p1', code: 'ABCD2345' }) as never } });
    model.setTitle({ drawnBy: '王建国', menu: { freshJuice: true } });
    model.takeFromForm({
      submissionId: 'sub-1',
      code: 'WXYZ6789',
      title: { operatorName: '西安市新城区老王家面馆店', address: '西五路26号', area: 48.5, seats: 24, businessType: 'restaurant', coldDishes: true },
    });
    expect(model.history.value.plan.title).toMatchObject({
      operatorName: '西安市新城区老王家面馆店',
      address: '西五路26号',
      area: 48.5,
      seats: 24,
      drawnBy: '王建国',
      menu: { freshJuice: true, coldDishes: true },
    });
    expect(model.submission.value).toEqual({ id: 'sub-1', code: 'WXYZ6789' });
    // The link survives a reload with the plan.
    expect(createEditorModel(deps(storage)).submission.value).toEqual({ id: 'sub-1', code: 'WXYZ6789' });
    model.undo();
    expect(model.history.value.plan.title).toMatchObject({ operatorName: '', drawnBy: '王建国', menu: { freshJuice: true } });
    model.redo();
    await model.print();
    expect(saves[0]).toMatchObject({ submissionId: 'sub-1' });
    model.discard();
    expect(model.submission.value).toBeNull();
  });

  it('text labels: tap to add, type, edit and empty to delete, each one undoable step', () => {
    const { model } = started();
    model.setTool('label');
    tap(model, [2, 3]);
    expect(model.labelDraft.value).toEqual({ id: null, at: pt(2, 3), text: '' });
    model.labelInput('  更衣室 ');
    model.labelDone();
    expect(model.labelDraft.value).toBeNull();
    const [label] = model.history.value.plan.labels;
    expect(label).toMatchObject({ text: '更衣室', at: pt(2, 3) });
    const steps = model.history.value.past.length;
    // Tapping it again edits it.
    tap(model, [2, 3]);
    expect(model.labelDraft.value).toEqual({ id: label!.id, at: pt(2, 3), text: '更衣室' });
    model.labelInput('员工更衣室');
    model.labelDone();
    expect(model.history.value.plan.labels.map((l) => l.text)).toEqual(['员工更衣室']);
    // From the selection panel: emptied, it is deleted.
    model.setTool('select');
    model.select(label!.id);
    model.editLabel(label!.id);
    model.labelInput('');
    model.labelDone();
    expect(model.history.value.plan.labels).toEqual([]);
    expect(model.selected.value).toBeNull();
    expect(model.history.value.past).toHaveLength(steps + 2);
    model.undo();
    expect(model.history.value.plan.labels.map((l) => l.text)).toEqual(['员工更衣室']);
    model.undo();
    expect(model.history.value.plan.labels.map((l) => l.text)).toEqual(['更衣室']);
    model.undo();
    expect(model.history.value.plan.labels).toEqual([]);
    model.redo();
    expect(model.history.value.plan.labels.map((l) => l.text)).toEqual(['更衣室']);
    // An empty new label adds nothing; cancel changes nothing.
    model.setTool('label');
    tap(model, [4, 6]);
    model.labelDone();
    tap(model, [4, 6]);
    model.labelInput('x');
    model.labelCancel();
    expect(model.history.value.plan.labels).toHaveLength(1);
  });

  it('a selected fixture is resized to a width and depth typed in metres on the keypad, one undoable step each', () => {
    const { model } = started();
    model.setTool('symbol');
    model.setOptions({ symbol: 'work-table' });
    tap(model, [3, 4]);
    const id = model.history.value.plan.fixtures[0]!.id;
    const before = model.history.value.plan.fixtures[0]!;
    model.setTool('select');
    model.select(id);
    model.openKeypad({ kind: 'fixtureSize', fixtureId: id, side: 'width' });
    model.keypadInput('1.85');
    model.keypadDone();
    expect(model.keypad.value).toBeNull();
    model.openKeypad({ kind: 'fixtureSize', fixtureId: id, side: 'depth' });
    model.keypadInput('0.65');
    model.keypadDone();
    expect(model.history.value.plan.fixtures[0]).toMatchObject({ id, width: 1.85, depth: 0.65, at: before.at });
    // Nonsense is refused without a change.
    const steps = model.history.value.past.length;
    for (const value of ['0', '', '25', '0.01']) {
      model.openKeypad({ kind: 'fixtureSize', fixtureId: id, side: 'width' });
      model.keypadInput(value);
      model.keypadDone();
    }
    expect(model.history.value.past).toHaveLength(steps);
    model.undo();
    expect(model.history.value.plan.fixtures[0]).toMatchObject({ width: 1.85, depth: before.depth });
    model.undo();
    expect(model.history.value.plan.fixtures[0]).toMatchObject({ width: before.width, depth: before.depth });
  });
});

