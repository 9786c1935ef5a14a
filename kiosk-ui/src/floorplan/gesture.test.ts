import { describe, expect, it } from 'vitest';
import { initialGesture, pointerDown, pointerMove, pointerUp, TAP_SLOP, type Gesture, type GestureState, type PointerSample } from './gesture.ts';

type Step = ['down' | 'move' | 'up' | 'cancel', number, number, number];

function run(steps: Step[]): Gesture[] {
  let s: GestureState = initialGesture;
  const out: Gesture[] = [];
  for (const [kind, id, x, y] of steps) {
    const e: PointerSample = { id, x, y };
    const r = kind === 'down' ? pointerDown(s, e) : kind === 'move' ? pointerMove(s, e) : pointerUp(s, e, kind === 'cancel');
    s = r.state;
    out.push(...r.gestures);
  }
  return out;
}

const kinds = (g: Gesture[]) => g.map((x) => x.kind);

describe('one finger draws', () => {
  it('press, drags, release: a stroke', () => {
    const g = run([
      ['down', 1, 10, 10],
      ['move', 1, 50, 10],
      ['move', 1, 90, 10],
      ['up', 1, 90, 10],
    ]);
    expect(kinds(g)).toEqual(['press', 'drag', 'drag', 'release']);
    expect(g[3]).toEqual({ kind: 'release', at: { x: 90, y: 10 }, tap: false });
  });

  it('a finger that barely moves taps', () => {
    const g = run([
      ['down', 1, 10, 10],
      ['move', 1, 10 + TAP_SLOP - 1, 10],
      ['up', 1, 10, 10],
    ]);
    expect(g.at(-1)).toMatchObject({ kind: 'release', tap: true });
  });

  it('a stroke that strays and comes back is not a tap', () => {
    const g = run([
      ['down', 1, 10, 10],
      ['move', 1, 200, 10],
      ['up', 1, 10, 10],
    ]);
    expect(g.at(-1)).toMatchObject({ kind: 'release', tap: false });
  });

  it('a cancelled pointer cancels the stroke (nothing is recorded)', () => {
    expect(kinds(run([['down', 1, 0, 0], ['move', 1, 40, 0], ['cancel', 1, 40, 0]]))).toEqual(['press', 'drag', 'cancel']);
  });

  it('moves of a pointer that never went down are ignored', () => {
    expect(run([['move', 7, 1, 1], ['up', 7, 1, 1]])).toEqual([]);
  });
});

describe('two fingers steer the view', () => {
  it('a second finger cancels the stroke; spreading zooms about the midpoint', () => {
    const g = run([
      ['down', 1, 100, 100],
      ['move', 1, 102, 100],
      ['down', 2, 200, 100],
      ['move', 2, 300, 100],
    ]);
    expect(kinds(g)).toEqual(['press', 'drag', 'cancel', 'view']);
    const view = g[3] as Extract<Gesture, { kind: 'view' }>;
    // From 98 px apart to 198 px apart: the factor is their ratio, and the midpoint moved by half of the finger's move.
    expect(view.factor).toBeCloseTo(198 / 98, 6);
    expect(view.around).toEqual({ x: 151, y: 100 });
    expect(view.dx).toBeCloseTo(50, 6);
    expect(view.dy).toBe(0);
  });

  it('both fingers moving together pan without zoom', () => {
    const g = run([
      ['down', 1, 100, 100],
      ['down', 2, 200, 100],
      ['move', 1, 100, 160],
      ['move', 2, 200, 160],
    ]);
    const views = g.filter((x): x is Extract<Gesture, { kind: 'view' }> => x.kind === 'view');
    const dy = views.reduce((s, v) => s + v.dy, 0);
    expect(dy).toBeCloseTo(60, 6);
    expect(views.reduce((p, v) => p * v.factor, 1)).toBeCloseTo(1, 6);
  });

  it('after a pinch, the finger left on the glass draws nothing until all are lifted', () => {
    const g = run([
      ['down', 1, 100, 100],
      ['down', 2, 200, 100],
      ['up', 2, 200, 100],
      ['move', 1, 150, 150],
      ['up', 1, 150, 150],
      ['down', 1, 10, 10],
    ]);
    expect(kinds(g)).toEqual(['press', 'cancel', 'press']);
  });
});
