// Composition root: fonts and styles, the connection, the models, the idle reset, render.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { render } from 'preact';
import { App } from './App.tsx';
import { createKioskModel } from './app-model.ts';
import { connectKiosk, DEVICE_TOKEN_KEY } from './net/hall-connection.ts';
import { createIdleTimer, IDLE_TIMEOUT_MS } from './shell/idle.ts';

const connection = connectKiosk();
const model = createKioskModel(connection);

const idle = createIdleTimer({ timeoutMs: IDLE_TIMEOUT_MS, onIdle: () => model.home() });
for (const type of ['pointerdown', 'keydown'] as const) document.addEventListener(type, () => idle.touch(), { capture: true, passive: true });
// A long press must not open a context menu on a public touchscreen.
document.addEventListener('contextmenu', (event) => event.preventDefault());

function onPaired(token: string): void {
  localStorage.setItem(DEVICE_TOKEN_KEY, token);
  connection.reconnect();
}

render(<App model={model} onPaired={onPaired} />, document.getElementById('app')!);
