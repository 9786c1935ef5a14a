import { describe, expect, it } from 'vitest';
import { parseRoute } from './route.ts';

describe('parseRoute', () => {
  const rows: Array<[string, ReturnType<typeof parseRoute>]> = [
    ['/board/', { kind: 'board' }],
    ['/board', { kind: 'board' }],
    ['/board/index.html', { kind: 'board' }],
    ['/board/window/5', { kind: 'window', number: 5 }],
    ['/board/window/12/', { kind: 'window', number: 12 }],
    ['/board/window/0', { kind: 'board' }],
    ['/board/window/abc', { kind: 'board' }],
    ['/board/window/1234', { kind: 'board' }],
  ];
  for (const [path, route] of rows) it(path, () => expect(parseRoute(path)).toEqual(route));
});
