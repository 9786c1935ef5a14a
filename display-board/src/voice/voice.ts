// How an announcement becomes sound: recorded clips first; a local zh-CN speech-synthesis
// voice only when the clips fail (or the template has words no clip says) and such a voice
// exists; otherwise silence, never a wrong-language voice.
import type { Announcement, Outcome, Voice } from './announcer.ts';
import type { ClipPlayer } from './clip-player.ts';
import type { Speaker } from './speech-synthesis.ts';
import { READINGS } from './clips.ts';

export function createVoice(player: ClipPlayer, speech: Speaker, options: { readings?: number; onError?: (error: unknown) => void } = {}): Voice {
  const readings = options.readings ?? READINGS;
  async function speak(announcement: Announcement): Promise<Outcome> {
    if (!speech.available()) return 'silent';
    for (let i = 0; i < readings; i++) await speech.speak(announcement.text);
    return 'speech';
  }
  return {
    async say(announcement) {
      if (!announcement.clipsComplete && speech.available()) return speak(announcement);
      try {
        await player.play(announcement.clips);
        return 'clips';
      } catch (error) {
        options.onError?.(error);
        return speak(announcement);
      }
    },
  };
}
