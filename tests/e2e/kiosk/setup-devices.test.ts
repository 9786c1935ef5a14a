// 设置模式 › 设备 end to end: an agent started from a configuration file (all simulators), the
// admin adds a device without an address (refused, in Chinese, naming it) and removes it, then
// moves the ticket printer to a serial line by touch — a socat pseudo-terminal with the printer
// simulator (`hall-devices sim printer`, its own process) on the far end — saves, restarts the
// devices, and the test ticket comes out of the serial printer.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath } from '../lib/browser.ts';
import { startKioskEnv, type KioskEnv } from './kiosk-env.ts';

vi.setConfig({ testTimeout: 90_000 });

const HALL_DEVICES = fileURLToPath(new URL('../../../device-drivers/bin/hall-devices.js', import.meta.url));

// A path typed on the on-screen keyboard in one tap per character: lower-case, digits, / and :.
const dir = join(tmpdir(), `hallsetup${process.pid}`);
const configPath = join(dir, 'agent.json');
const hostEnd = join(dir, 'ttya');
const deviceEnd = join(dir, 'ttyb');
const printed = join(dir, 'printed');
const original = `${JSON.stringify(
  {
    devices: [
      { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'sim:', profile: 'generic-80' },
      { id: 'idCardReader', kind: 'idCardReader', uri: 'sim:' },
      { id: 'scanner', kind: 'scanner', uri: 'sim:' },
      { id: 'a4Printer', kind: 'a4Printer', uri: 'sim:' },
    ],
  },
  null,
  2,
)}\n`;

let env: KioskEnv;
const children: ChildProcess[] = [];

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A process that says `ready` on stderr once it is. */
async function run(args: string[], command: string, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let text = '';
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await until(() => ready.test(text), `${command} ${args.join(' ')}: ${text}`);
  return child;
}

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(configPath, original);
  const socat = spawn('socat', [`pty,raw,echo=0,link=${hostEnd}`, `pty,raw,echo=0,link=${deviceEnd}`], { stdio: 'ignore' });
  children.push(socat);
  await until(() => existsSync(hostEnd) && existsSync(deviceEnd), 'socat pseudo-terminals');
  await run([HALL_DEVICES, 'sim', 'printer', '--path', deviceEnd, '--out', printed], process.execPath, /simulated printer on/);
  env = await startKioskEnv({}, { agentConfig: configPath });
}, 60_000);

afterAll(async () => {
  await env?.close();
  for (const child of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function enterSetup(page: Page): Promise<void> {
  for (let i = 0; i < 5; i++) await page.getByTestId('setup-corner').tap();
  await page.getByText('请输入管理密码').waitFor();
  for (const c of '246810') await page.locator(`.keypad [data-key="${c}"]`).tap();
  await page.getByRole('button', { name: '确定' }).tap();
  await page.locator('.setup-screen').waitFor();
  await page.locator('.setup-tabs .chip', { hasText: '设备' }).tap();
}

describe('setup mode › 设备', () => {
  it('moves the ticket printer to a serial line by touch; after save and restart the test ticket prints there', async () => {
    const { page, context } = await env.open();
    await page.locator('[data-tile="ticketing"]').waitFor();
    await enterSetup(page);
    await page.locator('[data-device="ticketPrinter"] .state-ready').waitFor();
    const printerUri = page.getByTestId('uri-ticketPrinter');
    await page.locator('[data-testid="uri-ticketPrinter"]:not([disabled])').waitFor();
    expect(await printerUri.textContent()).toBe('sim:');

    // A device without an address is refused by the agent, in Chinese, naming the device.
    await page.locator('[data-add-kind="scanner"]').tap();
    await page.getByTestId('uri-done').tap();
    await page.getByTestId('save-restart').tap();
    const refusal = '设备配置未保存：扫码器（scanner-2）：地址为空，可用：serial:、hid:、tcp://、sim:';
    await page.getByTestId('config-result').getByText(refusal).waitFor();
    await page.getByTestId('recent-errors').getByText(refusal).waitFor();
    expect(readFileSync(configPath, 'utf8')).toBe(original);
    await page.getByTestId('remove-scanner-2').tap();
    expect(await page.locator('[data-device="scanner-2"]').count()).toBe(0);

    // The printer's new address: typed on the on-screen keyboard, the baud rate picked.
    await printerUri.tap();
    await page.getByTestId('uri-editor').getByRole('button', { name: '清空' }).tap();
    await page.getByTestId('uri-input').tap();
    for (const c of `serial:${hostEnd}`) await page.locator(`.keyboard [data-key="${c}"]`).tap();
    await page.locator('.keyboard .key-done').tap();
    await page.locator('[data-baud="115200"]').tap();
    const serialUri = `serial:${hostEnd}?baud=115200`;
    expect(await printerUri.textContent()).toBe(serialUri);
    await page.locator('[data-device="ticketPrinter"] .state-pending').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-setup-device-uri.png') });
    await page.getByTestId('uri-done').tap();

    await page.getByTestId('save-restart').tap();
    await page.getByTestId('config-result').getByText('设备服务已重启').waitFor();
    await page.locator('[data-device-result="ticketPrinter"]').waitFor();
    expect(JSON.parse(readFileSync(configPath, 'utf8')).devices[0]).toEqual({ id: 'ticketPrinter', kind: 'ticketPrinter', uri: serialUri, profile: 'generic-80' });
    expect(readFileSync(`${configPath}.bak`, 'utf8')).toBe(original);
    // The row follows the running device: the serial printer, ready.
    await page.locator('[data-device="ticketPrinter"] .state-ready').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-setup-device-restarted.png') });
    // Closing the devices for the restart is no fault: nothing went offline in the error list.
    expect(await page.getByTestId('recent-errors').getByText('设备未连接').count()).toBe(0);

    await page.getByRole('button', { name: '打印测试票' }).tap();
    await page.getByTestId('test-result').getByText(/测试票已打印/).waitFor();
    await until(() => existsSync(join(printed, 'ticket-1.txt')), 'the serial printer to cut the ticket');
    expect(readFileSync(join(printed, 'ticket-1.txt'), 'utf8')).toContain('T000');
    expect(readdirSync(printed).filter((f) => f.endsWith('.txt'))).toEqual(['ticket-1.txt']);
    // The simulated printer went with its device: the agent no longer has one to show.
    expect((await fetch(`${env.agentUrl}/sim/printer/tickets`)).status).toBe(404);
    await context.close();
  });
});
