// The device agent's wire language: what the kiosk UI (or a window PC's staff UI) and the
// local device agent on 127.0.0.1 say to each other over Socket.IO. Commands carry an
// acknowledgement callback with an AgentReply; pushes are past-tense facts.
import { z } from 'zod';
import { ratingLevels } from './api.ts';
import { ticketSlipSchema } from './ticket-slip.ts';

// ---------------------------------------------------------------------------------------
// Devices

/** Kinds of device an agent drives (not to be confused with the hall's paired-device kinds in domain.ts). */
/** A `windowBus` is one RS-485 line carrying the caller keypads and evaluators of some windows. */
/** An `ledBus` is one RS-485 line carrying the LED number displays (Modbus RTU) above some windows. */
export const agentDeviceKinds = ['ticketPrinter', 'idCardReader', 'scanner', 'a4Printer', 'windowBus', 'ledBus'] as const;
export const agentDeviceKindSchema = z.enum(agentDeviceKinds);
export type AgentDeviceKind = z.infer<typeof agentDeviceKindSchema>;

/** `connecting` until the transport first opens; `offline` while it is gone (unplugged) and being retried. */
export const deviceStateSchema = z.enum(['connecting', 'ready', 'offline', 'error']);
export type DeviceState = z.infer<typeof deviceStateSchema>;

/** What a thermal printer reports about itself, from real-time status or automatic status back. */
export const printerConditionSchema = z.object({
  offline: z.boolean(),
  coverOpen: z.boolean(),
  paperEnd: z.boolean(),
  paperNearEnd: z.boolean(),
  cutterError: z.boolean(),
  unrecoverableError: z.boolean(),
  autoRecoverableError: z.boolean(),
});
export type PrinterCondition = z.infer<typeof printerConditionSchema>;

export const deviceStatusSchema = z.object({
  /** The name given in the agent's configuration, e.g. `ticketPrinter`. */
  id: z.string(),
  kind: agentDeviceKindSchema,
  /** Device URI (`serial:/dev/ttyUSB0?baud=115200`, `sim:` …). */
  uri: z.string(),
  state: deviceStateSchema,
  printer: printerConditionSchema.optional(),
  /** Chinese, for the setup screen. */
  message: z.string().optional(),
  /** With state 'error', what is wrong when the agent knows (PAPER_END, PAPER_JAM, …). */
  fault: z.lazy(() => agentErrorCodeSchema).optional(),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

// ---------------------------------------------------------------------------------------
// ID cards

/** Codes kept as read, with a name when the code is known. Unknown codes keep `name: null`. */
export const codedValueSchema = z.object({ code: z.string(), name: z.string().nullable() });
export type CodedValue = z.infer<typeof codedValueSchema>;

/** Dates on cards are YYYYMMDD; we pass them as YYYY-MM-DD, or the raw text if malformed. */
const cardDate = z.string();
const cardCommon = {
  gender: codedValueSchema,
  birthDate: cardDate,
  validFrom: cardDate,
  /** Null means 长期 (no expiry). */
  validTo: cardDate.nullable(),
  /** The photo as read (WLT, a vendor-licensed codec), base64. Empty when not read. */
  photoWltBase64: z.string(),
  /** Fingerprint data when the reader was asked for it, base64. */
  fingerprintBase64: z.string().optional(),
};

export const residentCardSchema = z.object({
  cardType: z.literal('resident'),
  name: z.string(),
  nation: codedValueSchema,
  address: z.string(),
  idNumber: z.string(),
  issuingAuthority: z.string(),
  ...cardCommon,
});

export const residencePermitSchema = z.object({
  cardType: z.literal('hkMacaoTaiwanPermit'),
  name: z.string(),
  address: z.string(),
  idNumber: z.string(),
  issuingAuthority: z.string(),
  passNumber: z.string(),
  issueCount: z.string(),
  ...cardCommon,
});

export const foreignerCard2017Schema = z.object({
  cardType: z.literal('foreigner2017'),
  englishName: z.string(),
  chineseName: z.string(),
  cardNumber: z.string(),
  /** ISO 3166-1 alpha-3. */
  nationality: z.string(),
  version: z.string(),
  authorityCode: z.string(),
  ...cardCommon,
});

export const foreignerCard2023Schema = z.object({
  cardType: z.literal('foreigner2023'),
  chineseName: z.string(),
  englishName: z.string(),
  cardNumber: z.string(),
  nationality: z.string(),
  renewalCount: z.string(),
  ...cardCommon,
});

export const idCardSchema = z.discriminatedUnion('cardType', [
  residentCardSchema,
  residencePermitSchema,
  foreignerCard2017Schema,
  foreignerCard2023Schema,
]);
export type IdCard = z.infer<typeof idCardSchema>;
export type ResidentCard = z.infer<typeof residentCardSchema>;
export type ResidencePermit = z.infer<typeof residencePermitSchema>;
export type ForeignerCard2017 = z.infer<typeof foreignerCard2017Schema>;
export type ForeignerCard2023 = z.infer<typeof foreignerCard2023Schema>;

// ---------------------------------------------------------------------------------------
// Window devices

/** What the keys of a hardware caller keypad mean (a wider set than the server's keypad:action). */
export const keypadKeyActions = ['callNext', 'recall', 'askRating', 'pause', 'transfer', 'noShow', 'hold', 'callBack'] as const;
export const keypadActionSchema = z.enum(keypadKeyActions);
export type KeypadAction = z.infer<typeof keypadActionSchema>;

/** The five levels of 好差评 (names and wording in api.ts). */
export const ratingLevelSchema = z.enum(ratingLevels);
export type RatingLevel = z.infer<typeof ratingLevelSchema>;

// ---------------------------------------------------------------------------------------
// Pushes (agent → client)

const at = z.iso.datetime({ offset: true });

export const idCardReadSchema = z.object({ deviceId: z.string(), at, card: idCardSchema });
export type IdCardRead = z.infer<typeof idCardReadSchema>;

/** A card was on the reader but could not be read; the kiosk asks the citizen to try again. */
export const idCardReadFailedSchema = z.object({
  deviceId: z.string(),
  at,
  /** cardRemoved: taken away too early; timeout/badResponse: a reader problem; sam: the security module refused. */
  reason: z.enum(['cardRemoved', 'timeout', 'badResponse', 'sam']),
  message: z.string(),
});
export type IdCardReadFailed = z.infer<typeof idCardReadFailedSchema>;

export const idCardFailureMessages: Record<IdCardReadFailed['reason'], string> = {
  cardRemoved: '读卡未完成，请将身份证放在感应区，听到提示音前不要移开',
  timeout: '读卡超时，请重新放置身份证',
  badResponse: '读卡失败，请重新放置身份证',
  sam: '身份证阅读器故障，请联系工作人员',
};

export const scanSchema = z.object({ deviceId: z.string(), at, text: z.string() });
export type Scan = z.infer<typeof scanSchema>;

export const keypadPressSchema = z.object({ deviceId: z.string(), at, address: z.number().int(), action: keypadActionSchema });
export type KeypadPress = z.infer<typeof keypadPressSchema>;

export const ratingSchema = z.object({ deviceId: z.string(), at, address: z.number().int(), rating: ratingLevelSchema });
export type Rating = z.infer<typeof ratingSchema>;

// ---------------------------------------------------------------------------------------
// Commands (client → agent) and their replies

export const agentErrorCodes = [
  'INVALID_REQUEST',
  'NO_DEVICE',
  'DEVICE_OFFLINE',
  'PAPER_END',
  'COVER_OPEN',
  'PAPER_JAM',
  'OUT_OF_TONER',
  'CUTTER_ERROR',
  'PRINTER_ERROR',
  'TIMEOUT',
  'PRINT_FAILED',
  'FORBIDDEN',
  'CONFIG_READ_ONLY',
  'INVALID_CONFIG',
  'CONFIG_NOT_SAVED',
  'BUSY',
  'INTERNAL',
] as const;
export const agentErrorCodeSchema = z.enum(agentErrorCodes);
export type AgentErrorCode = z.infer<typeof agentErrorCodeSchema>;

/** Default Chinese wording for each code, shown to citizens and clerks. */
export const agentErrorMessages: Record<AgentErrorCode, string> = {
  INVALID_REQUEST: '请求内容有误',
  NO_DEVICE: '未配置该设备',
  DEVICE_OFFLINE: '设备未连接，请联系工作人员',
  PAPER_END: '打印机缺纸，请联系工作人员',
  COVER_OPEN: '打印机纸仓盖未关好，请联系工作人员',
  PAPER_JAM: '打印机卡纸，请联系工作人员',
  OUT_OF_TONER: '打印机墨粉已用完，请联系工作人员',
  CUTTER_ERROR: '打印机切刀故障，请联系工作人员',
  PRINTER_ERROR: '打印机故障，请联系工作人员',
  TIMEOUT: '设备无响应，请稍后再试',
  PRINT_FAILED: '打印失败，请联系工作人员',
  FORBIDDEN: '只有本机自助终端的设置模式可以修改设备服务',
  CONFIG_READ_ONLY: '设备服务未使用可修改的配置文件',
  INVALID_CONFIG: '设备配置有误',
  CONFIG_NOT_SAVED: '设备配置未能保存',
  BUSY: '设备服务正在保存或重启，请稍候',
  INTERNAL: '设备服务内部错误',
};

export const agentErrorSchema = z.object({ code: agentErrorCodeSchema, message: z.string() });
export type AgentError = z.infer<typeof agentErrorSchema>;

export type AgentReply<T> = { ok: true; data: T } | { ok: false; error: AgentError };

export function agentReplySchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: agentErrorSchema }),
  ]);
}

export const printTicketRequestSchema = z.object({
  slip: ticketSlipSchema,
  /** Which ticket printer; the first configured one when absent. */
  deviceId: z.string().optional(),
});
export type PrintTicketRequest = z.infer<typeof printTicketRequestSchema>;

export const printTicketResultSchema = z.object({ deviceId: z.string(), bytes: z.number().int() });
export type PrintTicketResult = z.infer<typeof printTicketResultSchema>;

export const previewTicketRequestSchema = z.object({
  slip: ticketSlipSchema,
  /** Which printer's paper width to draw; the first ticket printer when absent. */
  deviceId: z.string().optional(),
});
export type PreviewTicketRequest = z.infer<typeof previewTicketRequestSchema>;

/** An SVG of the ticket exactly as the configured printer lays it out, for the kiosk screen. */
export const ticketPreviewSchema = z.object({ svg: z.string(), widthDots: z.number().int() });
export type TicketPreview = z.infer<typeof ticketPreviewSchema>;

/** Socket.IO delivers binary as a Node Buffer (a Uint8Array) or, in browsers, an ArrayBuffer. */
const bytesSchema = z.union([z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)]);

export const printPdfRequestSchema = z.object({
  pdf: bytesSchema,
  /** Shown in the printer queue; never a citizen's name. */
  title: z.string().max(100).default('document'),
  copies: z.number().int().min(1).max(20).default(1),
  deviceId: z.string().optional(),
});
export type PrintPdfRequest = z.input<typeof printPdfRequestSchema>;

export const printPdfResultSchema = z.object({ deviceId: z.string(), jobId: z.number().int() });
export type PrintPdfResult = z.infer<typeof printPdfResultSchema>;

/** What a window's caller keypad shows: the current ticket and how many are waiting. */
export const keypadDisplayRequestSchema = z.object({
  deviceId: z.string().optional(),
  address: z.number().int().min(0).max(255),
  number: z.string().max(8),
  waiting: z.number().int().nonnegative().optional(),
});
export type KeypadDisplayRequest = z.infer<typeof keypadDisplayRequestSchema>;

/** What the window screen above a window shows (WindowScreen adapters in device-drivers). */
export const windowScreenContentSchema = z.object({
  windowName: z.string(),
  number: z.string().nullable(),
  text: z.string(),
});
export type WindowScreenContent = z.infer<typeof windowScreenContentSchema>;

// ---------------------------------------------------------------------------------------
// Setup mode: the agent's device list, candidate ports, restart. Only the kiosk page on this
// machine may call these (loopback, an allowed origin).

/** One device as the agent's configuration file names it; other settings of it are kept as they are. */
export const configuredDeviceSchema = z.object({
  id: z.string().max(40),
  /** Checked by the agent against the kinds its configuration knows. */
  kind: z.string().max(40),
  uri: z.string().max(300),
});
export type ConfiguredDevice = z.infer<typeof configuredDeviceSchema>;

/** What a kind of device may be addressed by, for setup mode's pickers. */
export const deviceKindChoiceSchema = z.object({
  kind: z.string(),
  /** URI schemes accepted for this kind: `serial`, `hid`, `tcp`, `ipp`, `cups`, `file`, `sim`. */
  schemes: z.array(z.string()),
  /** A typical URI, shown as an example. */
  example: z.string(),
});
export type DeviceKindChoice = z.infer<typeof deviceKindChoiceSchema>;

export const deviceConfigViewSchema = z.object({
  /** The configuration file, or null when the agent runs without one. */
  path: z.string().nullable(),
  /** Why the list cannot be changed here (Chinese), or null when it can. */
  readOnly: z.string().nullable(),
  devices: z.array(configuredDeviceSchema),
  kinds: z.array(deviceKindChoiceSchema),
});
export type DeviceConfigView = z.infer<typeof deviceConfigViewSchema>;

export const saveDeviceConfigRequestSchema = z.object({ devices: z.array(configuredDeviceSchema).max(32) });
export type SaveDeviceConfigRequest = z.infer<typeof saveDeviceConfigRequestSchema>;

/** A port found on this machine, offered instead of typing a path. */
export const portCandidateSchema = z.object({
  uri: z.string(),
  /** `串口 /dev/ttyUSB0（FTDI）`: what an admin recognises. */
  label: z.string(),
  source: z.enum(['serial', 'hid']),
});
export type PortCandidate = z.infer<typeof portCandidateSchema>;

export const portListSchema = z.object({
  candidates: z.array(portCandidateSchema),
  /** Chinese notes on what could not be listed (no udev, no HID access). */
  notes: z.array(z.string()),
});
export type PortList = z.infer<typeof portListSchema>;

export const agentRestartResultSchema = z.object({ devices: z.array(deviceStatusSchema) });
export type AgentRestartResult = z.infer<typeof agentRestartResultSchema>;

export const agentStatusSchema = z.object({
  version: z.string(),
  startedAt: at,
  devices: z.array(deviceStatusSchema),
  hallLink: z.enum(['disabled', 'connecting', 'connected', 'disconnected', 'refused']),
});
export type AgentStatus = z.infer<typeof agentStatusSchema>;

type Ack<T> = (reply: AgentReply<T>) => void;

/** Events the agent sends to its clients. */
export interface AgentServerToClientEvents {
  devices: (devices: DeviceStatus[]) => void;
  'device:status': (status: DeviceStatus) => void;
  idcard: (read: IdCardRead) => void;
  'idcard:failed': (failure: IdCardReadFailed) => void;
  scan: (scan: Scan) => void;
  'keypad:pressed': (press: KeypadPress) => void;
  'evaluator:rated': (rating: Rating) => void;
}

/** Commands a client sends to the agent; each one is answered through its callback. */
export interface AgentClientToServerEvents {
  'devices:list': (ack: Ack<DeviceStatus[]>) => void;
  'print:ticket': (request: PrintTicketRequest, ack: Ack<PrintTicketResult>) => void;
  'print:pdf': (request: PrintPdfRequest, ack: Ack<PrintPdfResult>) => void;
  'ticket:preview': (request: PreviewTicketRequest, ack: Ack<TicketPreview>) => void;
  'keypad:display': (request: KeypadDisplayRequest, ack: Ack<null>) => void;
  'config:read': (ack: Ack<DeviceConfigView>) => void;
  /** Validates and saves the device list; the devices change at the next `agent:restart`. */
  'config:save': (request: SaveDeviceConfigRequest, ack: Ack<DeviceConfigView>) => void;
  'ports:list': (ack: Ack<PortList>) => void;
  /** Close every device and open them again from the saved configuration. */
  'agent:restart': (ack: Ack<AgentRestartResult>) => void;
}

export const AGENT_DEFAULT_PORT = 7600;
