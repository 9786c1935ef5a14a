import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planHandoff } from './plan-handoff.ts';

const food = JSON.parse(readFileSync(new URL('../../../fixtures/forms/food-business-licence.v1.submission.json', import.meta.url), 'utf8')) as { formId: string; data: Record<string, unknown> };
const receipt = { id: 'sub-1', code: 'ABCD2345' };

describe('the form handoff to the floor plan', () => {
  it('takes the title block of a 食品经营许可申请书', () => {
    expect(planHandoff(food.formId, food.data, receipt)).toEqual({
      submissionId: 'sub-1',
      code: 'ABCD2345',
      title: {
        operatorName: '西安市新城区老王家面馆店',
        address: '陕西省西安市新城区韩森寨街道西五路26号1幢1层101室',
        area: 48.5,
        seats: 24,
        businessType: 'restaurant',
        coldDishes: true,
      },
    });
  });

  it('maps the business type and leaves out what the form lacks', () => {
    const data = { applicant: { name: '  ' }, business: { type: 'canteen', seats: -1, cateringItems: ['raw'] } };
    expect(planHandoff('food-business-licence', data, receipt)?.title).toEqual({ businessType: 'canteen', rawSeafood: true });
    expect(planHandoff('food-business-licence', { business: { type: 'catering', cateringKind: 'central-kitchen' } }, receipt)?.title).toEqual({ businessType: 'central-kitchen' });
    expect(planHandoff('food-business-licence', { business: { type: 'food-sales' } }, receipt)?.title).toEqual({});
  });

  it('hands nothing over from other forms', () => {
    expect(planHandoff('test-form', food.data, receipt)).toBeNull();
  });
});
