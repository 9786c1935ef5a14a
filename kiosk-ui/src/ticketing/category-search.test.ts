import { expect, it } from 'vitest';
import type { Category, ServiceItem } from '@hall/common/domain';
import { parseInitials } from '../search/initials.ts';
import { searchHits } from './CategorySearch.tsx';

const categories = [
  { id: 'biz', name: '商事登记', group: '企业服务', department: '审批局', enabled: true },
  { id: 'tax', name: '税务', group: '涉税服务', department: '税务局', enabled: true },
  { id: 'off', name: '停用业务', group: '其他', department: '', enabled: false },
] as Category[];
const items = [
  { id: 'llc', name: '有限责任公司设立登记', keywords: ['公司注册'], categoryId: 'biz' },
  { id: 'inv', name: '发票领用', keywords: [], categoryId: 'tax' },
  { id: 'x', name: '公司停用事项', keywords: [], categoryId: 'off' },
] as ServiceItem[];
const table = parseInitials('公g司s注z册c发f票p领l用y');

it('initials find items by keyword, in their category; disabled categories are left out', () => {
  expect(searchHits('gszc', categories, items, table).map((h) => [h.title, h.categoryId])).toEqual([['有限责任公司设立登记', 'biz']]);
});
it('names of categories and items', () => {
  expect(searchHits('税务', categories, items, table).map((h) => h.key)).toEqual(['c:tax']);
  expect(searchHits('fply', categories, items, table).map((h) => h.key)).toEqual(['i:inv']);
});
it('nothing typed, nothing listed', () => expect(searchHits(' ', categories, items, table)).toEqual([]));
