// The words of one announcement. Letters and digits of a ticket number are read one by one
// ("A 0 1 2", never "A twelve"); the window number is read as a number.
import { messages } from '../messages.ts';

export function spellNumber(number: string): string {
  return [...number].join(' ');
}

export function announcementText(template: string | undefined, number: string, windowNumber: number): string {
  const words = template && template.includes('{number}') ? template : messages.voice.defaultTemplate;
  return words.replaceAll('{number}', ` ${spellNumber(number)} `).replaceAll('{window}', ` ${windowNumber} `).replace(/\s+/g, ' ').trim();
}
