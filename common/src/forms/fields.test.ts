import { describe, expect, it } from 'vitest';
import type { Condition } from './definition.ts';
import { evaluateCondition, getPath, keyboardFor, layoutFields, sampleData, schemaLeaves, setPath } from './fields.ts';
import { prefillForm } from './prefill.ts';
import { formDefinitionSchema } from './definition.ts';
import { testForm } from './test-form.ts';

describe('show/hide rules', () => {
  const data = { kind: 'family', items: ['hot', 'drinks'], area: 0, hasAc: false, applicant: { name: '王建国', region: '' } };
  const cases: Array<[Condition, boolean]> = [
    [{ field: 'kind', equals: 'family' }, true],
    [{ field: 'kind', equals: 'individual' }, false],
    [{ field: 'kind', in: ['individual', 'family'] }, true],
    [{ field: 'items', includes: 'drinks' }, true],
    [{ field: 'items', includes: 'cold' }, false],
    [{ field: 'kind', includes: 'family' }, false],
    [{ field: 'applicant.name', filled: true }, true],
    [{ field: 'applicant.region', filled: true }, false],
    [{ field: 'applicant.missing', filled: false }, true],
    [{ field: 'hasAc', filled: false }, true],
    [{ field: 'area', filled: true }, true],
    [{ all: [{ field: 'kind', equals: 'family' }, { field: 'items', includes: 'hot' }] }, true],
    [{ all: [{ field: 'kind', equals: 'family' }, { field: 'items', includes: 'cold' }] }, false],
    [{ any: [{ field: 'kind', equals: 'individual' }, { field: 'items', includes: 'hot' }] }, true],
    [{ not: { field: 'kind', equals: 'family' } }, false],
  ];
  it.each(cases)('%j is %s', (condition, expected) => {
    expect(evaluateCondition(condition, data)).toBe(expected);
  });
});

describe('paths', () => {
  it('reads and writes dotted paths without touching the original', () => {
    const data = { a: { b: 1 } };
    const next = setPath(data, 'a.c.d', 2);
    expect(getPath(next, 'a.c.d')).toBe(2);
    expect(getPath(next, 'a.b')).toBe(1);
    expect(getPath(data, 'a.c')).toBeUndefined();
    expect(getPath({ a: [1] }, 'a.0')).toBeUndefined();
  });

  it('lists schema leaves with their required flag', () => {
    const def = formDefinitionSchema.parse(testForm());
    const leaves = schemaLeaves(def.schema);
    expect(leaves.map((l) => l.path)).toContain('applicant.idNumber');
    expect(leaves.find((l) => l.path === 'applicant.idNumber')?.required).toBe(true);
    expect(leaves.find((l) => l.path === 'applicant.gender')?.required).toBe(false);
    expect(leaves.find((l) => l.path === 'familyMembers')?.required).toBe(false);
    expect(layoutFields(def).find((p) => p.field.path === 'hasAc')?.conditions).toHaveLength(1);
  });
});

describe('prefillForm', () => {
  const def = formDefinitionSchema.parse(testForm());
  it('fills mapped fields from the ID card and leaves typed ones alone', () => {
    const { data, filled } = prefillForm(def, { idCard: { name: '王建国', idNumber: '11010519491231002X', gender: 'male', birthDate: '1949-12-31' } }, { applicant: { name: '王二' } });
    expect(data).toEqual({ applicant: { name: '王二', idNumber: '11010519491231002X', gender: 'male', birthDate: '1949-12-31' } });
    expect(filled).toEqual(['applicant.idNumber', 'applicant.gender', 'applicant.birthDate']);
  });
  it('overwrites when asked (a new card was read)', () => {
    const { data } = prefillForm(def, { idCard: { name: '李秀英' } }, { applicant: { name: '王二' } }, true);
    expect(getPath(data, 'applicant.name')).toBe('李秀英');
  });
});

describe('sampleData and keyboards', () => {
  const def = formDefinitionSchema.parse(testForm());
  it('fills the whole form with the samples (样表)', () => {
    const data = sampleData(def);
    expect(getPath(data, 'applicant.name')).toBe('王建国');
    expect(getPath(data, 'familyMembers')).toEqual([{ name: '李秀英', relation: '配偶' }]);
  });
  it('opens the keypad a field needs', () => {
    const field = (path: string) => layoutFields(def).find((p) => p.field.path === path)!.field;
    expect(keyboardFor(field('applicant.name'))).toBe('pinyin');
    expect(keyboardFor(field('applicant.idNumber'))).toBe('idNumber');
    expect(keyboardFor(field('area'))).toBe('numeric');
    expect(keyboardFor(field('kind'))).toBeNull();
    expect(keyboardFor({ ...field('applicant.name'), keyboard: 'numeric' })).toBe('numeric');
  });
});
