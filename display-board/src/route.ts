// The board's two faces, chosen by the path: the hall board at /board/ and the screen above
// one window at /board/window/<number> (the server answers every /board/* with index.html).

export type Route = { kind: 'board' } | { kind: 'window'; number: number };

export function parseRoute(pathname: string, base = '/board/'): Route {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\/+/, '');
  const match = /^window\/(\d{1,3})\/?$/.exec(rest);
  if (match) {
    const number = Number(match[1]);
    if (number >= 1) return { kind: 'window', number };
  }
  return { kind: 'board' };
}
