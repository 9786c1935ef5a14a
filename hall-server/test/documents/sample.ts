// A document that uses every block kind, shared by the tests and the benchmark.
import { deflateSync } from 'node:zlib';
import type { DocumentSpec, Shape } from '../../src/documents/model.ts';

export const sampleValues = {
  name: '西安市新城区老王家面馆',
  creditCode: '91610102MA6TX1234Q',
  operator: '王建国',
  idNumber: '610102198001011234',
  address: '陕西省西安市新城区西五路26号1幢1层101室',
  phone: '13912345678',
  scope: '热食类食品制售；冷食类食品制售（含凉皮、凉面）；自制饮品制售（不含自酿酒）',
  manager: '李秀英',
} as const;

export const verificationUrl = 'https://hall.example.gov.cn/v/ZW7K-3Q9P';
export const verificationCode = 'ZW7K-3Q9P';

/** A small plan of a 6 m × 8 m shop at 1:100 (mmPerUnit 10: one metre is 10 mm on paper). */
export function samplePlanShapes(): Shape[] {
  return [
    { kind: 'path', points: [[0, 0], [6, 0], [6, 8], [0, 8]], strokeMm: 0.7 },
    { kind: 'line', from: [0, 3], to: [6, 3], strokeMm: 0.35 },
    { kind: 'rect', x: 0.2, y: 0.2, width: 1.2, height: 0.6, fill: '#dddddd' },
    { kind: 'circle', center: [4.5, 5.5], radius: 0.45 },
    { kind: 'arc', center: [2, 8], radius: 0.9, startDeg: 0, endDeg: 90, dashMm: [0.8, 0.6] },
    { kind: 'arrow', points: [[1, 7], [1, 4], [3, 2]], stroke: '#c00000', strokeMm: 0.4 },
    { kind: 'text', at: [3, 1.5], text: '厨房 14.4㎡', anchor: 'middle', size: 9 },
    { kind: 'text', at: [3, 5.5], text: '就餐区 28.8㎡', anchor: 'middle', size: 9 },
    { kind: 'text', at: [5.7, 5.5], text: '北', rotateDeg: 90, size: 8 },
  ];
}

/** An 8×8 PNG, grey, standing in for a signature from the kiosk pad. */
export function tinyPng(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer): number => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(8, 0);
  ihdr.writeUInt32BE(8, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc(8 * 9);
  for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) raw[r * 9 + 1 + c] = (r + c) % 3 === 0 ? 40 : 255;
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]),
  );
}

export function sampleDocument(): DocumentSpec {
  const v = sampleValues;
  return {
    meta: { title: '食品经营许可申请书', author: '新城区政务服务大厅', createdAt: '2026-11-23T10:00:00+08:00' },
    header: { left: '食品经营许可申请书', right: '受理编号：SQ-20261123-0042' },
    pageMark: { qrPayload: verificationUrl, code: verificationCode, label: '扫码验真' },
    body: [
      { kind: 'heading', text: '食品经营许可申请书' },
      { kind: 'paragraph', text: '本申请人依照《中华人民共和国食品安全法》《食品经营许可和备案管理办法》的规定，提出食品经营许可申请，并对所提交材料的真实性负责。', indentChars: 2 },
      {
        kind: 'fields',
        title: '一、申请人信息',
        columns: 2,
        rows: [
          { label: '经营者名称', value: v.name, wide: true },
          { label: '统一社会信用代码', value: v.creditCode },
          { label: '法定代表人（负责人）', value: v.operator },
          { label: '身份证号码', value: v.idNumber },
          { label: '联系电话', value: v.phone },
          { label: '住所', value: v.address, wide: true },
          { label: '经营项目', value: v.scope, wide: true },
          { label: '食品安全管理人员', value: v.manager },
        ],
      },
      {
        kind: 'table',
        title: '从业人员名单',
        columns: [{ title: '序号', weight: 0.5, align: 'center' }, { title: '姓名' }, { title: '岗位' }, { title: '健康证明编号', weight: 2 }],
        rows: Array.from({ length: 12 }, (_, i) => [String(i + 1), i === 0 ? v.manager : `员工${i + 1}`, i % 2 ? '厨师' : '服务员', `JK2026${String(1000 + i)}`]),
      },
      { kind: 'heading', text: '二、经营场所平面示意（1:100）', level: 2 },
      { kind: 'drawing', widthMm: 80, heightMm: 100, mmPerUnit: 10, origin: [-1, -1], frame: true, shapes: samplePlanShapes(), caption: '比例 1:100' },
      { kind: 'qr', payload: 'SQ-20261123-0042', sizeMm: 25, caption: '申请编号 SQ-20261123-0042', align: 'left' },
      { kind: 'image', data: tinyPng(), widthMm: 10, heightMm: 10, align: 'right' },
      { kind: 'spacer', heightMm: 4 },
      { kind: 'signature', label: '申请人（签字）：', image: tinyPng(), name: v.operator, date: '2026-11-23' },
    ],
  };
}
