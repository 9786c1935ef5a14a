import { describe, expect, it } from 'vitest';
import { formDefinitionSchema } from './definition.ts';
import { chineseDate, printForm } from './print.ts';
import { createRegionIndex, type RegionDataset } from './regions.ts';
import { testForm } from './test-form.ts';

const regions: RegionDataset = {
  meta: { standard: 'GB/T 2260', source: 'test', asOf: '2023-06-30' },
  provinces: [
    ['11', '北京市', [['01', '市辖区', [['01', '东城区'], ['05', '朝阳区']]]]],
    ['61', '陕西省', [['01', '西安市', [['02', '新城区'], ['13', '雁塔区']]], ['04', '咸阳市', [['02', '秦都区']]]]],
    ['44', '广东省', [['19', '东莞市', []]]],
  ],
};

describe('printForm', () => {
  const def = formDefinitionSchema.parse(testForm());
  const index = createRegionIndex(regions);
  const data = {
    applicant: { name: '王建国', idNumber: '11010519491231002X', gender: 'male', birthDate: '1949-12-31', region: '610102' },
    kind: 'individual',
    familyMembers: [{ name: '李秀英', relation: '配偶' }],
    items: ['hot', 'drinks'],
    area: 48.5,
    signature: 'data:image/png;base64,iVBORw0KGgo=',
    signDate: '2026-11-23',
  };
  const printed = printForm(def, data, { regionName: (c) => index.fullName(c) });

  it('prints option labels, Chinese dates, region names and units', () => {
    const rows = printed.sections.flatMap((s) => (s.kind === 'fields' ? s.rows : []));
    const value = (label: string): string | undefined => rows.find((r) => r.label === label)?.value;
    expect(value('性别')).toBe('男');
    expect(value('出生日期')).toBe('1949年12月31日');
    expect(value('所在区县')).toBe('陕西省西安市新城区');
    expect(value('组成形式')).toBe('个人经营');
    expect(value('经营项目')).toBe('热食类、自制饮品');
    expect(value('面积')).toBe('48.5平方米');
    expect(rows.find((r) => r.label === '经营项目')?.wide).toBe(true);
  });

  it('prints ／ for hidden fields and no rows for a hidden table', () => {
    const rows = printed.sections.flatMap((s) => (s.kind === 'fields' ? s.rows : []));
    expect(rows.find((r) => r.label === '有集中空调')?.value).toBe('／');
    const table = printed.sections.find((s) => s.kind === 'table');
    expect(table).toEqual({ kind: 'table', title: '家庭成员', columns: ['序号', '姓名', '关系'], rows: [] });
    const family = printForm(def, { ...data, kind: 'family' }).sections.find((s) => s.kind === 'table');
    expect(family && family.kind === 'table' && family.rows).toEqual([['1', '李秀英', '配偶']]);
  });

  it('carries the signature image, the signer and the date', () => {
    expect(printed.sections.find((s) => s.kind === 'signature')).toEqual({ kind: 'signature', label: '申请人签名：', image: data.signature, name: '王建国', date: '2026-11-23' });
    expect(printed.formVersion).toBe(3);
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseDate('长期')).toBe('长期');
  });
});

describe('region index', () => {
  const index = createRegionIndex(regions);
  it('cascades province → city → district → street', () => {
    expect(index.provinces().map((r) => r.name)).toEqual(['北京市', '陕西省', '广东省']);
    expect(index.children('610000').map((r) => r.code)).toEqual(['610100', '610400']);
    expect(index.children('610100').map((r) => r.name)).toEqual(['新城区', '雁塔区']);
    expect(index.children('610102')).toEqual([]);
    index.addStreets({ '610102': [['001', '西一路街道'], ['004', '韩森寨街道']] });
    expect(index.children('610102').map((r) => `${r.code}${r.name}`)).toEqual(['610102001西一路街道', '610102004韩森寨街道']);
    expect(index.get('610102004')).toEqual({ code: '610102004', name: '韩森寨街道', level: 'street', parent: '610102' });
  });
  it('hangs streets on a city that has no districts (东莞)', () => {
    index.addStreets({ '441900': [['003', '东城街道']], '440000': [['001', '不该出现']] });
    expect(index.children('441900').map((r) => r.code)).toEqual(['441900003']);
    expect(index.children('440000').map((r) => r.code)).toEqual(['441900']);
    expect(index.fullName('441900003')).toBe('广东省东莞市东城街道');
  });

  it('names a code in full, skipping placeholder levels', () => {
    expect(index.fullName('110105')).toBe('北京市朝阳区');
    expect(index.fullName('610102004')).toBe('陕西省西安市新城区韩森寨街道');
    expect(index.fullName('999999')).toBeUndefined();
    expect(index.path('610113').map((r) => r.level)).toEqual(['province', 'city', 'district']);
  });
  it('searches by name, higher levels first', () => {
    expect(index.search('新城').map((r) => r.code)).toEqual(['610102']);
    expect(index.search('西安').map((r) => r.code)).toEqual(['610100']);
    expect(index.search(' ')).toEqual([]);
  });
});
