// 设置模式: pairing, this kiosk's name, tiles, orientation and idle timings, the device agent
// (address, devices and their addresses with save + restart, tests, recent errors) and the PIN.
// Every change is saved at once to the kiosk's local settings; leaving (or the idle reset)
// returns home.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { pairDevice } from '@hall/ui-kit/pairing.ts';
import { messages } from '../messages.ts';
import type { KioskModel } from '../app-model.ts';
import { Keypad, applyKey } from '../keyboard/Keypad.tsx';
import { LazyKeyboard } from '../keyboard/LazyKeyboard.tsx';
import { InputField } from '../keyboard/InputField.tsx';
import { limits, isHttpUrl, tileIds, type KioskSettings, type Orientation } from '../settings/settings.ts';
import { hashPin, PIN_PATTERN } from '../settings/pin.ts';
import { builtTiles } from '../shell/tiles.ts';
import { maskIdNumber, identityFromCard } from '../ticketing/identity.ts';
import { DeviceConfigPanel } from './DeviceConfigPanel.tsx';
import { testSlip } from './test-slip.ts';

const s = messages.setup;
type Section = keyof typeof s.sections;

interface Props {
  model: KioskModel;
  onPaired: (token: string) => void;
}

export function SetupScreen({ model, onPaired }: Props) {
  const section = useSignal<Section>('server');
  return (
    <section class="setup-screen">
      <div class="screen-bar">
        <h2 class="screen-title">{s.title}</h2>
        <button type="button" class="primary-button setup-exit" onClick={model.home}>
          {s.exit}
        </button>
      </div>
      <nav class="setup-tabs">
        {(Object.keys(s.sections) as Section[]).map((key) => (
          <button key={key} type="button" class={`chip ${section.value === key ? 'selected' : ''}`} onClick={() => (section.value = key)}>
            {s.sections[key]}
          </button>
        ))}
      </nav>
      <div class="setup-body">
        {section.value === 'server' && <ServerSection model={model} onPaired={onPaired} />}
        {section.value === 'kiosk' && <KioskSection settings={model.settings.settings.value} update={model.settings.update} />}
        {section.value === 'devices' && <DevicesSection model={model} />}
        {section.value === 'pin' && <PinSection update={model.settings.update} />}
      </div>
    </section>
  );
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="setup-row">
      <span class="setup-label">{label}</span>
      <div class="setup-value">{children}</div>
    </div>
  );
}

function ServerSection({ model, onPaired }: Props) {
  const code = useSignal('');
  const result = useSignal<string | null>(null);
  const busy = useSignal(false);
  const status = model.connection.status.value;
  const device = model.connection.state.value?.device ?? null;
  async function pair() {
    busy.value = true;
    const outcome = await pairDevice(code.value);
    busy.value = false;
    code.value = '';
    if (outcome.ok) {
      result.value = s.pairDone;
      onPaired(outcome.result.token);
    } else {
      result.value = outcome.message;
    }
  }
  return (
    <div class="setup-section">
      <Row label={s.serverAddress}>
        <span class="mono" data-testid="server-address">
          {location.origin}
        </span>
        <p class="setup-note">{s.serverAddressNote}</p>
      </Row>
      <Row label={s.serverStatus}>
        <span class={`state state-${status}`} data-testid="server-status">
          {status === 'online' ? s.online : s.offline}
        </span>
      </Row>
      <Row label={s.deviceName}>
        <span data-testid="paired-name">{device ? messages.pairing.paired(device.name) : s.notPaired}</span>
      </Row>
      <Row label={s.pairCode}>
        <output class="pairing-code" data-testid="setup-pair-code">
          {code.value || '\u00a0'}
        </output>
        <Keypad onKey={(key) => (code.value = applyKey(code.value, key, 8))} />
        <button type="button" class="primary-button" disabled={busy.value || code.value.length < 6} onClick={() => void pair()}>
          {messages.pairing.submit}
        </button>
        {result.value && <p class="setup-result" role="status">{result.value}</p>}
      </Row>
    </div>
  );
}

function Stepper({ value, min, max, step, onChange, testId }: { value: number; min: number; max: number; step: number; onChange: (v: number) => void; testId: string }) {
  return (
    <div class="stepper" data-testid={testId}>
      <button type="button" class="step-button" disabled={value <= min} onClick={() => onChange(Math.max(min, value - step))}>
        −
      </button>
      <span class="step-value">{value}</span>
      <button type="button" class="step-button" disabled={value >= max} onClick={() => onChange(Math.min(max, value + step))}>
        +
      </button>
    </div>
  );
}

function KioskSection({ settings, update }: { settings: KioskSettings; update: (patch: Partial<KioskSettings>) => void }) {
  return (
    <div class="setup-section">
      <InputField label={s.name} value={settings.name} maxLength={30} testId="kiosk-name" onChange={(name) => update({ name })} />
      <Row label={s.tiles}>
        <div class="chips">
          {tileIds.map((id) => {
            const on = settings.tiles.includes(id);
            const built = builtTiles.has(id);
            return (
              <button
                key={id}
                type="button"
                class={`chip ${on ? 'selected' : ''}`}
                data-tile={id}
                aria-pressed={on}
                disabled={!built}
                onClick={() => update({ tiles: on ? settings.tiles.filter((t) => t !== id) : [...settings.tiles, id] })}
              >
                {messages.tiles[id].label}
                {!built && s.tileNotBuilt}
              </button>
            );
          })}
        </div>
      </Row>
      <Row label={s.orientation}>
        <div class="chips">
          {(['auto', 'portrait', 'landscape'] as Orientation[]).map((o) => (
            <button key={o} type="button" class={`chip ${settings.orientation === o ? 'selected' : ''}`} aria-pressed={settings.orientation === o} onClick={() => update({ orientation: o })}>
              {s.orientations[o]}
            </button>
          ))}
        </div>
      </Row>
      {(['idleSeconds', 'countdownSeconds', 'attractSeconds'] as const).map((key) => (
        <Row key={key} label={s[key]}>
          <Stepper value={settings[key]} min={limits[key][0]} max={limits[key][1]} step={key === 'countdownSeconds' ? 1 : key === 'idleSeconds' ? 15 : 30} onChange={(v) => update({ [key]: v })} testId={`step-${key}`} />
        </Row>
      ))}
    </div>
  );
}

const clock = (at: number) => new Date(at).toLocaleTimeString('zh-CN', { hour12: false });

type TestKind = 'print' | 'card' | 'scan';
type TestResult = { kind: TestKind; ok: boolean; text: string } | { kind: TestKind; waiting: true; text: string };

function DevicesSection({ model }: { model: KioskModel }) {
  const { agent } = model;
  const editingUrl = useSignal(false);
  const url = useSignal(agent.url.value);
  const result = useSignal<TestResult | null>(null);
  const errors = useSignal<string[]>([]);
  const status = agent.status.value;

  const log = (text: string) => (errors.value = [`${clock(Date.now())} ${text}`, ...errors.value].slice(0, 10));

  useEffect(() => {
    // Pushes only count while a test waits for them; the timeout ends the wait.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopCard = agent.onIdCard((read) => {
      const r = result.value;
      if (r && r.kind === 'card' && 'waiting' in r) result.value = { kind: 'card', ok: true, text: s.testCardOk(maskIdNumber(identityFromCard(read.card).idNumber)) };
    });
    const stopScan = agent.onScan((scan) => {
      const r = result.value;
      if (r && r.kind === 'scan' && 'waiting' in r) result.value = { kind: 'scan', ok: true, text: s.testScanOk(scan.text.slice(0, 40)) };
    });
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const r = result.value;
        if (r && 'waiting' in r) {
          result.value = { kind: r.kind, ok: false, text: s.testTimeout };
          log(`${r.kind === 'card' ? s.testCard : s.testScan}：${s.testTimeout}`);
        }
      }, 30_000);
    };
    const unwatch = result.subscribe((r) => r && 'waiting' in r && watch());
    return () => {
      clearTimeout(timer);
      stopCard();
      stopScan();
      unwatch();
    };
  }, [agent]);

  async function testPrint() {
    result.value = { kind: 'print', waiting: true, text: messages.ticketing.printing };
    const reply = await agent.printTicket(testSlip(model.connection.state.value?.settings.name ?? '', location.origin, new Date()));
    if (reply.ok) result.value = { kind: 'print', ok: true, text: s.testPrintOk(reply.data.bytes) };
    else {
      result.value = { kind: 'print', ok: false, text: reply.error.message };
      log(`${s.testPrint}：${reply.error.message}`);
    }
  }

  return (
    <div class="setup-section">
      <Row label={s.agentUrl}>
        <button type="button" class="search-field mono" data-testid="agent-url" onClick={() => (editingUrl.value = !editingUrl.value)}>
          {url.value}
        </button>
      </Row>
      {editingUrl.value && (
        <LazyKeyboard
          value={url.value}
          symbols
          onChange={(v) => (url.value = v)}
          onDone={() => {
            editingUrl.value = false;
            // "127.0.0.1:7600" is what people type; the scheme is implied.
            const typed = url.value.includes('://') ? url.value : `http://${url.value}`;
            if (isHttpUrl(typed)) {
              url.value = typed;
              model.settings.update({ agentUrl: typed });
              agent.setUrl(typed);
            } else {
              url.value = agent.url.value;
            }
          }}
        />
      )}
      <Row label={s.agentStatus}>
        <span class={`state state-${status}`} data-testid="agent-status">
          {status === 'online' ? s.online : s.offline}
        </span>
      </Row>
      <DeviceConfigPanel agent={agent} log={log} />
      <div class="chips">
        <button type="button" class="secondary-button" disabled={status !== 'online'} onClick={() => void testPrint()}>
          {s.testPrint}
        </button>
        <button type="button" class="secondary-button" disabled={status !== 'online'} onClick={() => (result.value = { kind: 'card', waiting: true, text: s.testWaitingCard })}>
          {s.testCard}
        </button>
        <button type="button" class="secondary-button" disabled={status !== 'online'} onClick={() => (result.value = { kind: 'scan', waiting: true, text: s.testWaitingScan })}>
          {s.testScan}
        </button>
      </div>
      {result.value && (
        <p class={`setup-result ${'waiting' in result.value ? 'waiting' : result.value.ok ? 'ok' : 'failed'}`} role="status" data-testid="test-result">
          {result.value.text}
        </p>
      )}
      <h3>{s.recentErrors}</h3>
      <ul class="setup-errors" data-testid="recent-errors">
        {errors.value.length === 0 && model.recentErrors.value.length === 0 && <li>{s.noErrors}</li>}
        {errors.value.map((e) => (
          <li key={e}>{e}</li>
        ))}
        {model.recentErrors.value.map(({ at, fault }) => (
          <li key={`${at}:${fault.device}:${fault.code}`} class={model.faults.value.some((f) => f.device === fault.device && f.code === fault.code) ? 'current' : ''}>
            {clock(at)} {s.kinds[fault.device as keyof typeof s.kinds] ?? fault.device}：{fault.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function PinSection({ update }: { update: (patch: Partial<KioskSettings>) => void }) {
  const pin = useSignal('');
  const result = useSignal<string | null>(null);
  return (
    <div class="setup-section">
      <Row label={s.newPin}>
        <output class="pin-display">{'●'.repeat(pin.value.length) || '\u00a0'}</output>
        <Keypad onKey={(key) => (pin.value = applyKey(pin.value, key, 8))} />
        <button
          type="button"
          class="primary-button"
          disabled={!PIN_PATTERN.test(pin.value)}
          onClick={() =>
            void hashPin(pin.value).then((pinHash) => {
              update({ pinHash });
              pin.value = '';
              result.value = s.pinChanged;
            })
          }
        >
          {s.setPin}
        </button>
        {result.value && <p class="setup-result ok">{result.value}</p>}
      </Row>
    </div>
  );
}
