// Plays a sequence of recorded clips back to back with Web Audio. Clips are fetched and
// decoded once and kept (the set is fixed and small, about 45 clips, so the cache is bounded);
// every played node is disconnected when it ends, so nothing accumulates over days.
import { GAP, type ClipName } from './clips.ts';

/** Silence between the two readings of an announcement. */
const GAP_SECONDS = 0.6;
/** Clips are joined with this much silence so words do not run together. */
const JOIN_SECONDS = 0.04;
/** How long a suspended audio context may take to start. */
const RESUME_WAIT_MS = 1000;
/** If the audio clock stalls (no output device), give up this long after the planned end. */
const STALL_GRACE_MS = 3000;

export interface ClipPlayer {
  /** Loads every clip the sequence needs; rejects when one cannot be fetched or decoded. */
  prepare(clips: readonly ClipName[]): Promise<void>;
  /** Plays the sequence; resolves when it has ended. Rejects if a clip is missing. */
  play(clips: readonly ClipName[]): Promise<void>;
}

export interface ClipPlayerOptions {
  baseUrl: string;
  context?: () => AudioContext;
  fetchImpl?: typeof fetch;
}

export function createClipPlayer({ baseUrl, context: makeContext = () => new AudioContext(), fetchImpl = (...args) => fetch(...args) }: ClipPlayerOptions): ClipPlayer {
  let context: AudioContext | null = null;
  const buffers = new Map<ClipName, Promise<AudioBuffer>>();

  function audio(): AudioContext {
    context ??= makeContext();
    return context;
  }

  function load(clip: ClipName): Promise<AudioBuffer> {
    let buffer = buffers.get(clip);
    if (!buffer) {
      buffer = fetchImpl(`${baseUrl}${clip}.opus`)
        .then((response) => {
          if (!response.ok) throw new Error(`voice clip ${clip}: HTTP ${response.status}`);
          return response.arrayBuffer();
        })
        .then((bytes) => audio().decodeAudioData(bytes));
      // A failed load is forgotten, so a clip that was briefly unreachable is tried again later.
      buffer.catch(() => buffers.delete(clip));
      buffers.set(clip, buffer);
    }
    return buffer;
  }

  async function prepare(clips: readonly ClipName[]): Promise<void> {
    await Promise.all([...new Set(clips)].filter((c) => c !== GAP).map(load));
  }

  async function play(clips: readonly ClipName[]): Promise<void> {
    await prepare(clips);
    const ctx = audio();
    if (ctx.state === 'suspended') {
      // Without --autoplay-policy=no-user-gesture-required resume() waits for a click that
      // never comes on a board: give up after a moment so the queue moves on.
      await Promise.race([ctx.resume().catch(() => {}), new Promise((r) => setTimeout(r, RESUME_WAIT_MS))]);
      // Read again: TypeScript narrowed the state before the await.
      if ((ctx.state as AudioContextState) !== 'running') throw new Error('audio is blocked: start the board browser with --autoplay-policy=no-user-gesture-required');
    }
    const decoded = await Promise.all(clips.map((c) => (c === GAP ? null : load(c))));
    let at = ctx.currentTime + 0.05;
    const sources: AudioBufferSourceNode[] = [];
    for (const buffer of decoded) {
      if (!buffer) {
        at += GAP_SECONDS;
        continue;
      }
      const source = ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(ctx.destination);
      source.start(at);
      sources.push(source);
      at += buffer.duration + JOIN_SECONDS;
    }
    const plannedMs = (at - ctx.currentTime) * 1000;
    await new Promise<void>((resolve) => {
      const last = sources.at(-1);
      const timer = setTimeout(finish, plannedMs + STALL_GRACE_MS);
      function finish(): void {
        clearTimeout(timer);
        for (const s of sources) {
          s.onended = null;
          try {
            s.stop();
          } catch {
            // already stopped
          }
          s.disconnect();
        }
        resolve();
      }
      if (last) last.onended = finish;
      else finish();
    });
  }

  return { prepare, play };
}
