// Reading a plan of any version: older documents are lifted one version at a time by the
// migrations below, then parsed. Add a step `n: (doc) => doc` that turns version n into n + 1
// whenever FLOOR_PLAN_VERSION goes up; never edit a shipped step. (An autosaved plan from
// before an update must still open after it.)
import { FLOOR_PLAN_FORMAT, FLOOR_PLAN_VERSION, parsePlan, type ParsePlanResult } from './document.ts';

export type PlanMigration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** version n → n + 1. Empty while version 1 is the only one. */
export const planMigrations: Readonly<Record<number, PlanMigration>> = {};

export type UpgradeResult = { ok: true; doc: Record<string, unknown> } | { ok: false; problems: string[] };

/** Lifts a raw document to the target version without parsing it. */
export function upgradePlan(json: unknown, migrations: Readonly<Record<number, PlanMigration>> = planMigrations, target = FLOOR_PLAN_VERSION): UpgradeResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, problems: ['（文档）：不是平面图文档'] };
  let doc = json as Record<string, unknown>;
  if (doc.format !== FLOOR_PLAN_FORMAT) return { ok: false, problems: [`format：应为 ${FLOOR_PLAN_FORMAT}`] };
  let version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, problems: ['version：版本号无效'] };
  if (version > target) return { ok: false, problems: [`version：文档版本 ${version} 比本程序支持的 ${target} 新，请升级程序`] };
  while (version < target) {
    const step = migrations[version];
    if (!step) return { ok: false, problems: [`version：缺少从版本 ${version} 升级的迁移`] };
    doc = { ...step(doc), version: version + 1 };
    version += 1;
  }
  return { ok: true, doc };
}

/** Any stored plan (autosave, server, template) → the current document, or the problems. */
export function migratePlan(json: unknown): ParsePlanResult {
  const up = upgradePlan(json);
  return up.ok ? parsePlan(up.doc) : up;
}
