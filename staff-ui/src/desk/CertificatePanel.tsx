// 证照打印 at the clerk desk: publish a licence or proof from its type's template or as the
// department's own PDF (the holder then prints it at any kiosk with their ID card: 可到自助机
// 打印), replace (换发) or revoke one with a reason, and the 免费邮寄 requests citizens made at
// kiosks, marked 已寄出 once posted.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { certificateStatusNames, certificateType, certificateTypes, formatVerificationCode, type CertificateSummary, type MailRequestView } from '@hall/common/certificates';
import { sessionToken } from '../session/session-store.ts';
import { createCertificateApi, type CertificateApi } from './certificate-api.ts';
import { emptyValues, pdfFileProblem, publishRequest, type PickedPdf, type PublishValues } from './certificate-form.ts';
import './certificate-panel.css';

function newKey(): string {
  return `cert-${crypto.randomUUID()}`;
}

/** The file as base64 (what the JSON body carries). */
function readPdf(file: File): Promise<PickedPdf> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, size: file.size, data: String(reader.result).replace(/^data:[^,]*,/, '') });
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export function CertificatePanel({ today, api: given }: { today: string; api?: CertificateApi }) {
  const api = useMemo(() => given ?? createCertificateApi(() => sessionToken(sessionStorage)), [given]);
  const [open, setOpen] = useState<'none' | 'publish' | 'list' | 'mail'>('none');
  const [values, setValues] = useState<PublishValues>(() => emptyValues(today));
  const [key, setKey] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  const [published, setPublished] = useState<CertificateSummary | null>(null);
  /** The document a 换发 replaces, while the form is open for it. */
  const [replacing, setReplacing] = useState<CertificateSummary | null>(null);
  const [list, setList] = useState<CertificateSummary[]>([]);
  const [mail, setMail] = useState<MailRequestView[]>([]);
  const [busy, setBusy] = useState(false);
  const type = certificateType(values.typeId);
  const set = (patch: Partial<PublishValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    // A changed form is a new publication: a new idempotency key.
    setKey(newKey());
  };

  useEffect(() => {
    setError(null);
    if (open === 'list') void api.list().then((r) => (r.ok ? setList(r.data) : setError(r.message)));
    if (open === 'mail') void api.mailRequests().then((r) => (r.ok ? setMail(r.data) : setError(r.message)));
  }, [open, api]);

  async function publish(event: Event): Promise<void> {
    event.preventDefault();
    const built = publishRequest(values, key);
    if (!built.ok) return setError(built.message);
    setBusy(true);
    const r = replacing ? await api.replace(replacing.id, built.request) : await api.publish(built.request);
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setPublished(r.data);
    setReplacing(null);
    setValues(emptyValues(today));
    setKey(newKey());
  }

  async function pick(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return set({ pdf: null });
    const problem = pdfFileProblem(file);
    if (problem) {
      input.value = '';
      set({ pdf: null });
      return setError(problem);
    }
    try {
      set({ pdf: await readPdf(file) });
      setError(null);
    } catch {
      setError('无法读取所选文件，请重新选择');
    }
  }

  function startReplace(c: CertificateSummary): void {
    setReplacing(c);
    setPublished(null);
    setValues({ ...emptyValues(today), typeId: c.typeId, holderKind: c.holderKind, source: c.source });
    setKey(newKey());
    setOpen('publish');
  }

  async function revoke(c: CertificateSummary): Promise<void> {
    const reason = window.prompt(`撤销“${c.typeName} ${c.documentNumber ?? ''}”的原因`);
    if (!reason?.trim()) return;
    const r = await api.revoke(c.id, reason.trim());
    if (!r.ok) return setError(r.message);
    setList((all) => all.map((x) => (x.id === c.id ? r.data : x)));
  }

  async function markSent(id: string): Promise<void> {
    const r = await api.markSent(id);
    if (r.ok) setMail(r.data);
    else setError(r.message);
  }

  const text = (label: string, field: keyof PublishValues, props: { placeholder?: string } = {}) => (
    <label class="cert-field">
      <span>{label}</span>
      <input type="text" name={field} value={values[field] as string} placeholder={props.placeholder ?? ''} onInput={(e) => set({ [field]: (e.target as HTMLInputElement).value } as Partial<PublishValues>)} />
    </label>
  );

  return (
    <div class="panel certificate-panel">
      <h2>证照打印</h2>
      <div class="certificate-tabs">
        {(['publish', 'list', 'mail'] as const).map((tab) => (
          <button type="button" class={`action small ${open === tab ? 'primary' : 'quiet'}`} data-tab={tab} onClick={() => setOpen(open === tab ? 'none' : tab)}>
            {tab === 'publish' ? '发布证照' : tab === 'list' ? '已发布' : '免费邮寄申请'}
          </button>
        ))}
      </div>
      {error && (
        <p class="feedback error" role="alert">
          {error}
        </p>
      )}
      {published && (
        <p class="feedback ok certificate-published" role="status" data-code={published.code}>
          已发布 {published.typeName}（{published.holderMasked}）：可到自助机打印。验证码 {formatVerificationCode(published.code)}
        </p>
      )}
      {open === 'publish' && (
        <form class="certificate-form" onSubmit={(e) => void publish(e)}>
          {replacing && (
            <p class="feedback certificate-replacing" data-replacing={replacing.id}>
              换发 {replacing.typeName} {replacing.documentNumber ?? ''}：发布后原证不能再打印。
              <button type="button" class="action small quiet" onClick={() => setReplacing(null)}>
                取消换发
              </button>
            </p>
          )}
          <label class="cert-field">
            <span>证照类型</span>
            <select name="typeId" value={values.typeId} onChange={(e) => set({ typeId: (e.target as HTMLSelectElement).value })}>
              {certificateTypes.map((t) => (
                <option value={t.id}>{t.name}</option>
              ))}
            </select>
          </label>
          <label class="cert-field">
            <span>持有人</span>
            <select name="holderKind" value={values.holderKind} onChange={(e) => set({ holderKind: (e.target as HTMLSelectElement).value as 'person' | 'business' })}>
              <option value="business">企业（法定代表人、经办人可打印）</option>
              <option value="person">个人</option>
            </select>
          </label>
          {values.holderKind === 'business' && (
            <>
              {text('企业名称', 'businessName')}
              {text('统一社会信用代码', 'creditCode')}
            </>
          )}
          {text(values.holderKind === 'business' ? '法定代表人姓名' : '持证人姓名', 'personName')}
          {text('身份证号码', 'personId')}
          {values.holderKind === 'business' && (
            <>
              {text('经办人姓名（可选）', 'agentName')}
              {text('经办人身份证号码', 'agentId')}
            </>
          )}
          <fieldset class="cert-field cert-source">
            <legend>证照内容</legend>
            <label>
              <input type="radio" name="source" value="template" checked={values.source === 'template'} onChange={() => set({ source: 'template' })} /> 按模板填写
            </label>
            <label>
              <input type="radio" name="source" value="pdf" checked={values.source === 'pdf'} onChange={() => set({ source: 'pdf' })} /> 上传部门出具的PDF
            </label>
          </fieldset>
          {values.source === 'pdf' && (
            <label class="cert-field cert-file">
              <span>PDF文件（不超过10MB、20页；每页右下角将印验真二维码，请留出约6.5×3厘米空白）</span>
              <input type="file" name="pdf" accept="application/pdf,.pdf" onChange={(e) => void pick(e.target as HTMLInputElement)} />
              {values.pdf && (
                <span class="list-meta" data-testid="certificate-pdf-picked">
                  {values.pdf.name}（{sizeText(values.pdf.size)}）
                </span>
              )}
            </label>
          )}
          {text('证照编号', 'documentNumber')}
          {text('发证机关', 'issuer')}
          {text('有效期自', 'validFrom', { placeholder: 'YYYY-MM-DD' })}
          {text('有效期至（空为长期）', 'validUntil', { placeholder: 'YYYY-MM-DD' })}
          {type?.fields.map((label) => (
            <label class="cert-field">
              <span>{values.source === 'pdf' ? `${label}（可选，自助机列表显示）` : label}</span>
              <input type="text" name={`field-${label}`} value={values.fields[label] ?? ''} onInput={(e) => set({ fields: { ...values.fields, [label]: (e.target as HTMLInputElement).value } })} />
            </label>
          ))}
          {text(`可打印次数（默认${type?.defaultPrintLimit ?? 3}）`, 'printLimit')}
          <button type="submit" class="action primary" disabled={busy} data-testid="certificate-publish">
            {busy ? '正在发布…' : replacing ? '换发' : '发布'}
          </button>
        </form>
      )}
      {open === 'list' && (
        <table class="certificate-list">
          <tbody>
            {list.map((c) => (
              <tr data-certificate={c.id} data-code={c.code}>
                <td>{c.typeName}</td>
                <td>{c.holderMasked ?? '（已清除）'}</td>
                <td class="list-meta">{c.source === 'pdf' ? `PDF ${c.pageCount ?? ''}页` : '模板'}</td>
                <td>
                  {c.printCount}/{c.printLimit}
                </td>
                <td class={`tag certificate-status ${c.status}`}>{certificateStatusNames[c.status]}</td>
                <td>
                  {c.status === 'valid' && (
                    <>
                      <button type="button" class="action small" data-action="replace" onClick={() => startReplace(c)}>
                        换发
                      </button>
                      <button type="button" class="action small warn" onClick={() => void revoke(c)}>
                        撤销
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open === 'mail' && (
        <table class="certificate-mail">
          <tbody>
            {mail.length === 0 && (
              <tr>
                <td class="list-meta">暂无邮寄申请</td>
              </tr>
            )}
            {mail.map((m) => (
              <tr data-mail={m.id}>
                <td>{m.typeName}</td>
                <td>{m.recipientName}</td>
                <td>{m.address}</td>
                <td>{m.phone}</td>
                <td>
                  {m.status === 'open' ? (
                    <button type="button" class="action small" onClick={() => void markSent(m.id)}>
                      已寄出
                    </button>
                  ) : (
                    '已寄出'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
