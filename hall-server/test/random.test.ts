import { describe, expect, it } from 'vitest';
import { randomToken } from '../src/service/random.ts';

describe('randomToken', () => {
  it('gives tokens of the asked length, never the same twice across pool refills', () => {
    const seen = new Set<string>();
    // 1,000 tokens of 16 bytes span four refills of the 4 KiB pool.
    for (let i = 0; i < 1000; i++) {
      const token = randomToken(16);
      expect(Buffer.from(token, 'base64url')).toHaveLength(16);
      seen.add(token);
    }
    expect(seen.size).toBe(1000);
  });

  it('spreads its bytes over the whole range (no pool slice handed out as zeros)', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 512; i++) for (const b of Buffer.from(randomToken(32), 'base64url')) counts[b]!++;
    // 16,384 bytes: every value appears, none more than a few times its expected 64.
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan(200);
  });
});
