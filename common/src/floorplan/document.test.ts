import { describe, expect, it } from 'vitest';
import { emptyPlan, findElement, floorPlanSchema, FLOOR_PLAN_VERSION, parsePlan } from './document.ts';
import { migratePlan, upgradePlan, type PlanMigration } from './migrate.ts';
import { symbolDef, symbolIds, symbolsByCategory } from './symbols.ts';
import { testPlan, testPlanInput } from './test-plan.ts';
import { zoneKinds, zoneTypes } from './zones.ts';

describe('the plan document', () => {
  it('parses a plan and fills in defaults', () => {
    const plan = testPlan();
    expect(plan.fixtures[0]!.rotation).toBe(0);
    expect(plan.title.businessType).toBe('restaurant');
    expect(plan.title.disinfection).toBe('heat');
    expect(plan.labels[0]!.size).toBe(0.25);
    const d1 = plan.openings.find((o) => o.id === 'd1')!;
    expect(d1.kind === 'door' && d1.exterior).toBe(false);
  });

  it('survives JSON: what the autosave writes it reads back unchanged', () => {
    const plan = testPlan();
    expect(floorPlanSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });

  it('starts empty', () => {
    const plan = emptyPlan({ operatorName: '张三面馆' });
    expect(plan.walls).toEqual([]);
    expect(plan.title.operatorName).toBe('张三面馆');
    expect(plan.version).toBe(FLOOR_PLAN_VERSION);
  });

  const broken: Array<[string, (d: ReturnType<typeof testPlanInput>) => void, RegExp]> = [
    ['an id used twice', (d) => void (d.fixtures![0]!.id = 'w1'), /fixtures\.0\.id：编号 w1 重复/],
    ['a wall to a missing corner', (d) => void (d.walls![0]!.to = 'nope'), /walls\.0\.to：墙 w1 的终点 nope 不存在/],
    ['a wall from a corner to itself', (d) => void (d.walls![0]!.to = 'c1'), /起点和终点相同/],
    ['an opening on a missing wall', (d) => void (d.openings![0]!.wall = 'w9'), /门窗 d1 所在的墙 w9 不存在/],
    ['an unknown symbol', (d) => void ((d.fixtures![0] as { symbol: string }).symbol = 'piano'), /fixtures\.0\.symbol/],
    ['an unknown zone type', (d) => void ((d.zones![0] as { type: string }).type = 'garage'), /zones\.0\.type/],
    ['a zone of two points', (d) => void d.zones![0]!.outline.splice(2), /区域至少需要 3 个顶点/],
    ['a negative wall thickness', (d) => void (d.walls![0]!.thickness = -0.1), /walls\.0\.thickness：必须大于 0/],
    ['an infinite coordinate', (d) => void (d.corners![0]!.x = Infinity), /corners\.0\.x/],
    ['a door without its swing', (d) => void delete (d.openings![0] as { swing?: unknown }).swing, /openings\.0\.swing/],
    ['an unknown field', (d) => void ((d as Record<string, unknown>).colour = 'red'), /colour/],
    ['a bad drawing date', (d) => void (d.title.drawnOn = '2026-13-45'), /title\.drawnOn/],
  ];
  it.each(broken)('rejects %s, saying where', (_name, edit, message) => {
    const input = testPlanInput();
    edit(input);
    const result = parsePlan(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(message);
  });

  it('finds any element by id', () => {
    const plan = testPlan();
    expect(findElement(plan, 'd2')).toMatchObject({ collection: 'openings', index: 1 });
    expect(findElement(plan, 'c6')).toMatchObject({ collection: 'corners', index: 5 });
    expect(findElement(plan, 'nothing')).toBeUndefined();
  });
});

describe('migrations', () => {
  it('reads a current document as it is', () => {
    const result = migratePlan(testPlanInput());
    expect(result.ok && result.plan).toEqual(testPlan());
  });

  it('refuses a document from a newer program, and things that are not plans', () => {
    expect(migratePlan({ ...testPlanInput(), version: FLOOR_PLAN_VERSION + 1 })).toEqual({ ok: false, problems: [expect.stringMatching(/比本程序支持的 1 新/)] });
    expect(migratePlan({ ...testPlanInput(), format: 'something.else' }).ok).toBe(false);
    expect(migratePlan([]).ok).toBe(false);
    expect(migratePlan({ ...testPlanInput(), version: 0 }).ok).toBe(false);
  });

  it('runs each step in order up to the target version', () => {
    const steps: Record<number, PlanMigration> = {
      1: (doc) => ({ ...doc, walls: [], renamed: true }),
      2: (doc) => ({ ...doc, note: `after ${String(doc.version)}` }),
    };
    const up = upgradePlan(testPlanInput(), steps, 3);
    expect(up.ok).toBe(true);
    if (up.ok) expect(up.doc).toMatchObject({ version: 3, walls: [], renamed: true, note: 'after 2' });
    expect(upgradePlan(testPlanInput(), { 1: steps[1]! }, 3)).toEqual({ ok: false, problems: ['version：缺少从版本 2 升级的迁移'] });
  });
});

describe('the symbol library and zone list', () => {
  it('gives every symbol a Chinese name, a category and a real size', () => {
    for (const id of symbolIds) {
      const s = symbolDef(id);
      expect(s.name, id).toMatch(/[\u4e00-\u9fff]/);
      expect(s.width, id).toBeGreaterThan(0.04);
      expect(s.width, id).toBeLessThan(5);
      expect(s.depth, id).toBeGreaterThan(0.04);
    }
    expect(symbolDef('rodent-board').height).toBe(0.6);
    expect(symbolsByCategory().flatMap((c) => c.symbols).sort()).toEqual([...symbolIds].sort());
  });

  it('has the sinks by purpose and the fixtures the rules ask for', () => {
    const purposes = symbolIds.map((id) => symbolDef(id).sink?.purpose).filter(Boolean);
    expect(new Set(purposes)).toEqual(new Set(['meat', 'vegetable', 'aquatic', 'tableware', 'tools', 'hands', 'mop']));
    for (const id of ['stove', 'hood', 'disinfection-cabinet', 'clean-storage-cabinet', 'fridge', 'freezer', 'work-table', 'shelf', 'uv-lamp', 'waste-bin', 'rodent-board', 'fly-curtain', 'chair']) {
      expect(symbolIds).toContain(id);
    }
  });

  it('names every zone in Chinese and puts the 专间 in the clean group', () => {
    for (const t of zoneTypes) expect(zoneKinds[t].name).toMatch(/[\u4e00-\u9fff]/);
    expect(zoneKinds['cold-dish-room']).toMatchObject({ group: 'clean', specialRoom: true });
    expect(zoneKinds.storage.group).toBe('general');
  });
});
