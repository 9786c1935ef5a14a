// What the console configures, described as data: each collection's REST path, its key, the
// columns of its list, the fields of its form, and a new item's defaults. One generic page
// renders them all, so adding a field is one line here. Its words are in messages.ts
// (messages.adminForms), keyed by page and field path.
import type { HallState } from '@hall/common/hall-state';
import type { Draft } from './form-values.ts';
import { messages } from '../messages.ts';

const M = messages.adminForms;
const T = M.text;
const W = M.words;
const windowLabel = M.windowLabel;
const windowShort = M.windowShort;

export interface Option {
  value: string;
  label: string;
}

/** What option lists and previews may look at: the live hall. */
export interface FieldContext {
  state: HallState | null;
}

interface Base {
  path: string;
  label: string;
  hint?: string;
  /** Shown only when this holds for the draft (e.g. board settings for boards). */
  when?: (draft: Draft) => boolean;
}

export type Field =
  | (Base & { kind: 'text'; maxLength?: number; required?: boolean; keyOnCreate?: boolean; placeholder?: string })
  | (Base & { kind: 'textarea'; maxLength?: number; rows?: number })
  | (Base & { kind: 'number'; min?: number; max?: number; step?: number; optional?: boolean; placeholder?: string })
  | (Base & { kind: 'bool' })
  | (Base & { kind: 'select'; options: (ctx: FieldContext) => Option[]; optional?: boolean })
  | (Base & { kind: 'multi'; options: (ctx: FieldContext) => Option[] })
  | (Base & { kind: 'sessions'; optional?: boolean })
  | (Base & { kind: 'lines'; rows?: number })
  | (Base & { kind: 'weights' })
  | (Base & { kind: 'date' })
  | (Base & { kind: 'datetime' })
  | (Base & { kind: 'password'; requiredOnCreate?: boolean });

export interface Column {
  label: string;
  value: (item: Draft, ctx: FieldContext) => string;
}

export interface Resource {
  slug: string;
  title: string;
  /** The property that names an item in the URL. */
  key: string;
  columns: Column[];
  fields: Field[];
  blank: () => Draft;
  /** Keeps a draft consistent after each edit (e.g. board settings only on boards). */
  normalize?: (draft: Draft, creating: boolean) => Draft;
  /** What is sent (e.g. an empty password left out). */
  toWire?: (draft: Draft) => Draft;
  /** Long lists (service items) are searched, not scrolled. */
  searchable?: boolean;
}

const yesNo = (v: unknown) => (v ? W.yes : W.no);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export const categoryOptions = ({ state }: FieldContext): Option[] => (state?.categories ?? []).map((c) => ({ value: c.id, label: `${c.prefix} ${c.name}` }));
export const windowOptions = ({ state }: FieldContext): Option[] =>
  [...(state?.windows ?? [])].sort((a, b) => a.number - b.number).map((w) => ({ value: w.id, label: windowLabel(w.number, w.name) }));
const categoryName = (id: unknown, ctx: FieldContext) => ctx.state?.categories.find((c) => c.id === id)?.name ?? str(id);

const idHint = W.idHint;

export const DEFAULT_BOARD = { zone: '', categoryIds: [], windowIds: [], layout: 'landscape', speak: true, voiceTemplate: M.defaultVoiceTemplate };

export const resources: Record<string, Resource> = {
  categories: {
    slug: 'categories',
    title: T['categories.title'],
    key: 'id',
    columns: [
      { label: T['categories.column.0'], value: (c) => str(c.prefix) },
      { label: T['categories.column.1'], value: (c) => str(c.name) },
      { label: T['categories.column.2'], value: (c) => str(c.group) },
      { label: T['categories.column.3'], value: (c) => (c.dailyQuota === null ? W.unlimited : str(c.dailyQuota)) },
      { label: T['categories.column.4'], value: (c) => yesNo(c.identityRequired) },
      { label: T['categories.column.5'], value: (c) => yesNo(c.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: T['categories.id'], hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'text', path: 'prefix', label: T['categories.prefix'], hint: T['categories.prefix.hint'], required: true, maxLength: 2 },
      { kind: 'text', path: 'name', label: T['categories.name'], required: true, maxLength: 30 },
      { kind: 'text', path: 'group', label: T['categories.group'], hint: T['categories.group.hint'], required: true, maxLength: 30 },
      { kind: 'text', path: 'department', label: T['categories.department'], maxLength: 40 },
      { kind: 'textarea', path: 'description', label: T['categories.description'], maxLength: 200, rows: 2 },
      { kind: 'sessions', path: 'hours', label: T['categories.hours'], hint: T['categories.hours.hint'], optional: true },
      { kind: 'bool', path: 'weekendService', label: T['categories.weekendService'] },
      { kind: 'number', path: 'dailyQuota', label: T['categories.dailyQuota'], hint: T['categories.dailyQuota.hint'], min: 1, max: 99999, optional: true, placeholder: T['categories.dailyQuota.placeholder'] },
      { kind: 'bool', path: 'onePerPerson', label: T['categories.onePerPerson'] },
      { kind: 'bool', path: 'identityRequired', label: T['categories.identityRequired'] },
      { kind: 'bool', path: 'priorityEnabled', label: T['categories.priorityEnabled'] },
      { kind: 'number', path: 'priorityAge', label: T['categories.priorityAge'], hint: T['categories.priorityAge.hint'], min: 50, max: 120, optional: true, placeholder: T['categories.priorityAge.placeholder'] },
      { kind: 'number', path: 'numberWidth', label: T['categories.numberWidth'], min: 2, max: 5 },
      { kind: 'number', path: 'defaultServiceMinutes', label: T['categories.defaultServiceMinutes'], min: 1, max: 240 },
      { kind: 'bool', path: 'alternatives.appointment', label: T['categories.alternatives.appointment'] },
      { kind: 'multi', path: 'alternatives.categoryIds', label: T['categories.alternatives.categoryIds'], options: categoryOptions },
      { kind: 'lines', path: 'materials', label: T['categories.materials'], rows: 3 },
      { kind: 'number', path: 'sortOrder', label: T['categories.sortOrder'], step: 1 },
      { kind: 'bool', path: 'enabled', label: T['categories.enabled'] },
    ],
    blank: () => ({
      id: '',
      prefix: '',
      name: '',
      group: '',
      department: '',
      description: '',
      numberWidth: 3,
      dailyQuota: null,
      onePerPerson: true,
      identityRequired: false,
      priorityEnabled: true,
      priorityAge: null,
      hours: null,
      weekendService: false,
      defaultServiceMinutes: 10,
      alternatives: { appointment: false, categoryIds: [] },
      materials: [],
      enabled: true,
      sortOrder: 0,
    }),
  },
  windows: {
    slug: 'windows',
    title: T['windows.title'],
    key: 'id',
    columns: [
      { label: T['windows.column.0'], value: (w) => str(w.number) },
      { label: T['windows.column.1'], value: (w) => str(w.name) },
      { label: T['windows.column.2'], value: (w) => str(w.zone) },
      {
        label: T['windows.column.3'],
        value: (w, ctx) => ((w.categories as Array<{ categoryId: string; weight: number }>) ?? []).map((c) => `${categoryName(c.categoryId, ctx)}×${c.weight}`).join('、'),
      },
      { label: T['windows.column.4'], value: (w) => yesNo(w.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: T['windows.id'], hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'number', path: 'number', label: T['windows.number'], hint: T['windows.number.hint'], min: 1, max: 999 },
      { kind: 'text', path: 'name', label: T['windows.name'], required: true, maxLength: 30 },
      { kind: 'text', path: 'zone', label: T['windows.zone'], maxLength: 30 },
      { kind: 'weights', path: 'categories', label: T['windows.categories'], hint: T['windows.categories.hint'] },
      { kind: 'bool', path: 'enabled', label: T['windows.enabled'] },
    ],
    blank: () => ({ id: '', number: 1, name: '', zone: '', categories: [], enabled: true }),
  },
  staff: {
    slug: 'staff',
    title: T['staff.title'],
    key: 'id',
    columns: [
      { label: T['staff.column.0'], value: (s) => str(s.username) },
      { label: T['staff.column.1'], value: (s) => str(s.displayName) },
      { label: T['staff.column.2'], value: (s) => (s.role === 'admin' ? W.admin : W.clerk) },
      { label: T['staff.column.4'], value: (s, ctx) => assignedWindowText(s, ctx) },
      { label: T['staff.column.3'], value: (s) => yesNo(s.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'username', label: T['staff.username'], hint: T['staff.username.hint'], required: true, maxLength: 32 },
      { kind: 'text', path: 'displayName', label: T['staff.displayName'], hint: T['staff.displayName.hint'], required: true, maxLength: 30 },
      { kind: 'select', path: 'role', label: T['staff.role'], options: () => [{ value: 'clerk', label: W.clerk }, { value: 'admin', label: W.admin }] },
      { kind: 'password', path: 'password', label: T['staff.password'], hint: T['staff.password.hint'], requiredOnCreate: true },
      { kind: 'select', path: 'windowId', label: T['staff.windowId'], hint: T['staff.windowId.hint'], options: windowOptions, optional: true },
      { kind: 'bool', path: 'windowLocked', label: T['staff.windowLocked'], hint: T['staff.windowLocked.hint'], when: (d) => Boolean(d.windowId) },
      { kind: 'bool', path: 'enabled', label: T['staff.enabled'] },
    ],
    blank: () => ({ id: '', username: '', displayName: '', role: 'clerk', enabled: true, windowId: null, windowLocked: false, password: '' }),
    // The account id follows the username when created: admins think in usernames. No
    // assigned window, nothing to lock to.
    normalize: (d, creating) => {
      const assignment = { windowId: d.windowId ?? null, windowLocked: Boolean(d.windowId) && d.windowLocked === true };
      return creating ? { ...d, ...assignment, id: str(d.username).replace(/[^a-z0-9-]/g, '-').replace(/^-+/, '').slice(0, 40) } : { ...d, ...assignment };
    },
    toWire: (d) => {
      const { password, ...rest } = d;
      return password ? { ...rest, password } : rest;
    },
  },
  devices: {
    slug: 'devices',
    title: T['devices.title'],
    key: 'id',
    columns: [
      { label: T['devices.column.0'], value: (d) => str(d.id) },
      { label: T['devices.column.1'], value: (d) => str(d.name) },
      { label: T['devices.column.2'], value: (d) => deviceKindName(str(d.kind)) },
      { label: T['devices.column.3'], value: (d, ctx) => (d.windowId ? windowShort(ctx.state?.windows.find((w) => w.id === d.windowId)?.number ?? str(d.windowId)) : '') },
      { label: T['devices.column.4'], value: (d) => yesNo(d.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: T['devices.id'], hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'text', path: 'name', label: T['devices.name'], hint: T['devices.name.hint'], required: true, maxLength: 40 },
      {
        kind: 'select',
        path: 'kind',
        label: T['devices.column.5'],
        options: () => (['kiosk', 'board', 'agent'] as const).map((k) => ({ value: k, label: deviceKindName(k) })),
      },
      { kind: 'select', path: 'windowId', label: T['devices.windowId'], hint: T['devices.windowId.hint'], options: windowOptions, optional: true, when: (d) => d.kind === 'agent' },
      { kind: 'text', path: 'board.zone', label: T['devices.board.zone'], hint: T['devices.board.zone.hint'], maxLength: 30, when: isBoard },
      { kind: 'multi', path: 'board.categoryIds', label: T['devices.board.categoryIds'], hint: T['devices.board.categoryIds.hint'], options: categoryOptions, when: isBoard },
      { kind: 'multi', path: 'board.windowIds', label: T['devices.board.windowIds'], hint: T['devices.board.windowIds.hint'], options: windowOptions, when: isBoard },
      { kind: 'select', path: 'board.layout', label: T['devices.board.layout'], options: () => [{ value: 'landscape', label: W.landscape }, { value: 'portrait', label: W.portrait }], when: isBoard },
      { kind: 'bool', path: 'board.speak', label: T['devices.board.speak'], when: isBoard },
      { kind: 'text', path: 'board.voiceTemplate', label: T['devices.board.voiceTemplate'], hint: T['devices.board.voiceTemplate.hint'], maxLength: 60, when: isBoard },
      { kind: 'bool', path: 'enabled', label: T['devices.enabled'] },
    ],
    blank: () => ({ id: '', kind: 'kiosk', name: '', windowId: null, board: null, enabled: true }),
    normalize: (d) => {
      const board = d.kind === 'board' ? ((d.board as Draft | null) ?? { ...DEFAULT_BOARD }) : null;
      return { ...d, board, windowId: d.kind === 'agent' ? (d.windowId ?? null) : null };
    },
  },
  notices: {
    slug: 'notices',
    title: T['notices.title'],
    key: 'id',
    columns: [
      { label: T['notices.column.0'], value: (n) => str(n.text) },
      { label: T['notices.column.1'], value: (n) => ((n.targets as string[]) ?? []).map((t) => (t === 'board' ? W.board : W.kiosk)).join(W.listSeparator) },
      { label: T['notices.column.2'], value: (n) => yesNo(n.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: T['notices.id'], hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'textarea', path: 'text', label: T['notices.text'], maxLength: 200, rows: 3 },
      { kind: 'multi', path: 'targets', label: T['notices.targets'], options: () => [{ value: 'board', label: W.board }, { value: 'kiosk', label: W.kiosk }] },
      { kind: 'datetime', path: 'startsAt', label: T['notices.startsAt'], hint: T['notices.startsAt.hint'] },
      { kind: 'datetime', path: 'endsAt', label: T['notices.endsAt'], hint: T['notices.endsAt.hint'] },
      { kind: 'bool', path: 'enabled', label: T['notices.enabled'] },
    ],
    blank: () => ({ id: '', text: '', targets: ['board', 'kiosk'], startsAt: null, endsAt: null, enabled: true }),
  },
  'service-items': {
    slug: 'service-items',
    title: T['service-items.title'],
    key: 'id',
    searchable: true,
    columns: [
      { label: T['service-items.column.0'], value: (s) => str(s.name) },
      { label: T['service-items.column.1'], value: (s) => str(s.department) },
      { label: T['service-items.column.2'], value: (s, ctx) => (s.categoryId ? categoryName(s.categoryId, ctx) : '') },
      { label: T['service-items.column.3'], value: (s) => yesNo(s.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: T['service-items.id'], hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'text', path: 'name', label: T['service-items.name'], required: true, maxLength: 80 },
      { kind: 'text', path: 'department', label: T['service-items.department'], maxLength: 40 },
      { kind: 'select', path: 'categoryId', label: T['service-items.categoryId'], options: categoryOptions, optional: true },
      { kind: 'lines', path: 'keywords', label: T['service-items.keywords'], rows: 2 },
      { kind: 'textarea', path: 'guide.basis', label: T['service-items.guide.basis'], maxLength: 4000, rows: 3 },
      { kind: 'textarea', path: 'guide.conditions', label: T['service-items.guide.conditions'], maxLength: 4000, rows: 3 },
      { kind: 'lines', path: 'guide.materials', label: T['service-items.guide.materials'], rows: 4 },
      { kind: 'textarea', path: 'guide.procedure', label: T['service-items.guide.procedure'], maxLength: 4000, rows: 3 },
      { kind: 'text', path: 'guide.timeLimit', label: T['service-items.guide.timeLimit'], maxLength: 200 },
      { kind: 'text', path: 'guide.fees', label: T['service-items.guide.fees'], maxLength: 500 },
      { kind: 'bool', path: 'enabled', label: T['service-items.enabled'] },
    ],
    blank: () => ({
      id: '',
      name: '',
      department: '',
      categoryId: null,
      keywords: [],
      guide: { basis: '', conditions: '', materials: [], procedure: '', timeLimit: '', fees: W.noFees },
      enabled: true,
    }),
  },
  calendar: {
    slug: 'calendar',
    title: T['calendar.title'],
    key: 'date',
    columns: [
      { label: T['calendar.column.0'], value: (d) => str(d.date) },
      { label: T['calendar.column.1'], value: (d) => (d.kind === 'holiday' ? W.holiday : W.workday) },
      { label: T['calendar.column.2'], value: (d) => str(d.name) },
    ],
    fields: [
      { kind: 'date', path: 'date', label: T['calendar.date'] },
      { kind: 'select', path: 'kind', label: T['calendar.kind'], options: () => [{ value: 'holiday', label: W.holidayOption }, { value: 'workday', label: W.workdayOption }] },
      { kind: 'text', path: 'name', label: T['calendar.name'], hint: T['calendar.name.hint'], maxLength: 30 },
    ],
    blank: () => ({ date: '', kind: 'holiday', name: '' }),
  },
};

/** The staff list's window column: "12号", and whether it is the only one. */
function assignedWindowText(s: Draft, ctx: FieldContext): string {
  if (!s.windowId) return '';
  const number = ctx.state?.windows.find((w) => w.id === s.windowId)?.number;
  const text = number === undefined ? str(s.windowId) : windowShort(number);
  return s.windowLocked ? `${text}${W.lockedSuffix}` : text;
}

function isBoard(d: Draft): boolean {
  return d.kind === 'board';
}

export function deviceKindName(kind: string): string {
  return kind === 'kiosk' ? W.kiosk : kind === 'board' ? W.board : kind === 'agent' ? W.agent : kind;
}

/** The hall-wide settings: one object, the same form machinery. */
export const settingsFields: Field[] = [
  { kind: 'text', path: 'name', label: T['settings.name'], required: true, maxLength: 60 },
  { kind: 'text', path: 'timeZone', label: T['settings.timeZone'], maxLength: 60 },
  { kind: 'sessions', path: 'weekdayHours', label: T['settings.weekdayHours'], hint: T['settings.weekdayHours.hint'] },
  { kind: 'sessions', path: 'weekendHours', label: T['settings.weekendHours'], hint: T['settings.weekendHours.hint'] },
  { kind: 'text', path: 'publicBaseUrl', label: T['settings.publicBaseUrl'], maxLength: 200 },
  { kind: 'text', path: 'hotline', label: T['settings.hotline'], maxLength: 40 },
  { kind: 'number', path: 'recallLimit', label: T['settings.recallLimit'], min: 0, max: 10 },
  { kind: 'number', path: 'priorityStreak', label: T['settings.priorityStreak'], hint: T['settings.priorityStreak.hint'], min: 1, max: 20 },
  { kind: 'select', path: 'reactivatePosition', label: T['settings.reactivatePosition'], options: () => [{ value: 'original', label: W.original }, { value: 'back', label: W.back }] },
  { kind: 'number', path: 'reactivateDelayMinutes', label: T['settings.reactivateDelayMinutes'], min: 0, max: 120 },
  { kind: 'number', path: 'appointmentLateMinutes', label: T['settings.appointmentLateMinutes'], min: 0, max: 240 },
  { kind: 'number', path: 'personalDataRetentionDays', label: T['settings.personalDataRetentionDays'], min: 1, max: 3650 },
];
