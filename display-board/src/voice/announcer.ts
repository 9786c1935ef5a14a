// The voice queue. A board hands every call to the Announcer; it queues them so a new call
// never cuts off the one being spoken (a recall is simply queued again), and plays each one
// through a Voice: recorded clips joined with Web Audio, or, only when the clips fail and the
// machine has a zh-CN voice, speech synthesis. What was queued and how it was played is kept
// in a short log that tests (and a technician with devtools) can read.
import type { ClipName } from './clips.ts';

export interface Announcement {
  ticketNumber: string;
  windowNumber: number;
  recall: boolean;
  /** The full clip sequence: chime, the phrase, a gap, the phrase. */
  clips: ClipName[];
  /** False when the template has words no clip says; a speech voice, if any, is then better. */
  clipsComplete: boolean;
  /** The phrase as words, for a speech voice; said READINGS times. */
  text: string;
}

export type Outcome = 'clips' | 'speech' | 'silent';

export interface Voice {
  /** Says the whole announcement (chime and both readings); resolves with how it was said. */
  say(announcement: Announcement): Promise<Outcome>;
}

export interface LogEntry extends Announcement {
  /** Increases by one per announcement, across the board's life. */
  id: number;
  /** dropped: left the queue unsaid (the queue was full, or the board went silent). */
  state: 'queued' | 'playing' | 'done' | 'dropped';
  outcome: Outcome | null;
}

export interface Announcer {
  announce(announcement: Announcement): void;
  /** Drop what is queued (e.g. the board was switched to silent). */
  clear(): void;
  /** The last LOG_SIZE announcements, oldest first. */
  readonly log: readonly LogEntry[];
}

/** A queue longer than this only delays fresh calls; the oldest waiting ones are dropped. */
export const MAX_QUEUED = 20;
/** Entries kept in the log: a board runs for days. */
export const LOG_SIZE = 50;

export function createQueuedAnnouncer(voice: Voice): Announcer {
  const queue: LogEntry[] = [];
  const log: LogEntry[] = [];
  let nextId = 1;
  let speaking = false;

  async function drain(): Promise<void> {
    if (speaking) return;
    speaking = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        next.state = 'playing';
        next.outcome = await voice.say(next).catch((): Outcome => 'silent');
        next.state = 'done';
      }
    } finally {
      speaking = false;
    }
  }

  return {
    log,
    announce(announcement) {
      const entry: LogEntry = { id: nextId++, ...announcement, clips: [...announcement.clips], state: 'queued', outcome: null };
      queue.push(entry);
      if (queue.length > MAX_QUEUED) queue.shift()!.state = 'dropped';
      log.push(entry);
      if (log.length > LOG_SIZE) log.splice(0, log.length - LOG_SIZE);
      void drain();
    },
    clear() {
      for (const entry of queue) entry.state = 'dropped';
      queue.length = 0;
    },
  };
}
