// Composition root: styles (the web font follows the first render), settings, the two connections, the models, the idle
// policy and the setup gesture, render.
import './styles.css';
import { render } from 'preact';
import { App } from './App.tsx';
import { createKioskModel } from './app-model.ts';
import { connectKiosk, DEVICE_TOKEN_KEY } from './net/hall-connection.ts';
import { createAgentConnection } from './net/agent-connection.ts';
import { createSettingsStore } from './settings/settings-store.ts';
import { createTapCounter } from './setup/gesture.ts';

performance.mark('kiosk:modules-evaluated');
const settings = createSettingsStore(localStorage);
const connection = connectKiosk();
const agent = createAgentConnection({ url: settings.settings.value.agentUrl });
const model = createKioskModel({ connection, agent, settings });

for (const type of ['pointerdown', 'keydown'] as const) document.addEventListener(type, () => model.idle.touch(), { capture: true, passive: true });
// A long press must not open a context menu on a public touchscreen, nor two fingers zoom it.
document.addEventListener('contextmenu', (event) => event.preventDefault());
document.addEventListener('touchmove', (event) => event.touches.length > 1 && event.preventDefault(), { passive: false });
document.addEventListener('gesturestart', (event) => event.preventDefault());

function onPaired(token: string): void {
  localStorage.setItem(DEVICE_TOKEN_KEY, token);
  connection.reconnect();
}

const cornerTap = createTapCounter(() => model.enterSetup());

render(<App model={model} onPaired={onPaired} onCornerTap={() => cornerTap(Date.now())} />, document.getElementById('app')!);
performance.mark('kiosk:first-render');
setTimeout(() => void import('./fonts.ts'), 0);
