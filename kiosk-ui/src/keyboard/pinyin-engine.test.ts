import { describe, expect, it } from 'vitest';
import { createPinyinEngine } from './pinyin-engine.ts';

// Most frequent first, as the build writes it.
const dictionary = ['的\tde', '公司\tgong si', '是\tshi', '工商\tgong shang', '注册\tzhu ce', '公\tgong', '司\tsi', '公司注册\tgong si zhu ce', '工\tgong', '女\tnv'].join('\n');
const engine = createPinyinEngine(dictionary);
const words = (input: string) => engine.candidates(input).map((c) => c.word);

describe('pinyin engine', () => {
  it('full pinyin finds the phrase', () => expect(words('gongsi')[0]).toBe('公司'));
  it('initials find phrases', () => expect(words('gs')).toEqual(['公司', '工商', '公', '工']));
  it('a partly spelled phrase', () => expect(engine.candidates('gongs').slice(0, 3)).toEqual([{ word: '公司', consumed: 5 }, { word: '工商', consumed: 5 }, { word: '公', consumed: 4 }]));
  it('four-character phrase by initials', () => expect(words('gszc')[0]).toBe('公司注册'));
  it('ü is typed as v', () => expect(words('nv')).toEqual(['女']));
  it('no dictionary word for the whole input: the leading word, consuming only its letters', () => {
    const c = engine.candidates('gongsishi');
    expect(c[0]).toEqual({ word: '公司', consumed: 6 });
    expect(c.map((x) => x.word)).toContain('公');
  });
  it('a single syllable offers its characters', () => expect(words('gong')).toEqual(['公', '工']));
  it('nothing for nothing', () => expect(engine.candidates('')).toEqual([]));
});
