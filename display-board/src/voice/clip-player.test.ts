import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClipPlayer } from './clip-player.ts';

/** Just enough of an AudioContext: buffers with a duration, sources that record their start. */
function fakeAudio(state: AudioContextState = 'running', resumes = true) {
  const started: Array<{ at: number; duration: number }> = [];
  const disconnected: number[] = [];
  const ctx = {
    state,
    currentTime: 0,
    destination: {},
    resume: () => (resumes ? ((ctx.state = 'running'), Promise.resolve()) : new Promise<void>(() => {})),
    decodeAudioData: (bytes: ArrayBuffer) => Promise.resolve({ duration: new Uint8Array(bytes)[0]! / 10 }),
    createBufferSource() {
      const source = {
        buffer: null as { duration: number } | null,
        onended: null as null | (() => void),
        connect() {},
        disconnect: () => disconnected.push(1),
        start: (at: number) => started.push({ at, duration: source.buffer!.duration }),
        stop() {},
      };
      return source;
    },
  };
  return { ctx: ctx as unknown as AudioContext, started, disconnected };
}

/** Every clip is 0.5 s long, except missing ones. */
const fetchClip = (missing: string[] = []) =>
  ((url: string) => {
    const name = url.split('/').pop()!.replace('.opus', '');
    if (missing.includes(name)) return Promise.resolve(new Response('', { status: 404 }));
    return Promise.resolve(new Response(new Uint8Array([5])));
  }) as typeof fetch;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('clip player', () => {
  it('schedules clips back to back, a gap between readings, and frees every node', async () => {
    const audio = fakeAudio();
    const player = createClipPlayer({ baseUrl: '/board/voice/', context: () => audio.ctx, fetchImpl: fetchClip() });
    const done = player.play(['chime', 'qing', 'gap', 'qing']);
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    const starts = audio.started.map((s) => Number(s.at.toFixed(2)));
    expect(starts).toEqual([0.05, 0.59, 1.73]);
    expect(audio.disconnected.length).toBe(3);
  });

  it('a missing clip rejects, so the voice can fall back', async () => {
    const audio = fakeAudio();
    const player = createClipPlayer({ baseUrl: '/board/voice/', context: () => audio.ctx, fetchImpl: fetchClip(['qing']) });
    await expect(player.play(['chime', 'qing'])).rejects.toThrow(/qing: HTTP 404/);
    expect(audio.started).toEqual([]);
  });

  it('audio blocked by the autoplay policy rejects after a moment instead of jamming the queue', async () => {
    const audio = fakeAudio('suspended', false);
    const player = createClipPlayer({ baseUrl: '/board/voice/', context: () => audio.ctx, fetchImpl: fetchClip() });
    const result = player.play(['chime']).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(1500);
    expect(await result).toMatch(/autoplay/);
  });
});
