import { describe, expect, it } from 'vitest';
import { emptyPlan, pt, m, type CheckReport, type FloorPlan, type RuleResult } from '@hall/common/floorplan/index';
import { checklist, fixtureCounts, lengthKey, parseLength, selectionCommands, zoneLabel } from './view-model.ts';

const result = (ruleId: string, status: RuleResult['status'], details: string[] = [], elementIds: string[] = []): RuleResult => ({
  ruleId,
  ruleSetId: 'national-2011',
  kind: 'requiredZones',
  title: `规则 ${ruleId}`,
  status,
  message: `说明 ${ruleId}`,
  details,
  elementIds,
  source: { title: '餐饮服务食品安全操作规范', issuer: '国家', year: 2011, url: 'https://example.org', note: '' } as never,
});

describe('checklist', () => {
  it('failures first with their first reason, then passes, then rules that do not apply; the set order within each', () => {
    const report = { results: [result('a', 'pass'), result('b', 'fail', ['缺少粗加工区', '另一条'], ['z1']), result('c', 'not-applicable'), result('d', 'fail'), result('e', 'pass')] } as unknown as CheckReport;
    const items = checklist(report);
    expect(items.map((i) => [i.ruleId, i.status])).toEqual([
      ['b', 'fail'],
      ['d', 'fail'],
      ['a', 'pass'],
      ['e', 'pass'],
      ['c', 'not-applicable'],
    ]);
    expect(items[0]).toMatchObject({ reason: '缺少粗加工区', highlightable: true });
    expect(items[1]).toMatchObject({ reason: '说明 d', highlightable: false });
  });

  it('no report yet: an empty list', () => {
    expect(checklist(null)).toEqual([]);
  });
});

describe('labels and counts', () => {
  it('a zone shows its name (or its type) and its area to one decimal', () => {
    expect(zoneLabel({ id: 'z', type: 'cutting-cooking', outline: [pt(0, 4), pt(4, 4), pt(4, 6.5), pt(0, 6.5)] })).toBe('切配烹饪区 10㎡');
    expect(zoneLabel({ id: 'z', type: 'cutting', name: '面点间', outline: [pt(0, 0), pt(1.5, 0), pt(1.5, 1.5)] })).toBe('面点间 1.1㎡');
  });

  it('fixtures counted by symbol for the legend', () => {
    const plan: FloorPlan = {
      ...emptyPlan(),
      fixtures: [
        { id: 'a', symbol: 'chair', at: pt(0, 0), rotation: 0 as never, width: m(0.45), depth: m(0.45) },
        { id: 'b', symbol: 'chair', at: pt(1, 0), rotation: 0 as never, width: m(0.45), depth: m(0.45) },
        { id: 'c', symbol: 'stove', at: pt(2, 0), rotation: 0 as never, width: m(1.2), depth: m(0.8) },
      ],
    };
    expect(fixtureCounts(plan)).toEqual([
      { symbol: 'chair', name: '椅子', count: 2 },
      { symbol: 'stove', name: '炒灶', count: 1 },
    ]);
  });
});

describe('selection commands', () => {
  const plan: FloorPlan = {
    ...emptyPlan(),
    corners: [
      { id: 'c1', x: m(0), y: m(0) },
      { id: 'c2', x: m(4), y: m(0) },
    ],
    walls: [{ id: 'w', from: 'c1', to: 'c2', thickness: m(0.24) }],
    openings: [{ id: 'd', wall: 'w', kind: 'door', offset: m(2), width: m(0.9), swing: { hinge: 'start', side: 'left' }, exterior: false, selfClosing: false }],
    zones: [{ id: 'z', type: 'storage', outline: [pt(0, 0), pt(4, 0), pt(4, 2)] }],
    flows: [{ id: 'f', kind: 'raw', points: [pt(0, 1), pt(3, 1)] }],
  };
  it.each([
    ['w', { collection: 'walls', title: '墙 4 米', length: true, resize: true, rotate: true, zoneType: false, door: false }],
    ['d', { collection: 'openings', title: '门', door: true, rotate: false, length: false }],
    ['z', { collection: 'zones', zoneType: true, resize: false }],
    ['f', { collection: 'flows', title: '原料进入', flowKind: true }],
  ] as const)('%s', (id, expected) => {
    expect(selectionCommands(plan, id)).toMatchObject(expected);
  });
  it('nothing selected, or gone: no commands', () => {
    expect(selectionCommands(plan, null)).toBeNull();
    expect(selectionCommands(plan, 'gone')).toBeNull();
  });
});

describe('the length keypad', () => {
  it.each([
    ['', '2', '2'],
    ['2', '.', '2.'],
    ['2.', '5', '2.5'],
    ['2.5', '.', '2.5'],
    ['', '.', '0.'],
    ['0', '7', '7'],
    ['123', '4', '123'],
    ['1.234', '5', '1.234'],
    ['2.5', 'back', '2.'],
    ['2.5', 'clear', ''],
  ])('%j + %s → %j', (text, key, expected) => {
    expect(lengthKey(text, key)).toBe(expected);
  });
  it.each([
    ['2.5', 2.5],
    ['6', 6],
    ['0', null],
    ['0.', null],
    ['', null],
    ['101', null],
    ['100', 100],
  ])('parse %j → %s', (text, expected) => {
    expect(parseLength(text)).toBe(expected);
  });
});
