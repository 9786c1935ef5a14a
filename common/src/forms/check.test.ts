import { describe, expect, it } from 'vitest';
import { checkFormDefinition } from './check.ts';
import type { FormDefinitionInput, LayoutField } from './definition.ts';
import { testForm } from './test-form.ts';

type Edit = (def: FormDefinitionInput) => void;

function fieldAt(def: FormDefinitionInput, path: string): LayoutField {
  for (const page of def.layout.pages) for (const group of page.groups) for (const f of group.fields) if (f.path === path) return f;
  throw new Error(path);
}
const props = (def: FormDefinitionInput): Record<string, Record<string, unknown>> => def.schema.properties as Record<string, Record<string, unknown>>;
const applicantProps = (def: FormDefinitionInput): Record<string, Record<string, unknown>> => props(def).applicant!.properties as Record<string, Record<string, unknown>>;

describe('checkFormDefinition', () => {
  it('accepts a complete definition', () => {
    expect(checkFormDefinition(testForm())).toEqual([]);
  });

  it('rejects something that is not a definition, naming what is wrong', () => {
    const problems = checkFormDefinition({ id: 'x', version: 0 });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^表单 x v0：结构错误/);
  });

  const cases: Array<[string, Edit, RegExp]> = [
    ['a schema property without a layout field', (d) => void (applicantProps(d).nation = { type: 'string' }), /schema 属性 applicant\.nation 没有对应的布局字段/],
    ['a layout field missing from the schema', (d) => void delete applicantProps(d).birthDate, /applicant\.birthDate 在布局中，但 schema 中没有/],
    ['a field without help', (d) => void (fieldAt(d, 'area').help = ' '), /area（面积）缺少填写说明/],
    ['a field without a sample', (d) => void delete fieldAt(d, 'area').sample, /area（面积）缺少样例值/],
    ['a sample that does not fit', (d) => void (fieldAt(d, 'applicant.idNumber').sample = '123'), /样例值不符合 schema：不符合格式/],
    ['a table column sample that does not fit', (d) => void (fieldAt(d, 'familyMembers').columns![0]!.sample = 7), /familyMembers\[\]\.name（姓名）的样例值不符合 schema：应为字符串/],
    ['a widget that does not fit the type', (d) => void (fieldAt(d, 'area').widget = 'text'), /控件 text 与 schema 类型 number 不符/],
    ['options that differ from the enum', (d) => void fieldAt(d, 'kind').options!.pop(), /kind：选项与 schema 的 enum 不一致/],
    ['a required field that a rule can hide', (d) => void (fieldAt(d, 'area').showIf = { field: 'kind', equals: 'family' }, (d.schema.required as string[]).push('area')), /必填字段 area 可能被显示规则隐藏/],
    ['a rule reading a missing field', (d) => void (fieldAt(d, 'area').showIf = { field: 'nope', filled: true }), /显示规则引用了不存在的字段 nope/],
    ['a rule comparing with an impossible value', (d) => void (fieldAt(d, 'area').showIf = { field: 'kind', equals: 'company' }), /不可能取的值 company/],
    ['a rule on itself', (d) => void (fieldAt(d, 'area').showIf = { field: 'area', filled: true }), /area 的显示规则引用了它自己/],
    ['a print template that misses a field', (d) => void (d.print.sections[1] = { kind: 'fields', fields: ['kind', 'items', 'area'] }), /打印模板没有打印字段 hasAc（有集中空调）/],
    ['a print template naming a missing field', (d) => void (d.print.sections[1] = { kind: 'fields', fields: ['kind', 'items', 'area', 'hasAc', 'ghost'] }), /打印模板“字段”引用了不存在的字段 ghost/],
    ['a prefill into a missing field', (d) => void d.prefill.push({ from: 'applicant.phone', field: 'phone' }), /预填 applicant\.phone → phone：字段不存在/],
    ['a prefill into the wrong widget', (d) => void (d.prefill[0] = { from: 'idCard.birthDate', field: 'applicant.name' }), /预填 idCard\.birthDate → applicant\.name：控件 text 不适合/],
    ['a conditional requirement on a missing field', (d) => void (d.schema.allOf as unknown[]).push({ if: {}, then: { required: ['ghost'] } }), /条件必填 ghost 不是已有字段/],
    ['a required name that is not a property', (d) => void (d.schema.required as string[]).push('signatur'), /schema 要求必填 signatur，但没有这个属性/],
    ['a required table column that is not a column', (d) => void ((props(d).familyMembers!.items as { required: string[] }).required.push('age')), /schema 要求必填 familyMembers\[\]\.age/],
    ['a field placed twice', (d) => void d.layout.pages[0]!.groups[0]!.fields.push({ ...fieldAt(d, 'applicant.name') }), /applicant\.name 在布局中出现了两次/],
    ['a group hidden by its own field', (d) => void (d.layout.pages[1]!.groups[1]!.showIf = { field: 'signDate', filled: true }), /分组 sign 的显示规则引用了本组的字段 signDate/],
  ];
  it.each(cases)('finds %s', (_what, edit, message) => {
    const def = testForm();
    edit(def);
    const problems = checkFormDefinition(def);
    expect(problems.some((p) => message.test(p)), problems.join('\n')).toBe(true);
    expect(problems.every((p) => p.startsWith('表单 test-form v3：'))).toBe(true);
  });
});
