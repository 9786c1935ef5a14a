// A Speaker over the browser's speechSynthesis, used only when a zh-CN voice is installed:
// an English voice reading "请 A 0 1 2 号" helps nobody.

import type { Speaker } from './announcer.ts';

/** Longest we wait for one utterance; some engines never fire `end`. */
const UTTERANCE_TIMEOUT_MS = 15_000;

export function findChineseVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  return voices.find((v) => /^zh[-_]CN$/i.test(v.lang)) ?? null;
}

export function speechSynthesisSpeaker(synth: SpeechSynthesis | undefined = globalThis.speechSynthesis): Speaker {
  return {
    speak(text) {
      // Voices load late in Chromium, so look for one at every announcement.
      const voice = synth ? findChineseVoice(synth.getVoices()) : null;
      if (!synth || !voice) return Promise.resolve();
      return new Promise((resolve) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.rate = 0.9;
        const timer = setTimeout(resolve, UTTERANCE_TIMEOUT_MS);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        utterance.onend = done;
        utterance.onerror = done;
        synth.speak(utterance);
      });
    },
  };
}
