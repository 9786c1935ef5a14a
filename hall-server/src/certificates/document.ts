// A published certificate as a printable A4 document: the type's title, the document number,
// the holder, the template's lines, the issuer and validity, and on every page the
// verification QR (the public /v/<code> link) with its short code.
import { entitledRoleNames, formatVerificationCode, type CertificateType } from '@hall/common/certificates';
import type { Block, DocumentSpec, FieldRow } from '../documents/index.ts';
import type { CertificateContent } from './certificate-store.ts';

export interface CertificateDocumentOptions {
  type: CertificateType;
  content: CertificateContent;
  issuer: string;
  validFrom: string;
  validUntil: string | null;
  code: string;
  verifyUrl: string;
  hallName: string;
  /** ISO date-time written into the PDF. */
  printedAt: string;
}

export function certificateDocument(o: CertificateDocumentOptions): DocumentSpec {
  const { holder } = o.content;
  const rows: FieldRow[] =
    holder.kind === 'person'
      ? [
          { label: '持证人', value: holder.person.name },
          { label: '证件号码', value: holder.person.idNumber },
        ]
      : [
          { label: '名称', value: holder.name, wide: true },
          { label: '统一社会信用代码', value: holder.creditCode, wide: true },
          ...holder.entitled.filter((p) => p.role === 'legalRep').map((p) => ({ label: entitledRoleNames.legalRep, value: p.name })),
        ];
  for (const f of o.content.fields) rows.push({ label: f.label, value: f.value || '／', wide: f.value.length > 16 });
  rows.push({ label: '有效期', value: o.validUntil ? `${o.validFrom} 至 ${o.validUntil}` : `${o.validFrom} 起长期有效`, wide: true });
  const body: Block[] = [
    { kind: 'heading', text: o.type.name },
    { kind: 'paragraph', text: `编号：${o.content.documentNumber}`, align: 'center', spaceAfterMm: 4 },
    { kind: 'fields', columns: 1, labelWidthMm: 42, rows },
    { kind: 'spacer', heightMm: 8 },
    { kind: 'paragraph', text: `发证机关：${o.issuer}`, align: 'right' },
    { kind: 'spacer', heightMm: 6 },
    {
      kind: 'paragraph',
      text: `本件由${o.hallName}自助终端打印，与窗口领取的文书具有同等效力。核验方式：扫描右下角二维码，或访问 ${o.verifyUrl.replace(/\/v\/.*$/, '/v/')} 输入验证码 ${formatVerificationCode(o.code)}。`,
      style: { size: 9 },
      // Justified, the link would open a wide gap in the line before it.
      align: 'left',
    },
  ];
  return {
    meta: { title: o.type.name, subject: `${o.type.id} ${o.code}`, author: o.issuer, createdAt: o.printedAt },
    header: { left: o.hallName, right: `验证码 ${formatVerificationCode(o.code)}` },
    pageMark: { qrPayload: o.verifyUrl, code: formatVerificationCode(o.code), label: '扫码验真', sizeMm: 20 },
    body,
  };
}
