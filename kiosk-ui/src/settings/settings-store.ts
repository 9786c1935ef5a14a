// The settings as a signal, loaded once and written back on every change.
import { signal, type ReadonlySignal } from '@preact/signals';
import { parseSettings, SETTINGS_KEY, type KioskSettings } from './settings.ts';

export interface SettingsStore {
  readonly settings: ReadonlySignal<KioskSettings>;
  update(patch: Partial<KioskSettings>): void;
}

export function createSettingsStore(storage: Pick<Storage, 'getItem' | 'setItem'>): SettingsStore {
  const settings = signal(parseSettings(storage.getItem(SETTINGS_KEY)));
  return {
    settings,
    update(patch) {
      // Re-parse so a bad value from a form is clamped the same way a stored one is.
      const next = parseSettings(JSON.stringify({ ...settings.value, ...patch }));
      storage.setItem(SETTINGS_KEY, JSON.stringify(next));
      settings.value = next;
    },
  };
}
