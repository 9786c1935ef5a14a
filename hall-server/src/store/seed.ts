// Loads a hall's initial data into an empty database: settings, categories, windows,
// calendar, notices, service items, staff (passwords hashed) and devices.
import type { HallSeed } from '@hall/common/seed';
import type { HallSettings } from '@hall/common/domain';
import type { Db } from './db.ts';
import { ConfigStore } from './config-store.ts';
import { AccountStore } from './account-store.ts';

export function writeSeed(db: Db, seed: HallSeed, passwordHashes: Map<string, string>): void {
  const config = new ConfigStore(db);
  const accounts = new AccountStore(db);
  db.transaction(() => {
    config.putSettings(seed.settings);
    for (const c of seed.categories) config.putCategory(c);
    for (const w of seed.windows) config.putWindow(w);
    for (const d of seed.calendar) config.putCalendarDay(d);
    for (const n of seed.notices) config.putNotice(n);
    for (const s of seed.serviceItems) config.putServiceItem(s);
    for (const { password: _password, ...staff } of seed.staff) {
      const hash = passwordHashes.get(staff.id);
      if (!hash) throw new Error(`no password hash for staff ${staff.id}`);
      accounts.putStaff(staff, hash);
    }
    for (const d of seed.devices) accounts.putDevice(d);
  })();
}

/** Settings of a hall that has nothing configured yet; the admin console fills in the rest. */
export const emptyHallSettings: HallSettings = {
  name: '政务服务大厅',
  timeZone: 'Asia/Shanghai',
  weekdayHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '17:30' },
  ],
  weekendHours: [],
  publicBaseUrl: 'http://localhost:8080',
  recallLimit: 3,
  priorityStreak: 3,
  reactivatePosition: 'back',
  reactivateDelayMinutes: 5,
  appointmentLateMinutes: 15,
  personalDataRetentionDays: 30,
  hotline: '',
};

/** A new hall: default settings and one admin account, from which the console sets up the rest. */
export function writeEmptyHall(db: Db, settings: HallSettings, adminPasswordHash: string): void {
  const config = new ConfigStore(db);
  const accounts = new AccountStore(db);
  db.transaction(() => {
    config.putSettings(settings);
    accounts.putStaff({ id: 'admin', username: 'admin', displayName: '系统管理员', role: 'admin', enabled: true, windowId: null, windowLocked: false }, adminPasswordHash);
  })();
}
