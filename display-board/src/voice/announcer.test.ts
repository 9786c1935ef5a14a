import { describe, expect, it } from 'vitest';
import { createQueuedAnnouncer, type Speaker } from './announcer.ts';
import { announcementText, spellNumber } from './announcement.ts';

/** A speaker whose utterances finish only when the test says so. */
function manualSpeaker() {
  const said: string[] = [];
  let finish: () => void = () => {};
  const speaker: Speaker = {
    speak(text) {
      said.push(text);
      return new Promise((resolve) => (finish = resolve));
    },
  };
  return { speaker, said, finishOne: async () => { finish(); await Promise.resolve(); await Promise.resolve(); } };
}

describe('queued announcer', () => {
  it('says each call twice and never cuts one off for the next', async () => {
    const { speaker, said, finishOne } = manualSpeaker();
    const announcer = createQueuedAnnouncer(speaker);
    announcer.announce({ text: 'A001' });
    announcer.announce({ text: 'B002' });
    expect(said).toEqual(['A001']);
    await finishOne();
    expect(said).toEqual(['A001', 'A001']);
    await finishOne();
    expect(said).toEqual(['A001', 'A001', 'B002']);
    await finishOne();
    await finishOne();
    expect(said).toEqual(['A001', 'A001', 'B002', 'B002']);
  });

  it('clear drops what waits, not what is being said', async () => {
    const { speaker, said, finishOne } = manualSpeaker();
    const announcer = createQueuedAnnouncer(speaker, 1);
    announcer.announce({ text: 'A001' });
    announcer.announce({ text: 'B002' });
    announcer.clear();
    await finishOne();
    expect(said).toEqual(['A001']);
  });
});

describe('announcement text', () => {
  it('reads the ticket number letter by letter', () => {
    expect(spellNumber('A012')).toBe('A 0 1 2');
  });

  const rows: Array<[string | undefined, string]> = [
    ['请{number}号到{window}号窗口办理', '请 A 0 1 2 号到 5 号窗口办理'],
    ['{number}号请到{window}号窗口', 'A 0 1 2 号请到 5 号窗口'],
    [undefined, '请 A 0 1 2 号到 5 号窗口办理'],
    ['没有占位符', '请 A 0 1 2 号到 5 号窗口办理'],
  ];
  for (const [template, text] of rows) it(`${template} → ${text}`, () => expect(announcementText(template, 'A012', 5)).toBe(text));
});
