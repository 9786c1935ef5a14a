// Composition root: fonts and styles, the route, the connection, the voice, render.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { render } from 'preact';
import { BoardApp } from './BoardApp.tsx';
import { createBoardModel } from './app-model.ts';
import { connectBoard, DEVICE_TOKEN_KEY } from './net/hall-connection.ts';
import { parseRoute } from './route.ts';
import { createQueuedAnnouncer } from './voice/announcer.ts';
import { speechSynthesisSpeaker } from './voice/speech-synthesis.ts';

const route = parseRoute(location.pathname, import.meta.env.BASE_URL);
const connection = connectBoard();
const model = createBoardModel(connection, route, createQueuedAnnouncer(speechSynthesisSpeaker()));

function onPaired(token: string): void {
  localStorage.setItem(DEVICE_TOKEN_KEY, token);
  connection.reconnect();
}

render(<BoardApp model={model} onPaired={onPaired} />, document.getElementById('app')!);
