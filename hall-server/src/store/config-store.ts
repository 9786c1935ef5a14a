// The hall's configuration: settings, categories, windows, calendar, notices, service
// items. Each row keeps the validated object as JSON beside the columns that carry
// uniqueness (a category prefix, a window number), so the database itself refuses two
// categories numbering with the same letter.
import type { CalendarDay, Category, HallSettings, Notice, ServiceItem, WindowConfig } from '@hall/common/domain';
import type { Db } from './db.ts';

export interface ConfigData {
  settings: HallSettings;
  categories: Category[];
  windows: WindowConfig[];
  calendar: CalendarDay[];
  notices: Notice[];
  serviceItems: ServiceItem[];
}

type Row = { json: string };

export class ConfigStore {
  constructor(private readonly db: Db) {}

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM settings').get() === undefined;
  }

  load(): ConfigData {
    const settingsRow = this.db.prepare('SELECT json FROM settings WHERE id = 1').get() as Row | undefined;
    if (!settingsRow) throw new Error('the hall has no settings yet');
    const all = <T>(sql: string) => (this.db.prepare(sql).all() as Row[]).map((r) => JSON.parse(r.json) as T);
    return {
      settings: JSON.parse(settingsRow.json) as HallSettings,
      categories: all<Category>('SELECT json FROM categories').sort(bySortOrder),
      windows: all<WindowConfig>('SELECT json FROM windows ORDER BY number'),
      calendar: all<CalendarDay>('SELECT json FROM calendar ORDER BY date'),
      notices: all<Notice>('SELECT json FROM notices ORDER BY id'),
      serviceItems: all<ServiceItem>('SELECT json FROM service_items ORDER BY id'),
    };
  }

  putSettings(settings: HallSettings): void {
    this.db.prepare('INSERT INTO settings (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json').run(JSON.stringify(settings));
  }

  putCategory(c: Category): void {
    this.db
      .prepare('INSERT INTO categories (id, prefix, json) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET prefix = excluded.prefix, json = excluded.json')
      .run(c.id, c.prefix, JSON.stringify(c));
  }

  putWindow(w: WindowConfig): void {
    this.db
      .prepare('INSERT INTO windows (id, number, json) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET number = excluded.number, json = excluded.json')
      .run(w.id, w.number, JSON.stringify(w));
  }

  putCalendarDay(d: CalendarDay): void {
    this.db.prepare('INSERT INTO calendar (date, json) VALUES (?, ?) ON CONFLICT(date) DO UPDATE SET json = excluded.json').run(d.date, JSON.stringify(d));
  }

  putNotice(n: Notice): void {
    this.db.prepare('INSERT INTO notices (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json').run(n.id, JSON.stringify(n));
  }

  putServiceItem(s: ServiceItem): void {
    this.db.prepare('INSERT INTO service_items (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json').run(s.id, JSON.stringify(s));
  }

  /** Removes a row; returns whether it existed. */
  remove(table: 'categories' | 'windows' | 'notices' | 'service_items', id: string): boolean {
    return this.db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id).changes > 0;
  }

  removeCalendarDay(date: string): boolean {
    return this.db.prepare('DELETE FROM calendar WHERE date = ?').run(date).changes > 0;
  }
}

function bySortOrder(a: Category, b: Category): number {
  return a.sortOrder - b.sortOrder || a.prefix.localeCompare(b.prefix);
}
