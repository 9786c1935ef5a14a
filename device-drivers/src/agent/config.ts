// The agent's configuration file (agent.json), validated at start-up so a typo in a device
// URI stops the agent with a message instead of surfacing as a dead printer at 8 a.m.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AGENT_DEFAULT_PORT } from '@hall/common/agent';
import { printerProfiles } from '../printer/profiles.ts';
import { DeviceUriError, parseDeviceUri } from '../transport/uri.ts';
import { evaluatorModels } from '../window/keymap.ts';
import { LED_MAX_CHARS } from '../led/codec.ts';
import { defaultLedRules, isValidTemplate } from '../led/content.ts';

const uri = z.string().superRefine((value, ctx) => {
  try {
    parseDeviceUri(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof DeviceUriError ? error.message : String(error) });
  }
});

const id = z.string().regex(/^[\w-]{1,40}$/, 'device ids are letters, digits, _ and -');

const profileIds = Object.keys(printerProfiles) as [keyof typeof printerProfiles, ...Array<keyof typeof printerProfiles>];
const modelIds = Object.keys(evaluatorModels) as [keyof typeof evaluatorModels, ...Array<keyof typeof evaluatorModels>];

export const deviceConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    id,
    kind: z.literal('ticketPrinter'),
    uri,
    profile: z.enum(profileIds).default('generic-80'),
    /** Where to keep an SVG preview of every printed ticket (demo, support); off when absent. */
    previewDir: z.string().optional(),
  }),
  z.object({ id, kind: z.literal('idCardReader'), uri, fingerprint: z.boolean().default(false), pollIntervalMs: z.number().int().min(100).max(5000).default(500) }),
  z.object({
    id,
    kind: z.literal('scanner'),
    uri,
    encoding: z.enum(['utf8', 'gb18030', 'auto']).default('auto'),
    /** Serial scanners without a CR suffix: a scan ends after this much silence. */
    idleMs: z.number().int().min(10).max(2000).optional(),
  }),
  z.object({
    id,
    kind: z.literal('a4Printer'),
    uri,
    /** How often to ask the printer whether it accepts jobs and what faults it reports (also asked after each print). */
    statusIntervalMs: z.number().int().min(100).max(600_000).default(30_000),
  }),
  z.object({
    id,
    kind: z.literal('windowBus'),
    uri,
    /** RS-485 addresses of caller keypads on this bus. */
    keypads: z.array(z.number().int().min(0).max(255)).default([]),
    /** Evaluator address → model (key table). */
    evaluators: z.record(z.string().regex(/^\d{1,3}$/), z.enum(modelIds)).default({}),
  }),
  z
    .object({
      id,
      kind: z.literal('ledBus'),
      uri,
      /** The LED number displays on this line: which window each one hangs above. */
      displays: z
        .array(
          z.object({
            /** Modbus unit id set on the display (factory default 1; `hall-devices led set-id` changes it). */
            unitId: z.number().int().min(1).max(255),
            /** The window's number, as on the boards (5 for 5号窗口). */
            window: z.number().int().min(1).max(999),
            /** Character positions on the display. */
            digits: z.number().int().min(1).max(LED_MAX_CHARS).default(4),
          }),
        )
        .default([]),
      /** Wait for each answer; at 9600 baud an answer takes about 10 ms on the wire. */
      timeoutMs: z.number().int().min(20).max(5000).default(300),
      /** Tries after the first before a display is reported as not answering. */
      retries: z.number().int().min(0).max(5).default(2),
      /** How often a display that stopped answering is tried again. */
      faultRetryMs: z.number().int().min(50).max(600_000).default(5_000),
    })
    .superRefine((bus, ctx) => {
      const seen = new Set<number>();
      for (const d of bus.displays) {
        if (seen.has(d.unitId)) ctx.addIssue({ code: 'custom', message: `unit id ${d.unitId} is used twice on this line`, path: ['displays'] });
        seen.add(d.unitId);
      }
    }),
]);
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

const ledRule = (fallback: { text: string; blink: boolean }) =>
  z
    .object({
      /** `{number}` is the ticket number, `{window}` the window's number; digits, letters, - and spaces otherwise. */
      text: z.string().max(20).refine(isValidTemplate, 'an LED number display shows digits, letters, - and spaces only (plus {number} and {window})'),
      blink: z.boolean(),
    })
    .default(fallback);

/** What the LED number displays show, for every window alike. */
export const ledRulesSchema = z
  .object({
    call: ledRule(defaultLedRules.call),
    recall: ledRule(defaultLedRules.recall),
    pause: ledRule(defaultLedRules.pause),
    idle: ledRule(defaultLedRules.idle),
    signOut: ledRule(defaultLedRules.signOut),
    blink: z
      .object({
        periodMs: z.number().int().min(100).max(5_000),
        durationMs: z.number().int().min(0).max(60_000),
      })
      .default(defaultLedRules.blink),
  })
  .prefault({});

export const agentConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(AGENT_DEFAULT_PORT),
    /** Web origins allowed to connect (the hall server's address); loopback origins always are. */
    allowedOrigins: z.array(z.string()).default([]),
    devices: z.array(deviceConfigSchema).default([]),
    /** Window-PC mode: connect to the hall server's /agent namespace. */
    hall: z
      .object({
        url: z.url(),
        /** Device token from pairing; absent only in the demo, where loopback agents are pre-paired. */
        token: z.string().optional(),
        /** RS-485 address of this window's keypad on the window bus, for showing the called number. */
        keypadAddress: z.number().int().min(0).max(255).optional(),
      })
      .optional(),
    /** What LED number displays (ledBus devices) show on a call, recall, pause, when idle and after sign-out. */
    led: ledRulesSchema,
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    for (const device of config.devices) {
      if (seen.has(device.id)) ctx.addIssue({ code: 'custom', message: `device id "${device.id}" is used twice`, path: ['devices'] });
      seen.add(device.id);
    }
  });
export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type AgentConfigInput = z.input<typeof agentConfigSchema>;

export class AgentConfigError extends Error {
  override name = 'AgentConfigError';
}

export function parseAgentConfig(input: unknown): AgentConfig {
  const result = agentConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AgentConfigError(`invalid agent configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The file's JSON, not yet validated; a missing or unreadable file or bad JSON is an AgentConfigError. */
export async function readConfigJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AgentConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AgentConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function loadAgentConfig(path: string): Promise<AgentConfig> {
  return parseAgentConfig(await readConfigJson(path));
}

/** A whole simulated kiosk plus one window's keypad (address 1) and evaluator (address 2). */
export function simulatedDevices(): DeviceConfig[] {
  return parseAgentConfig({
    devices: [
      { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'sim:', profile: 'generic-80' },
      { id: 'idCardReader', kind: 'idCardReader', uri: 'sim:' },
      { id: 'scanner', kind: 'scanner', uri: 'sim:' },
      { id: 'a4Printer', kind: 'a4Printer', uri: 'sim:' },
      { id: 'windowBus', kind: 'windowBus', uri: 'sim:', keypads: [1], evaluators: { '2': 'five-key' } },
    ],
  }).devices;
}
