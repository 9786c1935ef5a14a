import { expect, it } from 'vitest';
import { parseRoute } from './route.ts';

const rows: Array<[string, ReturnType<typeof parseRoute>]> = [
  ['/staff/', { kind: 'desk' }],
  ['/staff', { kind: 'desk' }],
  ['/staff/admin', { kind: 'admin' }],
  ['/staff/admin/categories', { kind: 'admin' }],
  ['/staff/administrator', { kind: 'desk' }],
];
for (const [path, route] of rows) it(path, () => expect(parseRoute(path)).toEqual(route));
