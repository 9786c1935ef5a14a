import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import type { IdCard } from '@hall/common/agent';
import { encodeIdCardText, fictionalPhoto, idCardFixtures } from '@hall/fixtures/src/idcards.ts';
import { IdCardReader, type CardReadFailure } from '../src/idcard/driver.ts';
import { IdCardReaderSimulator } from '../src/idcard/simulator.ts';
import { createLoopbackPair } from '../src/transport/loopback.ts';
import { SerialTransport } from '../src/transport/serial.ts';
import type { Transport } from '../src/transport/transport.ts';
import { createMockDevice } from './helpers/mock-device.ts';
import { createPtyPair, recordStates, socatBackoff, type PtyPair } from './helpers/socat.ts';
import { sleep, waitUntil } from './helpers/wait.ts';

const cardA = { text: encodeIdCardText(idCardFixtures.residentA), photo: fictionalPhoto(1) };
const cardB = { text: encodeIdCardText(idCardFixtures.foreigner2023), photo: fictionalPhoto(2) };
// Generous answer time: a loaded CI machine must not turn a slow answer into a failed read.
const fast = { pollIntervalMs: 10, responseTimeoutMs: 1_000 };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  SerialPortMock.binding.reset();
});

function watch(reader: IdCardReader) {
  const cards: IdCard[] = [];
  const failures: CardReadFailure[] = [];
  const lineErrors: string[] = [];
  let noAnswer = 0;
  reader.on('card', (card) => cards.push(card));
  reader.on('readFailed', (reason) => failures.push(reason));
  reader.on('lineError', (reason) => lineErrors.push(reason));
  reader.on('noAnswer', () => noAnswer++);
  return { cards, failures, lineErrors, noAnswer: () => noAnswer };
}

async function loopbackReader(options: { withFingerprint?: boolean } = {}) {
  const pair = createLoopbackPair('sim:idcard');
  const sim = new IdCardReaderSimulator(pair.device);
  const reader = new IdCardReader({ transport: pair.host, ...fast, ...options });
  await Promise.all([pair.host.open(), pair.device.open()]);
  cleanups.push(() => pair.host.close(), () => pair.device.close(), () => reader.stop());
  return { pair, sim, reader, seen: watch(reader) };
}

/** Counts how many find commands the simulator has answered, to wait whole poll cycles. */
function findCounter(sim: IdCardReaderSimulator) {
  let finds = 0;
  sim.on('command', (name) => {
    if (name === 'findCard') finds++;
  });
  return {
    afterMorePolls: async (n: number) => {
      const target = finds + n;
      await waitUntil(() => finds >= target, 3_000, `${n} more polls`);
    },
  };
}

describe('ID card reader driver (in-process simulator)', () => {
  it('emits one card per presentation, not one per poll', async () => {
    const { sim, reader, seen } = await loopbackReader();
    const polls = findCounter(sim);
    reader.start();
    await polls.afterMorePolls(2);
    expect(seen.cards).toHaveLength(0);
    sim.present(cardA);
    await waitUntil(() => seen.cards.length === 1);
    await polls.afterMorePolls(5);
    expect(seen.cards).toHaveLength(1);
    expect(seen.cards[0]).toMatchObject({ cardType: 'resident', name: '测试甲', idNumber: '110101199003070011' });
    expect(seen.cards[0]!.photoWltBase64).toBe(Buffer.from(cardA.photo).toString('base64'));

    sim.remove();
    await polls.afterMorePolls(3);
    sim.present(cardB);
    await waitUntil(() => seen.cards.length === 2);
    expect(seen.cards[1]).toMatchObject({ cardType: 'foreigner2023', chineseName: '测试戊' });
  });

  it('reports a card pulled away mid-read, then reads it when it comes back', async () => {
    const { sim, reader, seen } = await loopbackReader();
    sim.present(cardA);
    sim.pullDuringNextRead();
    reader.start();
    await waitUntil(() => seen.failures.length === 1);
    expect(seen.failures).toEqual(['cardRemoved']);
    expect(seen.cards).toHaveLength(0);
    sim.present(cardA);
    await waitUntil(() => seen.cards.length === 1);
  });

  it('drops an answer with a bad checksum and recovers on the next poll', async () => {
    const { sim, reader, seen } = await loopbackReader();
    sim.present(cardA);
    sim.corruptNextResponse();
    reader.start();
    await waitUntil(() => seen.cards.length === 1);
    expect(seen.lineErrors).toContain('checksum');
    expect(seen.failures).toEqual([]);
  });

  it('times out cleanly on a silent reader and keeps polling', async () => {
    const { sim, reader, seen } = await loopbackReader();
    sim.setSilent(true);
    reader.start();
    await waitUntil(() => seen.noAnswer() >= 2, 5_000);
    sim.setSilent(false);
    sim.present(cardA);
    await waitUntil(() => seen.cards.length === 1);
  });

  it('reports a read that stops half way as a failed read, not a silent reader', async () => {
    const { sim, reader, seen } = await loopbackReader();
    sim.present(cardA);
    sim.on('command', (name) => {
      if (name === 'selectCard') sim.setSilent(true);
    });
    reader.start();
    await waitUntil(() => seen.failures.length >= 1, 5_000);
    expect(seen.failures[0]).toBe('timeout');
    expect(seen.cards).toHaveLength(0);
  });

  it('reads the fingerprint when configured to', async () => {
    const { sim, reader, seen } = await loopbackReader({ withFingerprint: true });
    sim.present({ ...cardA, fingerprint: new Uint8Array(1024).fill(0x5a) });
    reader.start();
    await waitUntil(() => seen.cards.length === 1);
    expect(Buffer.from(seen.cards[0]!.fingerprintBase64!, 'base64')[0]).toBe(0x5a);
  });

  it('checks the SAM module, between polls', async () => {
    const { sim, reader } = await loopbackReader();
    reader.start();
    expect(await reader.checkSam()).toBe('ok');
    sim.samStatusCode = 0x66;
    expect(await reader.checkSam()).toBe('samNotAuthorised');
  });

  it('survives unplug and replug', async () => {
    const { pair, sim, reader, seen } = await loopbackReader();
    reader.start();
    pair.setPlugged(false);
    await sleep(50);
    sim.present(cardA);
    await sleep(50);
    expect(seen.cards).toHaveLength(0);
    pair.setPlugged(true);
    await waitUntil(() => seen.cards.length === 1);
  });
});

async function overTransport(host: Transport, device: Transport) {
  const sim = new IdCardReaderSimulator(device);
  const reader = new IdCardReader({ transport: host, pollIntervalMs: 20, responseTimeoutMs: 500 });
  cleanups.push(() => reader.stop());
  return { sim, reader, seen: watch(reader) };
}

describe('ID card reader driver over SerialPortMock', () => {
  it('reads a permit, and reconnects after the port disappears', async () => {
    const mock = createMockDevice();
    const transport = new SerialTransport({ path: mock.path, portFactory: mock.portFactory, backoff: { initialMs: 10, maxMs: 50, factor: 2 } });
    cleanups.push(() => transport.close());
    const { sim, reader, seen } = await overTransport(transport, mock.device);
    await transport.open();
    sim.present({ text: encodeIdCardText(idCardFixtures.permitHk), photo: fictionalPhoto() });
    reader.start();
    await waitUntil(() => seen.cards.length === 1);
    expect(seen.cards[0]).toMatchObject({ cardType: 'hkMacaoTaiwanPermit', passNumber: 'H60000001' });
    expect(mock.recording().subarray(0, 10).toString('hex')).toBe('aaaaaa9669000320012' + '2');

    mock.unplug();
    await waitUntil(() => transport.state === 'reconnecting');
    await waitUntil(() => transport.state === 'open');
    sim.remove();
    await sleep(100);
    sim.present(cardB);
    await waitUntil(() => seen.cards.length === 2);
  });
});

describe('ID card reader driver over a real pseudo-terminal', () => {
  let pty: PtyPair;
  afterEach(async () => pty?.close());

  it('reads cards through socat, and again after unplug and replug', async () => {
    pty = await createPtyPair();
    const backoff = socatBackoff;
    const host = new SerialTransport({ path: pty.a, backoff });
    const hostSaw = recordStates(host);
    const device = new SerialTransport({ path: pty.b, backoff });
    const deviceSaw = recordStates(device);
    cleanups.push(() => host.close(), () => device.close());
    const { sim, reader, seen } = await overTransport(host, device);
    await Promise.all([host.open(), device.open()]);
    sim.present({ text: encodeIdCardText(idCardFixtures.foreigner2017), photo: fictionalPhoto() });
    reader.start();
    await waitUntil(() => seen.cards.length === 1, 5_000);
    expect(seen.cards[0]).toMatchObject({ cardType: 'foreigner2017', englishName: 'SPECIMEN, ALPHA' });

    await pty.unplug();
    await waitUntil(() => hostSaw('reconnecting'), 5_000);
    sim.remove();
    await pty.replug();
    await waitUntil(() => deviceSaw('reconnecting') && host.state === 'open' && device.state === 'open', 5_000);
    sim.present(cardA);
    await waitUntil(() => seen.cards.length === 2, 5_000);
    expect(seen.cards[1]).toMatchObject({ name: '测试甲' });
  });
});
