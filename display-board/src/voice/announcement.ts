// One call as an announcement: the clip sequence and, for a speech voice, the same words as
// text. Letters and digits of a ticket number are read one by one ("A 0 1 2", never
// "A twelve"); the window number is read as a number.
import type { Announcement } from './announcer.ts';
import { announcementClips, DEFAULT_TEMPLATE } from './clips.ts';

export function spellNumber(number: string): string {
  return [...number].join(' ');
}

export function announcementText(template: string | undefined, number: string, windowNumber: number): string {
  const words = template && template.includes('{number}') ? template : DEFAULT_TEMPLATE;
  return words.replaceAll('{number}', ` ${spellNumber(number)} `).replaceAll('{window}', ` ${windowNumber} `).replace(/\s+/g, ' ').trim();
}

export function buildAnnouncement(template: string | undefined, call: { number: string; windowNumber: number; recall: boolean }): Announcement {
  const { clips, unspoken } = announcementClips(template, call.number, call.windowNumber);
  return {
    ticketNumber: call.number,
    windowNumber: call.windowNumber,
    recall: call.recall,
    clips,
    clipsComplete: unspoken === '',
    text: announcementText(template, call.number, call.windowNumber),
  };
}
