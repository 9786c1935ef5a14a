// A Speaker over the browser's speechSynthesis, used only when a zh-CN voice is installed:
// an English voice reading "请 A 0 1 2 号" helps nobody.

export interface Speaker {
  /** Is a suitable voice installed right now? (Chromium loads voices late.) */
  available(): boolean;
  /** Resolves when the words have been said (or could not be). */
  speak(text: string): Promise<void>;
}

/** Longest we wait for one utterance; some engines never fire `end`. */
const UTTERANCE_TIMEOUT_MS = 15_000;

export function findChineseVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  return voices.find((v) => /^zh[-_]CN$/i.test(v.lang) && v.localService) ?? null;
}

export function speechSynthesisSpeaker(synth: SpeechSynthesis | undefined = globalThis.speechSynthesis): Speaker {
  const voice = () => (synth ? findChineseVoice(synth.getVoices()) : null);
  return {
    available: () => voice() !== null,
    speak(text) {
      const chosen = voice();
      if (!synth || !chosen) return Promise.resolve();
      return new Promise((resolve) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.voice = chosen;
        utterance.lang = chosen.lang;
        utterance.rate = 0.9;
        const timer = setTimeout(done, UTTERANCE_TIMEOUT_MS);
        function done(): void {
          clearTimeout(timer);
          utterance.onend = null;
          utterance.onerror = null;
          resolve();
        }
        utterance.onend = done;
        utterance.onerror = done;
        synth.speak(utterance);
      });
    },
  };
}
