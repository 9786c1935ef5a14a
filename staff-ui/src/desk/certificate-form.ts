// The clerk's publish form as plain values, and the request it becomes. Pure: tested by tables.
import { certificateType, maxCertificatePdfBytes, type PublishCertificateRequest } from '@hall/common/certificates';

/** A PDF the clerk picked, read as base64. */
export interface PickedPdf {
  name: string;
  size: number;
  data: string;
}

export interface PublishValues {
  typeId: string;
  /** Fill the type's template, or upload the department's own PDF. */
  source: 'template' | 'pdf';
  pdf: PickedPdf | null;
  holderKind: 'person' | 'business';
  /** The person, or the business's legal representative. */
  personName: string;
  personId: string;
  businessName: string;
  creditCode: string;
  /** An optional named agent (经办人) of the business. */
  agentName: string;
  agentId: string;
  documentNumber: string;
  issuer: string;
  validFrom: string;
  /** Empty: long-term. */
  validUntil: string;
  fields: Record<string, string>;
  printLimit: string;
}

export function emptyValues(today: string): PublishValues {
  return {
    typeId: 'food-business-licence',
    source: 'template',
    pdf: null,
    holderKind: 'business',
    personName: '',
    personId: '',
    businessName: '',
    creditCode: '',
    agentName: '',
    agentId: '',
    documentNumber: '',
    issuer: '',
    validFrom: today,
    validUntil: '',
    fields: {},
    printLimit: '',
  };
}

/** The request, or the Chinese reason it cannot be sent yet. */
export function publishRequest(v: PublishValues, idempotencyKey: string): { ok: true; request: PublishCertificateRequest } | { ok: false; message: string } {
  const type = certificateType(v.typeId);
  if (!type) return { ok: false, message: '请选择证照类型' };
  if (!type.holderKinds.includes(v.holderKind)) return { ok: false, message: `${type.name}的持有人应为${type.holderKinds.includes('business') ? '企业' : '个人'}` };
  const person = { name: v.personName.trim(), idNumber: v.personId.trim().toUpperCase() };
  if (!person.name || !person.idNumber) return { ok: false, message: v.holderKind === 'person' ? '请填写持证人姓名和身份证号码' : '请填写法定代表人姓名和身份证号码' };
  if (!v.documentNumber.trim() || !v.issuer.trim()) return { ok: false, message: '请填写证照编号和发证机关' };
  let holder: PublishCertificateRequest['holder'];
  if (v.holderKind === 'person') holder = { kind: 'person', person };
  else {
    if (!v.businessName.trim() || !v.creditCode.trim()) return { ok: false, message: '请填写企业名称和统一社会信用代码' };
    const entitled: Array<{ name: string; idNumber: string; role: 'legalRep' | 'agent' }> = [{ ...person, role: 'legalRep' }];
    if (v.agentName.trim() && v.agentId.trim()) entitled.push({ name: v.agentName.trim(), idNumber: v.agentId.trim().toUpperCase(), role: 'agent' });
    holder = { kind: 'business', name: v.businessName.trim(), creditCode: v.creditCode.trim().toUpperCase(), entitled };
  }
  const limit = v.printLimit.trim() ? Number(v.printLimit) : undefined;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 20)) return { ok: false, message: '可打印次数应为1到20' };
  if (v.source === 'pdf' && !v.pdf) return { ok: false, message: '请选择要上传的PDF文件' };
  const lines = type.fields.map((label) => ({ label, value: (v.fields[label] ?? '').trim() }));
  return {
    ok: true,
    request: {
      idempotencyKey,
      typeId: type.id,
      documentNumber: v.documentNumber.trim(),
      issuer: v.issuer.trim(),
      holder,
      validFrom: v.validFrom,
      validUntil: v.validUntil.trim() || null,
      // With an upload the PDF is the document; the lines filled in are what the kiosk lists.
      fields: v.source === 'pdf' ? lines.filter((l) => l.value) : lines,
      ...(limit !== undefined ? { printLimit: limit } : {}),
      ...(v.source === 'pdf' && v.pdf ? { pdf: { filename: v.pdf.name, data: v.pdf.data } } : {}),
    },
  };
}

/** Why a picked file cannot be uploaded, or null. */
export function pdfFileProblem(file: { name: string; size: number; type: string }): string | null {
  if (file.type !== 'application/pdf' && !/\.pdf$/i.test(file.name)) return '请选择PDF格式的文件';
  if (file.size === 0) return '所选文件是空的';
  if (file.size > maxCertificatePdfBytes) return `PDF文件不能超过${maxCertificatePdfBytes / 1024 / 1024}MB`;
  return null;
}
