// The floor-plan document (documents/floorplan.ts) as data: the scale it chooses and states,
// the quarter turn that lets a tall plan print larger, the drawing's contents, the tables.
import { describe, expect, it } from 'vitest';
import { checkPlan, floorPlanSchema } from '@hall/common/floorplan/index';
import { testPlan, testPlanInput } from '@hall/common/floorplan/test-plan';
import { ruleSet } from '@hall/fixtures/src/floorplan.ts';
import { chooseScale, countFixtures, placePlan, planDocument } from '../../src/documents/floorplan.ts';
import type { DrawingBlock, TableBlock } from '../../src/documents/model.ts';

describe('the print scale', () => {
  it('keeps 1:50 or 1:100 when the plan fits the sheet, and says so when it does not', () => {
    expect(chooseScale(50, 6, 4)).toMatchObject({ denominator: 50, mmPerMetre: 20, text: '比例 1:50' });
    expect(chooseScale(100, 6, 4)).toMatchObject({ denominator: 100, mmPerMetre: 10 });
    // 12 m at 1:50 is 240 mm: wider than the plan's part of the sheet.
    const shrunk = chooseScale(50, 12, 4);
    expect(shrunk.denominator).toBe(75);
    expect(shrunk.text).toBe('比例 1:75（1:50 超出纸张，已缩小）');
  });

  it('fits to the largest standard scale and states it', () => {
    // 6 × 4 m: 1:25 would be 240 mm wide, more than the 185 mm beside the legend.
    expect(chooseScale('fit', 6, 4)).toMatchObject({ denominator: 50, text: '比例 1:50（按纸张缩放）' });
    expect(chooseScale('fit', 3, 2).denominator).toBe(20);
    expect(chooseScale('fit', 40, 25).denominator).toBe(250);
    expect(chooseScale('fit', 5000, 5000).denominator).toBe(2000);
  });

  it('turns a tall plan a quarter when that prints it larger, and turns the north arrow with it', () => {
    const tall = floorPlanSchema.parse({ ...testPlanInput(), corners: testPlanInput().corners!.map((c) => ({ ...c, x: c.y * 2, y: c.x * 2 })), flows: [], dimensions: [], labels: [], fixtures: [], openings: [], zones: [] });
    const placed = placePlan(tall);
    expect(placed.turned).toBe(true);
    expect(placed.northAngle).toBe(90);
    expect(placed.scale.text).toContain('图已旋转 90°');
    // Plan (x, y) → (x0 + (y0 + h − y), y0 + (x − x0)): the top-left corner goes to the top-right.
    const [x, y] = placed.place({ x: placed.minX, y: placed.minY });
    expect(x).toBeCloseTo(placed.minX + placed.widthM, 6);
    expect(y).toBeCloseTo(placed.minY, 6);
    expect(placePlan(testPlan()).turned).toBe(false);
  });
});

describe('the plan document', () => {
  const plan = testPlan();
  const report = checkPlan(plan, ruleSet('national-2011'));
  const spec = planDocument(plan, report, { code: 'ABCD 2345' });
  const drawing = spec.body.find((b): b is DrawingBlock => b.kind === 'drawing')!;
  const tables = spec.body.filter((b): b is TableBlock => b.kind === 'table');

  it('is landscape with the code and its QR on every page', () => {
    expect(spec.page?.orientation).toBe('landscape');
    expect(spec.pageMark).toMatchObject({ code: 'ABCD 2345', qrPayload: 'ABCD 2345' });
  });

  it('draws at a true scale with every wall filled, every door’s swing, zone names and areas, and flows as arrows', () => {
    // The test plan (6 m × 5.6 m with its flows, scale 'fit') prints at 1:50: 20 mm a metre.
    expect(drawing.mmPerUnit).toBe(20);
    const texts = drawing.shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
    expect(texts).toEqual(expect.arrayContaining(['切配烹饪区', '12㎡', '就餐区', '北', '图例及设备数量', '炒灶 ×1', '排烟罩 ×1']));
    expect(drawing.shapes.filter((s) => s.kind === 'path' && s.fill === '#3c3c3c')).toHaveLength(plan.walls.length);
    expect(drawing.shapes.filter((s) => s.kind === 'arrow' && s.points.length >= 2).length).toBeGreaterThanOrEqual(plan.flows.length);
    // Door swings: open polylines (dashed) — one per door.
    expect(drawing.shapes.filter((s) => s.kind === 'path' && s.closed === false && s.dashMm)).toHaveLength(plan.openings.filter((o) => o.kind === 'door').length);
  });

  it('lists the zones, the fixture counts and every rule with its result', () => {
    const zones = tables.find((t) => t.title === '功能区')!;
    expect(zones.rows).toEqual([
      ['切配烹饪区', '准清洁操作区', '12㎡', '3 × 4 m'],
      ['就餐区', '就餐区', '12㎡', '3 × 4 m'],
    ]);
    expect(countFixtures(plan).map((c) => [c.name, c.count])).toEqual([['炒灶', 1], ['排烟罩', 1], ['方桌', 1]]);
    const checklist = tables.find((t) => t.title?.startsWith('检查结果'))!;
    expect(checklist.rows).toHaveLength(report.results.length);
    expect(checklist.rows.filter((r) => r[1] === '不符合')).toHaveLength(report.failed);
    expect(spec.body.some((b) => b.kind === 'signature')).toBe(true);
  });
});
