import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentConfigError, parseAgentConfig, simulatedDevices } from '../src/agent/config.ts';

describe('agent configuration', () => {
  it('accepts the example configuration with defaults filled in', () => {
    const config = parseAgentConfig(JSON.parse(readFileSync(new URL('../agent.example.json', import.meta.url), 'utf8')));
    expect(config.port).toBe(7600);
    expect(config.devices.map((d) => d.kind)).toEqual(['ticketPrinter', 'idCardReader', 'scanner', 'a4Printer', 'windowBus']);
    expect(config.devices[1]).toMatchObject({ fingerprint: false, pollIntervalMs: 500 });
  });

  it('says which device is wrong and why', () => {
    const attempt = (devices: unknown[]) => () => parseAgentConfig({ devices });
    expect(attempt([{ id: 'p', kind: 'ticketPrinter', uri: '/dev/ttyUSB0' }])).toThrow(/devices\.0\.uri: "\/dev\/ttyUSB0" is not a device URI/);
    expect(attempt([{ id: 'p', kind: 'ticketPrinter', uri: 'sim:', profile: 'generic-99' }])).toThrow(AgentConfigError);
    expect(attempt([{ id: 'x', kind: 'toaster', uri: 'sim:' }])).toThrow(/devices\.0\.kind/);
    expect(
      attempt([
        { id: 'p', kind: 'scanner', uri: 'sim:' },
        { id: 'p', kind: 'idCardReader', uri: 'sim:' },
      ]),
    ).toThrow(/used twice/);
  });

  it('simulates a whole kiosk plus one window bus', () => {
    expect(simulatedDevices().map((d) => [d.id, d.uri])).toEqual([
      ['ticketPrinter', 'sim:'],
      ['idCardReader', 'sim:'],
      ['scanner', 'sim:'],
      ['a4Printer', 'sim:'],
      ['windowBus', 'sim:'],
    ]);
  });
});
