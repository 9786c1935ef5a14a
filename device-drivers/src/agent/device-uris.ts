// Device URIs as setup mode edits them: which schemes each kind of device may use, and a
// check that says in Chinese, naming the device, what is wrong with an address. The kinds are
// read from the configuration's schema, so a kind added there is accepted here at once
// (with the byte-line schemes until it gets an entry of its own below).
import { z } from 'zod';
import type { DeviceKindChoice } from '@hall/common/agent';
import { idCardFixtures } from '@hall/fixtures/src/idcards.ts';
import { deviceConfigSchema, type DeviceConfig } from './config.ts';
import { parseDeviceUri } from '../transport/uri.ts';

export type DeviceKind = DeviceConfig['kind'];

/** Every kind the agent's configuration knows, in the schema's order. */
export const deviceKinds: readonly DeviceKind[] = deviceConfigSchema.options.map((option) => option.shape.kind.value);

/** Schemes as written in a URI (`cups:` and `ipp://` both reach CUPS, but read differently). */
export type UriScheme = 'serial' | 'hid' | 'tcp' | 'ipp' | 'cups' | 'file' | 'sim';

/** Devices that a driver reaches over a byte line. */
const byteLine: readonly UriScheme[] = ['serial', 'hid', 'tcp', 'file', 'sim'];

/**
 * What each kind can be addressed by: an A4 printer is a CUPS queue, never a byte line; a
 * device that answers (reader, scanner, RS-485 bus) cannot be a directory of files.
 */
const schemesByKind: Partial<Record<DeviceKind, readonly UriScheme[]>> = {
  ticketPrinter: ['serial', 'tcp', 'hid', 'file', 'sim'],
  idCardReader: ['serial', 'hid', 'tcp', 'sim'],
  scanner: ['serial', 'hid', 'tcp', 'sim'],
  a4Printer: ['cups', 'ipp', 'sim'],
  windowBus: ['serial', 'tcp', 'sim'],
  ledBus: ['serial', 'tcp', 'sim'],
};

const examples: Record<UriScheme, string> = {
  serial: 'serial:/dev/ttyUSB0?baud=115200',
  hid: 'hid:0c2e:0b61',
  tcp: 'tcp://10.0.0.5:9100',
  ipp: 'ipp://localhost:631/printers/A4',
  cups: 'cups:A4',
  file: 'file:./data/prints',
  sim: 'sim:',
};

/** How a scheme is written at the start of an address. */
const prefixes: Record<UriScheme, string> = { serial: 'serial:', hid: 'hid:', tcp: 'tcp://', ipp: 'ipp://', cups: 'cups:', file: 'file:', sim: 'sim:' };

const kindNames: Partial<Record<DeviceKind, string>> = {
  ticketPrinter: '小票打印机',
  idCardReader: '身份证阅读器',
  scanner: '扫码器',
  a4Printer: 'A4 打印机',
  windowBus: '窗口设备总线',
  ledBus: '窗口LED显示屏',
};

export const schemesOf = (kind: DeviceKind): readonly UriScheme[] => schemesByKind[kind] ?? byteLine;

/** `小票打印机（ticketPrinter）`: the device as an admin reads it in a message. */
export function deviceLabel(kind: string, id: string): string {
  const name = kindNames[kind as DeviceKind];
  return name ? `${name}（${id}）` : `设备 ${id}`;
}

/** For setup mode: every kind with its schemes and an example address. */
export function deviceKindChoices(): DeviceKindChoice[] {
  return deviceKinds.map((kind) => {
    const schemes = schemesOf(kind);
    return { kind, schemes: [...schemes], example: examples[schemes[0]!] };
  });
}

/** The lowest and highest baud rate a serial line here can be set to. */
const BAUD_RANGE = [1200, 921_600] as const;

function writtenScheme(uri: string): UriScheme | null {
  const colon = uri.indexOf(':');
  if (colon < 1) return null;
  const scheme = uri.slice(0, colon).toLowerCase();
  if (scheme === 'ipps') return 'ipp';
  return scheme in prefixes ? (scheme as UriScheme) : null;
}

function queryOf(text: string | undefined): URLSearchParams {
  return new URLSearchParams(text ?? '');
}

/** What is wrong with this address for this scheme, in Chinese; null when nothing is. */
function schemeProblem(scheme: UriScheme, uri: string, kind: DeviceKind): string | null {
  const rest = uri.slice(uri.indexOf(':') + 1);
  switch (scheme) {
    case 'serial': {
      const [path, q] = rest.split('?', 2) as [string, string | undefined];
      if (!path) return `串口地址缺少端口，例如 ${examples.serial}`;
      if (!path.startsWith('/') && !/^COM\d{1,3}$/i.test(path)) return `串口“${path}”应为 /dev/ 下的设备路径（或 Windows 的 COM3）`;
      const params = queryOf(q);
      for (const name of params.keys()) if (name !== 'baud') return `串口地址不认识参数“${name}”，只可设置 baud（波特率）`;
      const baud = params.get('baud');
      if (baud !== null && !(/^\d+$/.test(baud) && Number(baud) >= BAUD_RANGE[0] && Number(baud) <= BAUD_RANGE[1])) {
        return `波特率“${baud}”应为 ${BAUD_RANGE[0]} 到 ${BAUD_RANGE[1]} 之间的整数，常用 9600 或 115200`;
      }
      return null;
    }
    case 'hid': {
      const parts = rest.split(':');
      if (parts.length !== 2 || !parts.every((p) => /^[0-9a-f]{4}$/i.test(p))) return `USB HID 地址应为“hid:厂商号:产品号”（各 4 位十六进制），例如 ${examples.hid}`;
      if (parts.every((p) => /^0+$/.test(p))) return 'USB HID 厂商号和产品号不能为 0000';
      return null;
    }
    case 'tcp': {
      const match = /^\/\/([^/:?#]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?\/?$/i.exec(rest);
      if (!match) return `网络地址应为“tcp://主机:端口”，例如 ${examples.tcp}`;
      if (match[2] !== undefined && !(Number(match[2]) >= 1 && Number(match[2]) <= 65535)) return `端口“${match[2]}”应在 1 到 65535 之间`;
      return null;
    }
    case 'ipp': {
      const url = URL.canParse(uri) ? new URL(uri) : null;
      if (!url?.hostname || url.pathname.length < 2) return `IPP 地址应为“ipp://主机:631/printers/打印机名”，例如 ${examples.ipp}`;
      return null;
    }
    case 'cups':
      return /^(\/\/)?[\w.-]+$/.test(rest) ? null : `CUPS 打印机名只能包含字母、数字、_、. 和 -，例如 ${examples.cups}`;
    case 'file':
      return rest.replace(/^\/\/(?=\/)/, '') ? null : `文件地址缺少目录，例如 ${examples.file}`;
    case 'sim': {
      const params = queryOf(rest.replace(/^\?/, ''));
      for (const [name, value] of params) {
        if (kind === 'idCardReader' && name === 'card') {
          if (!(value in idCardFixtures)) return `模拟证件“${value}”不存在，可用：${Object.keys(idCardFixtures).join('、')}`;
        } else return `模拟设备不认识参数“${name}”`;
      }
      return null;
    }
  }
}

/**
 * What is wrong with `uri` as the address of this kind of device, in Chinese; null when it
 * can be used. Everything accepted here is also accepted by the agent's own URI parser.
 */
export function deviceUriProblem(kind: DeviceKind, uri: string): string | null {
  const allowed = schemesOf(kind);
  const allowedText = allowed.map((s) => prefixes[s]).join('、');
  if (!uri) return `地址为空，可用：${allowedText}`;
  if (uri !== uri.trim()) return '地址前后不能有空格';
  const scheme = writtenScheme(uri);
  if (!scheme) {
    const hint = uri.startsWith('/dev/') || /^COM\d+$/i.test(uri) ? `串口请写作 serial:${uri}` : `应以 ${Object.values(prefixes).join('、')} 开头`;
    return `“${uri}”不是设备地址，${hint}`;
  }
  if (!allowed.includes(scheme)) return `不能使用 ${prefixes[scheme]} 地址，可用：${allowedText}`;
  const problem = schemeProblem(scheme, uri, kind);
  if (problem) return problem;
  try {
    parseDeviceUri(uri);
  } catch (error) {
    // A gap between the two checks: still refused, with the parser's own words.
    return `地址无法识别（${error instanceof Error ? error.message : String(error)}）`;
  }
  return null;
}

const idPattern = /^[\w-]{1,40}$/;

/**
 * A device list as setup mode sends it: known kinds, ids that are unique and usable, and an
 * address that fits each kind. Every issue names the device and says what is wrong.
 */
export const editedDevicesSchema = z
  .array(z.object({ id: z.string(), kind: z.string(), uri: z.string() }))
  .superRefine((devices, ctx) => {
    const seen = new Set<string>();
    devices.forEach(({ id, kind, uri }, index) => {
      const label = deviceLabel(kind, id);
      if (!idPattern.test(id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `${label}：设备编号只能包含字母、数字、_ 和 -（1 到 40 个字符）` });
      else if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `${label}：设备编号“${id}”已被另一台设备使用` });
      seen.add(id);
      if (!deviceKinds.includes(kind as DeviceKind)) {
        ctx.addIssue({ code: 'custom', path: [index, 'kind'], message: `设备 ${id}：设备类型“${kind}”未知，可用：${deviceKinds.join('、')}` });
        return;
      }
      const problem = deviceUriProblem(kind as DeviceKind, uri);
      if (problem) ctx.addIssue({ code: 'custom', path: [index, 'uri'], message: `${label}：${problem}` });
    });
  });
