// The voice seam. A board hands every call to an Announcer; the announcer queues them so a new
// call never cuts off the one being spoken, and says each one twice. What actually makes the
// sound is a Speaker: today a local zh-CN speech-synthesis voice when the machine has one,
// else silence; recorded clips joined with Web Audio (issue 5) will be another Speaker.

export interface Announcement {
  text: string;
}

export interface Announcer {
  announce(announcement: Announcement): void;
  /** Drop what is queued (e.g. the board was switched to silent). */
  clear(): void;
}

export interface Speaker {
  /** Resolves when the words have been said (or could not be). */
  speak(text: string): Promise<void>;
}

export const SAY_TIMES = 2;
/** A queue longer than this only delays fresh calls; the oldest are dropped. */
const MAX_QUEUED = 20;

export function createQueuedAnnouncer(speaker: Speaker, sayTimes = SAY_TIMES): Announcer {
  const queue: Announcement[] = [];
  let speaking = false;

  async function drain(): Promise<void> {
    if (speaking) return;
    speaking = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        for (let i = 0; i < sayTimes; i++) await speaker.speak(next.text);
      }
    } finally {
      speaking = false;
    }
  }

  return {
    announce(announcement) {
      queue.push(announcement);
      if (queue.length > MAX_QUEUED) queue.shift();
      void drain();
    },
    clear() {
      queue.length = 0;
    },
  };
}

/** A Speaker that says nothing: the board stays silent rather than speak in a wrong voice. */
export const silentSpeaker: Speaker = { speak: () => Promise.resolve() };
