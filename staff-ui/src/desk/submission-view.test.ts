import { describe, expect, it } from 'vitest';
import type { SubmissionField } from '@hall/common/forms/index';
import { canCorrect, editText, groupFields, parseEdit, reasonLines, shortValue } from './submission-view.ts';

const field = (over: Partial<SubmissionField>): SubmissionField => ({
  path: 'a.b',
  label: 'L',
  pageTitle: '申请人',
  groupTitle: '基本信息',
  widget: 'text',
  value: null,
  text: '',
  shown: true,
  warnings: [],
  corrected: false,
  ...over,
});

describe('submission panel helpers', () => {
  it('corrects scalar fields in place, never tables, lists or signatures', () => {
    expect(canCorrect({ widget: 'phone' })).toBe(true);
    expect(canCorrect({ widget: 'select' })).toBe(true);
    expect(canCorrect({ widget: 'table' })).toBe(false);
    expect(canCorrect({ widget: 'multiselect' })).toBe(false);
    expect(canCorrect({ widget: 'signature' })).toBe(false);
  });

  it('turns typed text into the value of the field’s type', () => {
    expect(parseEdit(field({ widget: 'number' }), ' 48.5 ')).toEqual({ ok: true, value: 48.5 });
    expect(parseEdit(field({ widget: 'number' }), 'abc')).toEqual({ ok: false, message: '请输入数字' });
    expect(parseEdit(field({ widget: 'checkbox' }), 'false')).toEqual({ ok: true, value: false });
    expect(parseEdit(field({ widget: 'select', options: [{ value: 3, label: '三' }] }), '3')).toEqual({ ok: true, value: 3 });
    expect(parseEdit(field({ widget: 'radio', options: [{ value: 'a', label: 'A' }] }), 'b').ok).toBe(false);
    expect(parseEdit(field({ widget: 'creditCode' }), '91512081ma62k0260e')).toEqual({ ok: true, value: '91512081MA62K0260E' });
    expect(parseEdit(field({}), '  ')).toEqual({ ok: true, value: null });
    expect(editText(field({ widget: 'checkbox', value: true }))).toBe('true');
    expect(editText(field({ widget: 'number', value: 24 }))).toBe('24');
  });

  it('groups consecutive fields by page and group', () => {
    const groups = groupFields([field({ path: 'x' }), field({ path: 'y' }), field({ path: 'z', groupTitle: '联系方式' }), field({ path: 'w', pageTitle: '签字', groupTitle: '签字' })]);
    expect(groups.map((g) => [g.title, g.fields.map((f) => f.path)])).toEqual([
      ['申请人 · 基本信息', ['x', 'y']],
      ['申请人 · 联系方式', ['z']],
      ['签字', ['w']],
    ]);
  });

  it('reads return reasons one per line and shortens history values', () => {
    expect(reasonLines(' 缺少平面图 \n\n健康证过期\n')).toEqual(['缺少平面图', '健康证过期']);
    expect(shortValue(null, '（空）')).toBe('（空）');
    expect(shortValue(true, '')).toBe('是');
  });
});
