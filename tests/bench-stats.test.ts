// The benchmark's arithmetic and table: percentiles by nearest rank, verdicts, alignment.
import { describe, expect, it } from 'vitest';
import { percentile, round, summarize } from '../bench/lib/stats.ts';
import { displayWidth, formatNumber, formatTable, judge } from '../bench/lib/table.ts';
import { stealPercent } from '../bench/lib/proc-stats.ts';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('returns an observed value at the rank ceil(p/100 × n)', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 99.5)).toBe(100);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  });

  it('handles the ends and empty input', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize', () => {
  it('sorts a copy and reports count, mean, p50, p90, p99 and max', () => {
    const samples = [5, 1, 4, 2, 3];
    const s = summarize(samples);
    expect(samples).toEqual([5, 1, 4, 2, 3]);
    expect(s).toEqual({ count: 5, mean: 3, p50: 3, p90: 5, p99: 5, max: 5 });
  });

  it('gives NaN figures for no samples', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.p99).toBeNaN();
    expect(s.mean).toBeNaN();
  });
});

describe('round and formatNumber', () => {
  it('keeps three decimals below 10, one below 1000, none above', () => {
    expect(round(1.23456)).toBe(1.235);
    expect(round(123.456)).toBe(123.5);
    expect(round(12345.6)).toBe(12346);
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(Number.NaN)).toBe('n/a');
  });
});

describe('judge', () => {
  const base = { scenario: 's', name: 'n', unit: 'ms' };

  it('meets or misses a target in its direction', () => {
    expect(judge({ ...base, value: 9, target: { op: '<=', value: 10 } }).verdict).toBe('met');
    expect(judge({ ...base, value: 10, target: { op: '<=', value: 10 } }).verdict).toBe('met');
    expect(judge({ ...base, value: 11, target: { op: '<=', value: 10 } }).verdict).toBe('MISSED');
    expect(judge({ ...base, value: 3000, target: { op: '>=', value: 3000 } }).verdict).toBe('met');
    expect(judge({ ...base, value: 2999, target: { op: '>=', value: 3000 } }).verdict).toBe('MISSED');
  });

  it('misses a target when there is no figure, and reports rows without a target as info', () => {
    expect(judge({ ...base, value: Number.NaN, target: { op: '<=', value: 10 } }).verdict).toBe('MISSED');
    expect(judge({ ...base, value: 1 }).verdict).toBe('info');
    expect(judge({ ...base, value: 1, verdict: 'error' }).verdict).toBe('error');
  });
});

describe('formatTable', () => {
  it('aligns columns, counting CJK characters as two columns wide', () => {
    expect(displayWidth('叫号')).toBe(4);
    const table = formatTable([
      judge({ scenario: 'fanout', name: '叫号 fan-out p99', value: 3.5, unit: 'ms', target: { op: '<=', value: 15 } }),
      judge({ scenario: 'throughput', name: 'issuance', value: 3200, unit: 'tickets/s', target: { op: '>=', value: 3000 }, reference: { name: 'raw', value: 500, unit: 'rows/s' } }),
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^scenario\s+name\s+value\s+unit\s+target\s+reference\s+verdict$/);
    // The verdict column starts at the same display column on every row.
    const verdictAt = (line: string) => displayWidth(line.slice(0, line.lastIndexOf(' ') + 1));
    expect(new Set([lines[0]!, lines[2]!, lines[3]!].map(verdictAt)).size).toBe(1);
    expect(lines[2]).toContain('<= 15 ms');
    expect(lines[3]).toContain('500 rows/s (raw)');
    expect(lines[3]?.trimEnd().endsWith('met')).toBe(true);
  });
});

describe('stealPercent', () => {
  it('is the share of all CPU time between two readings that the host took', () => {
    expect(stealPercent({ total: 1000, steal: 10 }, { total: 1200, steal: 16 })).toBeCloseTo(3, 10);
    expect(stealPercent({ total: 1000, steal: 10 }, { total: 1200, steal: 10 })).toBe(0);
  });

  it('is NaN without readings or without time between them', () => {
    expect(stealPercent(null, { total: 1200, steal: 16 })).toBeNaN();
    expect(stealPercent({ total: 1000, steal: 10 }, null)).toBeNaN();
    expect(stealPercent({ total: 1000, steal: 10 }, { total: 1000, steal: 10 })).toBeNaN();
  });
});
