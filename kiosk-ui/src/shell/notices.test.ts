import { expect, it } from 'vitest';
import type { Notice } from '@hall/common/domain';
import { kioskNotices } from './notices.ts';

const notice = (id: string, over: Partial<Notice> = {}): Notice => ({ id, text: id, targets: ['kiosk'], startsAt: null, endsAt: null, enabled: true, ...over });

it('only enabled kiosk notices within their dates', () => {
  const list = [notice('shown'), notice('board-only', { targets: ['board'] }), notice('off', { enabled: false }), notice('later', { startsAt: 2000 }), notice('over', { endsAt: 1000 }), notice('both', { targets: ['board', 'kiosk'] })];
  expect(kioskNotices(list, 1000)).toEqual(['shown', 'both']);
});
