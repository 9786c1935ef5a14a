import { describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '@hall/common/forms/definition';
import { testForm } from '@hall/common/forms/test-form';
import { validateForm } from './validate.ts';

const def = formDefinitionSchema.parse(testForm());
const today = '2026-11-25';
const valid = {
  applicant: { name: '王建国', idNumber: '11010519491231002X', region: '610102' },
  kind: 'individual',
  signature: 'data:image/png;base64,iVBORw0KGgo=',
};

const messages = (data: Record<string, unknown>) => Object.fromEntries(validateForm(def, data, today).map((i) => [i.path, `${i.level}:${i.message}`]));

describe('validation messages in plain Chinese', () => {
  it('a complete form has no problem', () => {
    expect(validateForm(def, valid, today)).toEqual([]);
  });

  it.each([
    ['a missing text', { ...valid, applicant: { idNumber: valid.applicant.idNumber, region: '610102' } }, 'applicant.name', 'error:请填写姓名'],
    ['a missing choice', { ...valid, kind: undefined }, 'kind', 'error:请选择组成形式'],
    ['no signature', { ...valid, signature: undefined }, 'signature', 'error:请在框内签名'],
    ['a wrong check digit, said by the ID number validator rather than the pattern', { ...valid, applicant: { ...valid.applicant, idNumber: '110105194912310021' } }, 'applicant.idNumber', 'error:身份证号码校验位不正确，请逐位核对'],
    ['too long', { ...valid, applicant: { ...valid.applicant, name: '王'.repeat(31) } }, 'applicant.name', 'error:最多 30 个字，请精简'],
    ['a number below its minimum', { ...valid, area: -1 }, 'area', 'error:不能小于 0'],
    ['text where a number belongs', { ...valid, area: '48.' }, 'area', 'error:请输入数字，如 48.5'],
    ['a region not picked down to its level', { ...valid, applicant: { ...valid.applicant, region: '61' } }, 'applicant.region', 'error:请逐级选择到区县'],
    ['a rule of the schema (family needs members)', { ...valid, kind: 'family' }, 'familyMembers', 'error:请添加家庭成员'],
    ['a table row missing a column', { ...valid, kind: 'family', familyMembers: [{ relation: '配偶' }] }, 'familyMembers', 'error:第 1 行：请填写姓名'],
  ])('%s', (_what, data, path, expected) => {
    expect(messages(data as Record<string, unknown>)[path]).toBe(expected);
  });

  it('a credit code failing its check character is a warning to re-check, not an error', () => {
    const base = formDefinitionSchema.parse(testForm());
    const withCode = formDefinitionSchema.parse({
      ...testForm(),
      schema: { ...base.schema, properties: { ...base.schema.properties, code: { type: 'string' } } },
      layout: { pages: [{ ...testForm().layout.pages[0]!, groups: [{ ...testForm().layout.pages[0]!.groups[0]!, fields: [...testForm().layout.pages[0]!.groups[0]!.fields, { path: 'code', widget: 'creditCode', label: '统一社会信用代码', help: '18位', sample: '91512081MA62K0260E' }] }] }, testForm().layout.pages[1]!] },
      print: { ...testForm().print, sections: [...testForm().print.sections, { kind: 'fields', fields: ['code'] }] },
    });
    expect(validateForm(withCode, { ...valid, code: '91512081MA62K0260E' }, today)).toEqual([]);
    expect(validateForm(withCode, { ...valid, code: '91512081MA62K0260F' }, today)).toEqual([{ path: 'code', level: 'warning', message: expect.stringContaining('确认无误可以继续') }]);
    expect(validateForm(withCode, { ...valid, code: '91512081MA62K026OE' }, today)[0]).toMatchObject({ path: 'code', level: 'error' });
  });
});
