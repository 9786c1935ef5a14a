// 设置模式 › 设备: the devices the agent's configuration names, each with its state; an address
// editor per device (ports found on this machine, serial baud rates, the on-screen keyboard);
// add and remove; 保存并重启设备服务 with its progress and each device's state afterwards. The
// agent checks every address and says in Chinese what is wrong: this screen shows its words.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ConfiguredDevice, DeviceConfigView, DeviceKindChoice, DeviceStatus, PortList } from '@hall/common/agent';
import { InputField } from '../keyboard/InputField.tsx';
import { messages } from '../messages.ts';
import type { AgentConnection } from '../net/agent-connection.ts';
import { baudOf, candidatesFor, commonBauds, isChanged, newDeviceId, pickPort, rowState, schemeOf, withBaud } from './device-draft.ts';

const s = messages.setup;
const c = s.config;

const kindName = (kind: string) => s.kinds[kind as keyof typeof s.kinds] ?? kind;

/** What a scheme chip starts an address with. */
const schemeStarts: Record<string, string> = { serial: 'serial:/dev/', hid: 'hid:', tcp: 'tcp://', ipp: 'ipp://', cups: 'cups:', file: 'file:', sim: 'sim:' };

type Progress = { phase: 'saving' | 'restarting' } | { phase: 'done'; devices: DeviceStatus[] } | { phase: 'failed'; text: string };

interface Props {
  agent: AgentConnection;
  /** Adds a line to the section's recent errors. */
  log: (text: string) => void;
}

export function DeviceConfigPanel({ agent, log }: Props) {
  const view = useSignal<DeviceConfigView | null>(null);
  const loadError = useSignal<string | null>(null);
  const draft = useSignal<ConfiguredDevice[]>([]);
  const editing = useSignal<string | null>(null);
  const ports = useSignal<PortList | null>(null);
  const progress = useSignal<Progress | null>(null);
  const online = agent.status.value === 'online';
  const running = agent.devices.value;

  // Read the configuration whenever the agent is (back) online; edits not yet saved stay.
  useEffect(() => {
    if (!online) return;
    let live = true;
    void agent.readConfig().then((reply) => {
      if (!live) return;
      if (!reply.ok) {
        loadError.value = c.notLoaded(reply.error.message);
        return;
      }
      if (!view.value || !isChanged(view.value.devices, draft.value)) draft.value = reply.data.devices;
      view.value = reply.data;
      loadError.value = null;
    });
    return () => void (live = false);
  }, [agent, online]);

  const busy = progress.value?.phase === 'saving' || progress.value?.phase === 'restarting';
  const editable = view.value !== null && view.value.readOnly === null && !busy;
  // Until the configuration is read, the devices the agent runs are all there is to show.
  const rows = view.value ? draft.value : running.map(({ id, kind, uri }) => ({ id, kind, uri }));
  const changed = view.value !== null && isChanged(view.value.devices, draft.value);

  function edit(id: string) {
    editing.value = editing.value === id ? null : id;
    if (editing.value && ports.value === null) {
      void agent.listPorts().then((reply) => (ports.value = reply.ok ? reply.data : { candidates: [], notes: [reply.error.message] }));
    }
  }
  const setUri = (id: string, uri: string) => (draft.value = draft.value.map((d) => (d.id === id ? { ...d, uri } : d)));
  function add(kind: string) {
    const id = newDeviceId(kind, draft.value);
    draft.value = [...draft.value, { id, kind, uri: '' }];
    edit(id);
  }
  function remove(id: string) {
    draft.value = draft.value.filter((d) => d.id !== id);
    if (editing.value === id) editing.value = null;
  }
  function fail(text: string) {
    progress.value = { phase: 'failed', text };
    log(text);
  }

  async function saveAndRestart() {
    editing.value = null;
    if (changed) {
      progress.value = { phase: 'saving' };
      const saved = await agent.saveConfig(draft.value);
      if (!saved.ok) return fail(c.notSaved(saved.error.message));
      view.value = saved.data;
      draft.value = saved.data.devices;
    }
    progress.value = { phase: 'restarting' };
    const restarted = await agent.restart();
    if (!restarted.ok) return fail(c.notRestarted(restarted.error.message));
    progress.value = { phase: 'done', devices: restarted.data.devices };
  }

  return (
    <div class="device-config">
      {!view.value && online && !loadError.value && <p class="setup-note">{c.loading}</p>}
      {loadError.value && <p class="setup-result failed">{loadError.value}</p>}
      {view.value?.readOnly && (
        <p class="setup-note" data-testid="config-read-only">
          {view.value.readOnly}
        </p>
      )}
      <table class="device-table" data-testid="device-table">
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5}>{s.noDevices}</td>
            </tr>
          )}
          {rows.map((d) => {
            const state = rowState(d, running);
            return [
              <tr key={d.id} data-device={d.id}>
                <td>{kindName(d.kind)}</td>
                <td>
                  <button type="button" class={`search-field mono device-uri ${editing.value === d.id ? 'editing' : ''}`} data-testid={`uri-${d.id}`} disabled={!editable} onClick={() => edit(d.id)}>
                    {d.uri || c.unset}
                  </button>
                </td>
                <td class={`state state-${state.state}`}>{s.states[state.state]}</td>
                {/* The agent's own words, when they add something to the state. */}
                <td>{state.message}</td>
                <td>
                  {editable && (
                    <button type="button" class="secondary-button" data-testid={`remove-${d.id}`} onClick={() => remove(d.id)}>
                      {c.remove}
                    </button>
                  )}
                </td>
              </tr>,
              editing.value === d.id && (
                <tr key={`${d.id}:edit`}>
                  <td colSpan={5}>
                    <UriEditor device={d} choice={view.value?.kinds.find((k) => k.kind === d.kind)} ports={ports.value} onChange={(uri) => setUri(d.id, uri)} onDone={() => (editing.value = null)} />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
      {editable && (
        <div class="chips add-device">
          <span class="setup-label">{c.add}</span>
          {view.value!.kinds.map((k) => (
            <button key={k.kind} type="button" class="chip" data-add-kind={k.kind} onClick={() => add(k.kind)}>
              {kindName(k.kind)}
            </button>
          ))}
        </div>
      )}
      <p class="setup-note">{s.deviceUris}</p>
      <div class="chips">
        <button type="button" class="primary-button" data-testid="save-restart" disabled={!online || !view.value || busy} onClick={() => void saveAndRestart()}>
          {c.saveRestart}
        </button>
        {changed && !busy && (
          <button type="button" class="secondary-button" onClick={() => ((draft.value = view.value!.devices), (editing.value = null))}>
            {c.discard}
          </button>
        )}
        {changed && <span class="setup-note">{c.unsaved}</span>}
      </div>
      {progress.value && <ProgressNote progress={progress.value} />}
    </div>
  );
}

function ProgressNote({ progress }: { progress: Progress }) {
  const tone = progress.phase === 'done' ? 'ok' : progress.phase === 'failed' ? 'failed' : 'waiting';
  return (
    <div class={`setup-result ${tone}`} role="status" data-testid="config-result">
      {progress.phase === 'saving' && c.saving}
      {progress.phase === 'restarting' && c.restarting}
      {progress.phase === 'failed' && progress.text}
      {progress.phase === 'done' && (
        <>
          {c.restarted}
          <ul class="restart-states">
            {progress.devices.map((d) => (
              <li key={d.id} data-device-result={d.id}>
                {kindName(d.kind)}（{d.id}）：<span class={`state state-${d.state}`}>{s.states[d.state]}</span>
                {d.state !== 'ready' && d.message ? `，${d.message}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

interface EditorProps {
  device: ConfiguredDevice;
  choice: DeviceKindChoice | undefined;
  ports: PortList | null;
  onChange: (uri: string) => void;
  onDone: () => void;
}

/** One device's address: pick a kind of line, a port found here, a baud rate, or type it. */
function UriEditor({ device, choice, ports, onChange, onDone }: EditorProps) {
  const scheme = schemeOf(device.uri);
  const usesPorts = choice?.schemes.some((x) => x === 'serial' || x === 'hid') ?? false;
  const found = candidatesFor(choice, ports?.candidates ?? []);
  const baud = baudOf(device.uri);
  return (
    <div class="uri-editor" data-testid="uri-editor">
      {choice && (
        <div class="chips">
          {choice.schemes.map((x) => (
            <button key={x} type="button" class={`chip ${scheme === x ? 'selected' : ''}`} data-scheme={x} aria-pressed={scheme === x} onClick={() => scheme !== x && onChange(schemeStarts[x] ?? `${x}:`)}>
              {c.schemes[x] ?? x}
            </button>
          ))}
        </div>
      )}
      <InputField label={c.uri} kind="address" maxLength={300} value={device.uri} onChange={onChange} testId="uri-input" />
      {scheme === 'serial' && (
        <div class="chips">
          <span class="setup-label">{c.baud}</span>
          {commonBauds.map((b) => (
            <button key={b} type="button" class={`chip ${baud === b ? 'selected' : ''}`} data-baud={b} aria-pressed={baud === b} onClick={() => onChange(withBaud(device.uri, b))}>
              {b}
            </button>
          ))}
        </div>
      )}
      {usesPorts && (
        <>
          <span class="setup-label">{c.ports}</span>
          {ports === null && <p class="setup-note">{c.portsLoading}</p>}
          {found.length > 0 && (
            <div class="chips">
              {found.map((p) => (
                <button key={p.uri} type="button" class={`chip ${device.uri.split('?')[0] === p.uri ? 'selected' : ''}`} data-port={p.uri} onClick={() => onChange(pickPort(device.uri, p.uri))}>
                  {p.label}
                </button>
              ))}
            </div>
          )}
          {ports?.notes.map((note) => (
            <p key={note} class="setup-note">
              {note}
            </p>
          ))}
        </>
      )}
      {choice && <p class="setup-note">{c.example(choice.example)}</p>}
      <div class="chips">
        <button type="button" class="secondary-button" onClick={() => onChange('')}>
          {c.clear}
        </button>
        <button type="button" class="primary-button" data-testid="uri-done" onClick={onDone}>
          {c.done}
        </button>
      </div>
    </div>
  );
}
