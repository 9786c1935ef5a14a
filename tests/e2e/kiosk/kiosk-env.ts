// One kiosk under test: a real hall server (in process, real SQLite), a real device agent
// with simulated devices (in process, port 0), headless Chromium with a touch screen, and a
// small TCP relay in front of the hall server so a test can take the "network" down and
// bring it back without restarting the server.
import { createServer, type Server, type Socket } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHall, type StartOptions, type TestHall } from '@hall/server/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser, screens, touchContext } from '../lib/browser.ts';

export interface KioskEnv {
  hall: TestHall;
  agent: AgentProcess;
  relay: Relay;
  browser: Browser;
  /** The kiosk's address through the relay. */
  kioskUrl: (query?: string) => string;
  agentUrl: string;
  open(options?: { query?: string; screen?: keyof typeof screens; settings?: Record<string, unknown> }): Promise<{ context: BrowserContext; page: Page }>;
  sim(path: string, method?: 'GET' | 'POST'): Promise<unknown>;
  close(): Promise<void>;
}

export async function startKioskEnv(options: StartOptions = {}, { agentConfig }: { agentConfig?: string } = {}): Promise<KioskEnv> {
  const hall = await startHall({ alwaysOpen: true, ...options });
  const agent = await startAgentProcess(agentConfig);
  const relay = await startRelay(Number(new URL(hall.url).port));
  const browser = await launchBrowser();
  const agentUrl = `http://127.0.0.1:${agent.port}`;
  const contexts: BrowserContext[] = [];
  const env: KioskEnv = {
    hall,
    agent,
    relay,
    browser,
    agentUrl,
    kioskUrl: (query = '?device=kiosk-1') => `http://127.0.0.1:${relay.port}/kiosk/${query}`,
    async open({ query, screen = 'kioskPortrait', settings = {} } = {}) {
      const context = await touchContext(browser, screens[screen]);
      contexts.push(context);
      // Setup mode would normally set the agent's address; tests start it on a free port.
      const stored = JSON.stringify({ agentUrl, ...settings });
      await context.addInitScript((value) => {
        if (!localStorage.getItem('hall.kiosk.settings')) localStorage.setItem('hall.kiosk.settings', value);
      }, stored);
      const page = await context.newPage();
      // A step that cannot happen fails with its locator, well before the test's own timeout.
      page.setDefaultTimeout(15_000);
      await page.goto(env.kioskUrl(query));
      return { context, page };
    },
    async sim(path, method = 'POST') {
      const response = await fetch(`${agentUrl}${path}`, { method });
      const body: unknown = await response.json();
      if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
      return body;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await relay.close();
      await agent.close();
      await hall.cleanup();
    },
  };
  return env;
}

export interface AgentProcess {
  port: number;
  close(): Promise<void>;
}

const HALL_DEVICES = fileURLToPath(new URL('../../../device-drivers/bin/hall-devices.js', import.meta.url));

/**
 * The device agent as the kiosk PC runs it, on a free port: `hall-devices agent --sim`, or with
 * `configPath` `hall-devices agent --config FILE` (devices as the file says; setup mode can edit it).
 */
export async function startAgentProcess(configPath?: string): Promise<AgentProcess> {
  const mode = configPath ? ['--config', configPath] : ['--sim'];
  const child: ChildProcess = spawn(process.execPath, [HALL_DEVICES, 'agent', ...mode, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`agent did not start: ${text}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const m = /device agent on http:\/\/[^:]+:(\d+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`agent exited (${code}): ${text}`)));
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Relay {
  port: number;
  /** Cut every connection and refuse new ones, like an unplugged network cable. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

async function startRelay(targetPort: number): Promise<Relay> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = new (client.constructor as typeof Socket)();
        upstream.connect(targetPort, '127.0.0.1');
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => sock.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const down = async () => {
    const s = server;
    server = null;
    for (const sock of sockets) sock.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return {
    get port() {
      return port;
    },
    down,
    up: listen,
    close: down,
  };
}
