import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFonts, prepareDocuments, renderDocument, type DocumentSpec, type RenderedDocument } from '../../src/documents/index.ts';
import { darkRuns, qrMatrix } from '../../src/documents/qr.ts';
import { decodeQr, pdfFonts, pdfText, pdfToPngs, squeeze, wordBoxes, writeTempPdf, type PdfOnDisk } from './poppler.ts';
import { sampleDocument, sampleValues, verificationUrl } from './sample.ts';

const ptPerMm = 72 / 25.4;

describe('renderDocument: the sample form', () => {
  let rendered: RenderedDocument;
  let pdf: PdfOnDisk;

  beforeAll(async () => {
    await loadFonts();
    rendered = await renderDocument(sampleDocument());
    pdf = await writeTempPdf(rendered.bytes);
  }, 30_000);
  afterAll(() => pdf?.cleanup());

  it('writes a two-page PDF', () => {
    expect(Buffer.from(rendered.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(rendered.pageCount).toBe(2);
    expect(rendered.missingCharacters).toEqual([]);
  });

  it('gives back every Chinese value through pdftotext', async () => {
    const text = squeeze(await pdfText(pdf.path));
    for (const value of Object.values(sampleValues)) expect(text).toContain(squeeze(value));
    for (const label of ['食品经营许可申请书', '经营者名称', '统一社会信用代码', '从业人员名单', '健康证明编号', '申请人（签字）：', '日期：2026年11月23日', '扫码验真']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('第1页共2页');
    expect(text).toContain('第2页共2页');
  });

  it('embeds only subsets of the Chinese font, with a ToUnicode map', async () => {
    const fonts = await pdfFonts(pdf.path);
    expect(fonts.length).toBeGreaterThanOrEqual(1);
    for (const font of fonts) {
      expect(font, font.name).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSansSC-/);
    }
  });

  it('stays small: a subset, not the 10 MB font', () => {
    expect(rendered.bytes.byteLength).toBeLessThan(250_000);
  });

  it('prints a QR on page 1 that zbarimg decodes to the verification link', async () => {
    const [page1] = await pdfToPngs(pdf, 200, 1);
    expect(await decodeQr(page1!)).toContain(verificationUrl);
  });

  it('prints the page mark and the body QR on page 2', async () => {
    const pngs = await pdfToPngs(pdf, 200, 2);
    const page2 = pngs.find((p) => p.endsWith('-2.png'))!;
    expect((await decodeQr(page2)).sort()).toEqual(['SQ-20261123-0042', verificationUrl].sort());
  });

  it('draws the plan at a true scale: zone labels 4 m apart are 40 mm apart at 1:100', async () => {
    const words = await wordBoxes(pdf.path, 2);
    const kitchen = words.find((w) => w.word === '厨房')!;
    const dining = words.find((w) => w.word === '就餐区')!;
    const centreY = (w: { yMin: number; yMax: number }): number => (w.yMin + w.yMax) / 2;
    expect((centreY(dining) - centreY(kitchen)) / ptPerMm).toBeCloseTo(40, 0);
  });
});

describe('renderDocument: flow and edge cases', () => {
  it('repeats a table header on each page and numbers every page', async () => {
    const spec: DocumentSpec = {
      meta: { title: '设备设施清单' },
      body: [
        { kind: 'heading', text: '设备设施清单' },
        {
          kind: 'table',
          columns: [{ title: '序号', weight: 0.5 }, { title: '设备名称', weight: 2 }, { title: '数量' }, { title: '使用场所', weight: 2 }],
          rows: Array.from({ length: 60 }, (_, i) => [String(i + 1), `不锈钢双眼灶台第${i + 1}号`, '1', '粗加工区与切配区之间靠北墙位置']),
        },
      ],
    };
    const out = await renderDocument(spec);
    const pdf = await writeTempPdf(out.bytes);
    try {
      const text = await pdfText(pdf.path);
      expect(out.pageCount).toBeGreaterThanOrEqual(2);
      expect(text.split('设备名称').length - 1).toBe(out.pageCount);
      expect(squeeze(text)).toContain(`第${out.pageCount}页共${out.pageCount}页`);
      expect(squeeze(text)).toContain('不锈钢双眼灶台第60号');
    } finally {
      await pdf.cleanup();
    }
  });

  it('wraps long values inside their cells and flows long paragraphs across pages', async () => {
    const long = '餐饮服务：热食类食品制售；冷食类食品制售；生食类食品制售；糕点类食品（含裱花蛋糕）制售；自制饮品制售（不含自酿酒）；'.repeat(3);
    const para = '申请人承诺所提交的材料真实有效，并对其真实性承担法律责任。'.repeat(120);
    const out = await renderDocument({
      meta: { title: '测试' },
      footer: {},
      body: [
        { kind: 'fields', columns: 2, rows: [{ label: '经营项目', value: long, wide: true }, { label: '短', value: '值' }] },
        { kind: 'paragraph', text: para, indentChars: 2 },
      ],
    });
    const pdf = await writeTempPdf(out.bytes);
    try {
      const text = squeeze(await pdfText(pdf.path));
      expect(text).toContain(squeeze(long));
      expect(text).toContain(squeeze(para));
      expect(out.pageCount).toBeGreaterThanOrEqual(2);
      expect(text).not.toContain('第1页');
    } finally {
      await pdf.cleanup();
    }
  });

  it('maps more than 256 distinct characters back to Unicode (two-byte ToUnicode ranges)', async () => {
    // 600 distinct common ideographs from U+4E00 on, in lines of 30.
    const chars = Array.from({ length: 600 }, (_, i) => String.fromCodePoint(0x4e00 + i * 7)).join('');
    const lines = chars.match(/.{1,30}/gu)!;
    const out = await renderDocument({ meta: { title: '字表' }, body: lines.map((text) => ({ kind: 'paragraph' as const, text, align: 'left' as const })) });
    const pdf = await writeTempPdf(out.bytes);
    try {
      expect(squeeze(await pdfText(pdf.path))).toContain(chars);
    } finally {
      await pdf.cleanup();
    }
  });

  it('names the characters the font cannot draw (Ext-B rare name characters)', async () => {
    const out = await renderDocument({ meta: { title: '生僻字' }, body: [{ kind: 'fields', rows: [{ label: '姓名', value: '王𠀀明' }] }] });
    expect(out.missingCharacters).toEqual(['𠀀']);
  });

  it('puts the page number into the QR payload of each page (certificate pages verify one by one)', async () => {
    const out = await renderDocument({
      meta: { title: '营业执照副本' },
      pageMark: { qrPayload: 'https://hall.example.gov.cn/v/K7Q2-M4ZC?p={page}', code: 'K7Q2-M4ZC', label: '扫码验真' },
      body: [{ kind: 'heading', text: '第一页' }, { kind: 'pageBreak' }, { kind: 'heading', text: '第二页' }],
    });
    const pdf = await writeTempPdf(out.bytes);
    try {
      const pngs = await pdfToPngs(pdf, 200, 1, 2);
      expect(await decodeQr(pngs[0]!)).toEqual(['https://hall.example.gov.cn/v/K7Q2-M4ZC?p=1']);
      expect(await decodeQr(pngs[1]!)).toEqual(['https://hall.example.gov.cn/v/K7Q2-M4ZC?p=2']);
      expect(squeeze(await pdfText(pdf.path)).split('K7Q2-M4ZC').length - 1).toBe(2);
    } finally {
      await pdf.cleanup();
    }
  });

  it('renders landscape pages with no body at all', async () => {
    const out = await renderDocument({ meta: { title: '空白' }, page: { orientation: 'landscape' }, body: [] });
    expect(out.pageCount).toBe(1);
  });
});

describe('prepareDocuments', () => {
  it('warms up once per process', async () => {
    const first = prepareDocuments();
    expect(prepareDocuments()).toBe(first);
    await expect(first).resolves.toBeUndefined();
  });
});

describe('qr matrix', () => {
  it('merges dark modules into runs that cover exactly the dark modules', () => {
    const m = qrMatrix('https://hall.example.gov.cn/v/ABCD-1234');
    const runs = darkRuns(m);
    let covered = 0;
    for (const r of runs) {
      for (let c = r.col; c < r.col + r.length; c++) expect(m.dark(r.row, c)).toBe(true);
      covered += r.length;
    }
    let dark = 0;
    for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.dark(r, c)) dark++;
    expect(covered).toBe(dark);
    expect(runs.length).toBeLessThan(dark);
  });
});
