// Composition root: fonts and styles, the route, the connection, the voice, render.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { render } from 'preact';
import { BoardApp } from './BoardApp.tsx';
import { createBoardModel } from './app-model.ts';
import { connectBoard, DEVICE_TOKEN_KEY } from './net/hall-connection.ts';
import { parseRoute } from './route.ts';
import { createQueuedAnnouncer, type Announcer } from './voice/announcer.ts';
import { speechSynthesisSpeaker } from './voice/speech-synthesis.ts';
import { createClipPlayer } from './voice/clip-player.ts';
import { allClipNames } from './voice/clips.ts';
import { createVoice } from './voice/voice.ts';

declare global {
  interface Window {
    /** The voice queue and its recent log, for browser tests and a technician's devtools. */
    __announcer?: Announcer;
  }
}

const route = parseRoute(location.pathname, import.meta.env.BASE_URL);
const connection = connectBoard();
const player = createClipPlayer({ baseUrl: `${import.meta.env.BASE_URL}voice/` });
const announcer = createQueuedAnnouncer(createVoice(player, speechSynthesisSpeaker(), { onError: (error) => console.warn('voice clips failed; falling back', error) }));
window.__announcer = announcer;
// Load every clip at start-up so the first call is not late, and a missing file shows early.
if (route.kind === 'board') player.prepare(allClipNames()).catch((error: unknown) => console.warn('voice clips could not be loaded', error));
const model = createBoardModel(connection, route, announcer);

function onPaired(token: string): void {
  localStorage.setItem(DEVICE_TOKEN_KEY, token);
  connection.reconnect();
}

render(<BoardApp model={model} onPaired={onPaired} />, document.getElementById('app')!);
