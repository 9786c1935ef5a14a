import { describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '@hall/common/forms/definition';
import { testForm } from '@hall/common/forms/test-form';
import { hasOwnInput, nextPageId, pageFields, pageProgress, previousPageId, submittableData, visiblePages } from './pages.ts';

const def = formDefinitionSchema.parse(testForm());
// A third page shown only for family businesses, to see pages skipped by a rule.
const withFamilyPage = formDefinitionSchema.parse({
  ...testForm(),
  layout: {
    pages: [
      ...testForm().layout.pages.slice(0, 1),
      { id: 'family', title: '家庭成员', showIf: { field: 'kind', equals: 'family' }, groups: [{ id: 'members', title: '成员', fields: [{ path: 'familyMembers', widget: 'table', label: '家庭成员', help: '成员', sample: [], columns: [{ path: 'name', widget: 'text', label: '姓名', help: '', sample: '李' }] }] }] },
      ...testForm().layout.pages.slice(1),
    ],
  },
});

describe('page navigation with show/hide rules', () => {
  it('a page whose rule does not hold is skipped both ways, and counted out of the progress', () => {
    expect(nextPageId(withFamilyPage, { kind: 'individual' }, 'who')).toBe('what');
    expect(nextPageId(withFamilyPage, { kind: 'family' }, 'who')).toBe('family');
    expect(previousPageId(withFamilyPage, { kind: 'individual' }, 'what')).toBe('who');
    expect(previousPageId(withFamilyPage, { kind: 'family' }, 'what')).toBe('family');
    expect(pageProgress(withFamilyPage, { kind: 'individual' }, 'what')).toEqual({ step: 2, count: 2 });
    expect(pageProgress(withFamilyPage, { kind: 'family' }, 'what')).toEqual({ step: 3, count: 3 });
    expect(nextPageId(withFamilyPage, {}, 'what')).toBeNull();
    expect(previousPageId(withFamilyPage, {}, 'who')).toBeNull();
  });

  it('fields appear with their rule: the family table for family businesses, air conditioning with cold food', () => {
    const paths = (data: Record<string, unknown>) => pageFields(def, data, 'what').map((p) => p.field.path);
    expect(paths({ kind: 'individual' })).not.toContain('familyMembers');
    expect(paths({ kind: 'family' })).toContain('familyMembers');
    expect(paths({ items: ['hot'] })).not.toContain('hasAc');
    expect(paths({ items: ['hot', 'cold'] })).toContain('hasAc');
    expect(visiblePages(def, {}).map((p) => p.groups.map((g) => g.group.id))).toEqual([['applicant'], ['business', 'sign']]);
  });
});

describe('the data as submitted', () => {
  it('leaves out fields hidden by a later answer, empty texts, and rows never filled; trims text', () => {
    const data = {
      applicant: { name: ' 王建国 ', idNumber: '' },
      kind: 'individual',
      familyMembers: [{ name: '李秀英' }],
      items: ['hot'],
      hasAc: true,
      area: 48.5,
    };
    expect(submittableData(def, data)).toEqual({ applicant: { name: '王建国' }, kind: 'individual', items: ['hot'], area: 48.5 });
    expect(submittableData(def, { kind: 'family', familyMembers: [{ name: '', relation: ' ' }, { name: '李秀英' }] })).toEqual({ kind: 'family', familyMembers: [{ name: '李秀英' }] });
  });

  it('knows whether the citizen added anything beyond what the card filled', () => {
    const prefilled = { applicant: { name: '王建国' } };
    expect(hasOwnInput(def, prefilled, prefilled)).toBe(false);
    expect(hasOwnInput(def, { ...prefilled, area: 12 }, prefilled)).toBe(true);
    expect(hasOwnInput(def, { applicant: { name: '王建' } }, prefilled)).toBe(true);
  });
});
