// Which commands each role may send, the schema that validates each payload, and the one
// use case it calls. The names and payload types are those of common/src/events.ts.
import { z } from 'zod';
import {
  helpRequestInputSchema,
  helpResolveRequestSchema,
  ratingAskRequestSchema,
  callTicketRequestSchema,
  cancelTicketRequestSchema,
  closeCurrentRequestSchema,
  deviceStatusReportSchema,
  getTicketRequestSchema,
  issueTicketRequestSchema,
  keypadActionRequestSchema,
  pauseRequestSchema,
  ratingRequestSchema,
  signInRequestSchema,
  ticketIdRequestSchema,
  transferRequestSchema,
  windowRequestSchema,
} from '@hall/common/api';
import type { NamespaceCommands, Role } from '@hall/common/events';
import type { HallService, WindowActor } from '../service/hall-service.ts';
import type { Device, Staff } from '@hall/common/domain';

/** Who is on the other end of a socket: a staff member or a paired device. */
export interface Principal {
  staff: Staff | null;
  device: Device | null;
}

export interface CommandSpec {
  schema: z.ZodType;
  handler: (payload: never) => Promise<unknown> | unknown;
}

type Specs<C> = { [K in keyof C]: CommandSpec };

const empty = z.object({}).strict();

export function registerCommands(role: Role, who: Principal, hall: HallService): Record<string, CommandSpec> {
  const snapshot: CommandSpec = { schema: empty.or(z.undefined()), handler: () => hall.snapshot(who.device) };
  switch (role) {
    case 'kiosk': {
      const device = who.device!;
      const specs: Specs<NamespaceCommands['kiosk']> = {
        'snapshot:get': snapshot,
        'ticket:issue': {
          schema: issueTicketRequestSchema,
          handler: (r: z.output<typeof issueTicketRequestSchema>) => hall.issueTicket(r, { kind: 'device', id: device.id }),
        },
        'ticket:get': { schema: getTicketRequestSchema, handler: (r: z.output<typeof getTicketRequestSchema>) => hall.ticketStatus({ id: r.ticketId }) },
        'device:status': {
          schema: deviceStatusReportSchema,
          handler: async (r: z.output<typeof deviceStatusReportSchema>) => {
            await hall.reportDeviceFaults(device, r.faults);
            return { received: true };
          },
        },
        'help:request': {
          schema: helpRequestInputSchema,
          handler: (r: z.output<typeof helpRequestInputSchema>) => hall.requestHelp(device, r.note, r.ticketId ?? null),
        },
      };
      return specs;
    }
    case 'counter': {
      const actor: WindowActor = { kind: 'staff', staff: who.staff! };
      const specs: Specs<NamespaceCommands['counter']> = {
        'snapshot:get': snapshot,
        'window:signIn': { schema: signInRequestSchema, handler: (r: W) => hall.windowAction(r.windowId, { action: 'signIn' }, actor) },
        'window:signOut': { schema: windowRequestSchema, handler: (r: W) => hall.windowAction(r.windowId, { action: 'signOut' }, actor) },
        'window:pause': {
          schema: pauseRequestSchema,
          handler: (r: z.output<typeof pauseRequestSchema>) => hall.windowAction(r.windowId, { action: 'pause', reason: r.reason }, actor),
        },
        'window:resume': { schema: windowRequestSchema, handler: (r: W) => hall.windowAction(r.windowId, { action: 'resume' }, actor) },
        'ticket:callNext': {
          schema: closeCurrentRequestSchema,
          handler: (r: z.output<typeof closeCurrentRequestSchema>) =>
            hall.windowAction(r.windowId, r.closeCurrent ? { action: 'callNext', closeCurrent: r.closeCurrent } : { action: 'callNext' }, actor),
        },
        'ticket:call': {
          schema: callTicketRequestSchema,
          handler: (r: z.output<typeof callTicketRequestSchema>) =>
            hall.windowAction(
              r.windowId,
              r.closeCurrent
                ? { action: 'call', ticketId: r.ticketId, reason: r.reason, closeCurrent: r.closeCurrent }
                : { action: 'call', ticketId: r.ticketId, reason: r.reason },
              actor,
            ),
        },
        'ticket:recall': { schema: windowRequestSchema, handler: (r: W) => hall.windowAction(r.windowId, { action: 'recall' }, actor) },
        'ticket:start': { schema: windowRequestSchema, handler: (r: W) => hall.windowAction(r.windowId, { action: 'start' }, actor) },
        'ticket:finish': { schema: windowRequestSchema, handler: (r: W) => hall.windowAction(r.windowId, { action: 'finish' }, actor) },
        'ticket:noShow': { schema: windowRequestSchema, handler: (r: W) => hall.windowAction(r.windowId, { action: 'noShow' }, actor) },
        'ticket:hold': { schema: windowRequestSchema, handler: (r: W) => hall.windowAction(r.windowId, { action: 'hold' }, actor) },
        'ticket:callBack': {
          schema: ticketIdRequestSchema,
          handler: (r: T) => hall.windowAction(r.windowId, { action: 'callBack', ticketId: r.ticketId }, actor),
        },
        'ticket:transfer': {
          schema: transferRequestSchema,
          handler: (r: z.output<typeof transferRequestSchema>) => {
            const target: { toCategoryId?: string; toWindowId?: string; note: string } = { note: r.note };
            if (r.toCategoryId) target.toCategoryId = r.toCategoryId;
            if (r.toWindowId) target.toWindowId = r.toWindowId;
            return hall.windowAction(r.windowId, { action: 'transfer', target }, actor);
          },
        },
        'ticket:reactivate': {
          schema: ticketIdRequestSchema,
          handler: (r: T) => hall.windowAction(r.windowId, { action: 'reactivate', ticketId: r.ticketId }, actor),
        },
        'ticket:cancel': {
          schema: cancelTicketRequestSchema,
          handler: (r: z.output<typeof cancelTicketRequestSchema>) =>
            hall.windowAction(r.windowId, { action: 'cancel', ticketId: r.ticketId, reason: r.reason }, actor),
        },
        'rating:request': {
          schema: ratingAskRequestSchema,
          handler: async (r: z.output<typeof ratingAskRequestSchema>) => {
            await hall.requestRating(r.windowId, who.staff!, r.ticketId);
            return { requested: true };
          },
        },
        'help:resolve': { schema: helpResolveRequestSchema, handler: (r: H) => hall.resolveHelp(r.requestId, staffActor(who.staff!)) },
        'stats:mine': { schema: empty.or(z.undefined()), handler: () => hall.clerkDayStats(who.staff!.id) },
      };
      return specs;
    }
    case 'agent': {
      const device = who.device!;
      const specs: Specs<NamespaceCommands['agent']> = {
        'snapshot:get': snapshot,
        'keypad:action': {
          schema: keypadActionRequestSchema,
          handler: (r: z.output<typeof keypadActionRequestSchema>) => hall.keypadAction(device, r),
        },
        'rating:submit': {
          schema: ratingRequestSchema,
          handler: async (r: z.output<typeof ratingRequestSchema>) => {
            await hall.recordRating(device, r.level, r.ticketId);
            return { recorded: true };
          },
        },
        'device:status': {
          schema: deviceStatusReportSchema,
          handler: async (r: z.output<typeof deviceStatusReportSchema>) => {
            await hall.reportDeviceFaults(device, r.faults);
            return { received: true };
          },
        },
      };
      return specs;
    }
    case 'admin': {
      const specs: Specs<NamespaceCommands['admin']> = {
        'snapshot:get': snapshot,
        'help:resolve': { schema: helpResolveRequestSchema, handler: (r: H) => hall.resolveHelp(r.requestId, staffActor(who.staff!)) },
      };
      return specs;
    }
    case 'board':
      return { 'snapshot:get': snapshot };
  }
}

type W = z.output<typeof windowRequestSchema>;
type H = z.output<typeof helpResolveRequestSchema>;

function staffActor(staff: Staff) {
  return { kind: staff.role === 'admin' ? ('admin' as const) : ('clerk' as const), id: staff.id };
}
type T = z.output<typeof ticketIdRequestSchema>;
