// What the console configures, described as data: each collection's REST path, its key, the
// columns of its list, the fields of its form, and a new item's defaults. One generic page
// renders them all, so adding a field is one line here. Labels are the console's Chinese.
import type { HallState } from '@hall/common/hall-state';
import type { Draft } from './form-values.ts';

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

const yesNo = (v: unknown) => (v ? '是' : '否');
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export const categoryOptions = ({ state }: FieldContext): Option[] => (state?.categories ?? []).map((c) => ({ value: c.id, label: `${c.prefix} ${c.name}` }));
export const windowOptions = ({ state }: FieldContext): Option[] =>
  [...(state?.windows ?? [])].sort((a, b) => a.number - b.number).map((w) => ({ value: w.id, label: w.name === `${w.number}号窗口` ? w.name : `${w.number}号 ${w.name}` }));
const categoryName = (id: unknown, ctx: FieldContext) => ctx.state?.categories.find((c) => c.id === id)?.name ?? str(id);

const idHint = '小写字母、数字和连字符，创建后不能修改';

export const DEFAULT_BOARD = { zone: '', categoryIds: [], windowIds: [], layout: 'landscape', speak: true, voiceTemplate: '请{number}号到{window}号窗口办理' };

export const resources: Record<string, Resource> = {
  categories: {
    slug: 'categories',
    title: '业务分类',
    key: 'id',
    columns: [
      { label: '前缀', value: (c) => str(c.prefix) },
      { label: '名称', value: (c) => str(c.name) },
      { label: '分组', value: (c) => str(c.group) },
      { label: '每日限号', value: (c) => (c.dailyQuota === null ? '不限' : str(c.dailyQuota)) },
      { label: '需身份证', value: (c) => yesNo(c.identityRequired) },
      { label: '启用', value: (c) => yesNo(c.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: '编号', hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'text', path: 'prefix', label: '号码前缀', hint: '1到2个大写字母，如 A', required: true, maxLength: 2 },
      { kind: 'text', path: 'name', label: '名称', required: true, maxLength: 30 },
      { kind: 'text', path: 'group', label: '自助机分组', hint: '部门或主题，如 税务、我要开餐馆', required: true, maxLength: 30 },
      { kind: 'text', path: 'department', label: '进驻部门', maxLength: 40 },
      { kind: 'textarea', path: 'description', label: '说明', maxLength: 200, rows: 2 },
      { kind: 'sessions', path: 'hours', label: '办理时间（工作日）', hint: '如 09:00-12:00 13:30-17:00；留空则按大厅办公时间', optional: true },
      { kind: 'bool', path: 'weekendService', label: '周末不打烊（周末也可取号）' },
      { kind: 'number', path: 'dailyQuota', label: '每日限号', hint: '留空为不限', min: 1, max: 99999, optional: true, placeholder: '不限' },
      { kind: 'bool', path: 'onePerPerson', label: '每人限取一个等候中的号' },
      { kind: 'bool', path: 'identityRequired', label: '取号需刷身份证' },
      { kind: 'bool', path: 'priorityEnabled', label: '允许进入绿色通道（优先）' },
      { kind: 'number', path: 'priorityAge', label: '按年龄自动优先', hint: '如 70：70岁及以上刷身份证自动优先；留空则不按年龄', min: 50, max: 120, optional: true, placeholder: '不按年龄' },
      { kind: 'number', path: 'numberWidth', label: '号码位数', min: 2, max: 5 },
      { kind: 'number', path: 'defaultServiceMinutes', label: '平均办理分钟（估算等候用）', min: 1, max: 240 },
      { kind: 'bool', path: 'alternatives.appointment', label: '无号时提示预约' },
      { kind: 'multi', path: 'alternatives.categoryIds', label: '无号时推荐的其他业务', options: categoryOptions },
      { kind: 'lines', path: 'materials', label: '所需材料（每行一项）', rows: 3 },
      { kind: 'number', path: 'sortOrder', label: '排序', step: 1 },
      { kind: 'bool', path: 'enabled', label: '启用' },
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
    title: '窗口',
    key: 'id',
    columns: [
      { label: '窗口号', value: (w) => str(w.number) },
      { label: '名称', value: (w) => str(w.name) },
      { label: '区域', value: (w) => str(w.zone) },
      {
        label: '办理业务（权重）',
        value: (w, ctx) => ((w.categories as Array<{ categoryId: string; weight: number }>) ?? []).map((c) => `${categoryName(c.categoryId, ctx)}×${c.weight}`).join('、'),
      },
      { label: '启用', value: (w) => yesNo(w.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: '编号', hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'number', path: 'number', label: '窗口号', hint: '叫号屏和语音播报使用', min: 1, max: 999 },
      { kind: 'text', path: 'name', label: '名称', required: true, maxLength: 30 },
      { kind: 'text', path: 'zone', label: '区域或楼层', maxLength: 30 },
      { kind: 'weights', path: 'categories', label: '办理业务与权重', hint: '权重越大，该业务被叫到的比例越高；0 表示仅在其他业务无人等候时叫' },
      { kind: 'bool', path: 'enabled', label: '启用' },
    ],
    blank: () => ({ id: '', number: 1, name: '', zone: '', categories: [], enabled: true }),
  },
  staff: {
    slug: 'staff',
    title: '工作人员',
    key: 'id',
    columns: [
      { label: '用户名', value: (s) => str(s.username) },
      { label: '姓名', value: (s) => str(s.displayName) },
      { label: '角色', value: (s) => (s.role === 'admin' ? '管理员' : '窗口人员') },
      { label: '启用', value: (s) => yesNo(s.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'username', label: '用户名', hint: '2到32位小写字母、数字、点、下划线或连字符', required: true, maxLength: 32 },
      { kind: 'text', path: 'displayName', label: '姓名', hint: '在窗口屏和操作日志中显示', required: true, maxLength: 30 },
      { kind: 'select', path: 'role', label: '角色', options: () => [{ value: 'clerk', label: '窗口人员' }, { value: 'admin', label: '管理员' }] },
      { kind: 'password', path: 'password', label: '密码', hint: '至少8位；修改时留空则不变，重设后该人员需重新登录', requiredOnCreate: true },
      { kind: 'bool', path: 'enabled', label: '启用（停用后立即退出登录）' },
    ],
    blank: () => ({ id: '', username: '', displayName: '', role: 'clerk', enabled: true, password: '' }),
    // The account id follows the username when created: admins think in usernames.
    normalize: (d, creating) => (creating ? { ...d, id: str(d.username).replace(/[^a-z0-9-]/g, '-').replace(/^-+/, '').slice(0, 40) } : d),
    toWire: (d) => {
      const { password, ...rest } = d;
      return password ? { ...rest, password } : rest;
    },
  },
  devices: {
    slug: 'devices',
    title: '设备',
    key: 'id',
    columns: [
      { label: '编号', value: (d) => str(d.id) },
      { label: '名称', value: (d) => str(d.name) },
      { label: '类型', value: (d) => deviceKindName(str(d.kind)) },
      { label: '窗口', value: (d, ctx) => (d.windowId ? `${ctx.state?.windows.find((w) => w.id === d.windowId)?.number ?? d.windowId}号` : '') },
      { label: '启用', value: (d) => yesNo(d.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: '编号', hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'text', path: 'name', label: '名称', hint: '如 一楼自助机2、二楼叫号屏', required: true, maxLength: 40 },
      {
        kind: 'select',
        path: 'kind',
        label: '类型',
        options: () => (['kiosk', 'board', 'agent'] as const).map((k) => ({ value: k, label: deviceKindName(k) })),
      },
      { kind: 'select', path: 'windowId', label: '所属窗口', hint: '窗口设备（窗口屏、呼叫器、评价器）必填', options: windowOptions, optional: true, when: (d) => d.kind === 'agent' },
      { kind: 'text', path: 'board.zone', label: '叫号屏区域', hint: '显示在屏幕标题旁', maxLength: 30, when: isBoard },
      { kind: 'multi', path: 'board.categoryIds', label: '显示的业务', hint: '都不选则显示全部', options: categoryOptions, when: isBoard },
      { kind: 'multi', path: 'board.windowIds', label: '显示的窗口', hint: '都不选则显示全部', options: windowOptions, when: isBoard },
      { kind: 'select', path: 'board.layout', label: '屏幕方向', options: () => [{ value: 'landscape', label: '横屏 1920×1080' }, { value: 'portrait', label: '竖屏 1080×1920' }], when: isBoard },
      { kind: 'bool', path: 'board.speak', label: '语音播报', when: isBoard },
      { kind: 'text', path: 'board.voiceTemplate', label: '播报语', hint: '{number} 为号码，{window} 为窗口号', maxLength: 60, when: isBoard },
      { kind: 'bool', path: 'enabled', label: '启用' },
    ],
    blank: () => ({ id: '', kind: 'kiosk', name: '', windowId: null, board: null, enabled: true }),
    normalize: (d) => {
      const board = d.kind === 'board' ? ((d.board as Draft | null) ?? { ...DEFAULT_BOARD }) : null;
      return { ...d, board, windowId: d.kind === 'agent' ? (d.windowId ?? null) : null };
    },
  },
  notices: {
    slug: 'notices',
    title: '公告',
    key: 'id',
    columns: [
      { label: '内容', value: (n) => str(n.text) },
      { label: '显示在', value: (n) => ((n.targets as string[]) ?? []).map((t) => (t === 'board' ? '叫号屏' : '自助机')).join('、') },
      { label: '启用', value: (n) => yesNo(n.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: '编号', hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'textarea', path: 'text', label: '内容', maxLength: 200, rows: 3 },
      { kind: 'multi', path: 'targets', label: '显示在', options: () => [{ value: 'board', label: '叫号屏' }, { value: 'kiosk', label: '自助机' }] },
      { kind: 'datetime', path: 'startsAt', label: '开始时间', hint: '留空为立即' },
      { kind: 'datetime', path: 'endsAt', label: '结束时间', hint: '留空为一直显示' },
      { kind: 'bool', path: 'enabled', label: '启用' },
    ],
    blank: () => ({ id: '', text: '', targets: ['board', 'kiosk'], startsAt: null, endsAt: null, enabled: true }),
  },
  'service-items': {
    slug: 'service-items',
    title: '办事事项',
    key: 'id',
    searchable: true,
    columns: [
      { label: '事项名称', value: (s) => str(s.name) },
      { label: '部门', value: (s) => str(s.department) },
      { label: '取号业务', value: (s, ctx) => (s.categoryId ? categoryName(s.categoryId, ctx) : '') },
      { label: '启用', value: (s) => yesNo(s.enabled) },
    ],
    fields: [
      { kind: 'text', path: 'id', label: '编号', hint: idHint, keyOnCreate: true, required: true, maxLength: 40 },
      { kind: 'text', path: 'name', label: '事项名称', required: true, maxLength: 80 },
      { kind: 'text', path: 'department', label: '实施部门', maxLength: 40 },
      { kind: 'select', path: 'categoryId', label: '取号业务', options: categoryOptions, optional: true },
      { kind: 'lines', path: 'keywords', label: '搜索关键词（每行一个）', rows: 2 },
      { kind: 'textarea', path: 'guide.basis', label: '办事指南 · 设定依据', maxLength: 4000, rows: 3 },
      { kind: 'textarea', path: 'guide.conditions', label: '办事指南 · 申请条件', maxLength: 4000, rows: 3 },
      { kind: 'lines', path: 'guide.materials', label: '办事指南 · 申请材料（每行一项）', rows: 4 },
      { kind: 'textarea', path: 'guide.procedure', label: '办事指南 · 办理流程', maxLength: 4000, rows: 3 },
      { kind: 'text', path: 'guide.timeLimit', label: '办事指南 · 办理时限', maxLength: 200 },
      { kind: 'text', path: 'guide.fees', label: '办事指南 · 收费标准', maxLength: 500 },
      { kind: 'bool', path: 'enabled', label: '启用' },
    ],
    blank: () => ({
      id: '',
      name: '',
      department: '',
      categoryId: null,
      keywords: [],
      guide: { basis: '', conditions: '', materials: [], procedure: '', timeLimit: '', fees: '不收费' },
      enabled: true,
    }),
  },
  calendar: {
    slug: 'calendar',
    title: '节假日与调休',
    key: 'date',
    columns: [
      { label: '日期', value: (d) => str(d.date) },
      { label: '类型', value: (d) => (d.kind === 'holiday' ? '放假' : '调休上班') },
      { label: '名称', value: (d) => str(d.name) },
    ],
    fields: [
      { kind: 'date', path: 'date', label: '日期' },
      { kind: 'select', path: 'kind', label: '类型', options: () => [{ value: 'holiday', label: '放假（不办公）' }, { value: 'workday', label: '调休上班（按工作日办公）' }] },
      { kind: 'text', path: 'name', label: '名称', hint: '如 春节、国庆节', maxLength: 30 },
    ],
    blank: () => ({ date: '', kind: 'holiday', name: '' }),
  },
};

function isBoard(d: Draft): boolean {
  return d.kind === 'board';
}

export function deviceKindName(kind: string): string {
  return kind === 'kiosk' ? '自助机' : kind === 'board' ? '叫号屏' : kind === 'agent' ? '窗口设备' : kind;
}

/** The hall-wide settings: one object, the same form machinery. */
export const settingsFields: Field[] = [
  { kind: 'text', path: 'name', label: '大厅名称', required: true, maxLength: 60 },
  { kind: 'text', path: 'timeZone', label: '时区', maxLength: 60 },
  { kind: 'sessions', path: 'weekdayHours', label: '工作日办公时间', hint: '如 09:00-12:00 13:30-17:00' },
  { kind: 'sessions', path: 'weekendHours', label: '周末办公时间（周末不打烊业务）', hint: '留空则周末不办公' },
  { kind: 'text', path: 'publicBaseUrl', label: '对外网址（小票二维码）', maxLength: 200 },
  { kind: 'text', path: 'hotline', label: '咨询电话', maxLength: 40 },
  { kind: 'number', path: 'recallLimit', label: '最多重呼次数', min: 0, max: 10 },
  { kind: 'number', path: 'priorityStreak', label: '连续优先号上限', hint: '连续叫这么多个优先号后，插叫一个普通号', min: 1, max: 20 },
  { kind: 'select', path: 'reactivatePosition', label: '过号恢复后排在', options: () => [{ value: 'original', label: '原位置' }, { value: 'back', label: '队尾' }] },
  { kind: 'number', path: 'reactivateDelayMinutes', label: '过号恢复后延后分钟', min: 0, max: 120 },
  { kind: 'number', path: 'appointmentLateMinutes', label: '预约迟到宽限分钟', min: 0, max: 240 },
  { kind: 'number', path: 'personalDataRetentionDays', label: '个人信息保存天数', min: 1, max: 3650 },
];
