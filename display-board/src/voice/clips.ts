// Which recorded clips make up one announcement: a pure function of the board's template, the
// ticket number and the window number, tested by table. The Web Audio player only fetches and
// joins what this returns.
//
// Ticket numbers are read letter by letter and digit by digit (A012 → A 零 一 二), because
// "A twelve" is easily misheard across a hall; window numbers are read as numbers (12 → 十二),
// which is how people say "12号窗口".

export const digitClips = ['digit-0', 'digit-1', 'digit-2', 'digit-3', 'digit-4', 'digit-5', 'digit-6', 'digit-7', 'digit-8', 'digit-9'] as const;
type DigitClip = (typeof digitClips)[number];
type LetterClip = `letter-${string}`;

/** Fixed words of the templates, each one recorded clip. Longest first: 号窗口 before 号. */
export const wordClips: ReadonlyArray<readonly [string, string]> = [
  ['号窗口', 'hao-chuangkou'],
  ['办理', 'banli'],
  ['请', 'qing'],
  ['号', 'hao'],
  ['到', 'dao'],
];

export const CHIME = 'chime';
/** A short silence between the two readings; the player makes it, there is no file. */
export const GAP = 'gap';

export type ClipName = string;

/** Every clip file the board may ask for, to preload and to check the folder against. */
export function allClipNames(): ClipName[] {
  const letters = Array.from({ length: 26 }, (_, i) => `letter-${String.fromCharCode(65 + i)}`);
  return [CHIME, ...digitClips, ...letters, ...wordClips.map(([, clip]) => clip), 'shi', 'bai'];
}

function digit(d: number): DigitClip {
  return digitClips[d]!;
}

/** A ticket number one character at a time; anything but A–Z and 0–9 is not spoken. */
export function ticketNumberClips(number: string): ClipName[] {
  const clips: ClipName[] = [];
  for (const ch of number.toUpperCase()) {
    if (ch >= '0' && ch <= '9') clips.push(digit(Number(ch)));
    else if (ch >= 'A' && ch <= 'Z') clips.push(`letter-${ch}` satisfies LetterClip);
  }
  return clips;
}

/** 1–999 as said in Mandarin: 5 五, 10 十, 12 十二, 20 二十, 105 一百零五, 110 一百一十. */
export function windowNumberClips(n: number): ClipName[] {
  if (!Number.isInteger(n) || n < 0 || n > 999) return ticketNumberClips(String(n));
  if (n < 10) return [digit(n)];
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  const clips: ClipName[] = [];
  if (hundreds > 0) clips.push(digit(hundreds), 'bai');
  if (tens > 0) {
    // 十二, not 一十二; but 一百一十 keeps its 一.
    if (!(hundreds === 0 && tens === 1)) clips.push(digit(tens));
    clips.push('shi');
  } else if (hundreds > 0 && ones > 0) clips.push(digit(0));
  if (ones > 0) clips.push(digit(ones));
  return clips;
}

export interface PhrasePlan {
  clips: ClipName[];
  /** Template text no clip can say; when not empty, a speech voice reads it better. */
  unspoken: string;
}

export const DEFAULT_TEMPLATE = '请{number}号到{window}号窗口办理';

/** One reading of the template with clips; spaces and punctuation are ignored. */
export function phraseClips(template: string | undefined, number: string, windowNumber: number): PhrasePlan {
  const words = template && template.includes('{number}') ? template : DEFAULT_TEMPLATE;
  const clips: ClipName[] = [];
  let unspoken = '';
  let rest = words;
  while (rest.length > 0) {
    if (rest.startsWith('{number}')) {
      clips.push(...ticketNumberClips(number));
      rest = rest.slice('{number}'.length);
      continue;
    }
    if (rest.startsWith('{window}')) {
      clips.push(...windowNumberClips(windowNumber));
      rest = rest.slice('{window}'.length);
      continue;
    }
    const word = wordClips.find(([text]) => rest.startsWith(text));
    if (word) {
      clips.push(word[1]);
      rest = rest.slice(word[0].length);
      continue;
    }
    const ch = rest[0]!;
    if (!/[\s，。,.!！、:：;；]/.test(ch)) unspoken += ch;
    rest = rest.slice(1);
  }
  return { clips, unspoken };
}

export const READINGS = 2;

/** The whole announcement: the chime, then the phrase twice with a pause between. */
export function announcementClips(template: string | undefined, number: string, windowNumber: number, readings = READINGS): { clips: ClipName[]; unspoken: string } {
  const phrase = phraseClips(template, number, windowNumber);
  const clips: ClipName[] = [CHIME];
  for (let i = 0; i < readings; i++) {
    if (i > 0) clips.push(GAP);
    clips.push(...phrase.clips);
  }
  return { clips, unspoken: phrase.unspoken };
}
