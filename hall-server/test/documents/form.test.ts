// The sample 食品经营许可申请书 submission, printed as the kiosk will print it: every filled
// value must come back out of the PDF (pdftotext), on two A4 pages, with the submission's QR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printForm, sampleData, type PrintedForm } from '@hall/common/forms/index';
import { formDefinition, formDefinitions, loadStreets, sampleFoodLicenceSubmission } from '@hall/fixtures/src/forms.ts';
import { formDocument, renderDocument, type RenderedDocument } from '../../src/documents/index.ts';
import { decodeQr, pdfFonts, pdfText, pdfToPngs, squeeze, writeTempPdf, type PdfOnDisk } from './poppler.ts';

describe('the food business licence application, printed', () => {
  let printed: PrintedForm;
  let rendered: RenderedDocument;
  let pdf: PdfOnDisk;
  let text: string;

  beforeAll(async () => {
    const submission = sampleFoodLicenceSubmission;
    const def = formDefinition(submission.formId, submission.formVersion)!;
    const regions = await loadStreets('61');
    printed = printForm(def, submission.data, { regionName: (code) => regions.fullName(code) });
    rendered = await renderDocument(formDocument(printed, { code: 'SQ-20261123-0042', createdAt: '2026-11-23T10:00:00+08:00', hallName: '西安市新城区政务服务大厅' }));
    pdf = await writeTempPdf(rendered.bytes, 'food-licence.pdf');
    text = squeeze(await pdfText(pdf.path));
  }, 30_000);
  afterAll(() => pdf?.cleanup());

  it('fits on two A4 pages: the application, then the staff and equipment registers', () => {
    expect(rendered.pageCount).toBe(2);
    expect(rendered.missingCharacters).toEqual([]);
  });

  it('shows every filled value, as printed, in pdftotext', () => {
    const values = printed.sections.flatMap((s) => (s.kind === 'fields' ? s.rows.map((r) => r.value) : s.kind === 'table' ? s.rows.flat() : []));
    expect(values.length).toBeGreaterThan(40);
    for (const value of values.filter((v) => v.trim())) expect(text, value).toContain(squeeze(value));
  });

  it('shows the raw values a clerk would search for', () => {
    const d = sampleFoodLicenceSubmission.data as {
      applicant: Record<string, string>;
      safety: Record<string, string>;
      business: Record<string, unknown>;
      staff: Array<Record<string, string>>;
      equipment: Array<Record<string, string>>;
    };
    for (const v of [d.applicant.name, d.applicant.creditCode, d.applicant.legalRepIdNumber, d.applicant.legalRepPhone, d.safety.managerIdNumber, d.business.premisesAddress as string]) {
      expect(text).toContain(squeeze(v!));
    }
    expect(text).toContain('陕西省西安市新城区韩森寨街道');
    expect(text).toContain('热食类食品制售、冷食类食品制售、自制饮品制售');
    for (const person of d.staff) expect(text).toContain(person.healthCertNo);
    for (const item of d.equipment) expect(text).toContain(squeeze(item.name!));
    expect(text).toContain('2026年11月23日');
  });

  it('embeds the font as a subset and carries the submission QR on each page', async () => {
    for (const font of await pdfFonts(pdf.path)) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    const pngs = await pdfToPngs(pdf, 200, 1, 2);
    expect(pngs).toHaveLength(2);
    for (const png of pngs) expect(await decodeQr(png)).toEqual(['SQ-20261123-0042']);
  });
});

describe('every shipped form, printed as its 样表', () => {
  it.each(formDefinitions().map((d) => [d.id, d] as const))('%s prints every sample value, extractable', async (_id, def) => {
    const regions = await loadStreets('61');
    const printed = printForm(def, sampleData(def), { regionName: (code) => regions.fullName(code) });
    const out = await renderDocument(formDocument(printed, { code: 'YB-0001' }));
    expect(out.missingCharacters).toEqual([]);
    const pdf = await writeTempPdf(out.bytes);
    try {
      const text = squeeze(await pdfText(pdf.path));
      expect(text).toContain(squeeze(def.print.title));
      const values = printed.sections.flatMap((s) => (s.kind === 'fields' ? s.rows.map((r) => r.value) : s.kind === 'table' ? s.rows.flat() : []));
      for (const value of values.filter((v) => v.trim())) expect(text, value).toContain(squeeze(value));
    } finally {
      await pdf.cleanup();
    }
  });
});
