// The rows every scenario returns, their verdicts, and the one table `npm run bench` prints.
import { round } from './stats.ts';

export interface Target {
  op: '>=' | '<=';
  value: number;
}

export interface Reference {
  /** What the reference is, e.g. "raw better-sqlite3, 1 row/txn, WAL+FULL". */
  name: string;
  value: number;
  unit: string;
}

export type Verdict = 'met' | 'MISSED' | 'info' | 'error';

export interface ResultRow {
  scenario: string;
  name: string;
  value: number;
  unit: string;
  target?: Target;
  reference?: Reference;
  verdict: Verdict;
  note?: string;
}

export type RowInput = Omit<ResultRow, 'verdict'> & { verdict?: Verdict };

/** Fills in the verdict: met or MISSED against the target, info without one. */
export function judge(row: RowInput): ResultRow {
  if (row.verdict) return row as ResultRow;
  if (!row.target) return { ...row, verdict: 'info' };
  const ok = Number.isFinite(row.value) && (row.target.op === '>=' ? row.value >= row.target.value : row.value <= row.target.value);
  return { ...row, verdict: ok ? 'met' : 'MISSED' };
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return String(value);
  const r = round(value);
  return Math.abs(r) >= 10_000 ? r.toLocaleString('en-US') : String(r);
}

export function formatTarget(target: Target | undefined, unit: string): string {
  return target ? `${target.op} ${formatNumber(target.value)} ${unit}`.trim() : '';
}

export function formatReference(reference: Reference | undefined): string {
  return reference ? `${formatNumber(reference.value)} ${reference.unit} (${reference.name})` : '';
}

/** Display width: CJK characters take two columns in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

export const columns = ['scenario', 'name', 'value', 'unit', 'target', 'reference', 'verdict'] as const;

/** Plain-text table, one line per row, columns padded; numbers right-aligned. */
export function formatTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((r) => [
    r.scenario,
    r.name,
    formatNumber(r.value),
    r.unit,
    formatTarget(r.target, r.unit),
    formatReference(r.reference),
    r.verdict,
  ]);
  const header = ['scenario', 'name', 'value', 'unit', 'target', 'reference', 'verdict'];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i]!))));
  const line = (c: string[]) => c.map((text, i) => pad(text, widths[i]!, i === 2)).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...cells.map(line)].join('\n');
}
