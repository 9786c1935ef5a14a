// Notices meant for kiosks that are enabled and within their dates now.
import type { Notice } from '@hall/common/domain';

export function kioskNotices(notices: readonly Notice[], now: number): string[] {
  return notices
    .filter((n) => n.enabled && n.targets.includes('kiosk'))
    .filter((n) => (n.startsAt === null || n.startsAt <= now) && (n.endsAt === null || now < n.endsAt))
    .map((n) => n.text);
}
