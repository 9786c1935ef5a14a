// The shape of a hall's initial data (the demo hall in fixtures, or a hall an installer
// prepares): loaded into an empty database on first start.
import { z } from 'zod';
import {
  calendarDaySchema,
  categorySchema,
  deviceSchema,
  hallSettingsSchema,
  noticeSchema,
  passwordSchema,
  serviceItemSchema,
  staffSchema,
  windowSchema,
} from './domain.ts';

export const hallSeedSchema = z.object({
  settings: hallSettingsSchema,
  categories: z.array(categorySchema).min(1),
  windows: z.array(windowSchema).min(1),
  calendar: z.array(calendarDaySchema),
  notices: z.array(noticeSchema),
  serviceItems: z.array(serviceItemSchema),
  /** Initial accounts; passwords are hashed on load and never stored in clear. */
  staff: z.array(staffSchema.extend({ password: passwordSchema })),
  devices: z.array(deviceSchema),
});
export type HallSeed = z.infer<typeof hallSeedSchema>;
export type HallSeedInput = z.input<typeof hallSeedSchema>;
