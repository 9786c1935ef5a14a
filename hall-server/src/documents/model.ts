// The printable document as plain data: what filled forms (issue 6), floor plans (issue 7)
// and certificates (issue 8) hand to the renderer. Lengths on paper are millimetres, font
// sizes are points (as on every Chinese form: 五号 = 10.5 pt, 小四 = 12 pt), colours are CSS
// hex strings. Nothing here knows about PDF; render.ts turns it into bytes.

/** Millimetres on the paper. */
export type Mm = number;
/** A point in a drawing's own units (metres for a floor plan, millimetres by default). */
export type Point = readonly [x: number, y: number];

export type FontWeight = 'regular' | 'bold';
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextStyle {
  /** Points; 10.5 (五号) unless told (10 in field grids, 9.5 in registers). */
  size?: number;
  weight?: FontWeight;
  /** '#rrggbb'; black unless told. */
  color?: string;
}

export interface TextRun extends TextStyle {
  text: string;
  underline?: boolean;
}

export interface DocumentMeta {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** ISO date-time written into the PDF; the renderer never reads the clock itself. */
  createdAt?: string;
}

export interface Margins {
  top: Mm;
  right: Mm;
  bottom: Mm;
  left: Mm;
}

/**
 * Text repeated on every page, above or below the body. `{page}` and `{pages}` are replaced
 * by the page number and the page count.
 */
export interface RunningText {
  left?: string;
  center?: string;
  right?: string;
  size?: number;
}

/**
 * A mark printed in the bottom-right corner of every page: a QR code and a short code under
 * it. Certificates carry a verification link and code (issue 8); printed forms carry the
 * submission's code (issue 6). `{page}` in the payload is replaced by the page number.
 */
export interface PageMark {
  qrPayload: string;
  code: string;
  /** Shown above the code, e.g. 扫码验真. */
  label?: string;
  sizeMm?: Mm;
}

export interface DocumentSpec {
  meta: DocumentMeta;
  page?: {
    orientation?: 'portrait' | 'landscape';
    marginsMm?: Partial<Margins>;
  };
  header?: RunningText;
  /** Defaults to 第 {page} 页 共 {pages} 页 in the centre. Pass {} for no footer. */
  footer?: RunningText;
  pageMark?: PageMark;
  body: Block[];
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | FieldsBlock
  | TableBlock
  | DrawingBlock
  | ImageBlock
  | QrBlock
  | SignatureBlock
  | SpacerBlock
  | PageBreakBlock;

export interface HeadingBlock {
  kind: 'heading';
  text: string;
  /** 1: the document title (18 pt bold, centred); 2: a section (13 pt bold); 3: 11 pt bold. */
  level?: 1 | 2 | 3;
  align?: Align;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  /** Either plain text with one style, or runs of differently styled text. */
  text?: string;
  runs?: TextRun[];
  style?: TextStyle;
  align?: Align;
  /** First-line indent in characters (2 for Chinese body text). */
  indentChars?: number;
  spaceAfterMm?: Mm;
}

export interface FieldRow {
  label: string;
  value: string;
  /** Takes the whole width even in a two-column table (addresses, business scope). */
  wide?: boolean;
}

/** A bordered label | value grid like the printed official forms; values wrap. */
export interface FieldsBlock {
  kind: 'fields';
  title?: string;
  /** Label/value pairs per row. */
  columns?: 1 | 2;
  labelWidthMm?: Mm;
  rows: FieldRow[];
  size?: number;
}

export interface TableColumn {
  title: string;
  /** Share of the width; 1 unless told. */
  weight?: number;
  align?: Align;
}

/** A register with a header row repeated on each page (staff, equipment, family members). */
export interface TableBlock {
  kind: 'table';
  title?: string;
  columns: TableColumn[];
  rows: string[][];
  size?: number;
}

export interface StrokeStyle {
  /** Stroke colour, or null for none. Black unless told. */
  stroke?: string | null;
  /** Line width on paper in millimetres, whatever the drawing's scale. 0.25 unless told. */
  strokeMm?: Mm;
  /** Fill colour, or null for none (the default). */
  fill?: string | null;
  /** Dash and gap on paper in millimetres. */
  dashMm?: readonly [Mm, Mm];
  opacity?: number;
}

export type Shape =
  | ({ kind: 'line'; from: Point; to: Point } & StrokeStyle)
  | ({ kind: 'rect'; x: number; y: number; width: number; height: number } & StrokeStyle)
  /** A polygon (closed, the default) or a polyline. */
  | ({ kind: 'path'; points: readonly Point[]; closed?: boolean } & StrokeStyle)
  | ({ kind: 'circle'; center: Point; radius: number } & StrokeStyle)
  /** Angles in degrees, counter-clockwise on paper from the +x axis (door swings). */
  | ({ kind: 'arc'; center: Point; radius: number; startDeg: number; endDeg: number } & StrokeStyle)
  /** A polyline with an arrow head at its last point (food flow arrows). */
  | ({ kind: 'arrow'; points: readonly Point[]; headMm?: Mm } & StrokeStyle)
  | {
      kind: 'text';
      at: Point;
      text: string;
      size?: number;
      weight?: FontWeight;
      color?: string;
      /** Horizontal anchor at `at`; the text is centred vertically on it. */
      anchor?: 'start' | 'middle' | 'end';
      rotateDeg?: number;
    };

/**
 * A vector drawing in a box of widthMm × heightMm on the paper. Shapes are in the drawing's
 * own units: one unit is `mmPerUnit` millimetres on paper (a plan in metres at 1:100 has
 * mmPerUnit 10, at 1:50 it has 20), so a plan prints at a true scale. `origin` is the point
 * in drawing units at the box's top-left corner; y grows downwards, as on screen.
 */
export interface DrawingBlock {
  kind: 'drawing';
  widthMm: Mm;
  heightMm: Mm;
  mmPerUnit?: number;
  origin?: Point;
  /** Draw a thin frame around the box. */
  frame?: boolean;
  shapes: Shape[];
  caption?: string;
}

export interface ImageBlock {
  kind: 'image';
  /** PNG or JPEG bytes. */
  data: Uint8Array;
  widthMm: Mm;
  heightMm: Mm;
  align?: 'left' | 'center' | 'right';
}

export interface QrBlock {
  kind: 'qr';
  payload: string;
  sizeMm: Mm;
  caption?: string;
  align?: 'left' | 'center' | 'right';
}

/** Where the applicant signs: a drawn signature (PNG from the kiosk pad) or an empty box. */
export interface SignatureBlock {
  kind: 'signature';
  label: string;
  image?: Uint8Array;
  /** Printed under the box, e.g. the signer's name. */
  name?: string;
  /** 'YYYY-MM-DD' or text such as '    年  月  日'. */
  date?: string;
  widthMm?: Mm;
  heightMm?: Mm;
}

export interface SpacerBlock {
  kind: 'spacer';
  heightMm: Mm;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}
