import { describe, expect, it } from 'vitest';
import { parseInitials, textMatches } from './initials.ts';

const table = parseInitials('公g司s注z册c变b更g行xh业y');

describe('search by initials', () => {
  it('gszc finds 公司注册', () => expect(textMatches(['有限责任公司注册登记'.slice(4)], 'gszc', table)).toBe(true));
  it('matches inside a longer name', () => expect(textMatches(['内资公司变更登记'], 'gsbg', table)).toBe(true));
  it('polyphones match either reading', () => {
    expect(textMatches(['行业'], 'hy', table)).toBe(true);
    expect(textMatches(['行业'], 'xy', table)).toBe(true);
  });
  it('plain text and keywords', () => expect(textMatches(['税务', '发票'], '发票', table)).toBe(true));
  it('no match', () => expect(textMatches(['公司注册'], 'gszx', table)).toBe(false));
  it('an empty query matches everything', () => expect(textMatches(['x'], ' ', table)).toBe(true));
});
