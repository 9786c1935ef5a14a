import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signal } from '@preact/signals';
import { createKioskModel, type FormHandoff, type KioskModelDeps } from './app-model.ts';

function deps(): KioskModelDeps {
  const connection = { state: signal(null), status: signal('offline'), clockOffsetMs: signal(0), send: async () => ({ ok: true, value: {} }) };
  const agent = { devices: signal([]), status: signal('connecting'), printTicket: async () => ({ ok: true, value: {} }) };
  const settings = { settings: signal({ idleSeconds: 60, countdownSeconds: 10, tiles: [], name: '' }) };
  return { connection, agent, settings, fetchJson: async () => ({}), planStorage: undefined } as unknown as KioskModelDeps;
}

const handoff: FormHandoff = { submissionId: 's1', code: 'ABCD2345', title: { operatorName: '老王家面馆', seats: 24 } };

describe('the form handoff to the floor-plan editor', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('is kept in memory after a submission and cleared by the session reset (首页 / idle)', () => {
    const model = createKioskModel(deps());
    expect(model.formHandoff.value).toBeNull();
    model.setFormHandoff(handoff);
    model.open('floorplan');
    expect(model.formHandoff.value).toEqual(handoff);
    model.home();
    expect(model.formHandoff.value).toBeNull();
  });
});
