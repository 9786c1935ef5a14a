// Touch interpretation for the plan canvas: one finger draws (or moves, with the select
// tool), two fingers pinch to zoom and pan together. Pure: pointer samples in, gestures out,
// so the rules are tested without a browser. Once a second finger lands, the stroke the first
// finger began is cancelled (nothing half-drawn is recorded) and the fingers only steer the
// view until all of them are lifted.
import { distance, type Pixels, type Point, ptPx } from '@hall/common/floorplan/index';

export interface PointerSample {
  id: number;
  x: number;
  y: number;
}

export type Gesture =
  | { kind: 'press'; at: Point<Pixels> }
  | { kind: 'drag'; at: Point<Pixels> }
  /** The finger came up; `tap` when it barely moved. */
  | { kind: 'release'; at: Point<Pixels>; tap: boolean }
  | { kind: 'cancel' }
  /** Zoom by `factor` around `around`, then pan by (dx, dy) screen pixels. */
  | { kind: 'view'; factor: number; around: Point<Pixels>; dx: number; dy: number };

export interface GestureState {
  readonly pointers: ReadonlyMap<number, Point<Pixels>>;
  /** 'stroke': one finger is drawing; 'view': two fingers steer; 'done': waiting for all fingers up after a view gesture. */
  readonly mode: 'none' | 'stroke' | 'view' | 'done';
  readonly start?: Point<Pixels>;
  /** How far the stroke has strayed from where it began, in pixels. */
  readonly travel: number;
}

/** A finger that moves less than this between down and up made a tap. */
export const TAP_SLOP = 12;

export const initialGesture: GestureState = { pointers: new Map(), mode: 'none', travel: 0 };

const midpoint = (a: Point<Pixels>, b: Point<Pixels>): Point<Pixels> => ptPx((a.x + b.x) / 2, (a.y + b.y) / 2);

function pair(pointers: ReadonlyMap<number, Point<Pixels>>): [Point<Pixels>, Point<Pixels>] | undefined {
  const list = [...pointers.values()];
  return list.length >= 2 ? [list[0]!, list[1]!] : undefined;
}

export function pointerDown(s: GestureState, e: PointerSample): { state: GestureState; gestures: Gesture[] } {
  const at = ptPx(e.x, e.y);
  const pointers = new Map(s.pointers).set(e.id, at);
  if (pointers.size === 1 && (s.mode === 'none' || s.mode === 'done')) {
    return { state: { pointers, mode: 'stroke', start: at, travel: 0 }, gestures: [{ kind: 'press', at }] };
  }
  if (pointers.size >= 2) {
    return { state: { pointers, mode: 'view', travel: 0 }, gestures: s.mode === 'stroke' ? [{ kind: 'cancel' }] : [] };
  }
  return { state: { ...s, pointers }, gestures: [] };
}

export function pointerMove(s: GestureState, e: PointerSample): { state: GestureState; gestures: Gesture[] } {
  const before = s.pointers.get(e.id);
  if (!before) return { state: s, gestures: [] };
  const at = ptPx(e.x, e.y);
  const pointers = new Map(s.pointers).set(e.id, at);
  if (s.mode === 'stroke') {
    const travel = Math.max(s.travel, s.start ? distance(s.start, at) : 0);
    return { state: { ...s, pointers, travel }, gestures: [{ kind: 'drag', at }] };
  }
  if (s.mode === 'view') {
    const was = pair(s.pointers);
    const now = pair(pointers);
    if (!was || !now) return { state: { ...s, pointers }, gestures: [] };
    const d0 = distance(was[0], was[1]);
    const d1 = distance(now[0], now[1]);
    const factor = d0 > 1 && d1 > 1 ? d1 / d0 : 1;
    const m0 = midpoint(was[0], was[1]);
    const m1 = midpoint(now[0], now[1]);
    return { state: { ...s, pointers }, gestures: [{ kind: 'view', factor, around: m0, dx: m1.x - m0.x, dy: m1.y - m0.y }] };
  }
  return { state: { ...s, pointers }, gestures: [] };
}

export function pointerUp(s: GestureState, e: PointerSample, cancelled = false): { state: GestureState; gestures: Gesture[] } {
  if (!s.pointers.has(e.id)) return { state: s, gestures: [] };
  const pointers = new Map(s.pointers);
  pointers.delete(e.id);
  if (s.mode === 'stroke') {
    const at = ptPx(e.x, e.y);
    const travel = Math.max(s.travel, s.start ? distance(s.start, at) : 0);
    const gestures: Gesture[] = cancelled ? [{ kind: 'cancel' }] : [{ kind: 'release', at, tap: travel < TAP_SLOP }];
    return { state: { pointers, mode: 'none', travel: 0 }, gestures };
  }
  if (s.mode === 'view') return { state: { pointers, mode: pointers.size === 0 ? 'none' : 'done', travel: 0 }, gestures: [] };
  return { state: { pointers, mode: pointers.size === 0 ? 'none' : s.mode, travel: 0 }, gestures: [] };
}
