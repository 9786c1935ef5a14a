// Pure helpers of the console's forms: read and write a draft by dotted path, and turn the
// text an admin types (hours, one item per line, an optional number) into the wire shape and
// back. Tested by table; the server validates again and has the last word.
import type { Session } from '@hall/common/domain';
import { messages } from '../messages.ts';

const m = messages.adminForms.parse;

export type Draft = Record<string, unknown>;

export function getPath(draft: unknown, path: string): unknown {
  let value: unknown = draft;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A copy of `draft` with `path` set; objects on the way are copied, never mutated. */
export function setPath<T extends Draft>(draft: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const key = head!;
  if (rest.length === 0) return { ...draft, [key]: value };
  const child = draft[key];
  const base = child !== null && typeof child === 'object' ? (child as Draft) : {};
  return { ...draft, [key]: setPath(base, rest.join('.'), value) };
}

/** "09:00-12:00 13:30-17:00" ⇄ sessions. Commas, 、 and ， separate too; – and ~ join. */
export function formatSessions(sessions: readonly Session[] | null | undefined): string {
  return (sessions ?? []).map((s) => `${s.start}-${s.end}`).join(' ');
}

export function parseSessions(text: string): Session[] | { error: string } {
  const parts = text
    .split(/[\s,，、;；]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const sessions: Session[] = [];
  for (const part of parts) {
    const match = /^(\d{1,2}):(\d{2})\s*[-–~～至]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!match) return { error: m.badHours(part) };
    const pad = (h: string) => h.padStart(2, '0');
    sessions.push({ start: `${pad(match[1]!)}:${match[2]}`, end: `${pad(match[3]!)}:${match[4]}` });
  }
  return sessions;
}

export function formatLines(list: readonly string[] | null | undefined): string {
  return (list ?? []).join('\n');
}

export function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** An optional whole number: empty is null (e.g. 不限号). */
export function parseOptionalNumber(text: string): number | null | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : { error: m.notANumber };
}

/** Epoch ms ⇄ the value of an <input type="datetime-local"> in the hall's time zone offset. */
export function toLocalInput(ms: number | null | undefined, offsetMinutes: number): string {
  if (ms === null || ms === undefined) return '';
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16);
}

export function fromLocalInput(text: string, offsetMinutes: number): number | null {
  if (!text) return null;
  const ms = Date.parse(`${text}:00Z`);
  return Number.isFinite(ms) ? ms - offsetMinutes * 60_000 : null;
}

/** Does the server's error field point at this form field (or inside it)? */
export function fieldMatches(errorField: string | undefined, path: string): boolean {
  if (!errorField) return false;
  return errorField === path || errorField.startsWith(`${path}.`);
}
