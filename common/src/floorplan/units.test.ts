import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitView, identityView, lengthToMetres, lengthToPixels, m, panBy, pt, ptPx, px, toMetres, toPixels, zoomAt } from './units.ts';

describe('view transform', () => {
  it('maps metres to pixels with scale, zoom and pan (y down on both)', () => {
    const view = { pixelsPerMetre: 50, zoom: 2, pan: ptPx(10, 20) };
    expect(toPixels(view, pt(1, 3))).toEqual({ x: 110, y: 320 });
    expect(toMetres(view, ptPx(110, 320))).toEqual({ x: 1, y: 3 });
    expect(lengthToPixels(view, m(0.24))).toBeCloseTo(24);
    expect(lengthToMetres(view, px(100))).toBeCloseTo(1);
  });

  it('goes there and back for any view', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 30, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (zoom, panX, panY, x, y) => {
          const view = { pixelsPerMetre: 40, zoom, pan: ptPx(panX, panY) };
          const back = toMetres(view, toPixels(view, pt(x, y)));
          expect(back.x).toBeCloseTo(x, 6);
          expect(back.y).toBeCloseTo(y, 6);
        },
      ),
    );
  });

  it('zooms about the pinch centre: the plan point under the fingers stays there', () => {
    const view = panBy(identityView(50), px(30), px(-12));
    const centre = ptPx(400, 300);
    const under = toMetres(view, centre);
    const zoomed = zoomAt(view, 2.5, centre);
    expect(zoomed.zoom).toBe(2.5);
    const again = toPixels(zoomed, under);
    expect(again.x).toBeCloseTo(400);
    expect(again.y).toBeCloseTo(300);
  });

  it('keeps zoom within its limits', () => {
    expect(zoomAt(identityView(), 1000, ptPx(0, 0)).zoom).toBe(20);
    expect(zoomAt(identityView(), 0.0001, ptPx(0, 0)).zoom).toBe(0.1);
  });

  it('fits a 6 × 8 m plan into a portrait screen, centred', () => {
    const view = fitView({ min: pt(0, 0), max: pt(6, 8) }, { width: px(1080), height: px(1920) }, 50, px(40));
    const a = toPixels(view, pt(0, 0));
    const b = toPixels(view, pt(6, 8));
    expect(a.x).toBeCloseTo(40);
    expect(b.x).toBeCloseTo(1040);
    expect((a.y + b.y) / 2).toBeCloseTo(960);
  });
});
