// Edits as data. Every change to a plan is an EditAction: plain JSON that records both the
// old and the new state of what it touches, so invert() needs no plan and undo/redo is just
// applying the inverse. Builders (moveElement, removeElement…) read the plan and produce an
// action; applyAction() is the only place a plan changes. applyAction(applyAction(p, a),
// invertAction(a)) equals p exactly (no arithmetic happens on undo).
import { findElement, type CollectionName, type ElementId, type ElementOf, type FloorPlan, type Opening, type PlanElement, type TitleBlock } from './document.ts';
import { centroid, closestOnSegment, distance, rotate } from './geometry.ts';
import { cornerById, openingGeometry, wallById, wallLength, wallSegment, wallsAtCorner } from './plan-geometry.ts';
import { deg, m, type Degrees, type Metres, type Point } from './units.ts';

type Patch<C extends CollectionName> = Partial<Omit<ElementOf<C>, 'id'>>;

export type AddAction = { [C in CollectionName]: { type: 'add'; collection: C; element: ElementOf<C>; index: number } }[CollectionName];
export type RemoveAction = { [C in CollectionName]: { type: 'remove'; collection: C; element: ElementOf<C>; index: number } }[CollectionName];
export type UpdateAction = { [C in CollectionName]: { type: 'update'; collection: C; id: ElementId; before: Patch<C>; after: Patch<C> } }[CollectionName];
export interface SetTitleAction {
  type: 'setTitle';
  before: Partial<TitleBlock>;
  after: Partial<TitleBlock>;
}
export interface BatchAction {
  type: 'batch';
  /** What the user did, for the undo button's tooltip (Chinese). */
  label?: string;
  actions: EditAction[];
}
export type EditAction = AddAction | RemoveAction | UpdateAction | SetTitleAction | BatchAction;

export class EditError extends Error {}

// --- apply and invert --------------------------------------------------------------------------

function list(plan: FloorPlan, c: CollectionName): PlanElement[] {
  return plan[c] as PlanElement[];
}

/** The plan after the action; the input is not changed. Throws EditError when the action does not fit the plan. */
export function applyAction(plan: FloorPlan, action: EditAction): FloorPlan {
  switch (action.type) {
    case 'add': {
      const items = list(plan, action.collection);
      if (findElement(plan, action.element.id)) throw new EditError(`编号 ${action.element.id} 已存在`);
      if (action.index < 0 || action.index > items.length) throw new EditError(`位置 ${action.index} 超出范围`);
      const next = [...items.slice(0, action.index), action.element, ...items.slice(action.index)];
      return { ...plan, [action.collection]: next };
    }
    case 'remove': {
      const items = list(plan, action.collection);
      if (items[action.index]?.id !== action.element.id) throw new EditError(`${action.collection}[${action.index}] 不是 ${action.element.id}`);
      return { ...plan, [action.collection]: items.filter((_, i) => i !== action.index) };
    }
    case 'update': {
      const items = list(plan, action.collection);
      const index = items.findIndex((e) => e.id === action.id);
      if (index < 0) throw new EditError(`没有编号 ${action.id}`);
      const next = [...items];
      next[index] = { ...items[index]!, ...action.after } as PlanElement;
      return { ...plan, [action.collection]: next };
    }
    case 'setTitle':
      return { ...plan, title: { ...plan.title, ...action.after } };
    case 'batch':
      return action.actions.reduce(applyAction, plan);
  }
}

export function invertAction(action: EditAction): EditAction {
  switch (action.type) {
    case 'add':
      return { ...action, type: 'remove' } as RemoveAction;
    case 'remove':
      return { ...action, type: 'add' } as AddAction;
    case 'update':
      return { ...action, before: action.after, after: action.before } as UpdateAction;
    case 'setTitle':
      return { type: 'setTitle', before: action.after, after: action.before };
    case 'batch':
      return { ...action, actions: action.actions.map(invertAction).reverse() };
  }
}

export const applyActions = (plan: FloorPlan, actions: readonly EditAction[]): FloorPlan => actions.reduce(applyAction, plan);

/** The ids an action touches (for highlighting, and for the autosave's dirty set). */
export function actionElementIds(action: EditAction): ElementId[] {
  switch (action.type) {
    case 'add':
    case 'remove':
      return [action.element.id];
    case 'update':
      return [action.id];
    case 'setTitle':
      return [];
    case 'batch':
      return [...new Set(action.actions.flatMap(actionElementIds))];
  }
}

// --- undo history ------------------------------------------------------------------------------

export interface History {
  readonly plan: FloorPlan;
  readonly past: readonly EditAction[];
  readonly future: readonly EditAction[];
}

export const startHistory = (plan: FloorPlan): History => ({ plan, past: [], future: [] });

/** Does an action and remembers it; a new action clears the redo list. */
export function record(h: History, action: EditAction, limit = 500): History {
  return { plan: applyAction(h.plan, action), past: [...h.past, action].slice(-limit), future: [] };
}

export function undo(h: History): History {
  const last = h.past[h.past.length - 1];
  if (!last) return h;
  return { plan: applyAction(h.plan, invertAction(last)), past: h.past.slice(0, -1), future: [last, ...h.future] };
}

export function redo(h: History): History {
  const next = h.future[0];
  if (!next) return h;
  return { plan: applyAction(h.plan, next), past: [...h.past, next], future: h.future.slice(1) };
}

// --- builders ---------------------------------------------------------------------------------

function locate(plan: FloorPlan, id: ElementId): { collection: CollectionName; index: number; element: PlanElement } {
  const found = findElement(plan, id);
  if (!found) throw new EditError(`没有编号 ${id}`);
  return found;
}

/** An update that sets the given fields, remembering their old values. */
export function updateElement<C extends CollectionName>(plan: FloorPlan, collection: C, id: ElementId, patch: Patch<C>): UpdateAction {
  const el = (plan[collection] as Array<ElementOf<C>>).find((e) => e.id === id);
  if (!el) throw new EditError(`没有编号 ${id}`);
  const before: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) before[key] = (el as Record<string, unknown>)[key];
  return { type: 'update', collection, id, before, after: patch } as UpdateAction;
}

export function addElement<C extends CollectionName>(plan: FloorPlan, collection: C, element: ElementOf<C>): AddAction {
  return { type: 'add', collection, element, index: plan[collection].length } as AddAction;
}

export function setTitle(plan: FloorPlan, patch: Partial<TitleBlock>): SetTitleAction {
  const before: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) before[key] = plan.title[key as keyof TitleBlock];
  return { type: 'setTitle', before: before as Partial<TitleBlock>, after: patch };
}

/** Removes an element and what depends on it: a wall's openings; a corner's walls and their openings. */
export function removeElement(plan: FloorPlan, id: ElementId): BatchAction {
  const target = locate(plan, id);
  const ids: ElementId[] = [];
  if (target.collection === 'corners') {
    for (const w of wallsAtCorner(plan, id)) ids.push(...plan.openings.filter((o) => o.wall === w.id).map((o) => o.id), w.id);
  } else if (target.collection === 'walls') {
    ids.push(...plan.openings.filter((o) => o.wall === id).map((o) => o.id));
  }
  ids.push(id);
  const actions: EditAction[] = [];
  let current = plan;
  for (const each of ids) {
    const found = locate(current, each);
    const action = { type: 'remove', collection: found.collection, element: found.element, index: found.index } as RemoveAction;
    actions.push(action);
    current = applyAction(current, action);
  }
  return { type: 'batch', label: '删除', actions };
}

const shift = (p: Point<Metres>, dx: Metres, dy: Metres): Point<Metres> => ({ x: m(p.x + dx), y: m(p.y + dy) });

/** Moves an element by (dx, dy) metres. A wall moves its corners (joined walls stretch); an opening slides along its wall. */
export function moveElement(plan: FloorPlan, id: ElementId, dx: Metres, dy: Metres): EditAction {
  const { collection, element } = locate(plan, id);
  switch (collection) {
    case 'corners': {
      const c = element as ElementOf<'corners'>;
      return moveCorner(plan, id, shift({ x: c.x, y: c.y }, dx, dy));
    }
    case 'walls': {
      const w = element as ElementOf<'walls'>;
      const a = cornerById(plan, w.from);
      const b = cornerById(plan, w.to);
      return {
        type: 'batch',
        label: '移动墙',
        actions: [updateElement(plan, 'corners', a.id, { x: m(a.x + dx), y: m(a.y + dy) }), updateElement(plan, 'corners', b.id, { x: m(b.x + dx), y: m(b.y + dy) })],
      };
    }
    case 'openings': {
      const o = element as Opening;
      const g = openingGeometry(plan, o);
      const along = dx * g.along.x + dy * g.along.y;
      return updateElement(plan, 'openings', id, { offset: clampOffset(o.offset + along, o.width, wallLength(plan, g.wall)) });
    }
    case 'zones':
      return updateElement(plan, 'zones', id, { outline: (element as ElementOf<'zones'>).outline.map((p) => shift(p, dx, dy)) });
    case 'fixtures':
      return updateElement(plan, 'fixtures', id, { at: shift((element as ElementOf<'fixtures'>).at, dx, dy) });
    case 'labels':
      return updateElement(plan, 'labels', id, { at: shift((element as ElementOf<'labels'>).at, dx, dy) });
    case 'flows':
      return updateElement(plan, 'flows', id, { points: (element as ElementOf<'flows'>).points.map((p) => shift(p, dx, dy)) });
    case 'dimensions': {
      const d = element as ElementOf<'dimensions'>;
      return updateElement(plan, 'dimensions', id, { from: shift(d.from, dx, dy), to: shift(d.to, dx, dy) });
    }
  }
}

const clampOffset = (offset: number, width: number, length: number): Metres => m(width >= length ? length / 2 : Math.min(length - width / 2, Math.max(width / 2, offset)));

/**
 * Moves a corner (a wall endpoint) to a point. Every wall joined there follows; openings keep
 * their distance from their wall's start and are pulled back inside a wall that got shorter.
 */
export function moveCorner(plan: FloorPlan, cornerId: ElementId, to: Point<Metres>): BatchAction {
  const move = updateElement(plan, 'corners', cornerId, { x: to.x, y: to.y });
  const moved = applyAction(plan, move);
  const follow: EditAction[] = [];
  for (const w of wallsAtCorner(moved, cornerId)) {
    const length = wallLength(moved, w);
    for (const o of moved.openings.filter((k) => k.wall === w.id)) {
      const offset = clampOffset(o.offset, o.width, length);
      if (offset !== o.offset) follow.push(updateElement(moved, 'openings', o.id, { offset }));
    }
  }
  return { type: 'batch', label: '移动墙端点', actions: [move, ...follow] };
}

/** Moves one end of a wall; the walls joined at that corner move with it. */
export function moveWallEndpoint(plan: FloorPlan, wallId: ElementId, end: 'from' | 'to', to: Point<Metres>): BatchAction {
  return moveCorner(plan, wallById(plan, wallId)[end], to);
}

/** Turns an element by degrees about its centre (or a given point). Openings and corners do not turn. */
export function rotateElement(plan: FloorPlan, id: ElementId, degrees: number, about?: Point<Metres>): EditAction {
  const { collection, element } = locate(plan, id);
  const turn = (p: Point<Metres>, c: Point<Metres>): Point<Metres> => rotate(p, c, degrees);
  const angle = (r: Degrees): Degrees => deg((((r + degrees) % 360) + 360) % 360);
  switch (collection) {
    case 'fixtures': {
      const f = element as ElementOf<'fixtures'>;
      return updateElement(plan, 'fixtures', id, { rotation: angle(f.rotation), ...(about ? { at: turn(f.at, about) } : {}) });
    }
    case 'labels': {
      const l = element as ElementOf<'labels'>;
      return updateElement(plan, 'labels', id, { rotation: angle(l.rotation), ...(about ? { at: turn(l.at, about) } : {}) });
    }
    case 'zones': {
      const z = element as ElementOf<'zones'>;
      const c = about ?? centroid(z.outline);
      return updateElement(plan, 'zones', id, { outline: z.outline.map((p) => turn(p, c)) });
    }
    case 'flows': {
      const f = element as ElementOf<'flows'>;
      const c = about ?? centroid(f.points);
      return updateElement(plan, 'flows', id, { points: f.points.map((p) => turn(p, c)) });
    }
    case 'dimensions': {
      const d = element as ElementOf<'dimensions'>;
      const c = about ?? { x: m((d.from.x + d.to.x) / 2), y: m((d.from.y + d.to.y) / 2) };
      return updateElement(plan, 'dimensions', id, { from: turn(d.from, c), to: turn(d.to, c) });
    }
    case 'walls': {
      const w = element as ElementOf<'walls'>;
      const s = wallSegment(plan, w);
      const c = about ?? { x: m((s.a.x + s.b.x) / 2), y: m((s.a.y + s.b.y) / 2) };
      const a = turn(s.a, c);
      const b = turn(s.b, c);
      return {
        type: 'batch',
        label: '旋转墙',
        actions: [updateElement(plan, 'corners', w.from, { x: a.x, y: a.y }), updateElement(plan, 'corners', w.to, { x: b.x, y: b.y })],
      };
    }
    case 'openings':
    case 'corners':
      throw new EditError('门窗和墙角不能旋转');
  }
}

export interface Size {
  width?: Metres;
  depth?: Metres;
  /** Wall thickness. */
  thickness?: Metres;
  /** Label text height. */
  size?: Metres;
}

/** Resizes a fixture (width, depth), an opening (width, kept inside its wall), a wall (thickness) or a label (size). */
export function resizeElement(plan: FloorPlan, id: ElementId, size: Size): EditAction {
  const { collection, element } = locate(plan, id);
  const positive = (v: Metres | undefined, what: string): Metres | undefined => {
    if (v !== undefined && !(v > 0)) throw new EditError(`${what}必须大于 0`);
    return v;
  };
  switch (collection) {
    case 'fixtures': {
      const patch: Patch<'fixtures'> = {};
      const width = positive(size.width, '宽度');
      const depth = positive(size.depth, '深度');
      if (width !== undefined) patch.width = width;
      if (depth !== undefined) patch.depth = depth;
      return updateElement(plan, 'fixtures', id, patch);
    }
    case 'openings': {
      const o = element as Opening;
      const width = positive(size.width, '宽度') ?? o.width;
      const length = wallLength(plan, wallById(plan, o.wall));
      if (width > length) throw new EditError('门窗比墙还宽');
      return updateElement(plan, 'openings', id, { width, offset: clampOffset(o.offset, width, length) });
    }
    case 'walls': {
      const thickness = positive(size.thickness, '墙厚');
      if (thickness === undefined || thickness > 1) throw new EditError('墙厚须在 0 到 1 米之间');
      return updateElement(plan, 'walls', id, { thickness });
    }
    case 'labels': {
      const s = positive(size.size, '字高');
      if (s === undefined) throw new EditError('缺少字高');
      return updateElement(plan, 'labels', id, { size: s });
    }
    default:
      throw new EditError(`${collection} 不能改变大小`);
  }
}

export type IdSource = () => ElementId;

/** A copy of an element, shifted by (dx, dy), under a fresh id. A wall is copied with new corners; an opening is copied onto the same wall. */
export function duplicateElement(plan: FloorPlan, id: ElementId, newId: IdSource, dx: Metres = m(0.5), dy: Metres = m(0.5)): BatchAction {
  const { collection, element } = locate(plan, id);
  const copyId = newId();
  const actions: EditAction[] = [];
  if (collection === 'walls') {
    const w = element as ElementOf<'walls'>;
    const a = cornerById(plan, w.from);
    const b = cornerById(plan, w.to);
    const ca = { id: newId(), x: m(a.x + dx), y: m(a.y + dy) };
    const cb = { id: newId(), x: m(b.x + dx), y: m(b.y + dy) };
    const addA = addElement(plan, 'corners', ca);
    const withA = applyAction(plan, addA);
    const addB = addElement(withA, 'corners', cb);
    actions.push(addA, addB, addElement(applyAction(withA, addB), 'walls', { ...w, id: copyId, from: ca.id, to: cb.id }));
    return { type: 'batch', label: '复制', actions };
  }
  if (collection === 'corners') throw new EditError('墙角不能单独复制');
  const copy = { ...element, id: copyId } as PlanElement;
  const index = plan[collection].length;
  const added = applyAction(plan, { type: 'add', collection, element: copy, index } as AddAction);
  // The copy is placed by the same rules as a move (an opening stays inside its wall), in one step.
  const placed = findElement(applyAction(added, moveElement(added, copyId, dx, dy)), copyId)!.element;
  actions.push({ type: 'add', collection, element: placed, index } as AddAction);
  return { type: 'batch', label: '复制', actions };
}

/**
 * Adds a wall between two points, reusing a corner already within `join` of either end (so
 * walls drawn end to end are joined) and creating corners otherwise.
 */
export function addWall(plan: FloorPlan, from: Point<Metres>, to: Point<Metres>, thickness: Metres, newId: IdSource, join: Metres = m(0.01)): BatchAction {
  if (distance(from, to) < 1e-6) throw new EditError('墙的长度不能为 0');
  const actions: EditAction[] = [];
  let p = plan;
  const cornerFor = (q: Point<Metres>): ElementId => {
    const near = p.corners.find((c) => distance({ x: c.x, y: c.y }, q) <= join);
    if (near) return near.id;
    const corner = { id: newId(), x: q.x, y: q.y };
    const action = addElement(p, 'corners', corner);
    actions.push(action);
    p = applyAction(p, action);
    return corner.id;
  };
  const a = cornerFor(from);
  const b = cornerFor(to);
  if (a === b) throw new EditError('墙的两端落在同一个墙角');
  actions.push(addElement(p, 'walls', { id: newId(), from: a, to: b, thickness }));
  return { type: 'batch', label: '画墙', actions };
}

/** Adds a door, window or pass window onto the wall nearest to `at` (centred where the finger was, kept inside the wall). */
export function addOpening(plan: FloorPlan, opening: Omit<Opening, 'offset'> & { offset?: Metres }, at?: Point<Metres>): AddAction {
  const wall = wallById(plan, opening.wall);
  const length = wallLength(plan, wall);
  if (opening.width > length) throw new EditError('门窗比墙还宽');
  let offset = opening.offset ?? m(length / 2);
  if (at) {
    const s = wallSegment(plan, wall);
    offset = m(closestOnSegment(at, s).t * length);
  }
  return addElement(plan, 'openings', { ...opening, offset: clampOffset(offset, opening.width, length) } as Opening);
}

