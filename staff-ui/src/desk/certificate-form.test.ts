import { expect, it } from 'vitest';
import { emptyValues, pdfFileProblem, publishRequest } from './certificate-form.ts';

const business = {
  ...emptyValues('2026-11-25'),
  personName: '测试甲',
  personId: '110101199003070011',
  businessName: '西安市新城区王记面馆',
  creditCode: '92610102ma6x8k3l25',
  agentName: '测试乙',
  agentId: '110105198506120026',
  documentNumber: 'JY16101020012345',
  issuer: '新城区市场监督管理局',
  fields: { 经营项目: '热食类食品制售' },
};

it('a business licence: the legal representative and the agent may print; template lines in order; long-term without an end date', () => {
  const r = publishRequest(business, 'key-12345678');
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.request.holder).toEqual({
    kind: 'business',
    name: '西安市新城区王记面馆',
    creditCode: '92610102MA6X8K3L25',
    entitled: [
      { name: '测试甲', idNumber: '110101199003070011', role: 'legalRep' },
      { name: '测试乙', idNumber: '110105198506120026', role: 'agent' },
    ],
  });
  expect(r.request.fields.map((f) => f.label)).toEqual(['经营场所', '主体业态', '经营项目', '日常监督管理机构']);
  expect(r.request.fields[2]!.value).toBe('热食类食品制售');
  expect(r.request.validUntil).toBeNull();
  expect(r.request.printLimit).toBeUndefined();
});

it('refuses what the server would refuse, in Chinese', () => {
  expect(publishRequest({ ...business, typeId: 'business-licence-copy', holderKind: 'person' }, 'k-12345678')).toEqual({ ok: false, message: '营业执照（副本）的持有人应为企业' });
  expect(publishRequest({ ...business, personId: '' }, 'k-12345678')).toMatchObject({ ok: false, message: '请填写法定代表人姓名和身份证号码' });
  expect(publishRequest({ ...business, printLimit: '0' }, 'k-12345678')).toMatchObject({ ok: false, message: '可打印次数应为1到20' });
  const person = publishRequest({ ...business, typeId: 'completion-proof', holderKind: 'person', printLimit: '2' }, 'k-12345678');
  expect(person).toMatchObject({ ok: true, request: { holder: { kind: 'person', person: { name: '测试甲' } }, printLimit: 2 } });
});

it('an uploaded PDF goes with the request; only the lines filled in are listed; no file, no request', () => {
  const pdf = { name: '许可证.pdf', size: 1234, data: 'JVBERi0xLjcK' };
  const r = publishRequest({ ...business, source: 'pdf', pdf }, 'k-12345678');
  expect(r).toMatchObject({ ok: true, request: { pdf: { filename: '许可证.pdf', data: 'JVBERi0xLjcK' }, fields: [{ label: '经营项目', value: '热食类食品制售' }] } });
  expect(publishRequest({ ...business, source: 'pdf', pdf: null }, 'k-12345678')).toEqual({ ok: false, message: '请选择要上传的PDF文件' });
  // The template keeps every line, and never carries a file picked before switching back.
  const template = publishRequest({ ...business, source: 'template', pdf }, 'k-12345678');
  expect(template.ok && template.request.pdf).toBe(undefined);
  expect(pdfFileProblem({ name: 'scan.jpg', size: 10, type: 'image/jpeg' })).toBe('请选择PDF格式的文件');
  expect(pdfFileProblem({ name: 'a.PDF', size: 11 * 1024 * 1024, type: '' })).toBe('PDF文件不能超过10MB');
  expect(pdfFileProblem({ name: 'a.pdf', size: 2048, type: 'application/pdf' })).toBeNull();
});
