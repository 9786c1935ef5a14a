// Ticket numbers: the category prefix and a zero-padded daily serial (A001).
import type { Category } from '@hall/common/domain';

/**
 * The printed number. A serial wider than the configured width is printed in full rather than
 * truncated, because a truncated number could repeat within the day.
 */
export function formatTicketNumber(category: Pick<Category, 'prefix' | 'numberWidth'>, serial: number): string {
  return category.prefix + String(serial).padStart(category.numberWidth, '0');
}
