import { describe, expect, it } from 'vitest';
import { allClipNames, announcementClips, phraseClips, ticketNumberClips, windowNumberClips } from './clips.ts';

describe('ticket numbers are read one character at a time', () => {
  const rows: Array<[string, string[]]> = [
    ['A012', ['letter-A', 'digit-0', 'digit-1', 'digit-2']],
    ['AB105', ['letter-A', 'letter-B', 'digit-1', 'digit-0', 'digit-5']],
    ['a7', ['letter-A', 'digit-7']],
    ['C-09', ['letter-C', 'digit-0', 'digit-9']],
  ];
  for (const [number, clips] of rows) it(number, () => expect(ticketNumberClips(number)).toEqual(clips));
});

describe('window numbers are read as numbers', () => {
  const rows: Array<[number, string[]]> = [
    [5, ['digit-5']],
    [10, ['shi']],
    [12, ['shi', 'digit-2']],
    [20, ['digit-2', 'shi']],
    [35, ['digit-3', 'shi', 'digit-5']],
    [100, ['digit-1', 'bai']],
    [105, ['digit-1', 'bai', 'digit-0', 'digit-5']],
    [110, ['digit-1', 'bai', 'digit-1', 'shi']],
    [141, ['digit-1', 'bai', 'digit-4', 'shi', 'digit-1']],
    [999, ['digit-9', 'bai', 'digit-9', 'shi', 'digit-9']],
  ];
  for (const [n, clips] of rows) it(String(n), () => expect(windowNumberClips(n)).toEqual(clips));
});

describe('templates', () => {
  const rows: Array<[string | undefined, string[], string]> = [
    ['请{number}号到{window}号窗口办理', ['qing', 'letter-A', 'digit-0', 'digit-1', 'digit-2', 'hao', 'dao', 'digit-5', 'hao-chuangkou', 'banli'], ''],
    [undefined, ['qing', 'letter-A', 'digit-0', 'digit-1', 'digit-2', 'hao', 'dao', 'digit-5', 'hao-chuangkou', 'banli'], ''],
    ['没有占位符', ['qing', 'letter-A', 'digit-0', 'digit-1', 'digit-2', 'hao', 'dao', 'digit-5', 'hao-chuangkou', 'banli'], ''],
    ['{number}号，请到{window}号窗口', ['letter-A', 'digit-0', 'digit-1', 'digit-2', 'hao', 'qing', 'dao', 'digit-5', 'hao-chuangkou'], ''],
    ['请{number}号到{window}号窗口受理', ['qing', 'letter-A', 'digit-0', 'digit-1', 'digit-2', 'hao', 'dao', 'digit-5', 'hao-chuangkou'], '受理'],
  ];
  for (const [template, clips, unspoken] of rows) {
    it(`${template}`, () => expect(phraseClips(template, 'A012', 5)).toEqual({ clips, unspoken }));
  }
});

describe('the whole announcement', () => {
  it('is the chime, then the phrase twice with a gap', () => {
    const { clips } = announcementClips(undefined, 'B3', 12);
    const phrase = ['qing', 'letter-B', 'digit-3', 'hao', 'dao', 'shi', 'digit-2', 'hao-chuangkou', 'banli'];
    expect(clips).toEqual(['chime', ...phrase, 'gap', ...phrase]);
  });

  it('uses only clips that exist', () => {
    const known = new Set([...allClipNames(), 'gap']);
    for (const n of [1, 10, 99, 100, 101, 110, 999]) {
      for (const clip of announcementClips(undefined, 'AZ0123456789', n).clips) expect(known.has(clip), clip).toBe(true);
    }
  });
});
