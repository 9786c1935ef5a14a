// Branded lengths: the plan is drawn in metres, the screen in pixels, and the two must never
// be mixed by accident. A Metres value only comes from m(), the document schema or a view
// transform; arithmetic on branded numbers gives plain numbers, which must be branded again
// on purpose. Generic geometry takes one unit for all its arguments (NoInfer), so a call with
// a metre point and a pixel point does not compile (see units.typetest.ts).
import { z } from 'zod';

export const metresSchema = z.number().refine(Number.isFinite, '长度必须是有限数值').brand<'Metres'>();
export type Metres = z.infer<typeof metresSchema>;
export type Pixels = number & z.$brand<'Pixels'>;
export type SquareMetres = number & z.$brand<'SquareMetres'>;
/** Degrees; positive turns from +x towards +y (clockwise as drawn, since y points down). */
export type Degrees = number & z.$brand<'Degrees'>;
export type Length = Metres | Pixels;

export interface Point<L extends Length = Metres> {
  readonly x: L;
  readonly y: L;
}

export const m = (n: number): Metres => n as Metres;
export const px = (n: number): Pixels => n as Pixels;
export const sqm = (n: number): SquareMetres => n as SquareMetres;
export const deg = (n: number): Degrees => n as Degrees;
export const pt = (x: number, y: number): Point<Metres> => ({ x: m(x), y: m(y) });
export const ptPx = (x: number, y: number): Point<Pixels> => ({ x: px(x), y: px(y) });

/** Brands a plain number with the unit of a sample (for generic geometry). */
export const sameUnit = <L extends Length>(_sample: L | undefined, n: number): L => n as L;

// --- the view: metres ↔ pixels with zoom and pan ---------------------------------------------

/**
 * Screen pixel = plan metre × pixelsPerMetre × zoom + pan. Plan and screen share their axis
 * directions (x right, y down, as on paper held in front of you; the title block says where
 * north is). pan is where the plan origin lands on screen.
 */
export interface ViewTransform {
  readonly pixelsPerMetre: number;
  readonly zoom: number;
  readonly pan: Point<Pixels>;
}

export const identityView = (pixelsPerMetre = 50): ViewTransform => ({ pixelsPerMetre, zoom: 1, pan: ptPx(0, 0) });

const scaleOf = (view: ViewTransform): number => view.pixelsPerMetre * view.zoom;

export function toPixels(view: ViewTransform, p: Point<Metres>): Point<Pixels> {
  const s = scaleOf(view);
  return { x: px(p.x * s + view.pan.x), y: px(p.y * s + view.pan.y) };
}

export function toMetres(view: ViewTransform, p: Point<Pixels>): Point<Metres> {
  const s = scaleOf(view);
  return { x: m((p.x - view.pan.x) / s), y: m((p.y - view.pan.y) / s) };
}

export const lengthToPixels = (view: ViewTransform, l: Metres): Pixels => px(l * scaleOf(view));
export const lengthToMetres = (view: ViewTransform, l: Pixels): Metres => m(l / scaleOf(view));

/** Zooms by factor around a screen point that stays put (pinch centre, wheel position). */
export function zoomAt(view: ViewTransform, factor: number, around: Point<Pixels>, limits = { min: 0.1, max: 20 }): ViewTransform {
  const zoom = Math.min(limits.max, Math.max(limits.min, view.zoom * factor));
  const anchor = toMetres(view, around);
  const next = { ...view, zoom };
  const moved = toPixels(next, anchor);
  return { ...next, pan: ptPx(view.pan.x + (around.x - moved.x), view.pan.y + (around.y - moved.y)) };
}

export const panBy = (view: ViewTransform, dx: Pixels, dy: Pixels): ViewTransform => ({ ...view, pan: ptPx(view.pan.x + dx, view.pan.y + dy) });

/** The view that shows a plan box (metres) inside a screen box (pixels) with a margin. */
export function fitView(box: { min: Point<Metres>; max: Point<Metres> }, screen: { width: Pixels; height: Pixels }, pixelsPerMetre = 50, margin = px(24)): ViewTransform {
  const w = Math.max(box.max.x - box.min.x, 1e-6);
  const h = Math.max(box.max.y - box.min.y, 1e-6);
  const zoom = Math.min((screen.width - 2 * margin) / (w * pixelsPerMetre), (screen.height - 2 * margin) / (h * pixelsPerMetre));
  const s = pixelsPerMetre * zoom;
  const pan = ptPx((screen.width - w * s) / 2 - box.min.x * s, (screen.height - h * s) / 2 - box.min.y * s);
  return { pixelsPerMetre, zoom, pan };
}
