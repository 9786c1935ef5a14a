// What a submitted form hands to the floor-plan editor in the same kiosk session (从申请表带入):
// the submission to link the plan to, and the few title-block values the form already holds.
// Only the 食品经营许可申请书 carries them; every other form hands nothing over.
import { getPath } from '@hall/common/forms/fields';
import type { FormHandoff, HandoffTitle } from '../app-model.ts';

export const FOOD_LICENCE_FORM_ID = 'food-business-licence';

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** The plan's business type from the form's 主体业态 (食品销售 has no kitchen plan). */
function businessType(type: unknown, cateringKind: unknown): HandoffTitle['businessType'] {
  if (type === 'canteen') return 'canteen';
  if (type !== 'catering') return undefined;
  if (cateringKind === 'central-kitchen') return 'central-kitchen';
  if (cateringKind === 'group-meal') return 'group-meal';
  return 'restaurant';
}

export function planHandoff(formId: string, data: Record<string, unknown>, receipt: { id: string; code: string }): FormHandoff | null {
  if (formId !== FOOD_LICENCE_FORM_ID) return null;
  const title: HandoffTitle = {};
  const name = text(getPath(data, 'applicant.name'), 60);
  const address = text(getPath(data, 'business.premisesAddress'), 120);
  const area = count(getPath(data, 'business.premisesArea'));
  const seats = count(getPath(data, 'business.seats'));
  const type = businessType(getPath(data, 'business.type'), getPath(data, 'business.cateringKind'));
  const items = getPath(data, 'business.cateringItems');
  if (name) title.operatorName = name;
  if (address) title.address = address;
  if (area !== undefined) title.area = area;
  if (seats !== undefined) title.seats = Math.round(seats);
  if (type) title.businessType = type;
  if (Array.isArray(items)) {
    if (items.includes('cold')) title.coldDishes = true;
    if (items.includes('raw')) title.rawSeafood = true;
  }
  return { submissionId: receipt.id, code: receipt.code, title };
}
