import { describe, expect, it } from 'vitest';
import { fieldMatches, formatSessions, fromLocalInput, getPath, parseLines, parseOptionalNumber, parseSessions, setPath, toLocalInput } from './form-values.ts';

describe('paths', () => {
  it('reads and writes nested values without mutating', () => {
    const draft = { a: 1, guide: { basis: 'x' }, board: null };
    const next = setPath(draft, 'guide.basis', 'y');
    expect(getPath(next, 'guide.basis')).toBe('y');
    expect(draft.guide.basis).toBe('x');
    expect(getPath(setPath(draft, 'board.zone', '二楼'), 'board.zone')).toBe('二楼');
    expect(getPath(draft, 'board.zone')).toBeUndefined();
  });
});

describe('sessions', () => {
  const rows: Array<[string, unknown]> = [
    ['09:00-12:00 13:30-17:00', [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:00' }]],
    ['9:00~12:00，13:30至17:00', [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:00' }]],
    ['', []],
    ['上午', { error: '无法识别“上午”，请写成 09:00-12:00' }],
  ];
  for (const [text, parsed] of rows) it(JSON.stringify(text), () => expect(parseSessions(text)).toEqual(parsed));
  it('formats back', () => expect(formatSessions([{ start: '09:00', end: '12:00' }])).toBe('09:00-12:00'));
});

describe('small parsers', () => {
  it('lines', () => expect(parseLines(' 身份证 \n\n营业执照\n')).toEqual(['身份证', '营业执照']));
  it('optional numbers', () => {
    expect(parseOptionalNumber('')).toBeNull();
    expect(parseOptionalNumber(' 200 ')).toBe(200);
    expect(parseOptionalNumber('两百')).toEqual({ error: '请输入数字' });
  });
  it('datetime in the hall’s offset', () => {
    const ms = Date.parse('2026-11-25T02:00:00Z');
    expect(toLocalInput(ms, 480)).toBe('2026-11-25T10:00');
    expect(fromLocalInput('2026-11-25T10:00', 480)).toBe(ms);
    expect(fromLocalInput('', 480)).toBeNull();
  });
  it('error fields', () => {
    expect(fieldMatches('weekdayHours.0.end', 'weekdayHours')).toBe(true);
    expect(fieldMatches('prefix', 'prefix')).toBe(true);
    expect(fieldMatches('prefixes', 'prefix')).toBe(false);
    expect(fieldMatches(undefined, 'prefix')).toBe(false);
  });
});
