// The admin console's API: create, read, update and delete every part of the hall's
// configuration. Each write is validated, checked against the rest of the configuration,
// audited, and pushed to every client as `config:changed`.
import { z } from 'zod';
import {
  calendarDaySchema,
  categorySchema,
  deviceSchema,
  hallSettingsSchema,
  noticeSchema,
  passwordSchema,
  serviceItemSchema,
  staffSchema,
  windowSchema,
  type Actor,
  type Staff,
} from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import type { HallService } from '../../service/hall-service.ts';
import type { AuthService } from '../../auth/auth-service.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { route, type RouteDef } from '../route.ts';

function actorOf(staff: Staff | null): Actor {
  return { kind: 'admin', id: staff!.id };
}

interface Collection<T extends z.ZodObject> {
  slug: string;
  label: string;
  schema: T;
  key: string;
  list: () => Array<z.output<T>>;
  put: (item: z.output<T>) => void;
  remove: (key: string) => boolean;
  /** Cross-checks against the rest of the configuration; throws HallError. */
  check?: (item: z.output<T>, existing: z.output<T> | undefined) => void;
  checkRemove?: (key: string) => void;
}

function crud<T extends z.ZodObject>(hall: HallService, c: Collection<T>): RouteDef[] {
  const keyParams = z.object({ key: z.string().min(1).max(40) });
  const find = (key: string) => c.list().find((item) => String((item as Record<string, unknown>)[c.key]) === key);
  return [
    route({ method: 'get', path: `/api/admin/${c.slug}`, summary: `${c.label}列表`, tag: 'admin', access: 'admin', response: z.array(c.schema), handler: () => c.list() }),
    route({
      method: 'get',
      path: `/api/admin/${c.slug}/:key`,
      summary: `查看${c.label}`,
      tag: 'admin',
      access: 'admin',
      params: keyParams,
      response: c.schema,
      handler: ({ params }) => find(params.key) ?? notFound(),
    }),
    route({
      method: 'post',
      path: `/api/admin/${c.slug}`,
      summary: `新增${c.label}`,
      tag: 'admin',
      access: 'admin',
      body: c.schema,
      response: c.schema,
      status: 201,
      handler: async ({ body, staff }) => {
        const key = String((body as Record<string, unknown>)[c.key]);
        if (find(key)) throw new HallError('CONFLICT', { field: c.key, message: `${c.label}“${key}”已存在` });
        c.check?.(body, undefined);
        await hall.changeConfig(actorOf(staff), `${c.slug}.create`, key, () => c.put(body), { item: body });
        return body;
      },
    }),
    route({
      method: 'put',
      path: `/api/admin/${c.slug}/:key`,
      summary: `修改${c.label}`,
      tag: 'admin',
      access: 'admin',
      params: keyParams,
      body: c.schema,
      response: c.schema,
      handler: async ({ params, body, staff }) => {
        if (String((body as Record<string, unknown>)[c.key]) !== params.key) throw new HallError('VALIDATION_FAILED', { field: c.key, message: '路径与内容中的编号不一致' });
        const existing = find(params.key);
        if (!existing) notFound();
        c.check?.(body, existing);
        await hall.changeConfig(actorOf(staff), `${c.slug}.update`, params.key, () => c.put(body), { before: existing, after: body });
        return body;
      },
    }),
    route({
      method: 'delete',
      path: `/api/admin/${c.slug}/:key`,
      summary: `删除${c.label}`,
      tag: 'admin',
      access: 'admin',
      params: keyParams,
      response: null,
      handler: async ({ params, staff }) => {
        const existing = find(params.key);
        if (!existing) notFound();
        c.checkRemove?.(params.key);
        await hall.changeConfig(actorOf(staff), `${c.slug}.delete`, params.key, () => c.remove(params.key), { before: existing });
      },
    }),
  ];
}

function notFound(): never {
  throw new HallError('NOT_FOUND');
}

export function adminRoutes(hall: HallService, auth: AuthService): RouteDef[] {
  const data = () => hall.configData;
  const store = hall.config;

  const categories = crud(hall, {
    slug: 'categories',
    label: '业务分类',
    schema: categorySchema,
    key: 'id',
    list: () => data().categories,
    put: (c) => store.putCategory(c),
    remove: (id) => store.remove('categories', id),
    check: (c) => {
      const clash = data().categories.find((x) => x.prefix === c.prefix && x.id !== c.id);
      if (clash) throw new HallError('CONFLICT', { field: 'prefix', message: `前缀 ${c.prefix} 已被“${clash.name}”使用` });
      for (const alt of c.alternatives.categoryIds) {
        if (!data().categories.some((x) => x.id === alt)) throw new HallError('VALIDATION_FAILED', { field: 'alternatives.categoryIds', message: `备选业务 ${alt} 不存在` });
      }
    },
    checkRemove: (id) => {
      const user = data().windows.find((w) => w.categories.some((c) => c.categoryId === id));
      if (user) throw new HallError('CONFLICT', { message: `“${user.name}”仍在办理该业务，请先调整窗口或改为停用` });
      if (hall.openTicketsIn(id) > 0) throw new HallError('CONFLICT', { message: '该业务仍有未办结的号，请改为停用' });
    },
  });

  const windows = crud(hall, {
    slug: 'windows',
    label: '窗口',
    schema: windowSchema,
    key: 'id',
    list: () => data().windows,
    put: (w) => store.putWindow(w),
    remove: (id) => store.remove('windows', id),
    check: (w) => {
      const clash = data().windows.find((x) => x.number === w.number && x.id !== w.id);
      if (clash) throw new HallError('CONFLICT', { field: 'number', message: `窗口号 ${w.number} 已被“${clash.name}”使用` });
      const seen = new Set<string>();
      for (const c of w.categories) {
        if (!data().categories.some((x) => x.id === c.categoryId)) throw new HallError('VALIDATION_FAILED', { field: 'categories', message: `业务 ${c.categoryId} 不存在` });
        if (seen.has(c.categoryId)) throw new HallError('VALIDATION_FAILED', { field: 'categories', message: `业务 ${c.categoryId} 重复` });
        seen.add(c.categoryId);
      }
    },
    checkRemove: (id) => {
      const state = hall.windowState(id);
      if (state && state.status !== 'closed') throw new HallError('CONFLICT', { message: '该窗口仍有工作人员签入，请先签出' });
      const assigned = hall.accounts.listStaff().find((s) => s.windowId === id);
      if (assigned) throw new HallError('CONFLICT', { message: `该窗口是“${assigned.displayName}”的指定窗口，请先修改该工作人员` });
    },
  });

  const notices = crud(hall, {
    slug: 'notices',
    label: '公告',
    schema: noticeSchema,
    key: 'id',
    list: () => data().notices,
    put: (n) => store.putNotice(n),
    remove: (id) => store.remove('notices', id),
  });

  const items = crud(hall, {
    slug: 'service-items',
    label: '事项',
    schema: serviceItemSchema,
    key: 'id',
    list: () => data().serviceItems,
    put: (s) => store.putServiceItem(s),
    remove: (id) => store.remove('service_items', id),
    check: (s) => {
      if (s.categoryId && !data().categories.some((c) => c.id === s.categoryId)) throw new HallError('VALIDATION_FAILED', { field: 'categoryId', message: `业务 ${s.categoryId} 不存在` });
    },
  });

  const calendar = crud(hall, {
    slug: 'calendar',
    label: '节假日与调休',
    schema: calendarDaySchema,
    key: 'date',
    list: () => data().calendar,
    put: (d) => store.putCalendarDay(d),
    remove: (date) => store.removeCalendarDay(date),
  });

  const devices = crud(hall, {
    slug: 'devices',
    label: '设备',
    schema: deviceSchema,
    key: 'id',
    list: () => hall.accounts.listDevices().map((r) => r.device),
    put: (d) => hall.accounts.putDevice(d),
    remove: (id) => hall.accounts.removeDevice(id),
    check: (d) => {
      if (d.kind === 'agent' && (!d.windowId || !data().windows.some((w) => w.id === d.windowId))) {
        throw new HallError('VALIDATION_FAILED', { field: 'windowId', message: '窗口设备需绑定一个已有窗口' });
      }
    },
  });

  const staffInput = staffSchema.extend({ password: passwordSchema.optional() });
  /** An assigned window must exist; fixing an account to its window needs one. */
  const checkAssignment = (account: Staff) => {
    if (account.windowId !== null && !data().windows.some((w) => w.id === account.windowId)) {
      throw new HallError('VALIDATION_FAILED', { field: 'windowId', message: `窗口 ${account.windowId} 不存在` });
    }
    if (account.windowLocked && account.windowId === null) {
      throw new HallError('VALIDATION_FAILED', { field: 'windowLocked', message: '只能在指定窗口签入时，请先选择指定窗口' });
    }
  };
  const staffRoutes: RouteDef[] = [
    route({
      method: 'get',
      path: '/api/admin/staff',
      summary: '工作人员列表',
      tag: 'admin',
      access: 'admin',
      response: z.array(staffSchema),
      handler: () => hall.accounts.listStaff(),
    }),
    route({
      method: 'post',
      path: '/api/admin/staff',
      summary: '新增工作人员（需设置初始密码）',
      tag: 'admin',
      access: 'admin',
      body: staffInput,
      response: staffSchema,
      status: 201,
      handler: async ({ body, staff }) => {
        const { password, ...account } = body;
        if (!password) throw new HallError('VALIDATION_FAILED', { field: 'password', message: '请设置初始密码（至少8位）' });
        if (hall.accounts.listStaff().some((s) => s.id === account.id || s.username === account.username)) {
          throw new HallError('CONFLICT', { field: 'username', message: `用户名 ${account.username} 已存在` });
        }
        checkAssignment(account);
        const hash = await hashPassword(password);
        await hall.changeConfig(actorOf(staff), 'staff.create', account.id, () => hall.accounts.putStaff(account, hash), { staff: account });
        return account;
      },
    }),
    route({
      method: 'put',
      path: '/api/admin/staff/:key',
      summary: '修改工作人员（可重设密码）',
      tag: 'admin',
      access: 'admin',
      params: z.object({ key: z.string().max(40) }),
      body: staffInput,
      response: staffSchema,
      handler: async ({ params, body, staff }) => {
        const { password, ...account } = body;
        if (account.id !== params.key) throw new HallError('VALIDATION_FAILED', { field: 'id', message: '路径与内容中的编号不一致' });
        const before = hall.accounts.staff(params.key);
        if (!before) notFound();
        if (hall.accounts.listStaff().some((s) => s.username === account.username && s.id !== account.id)) {
          throw new HallError('CONFLICT', { field: 'username', message: `用户名 ${account.username} 已存在` });
        }
        checkAssignment(account);
        const hash = password ? await hashPassword(password) : undefined;
        await hall.changeConfig(actorOf(staff), 'staff.update', account.id, () => {
          hall.accounts.putStaff(account, hash);
          if (hash || !account.enabled) hall.accounts.deleteSessionsOf(account.id);
        }, { before, after: account, passwordChanged: Boolean(hash) });
        return account;
      },
    }),
    route({
      method: 'delete',
      path: '/api/admin/staff/:key',
      summary: '删除工作人员',
      tag: 'admin',
      access: 'admin',
      params: z.object({ key: z.string().max(40) }),
      response: null,
      handler: async ({ params, staff }) => {
        if (params.key === staff!.id) throw new HallError('CONFLICT', { message: '不能删除当前登录的账号' });
        if (!hall.accounts.staff(params.key)) notFound();
        await hall.changeConfig(actorOf(staff), 'staff.delete', params.key, () => hall.accounts.removeStaff(params.key));
      },
    }),
  ];

  const other: RouteDef[] = [
    route({ method: 'get', path: '/api/admin/settings', summary: '大厅设置', tag: 'admin', access: 'admin', response: hallSettingsSchema, handler: () => data().settings }),
    route({
      method: 'put',
      path: '/api/admin/settings',
      summary: '修改大厅设置（办公时间、叫号规则、个人信息保存天数等）',
      tag: 'admin',
      access: 'admin',
      body: hallSettingsSchema,
      response: hallSettingsSchema,
      handler: async ({ body, staff }) => {
        const before = data().settings;
        await hall.changeConfig(actorOf(staff), 'settings.update', 'hall', () => store.putSettings(body), { before, after: body });
        return body;
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/devices/:key/pairing-code',
      summary: '生成设备一次性配对码（15分钟内有效）',
      tag: 'admin',
      access: 'admin',
      params: z.object({ key: z.string().max(40) }),
      response: z.object({ code: z.string(), expiresAt: z.number() }),
      handler: async ({ params, staff }) => {
        if (!hall.accounts.device(params.key)) notFound();
        const code = auth.createPairingCode(params.key);
        await hall.recordAudit(actorOf(staff), 'devices.pairingCode', params.key);
        return code;
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/latency/reset',
      summary: '健康检查页的耗时统计（命令、提交、事件循环、垃圾回收）从零开始，便于观察某一时段',
      tag: 'admin',
      access: 'admin',
      response: null,
      handler: ({ staff }) => {
        hall.latencies.reset();
        hall.audit.record(Date.now(), { kind: 'admin', id: staff!.id }, 'latency.reset', 'healthz', {});
      },
    }),
    route({
      method: 'get',
      path: '/api/admin/device-health',
      summary: '设备在线状态与故障',
      tag: 'admin',
      access: 'admin',
      response: z.array(z.object({ deviceId: z.string(), name: z.string(), kind: z.string(), online: z.boolean(), lastSeenAt: z.number().nullable(), faults: z.array(z.unknown()) })),
      handler: () => {
        const online = new Set(hall.onlineDevices());
        return hall.accounts.listDevices().map((r) => ({
          deviceId: r.device.id,
          name: r.device.name,
          kind: r.device.kind,
          online: online.has(r.device.id),
          lastSeenAt: r.lastSeenAt,
          faults: r.faults,
        }));
      },
    }),
    route({
      method: 'get',
      path: '/api/admin/audit',
      summary: '操作日志（管理变更与工作人员操作）',
      tag: 'admin',
      access: 'admin',
      query: z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: z.array(z.object({ id: z.int(), at: z.number(), actor: z.object({ kind: z.string(), id: z.string() }), action: z.string(), target: z.string(), detail: z.record(z.string(), z.unknown()) })),
      handler: ({ query }) => hall.audit.list(query.before === undefined ? { limit: query.limit } : { before: query.before, limit: query.limit }),
    }),
  ];

  return [...other, ...categories, ...windows, ...notices, ...items, ...calendar, ...devices, ...staffRoutes];
}
