/** True for connections from this machine (the demo pre-pairs only those). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The staff session token in a Cookie header; a malformed cookie counts as none. */
export function sessionCookie(cookie: string | undefined): string | undefined {
  const match = cookie?.match(/(?:^|;\s*)hall_session=([^;]+)/);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
