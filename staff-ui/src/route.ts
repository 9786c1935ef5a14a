// /staff/ is the clerk desk; /staff/admin the admin console (a placeholder until its issue).

export type Route = { kind: 'desk' } | { kind: 'admin' };

export function parseRoute(pathname: string, base = '/staff/'): Route {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\/+/, '');
  return /^admin(\/|$)/.test(rest) ? { kind: 'admin' } : { kind: 'desk' };
}
