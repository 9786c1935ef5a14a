import { describe, expect, it } from 'vitest';
import { createQueuedAnnouncer, LOG_SIZE, MAX_QUEUED, type Announcement, type Outcome, type Voice } from './announcer.ts';
import { announcementText, buildAnnouncement, spellNumber } from './announcement.ts';
import { createVoice } from './voice.ts';
import type { ClipPlayer } from './clip-player.ts';
import type { Speaker } from './speech-synthesis.ts';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A voice whose announcements finish only when the test says so. */
function manualVoice() {
  const said: string[] = [];
  const finishers: Array<() => void> = [];
  const voice: Voice = {
    say(a) {
      said.push(a.ticketNumber);
      return new Promise<Outcome>((resolve) => finishers.push(() => resolve('clips')));
    },
  };
  return {
    voice,
    said,
    finishOne: async () => {
      finishers.shift()?.();
      await flush();
    },
  };
}

const call = (number: string, recall = false): Announcement => buildAnnouncement(undefined, { number, windowNumber: 5, recall });

describe('queued announcer', () => {
  it('never cuts one call off for the next, and announces a recall again', async () => {
    const { voice, said, finishOne } = manualVoice();
    const announcer = createQueuedAnnouncer(voice);
    announcer.announce(call('A001'));
    announcer.announce(call('B002'));
    announcer.announce(call('A001', true));
    expect(said).toEqual(['A001']);
    expect(announcer.log.map((e) => e.state)).toEqual(['playing', 'queued', 'queued']);
    await finishOne();
    expect(said).toEqual(['A001', 'B002']);
    await finishOne();
    await finishOne();
    expect(said).toEqual(['A001', 'B002', 'A001']);
    expect(announcer.log.map((e) => [e.ticketNumber, e.recall, e.state, e.outcome])).toEqual([
      ['A001', false, 'done', 'clips'],
      ['B002', false, 'done', 'clips'],
      ['A001', true, 'done', 'clips'],
    ]);
  });

  it('clear drops what waits, not what is being said', async () => {
    const { voice, said, finishOne } = manualVoice();
    const announcer = createQueuedAnnouncer(voice);
    announcer.announce(call('A001'));
    announcer.announce(call('B002'));
    announcer.clear();
    await finishOne();
    expect(said).toEqual(['A001']);
    expect(announcer.log.map((e) => e.state)).toEqual(['done', 'dropped']);
  });

  it('a full queue drops its oldest waiting call, not the one being said', async () => {
    const { voice, said } = manualVoice();
    const announcer = createQueuedAnnouncer(voice);
    for (let i = 0; i <= MAX_QUEUED + 1; i++) announcer.announce(call(`A${i}`));
    expect(said).toEqual(['A0']);
    expect(announcer.log.filter((e) => e.state === 'dropped').map((e) => e.ticketNumber)).toEqual(['A1']);
    expect(announcer.log.filter((e) => e.state === 'queued').length).toBe(MAX_QUEUED);
  });

  it('keeps a bounded log over days of calls', async () => {
    const voice: Voice = { say: () => Promise.resolve('clips') };
    const announcer = createQueuedAnnouncer(voice);
    for (let i = 0; i < 500; i++) {
      announcer.announce(call(`A${i}`));
      await flush();
    }
    expect(announcer.log.length).toBe(LOG_SIZE);
    expect(announcer.log.at(-1)?.ticketNumber).toBe('A499');
  });

  it('a voice that throws does not jam the queue', async () => {
    let n = 0;
    const voice: Voice = { say: () => (n++ === 0 ? Promise.reject(new Error('boom')) : Promise.resolve('clips')) };
    const announcer = createQueuedAnnouncer(voice);
    announcer.announce(call('A001'));
    announcer.announce(call('A002'));
    await flush();
    await flush();
    expect(announcer.log.map((e) => e.outcome)).toEqual(['silent', 'clips']);
  });
});

describe('voice: clips first, speech only as a fallback that exists', () => {
  function fakes(clipsWork: boolean, hasVoice: boolean) {
    const played: string[][] = [];
    const spoken: string[] = [];
    const player: ClipPlayer = {
      prepare: () => Promise.resolve(),
      play: (clips) => (clipsWork ? (played.push([...clips]), Promise.resolve()) : Promise.reject(new Error('404'))),
    };
    const speech: Speaker = { available: () => hasVoice, speak: (t) => (spoken.push(t), Promise.resolve()) };
    return { voice: createVoice(player, speech, { onError: () => {} }), played, spoken };
  }
  const rows: Array<[string, boolean, boolean, Outcome, number, number]> = [
    ['clips play', true, true, 'clips', 1, 0],
    ['clips fail, zh-CN voice present', false, true, 'speech', 0, 2],
    ['clips fail, no voice', false, false, 'silent', 0, 0],
  ];
  for (const [name, clipsWork, hasVoice, outcome, plays, speeches] of rows) {
    it(name, async () => {
      const f = fakes(clipsWork, hasVoice);
      expect(await f.voice.say(call('A012'))).toBe(outcome);
      expect(f.played.length).toBe(plays);
      expect(f.spoken).toEqual(Array(speeches).fill('请 A 0 1 2 号到 5 号窗口办理'));
    });
  }
  it('a template with words no clip says prefers a speech voice when there is one', async () => {
    const f = fakes(true, true);
    expect(await f.voice.say(buildAnnouncement('请{number}号到{window}号窗口受理', { number: 'A012', windowNumber: 5, recall: false }))).toBe('speech');
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
