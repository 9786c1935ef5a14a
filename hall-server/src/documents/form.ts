// A filled form (common's printForm output) as a printable document: the official title,
// bordered field grids, registers, the declaration and the signature, with the
// submission's code and QR on every page so the clerk can scan the paper back to the data.
import type { PrintedForm } from '@hall/common/forms/index';
import type { Block, DocumentSpec } from './model.ts';

export interface FormDocumentOptions {
  /** The submission's short code, printed with its QR on every page. */
  code?: string;
  /** What the QR holds; the code itself unless told (e.g. a URL of the clerk view). */
  qrPayload?: string;
  /** ISO date-time written into the PDF. */
  createdAt?: string;
  /** The hall's name, for the header and the PDF's author. */
  hallName?: string;
}

export function formDocument(form: PrintedForm, options: FormDocumentOptions = {}): DocumentSpec {
  const body: Block[] = [{ kind: 'heading', text: form.title }];
  if (form.subtitle) body.push({ kind: 'paragraph', text: form.subtitle, align: 'center' });
  for (const section of form.sections) {
    switch (section.kind) {
      case 'fields':
        body.push({ kind: 'fields', ...(section.title ? { title: section.title } : {}), columns: section.columns, rows: section.rows });
        break;
      case 'table':
        body.push({
          kind: 'table',
          ...(section.title ? { title: section.title } : {}),
          columns: section.columns.map((title, i) => (i === 0 ? { title, weight: 0.5, align: 'center' as const } : { title })),
          // An empty or not-applicable register still prints one row, struck through with ／.
          rows: section.rows.length > 0 ? section.rows : [['', '／', ...section.columns.slice(2).map(() => '')]],
        });
        break;
      case 'text':
        if (section.title) body.push({ kind: 'heading', text: section.title, level: 3 });
        body.push({ kind: 'paragraph', text: section.text, indentChars: 2 });
        break;
      case 'signature':
        body.push({ kind: 'spacer', heightMm: 2 });
        body.push({
          kind: 'signature',
          label: section.label,
          ...(section.image ? { image: dataUrlBytes(section.image) } : {}),
          ...(section.name ? { name: section.name } : {}),
          date: section.date ?? '      年    月    日',
        });
        break;
      case 'pageBreak':
        body.push({ kind: 'pageBreak' });
        break;
    }
  }
  return {
    meta: {
      title: form.title,
      subject: `${form.formId} v${form.formVersion}`,
      ...(options.hallName ? { author: options.hallName } : {}),
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
    header: { left: options.hallName ?? form.title, right: `${form.title}（${form.formId} 第${form.formVersion}版）` },
    ...(options.code ? { pageMark: { qrPayload: options.qrPayload ?? options.code, code: options.code, label: '受理扫码' } } : {}),
    body,
  };
}

function dataUrlBytes(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
