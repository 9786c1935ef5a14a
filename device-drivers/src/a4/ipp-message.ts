// A minimal IPP/2.0 message codec (RFC 8010): enough to submit a PDF with Print-Job, follow it
// with Get-Job-Attributes and Get-Printer-Attributes, and cancel it; and, for the simulator, to
// read those requests and answer them. Pure bytes in and out.

export const IppOperation = { printJob: 0x0002, cancelJob: 0x0008, getJobAttributes: 0x0009, getPrinterAttributes: 0x000b } as const;

export const IppTag = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
} as const;

export type IppValue = { tag: number; value: string | number | boolean };
export type IppAttribute = { name: string; values: IppValue[] };
export type IppGroup = { tag: number; attributes: IppAttribute[] };

export interface IppRequest {
  operation: number;
  requestId: number;
  groups: IppGroup[];
  data?: Uint8Array;
}

export interface IppResponse {
  version: [number, number];
  statusCode: number;
  requestId: number;
  groups: IppGroup[];
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

function valueBytes(v: IppValue): Uint8Array {
  if (v.tag === IppTag.integer || v.tag === IppTag.enum) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, Number(v.value));
    return b;
  }
  if (v.tag === IppTag.boolean) return Uint8Array.of(v.value ? 1 : 0);
  return utf8.encode(String(v.value));
}

export function encodeIppRequest(request: IppRequest): Uint8Array {
  const parts: number[] = [0x02, 0x00, request.operation >> 8, request.operation & 0xff];
  const id = request.requestId >>> 0;
  parts.push(id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff);
  for (const group of request.groups) {
    parts.push(group.tag);
    for (const attribute of group.attributes) {
      attribute.values.forEach((v, i) => {
        // Additional values of one attribute carry an empty name.
        const name = i === 0 ? utf8.encode(attribute.name) : new Uint8Array();
        const value = valueBytes(v);
        parts.push(v.tag, name.length >> 8, name.length & 0xff, ...name, value.length >> 8, value.length & 0xff, ...value);
      });
    }
  }
  parts.push(IppTag.end);
  const head = Uint8Array.from(parts);
  const data = request.data ?? new Uint8Array();
  const out = new Uint8Array(head.length + data.length);
  out.set(head);
  out.set(data, head.length);
  return out;
}

export class IppDecodeError extends Error {
  override name = 'IppDecodeError';
}

/** A response has a request's layout, with the status code where the operation was. */
export function encodeIppResponse(response: Omit<IppResponse, 'version'>): Uint8Array {
  return encodeIppRequest({ operation: response.statusCode, requestId: response.requestId, groups: response.groups });
}

export function decodeIppResponse(bytes: Uint8Array): IppResponse {
  return decodeIppMessage(bytes).response;
}

/** A request as a printer reads it: its attributes and the document that follows them. */
export function decodeIppRequest(bytes: Uint8Array): IppRequest {
  const { response, end } = decodeIppMessage(bytes);
  return { operation: response.statusCode, requestId: response.requestId, groups: response.groups, data: bytes.subarray(end) };
}

function decodeIppMessage(bytes: Uint8Array): { response: IppResponse; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, n: number) => {
    if (at + n > bytes.length) throw new IppDecodeError('IPP response is truncated');
  };
  need(0, 8);
  const response: IppResponse = {
    version: [bytes[0]!, bytes[1]!],
    statusCode: view.getUint16(2),
    requestId: view.getUint32(4),
    groups: [],
  };
  let at = 8;
  let group: IppGroup | null = null;
  let last: IppAttribute | null = null;
  while (at < bytes.length) {
    const tag = bytes[at++]!;
    if (tag === IppTag.end) return { response, end: at };
    if (tag < 0x10) {
      group = { tag, attributes: [] };
      response.groups.push(group);
      last = null;
      continue;
    }
    need(at, 2);
    const nameLength = view.getUint16(at);
    at += 2;
    need(at, nameLength + 2);
    const name = utf8Decoder.decode(bytes.subarray(at, at + nameLength));
    at += nameLength;
    const valueLength = view.getUint16(at);
    at += 2;
    need(at, valueLength);
    const raw = bytes.subarray(at, at + valueLength);
    at += valueLength;
    let value: string | number | boolean;
    if ((tag === IppTag.integer || tag === IppTag.enum) && valueLength === 4) value = view.getInt32(at - 4);
    else if (tag === IppTag.boolean && valueLength === 1) value = raw[0] !== 0;
    else if (tag >= 0x40) value = utf8Decoder.decode(raw);
    else value = Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join('');
    if (!group) throw new IppDecodeError('IPP attribute outside a group');
    if (nameLength === 0 && last) last.values.push({ tag, value });
    else {
      last = { name, values: [{ tag, value }] };
      group.attributes.push(last);
    }
  }
  return { response, end: at };
}

/** The first value of a named attribute in any group. */
export function ippAttribute(response: IppResponse, name: string): IppValue['value'] | undefined {
  for (const g of response.groups) for (const a of g.attributes) if (a.name === name) return a.values[0]?.value;
  return undefined;
}

export function ippAttributeValues(response: IppResponse, name: string): Array<IppValue['value']> {
  for (const g of response.groups) for (const a of g.attributes) if (a.name === name) return a.values.map((v) => v.value);
  return [];
}
