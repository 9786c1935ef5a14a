// The public page a bank, a landlord or anyone opens from the QR on a printed certificate
// (/v/<code>), or by typing the printed code at /v: the document's type, its holder masked,
// the issuer, the validity and whether it is still valid. Server-rendered, Chinese, fits a
// phone; nothing to log in to, nothing personal beyond the masked holder.
import { normalizeVerificationCode, verificationCodeAlphabet, verificationCodeLength, formatVerificationCode } from '@hall/common/certificates';
import type { CertificateService } from '../certificates/index.ts';
import { escapeHtml as esc, webFontFamily, webFontLinks } from './html.ts';

const codePattern = new RegExp(`^[${verificationCodeAlphabet}]{${verificationCodeLength}}$`);

export function verifyPage(certificates: CertificateService, hallName: string, rawCode: string | null): { status: number; html: string } {
  let status = 200;
  let body: string;
  const form = `<form method="get" action="/v" class="lookup"><label for="code">输入打印件上的验证码</label><input id="code" name="code" autocomplete="off" inputmode="latin" maxlength="20" placeholder="例如 ABCDE-23456"><button type="submit">查询</button></form>`;
  if (rawCode === null || rawCode.trim() === '') {
    body = form;
  } else {
    const code = normalizeVerificationCode(rawCode);
    const v = codePattern.test(code) ? certificates.verify(code) : undefined;
    if (!v) {
      status = 404;
      body = `<p class="verdict bad" data-status="unknown">未找到该证照</p><p>请核对验证码是否与打印件一致。查询不到的打印件不能作为有效证明。</p>${form}`;
    } else {
      const ok = v.status === 'valid';
      const rows: Array<[string, string]> = [
        ['证照类型', v.typeName],
        ['证照编号', v.documentNumber ?? '（已按规定清除）'],
        ['持有人', v.holderMasked ?? '（已按规定清除）'],
        ['发证机关', v.issuer],
        ['有效期', v.validUntil ? `${v.validFrom} 至 ${v.validUntil}` : `${v.validFrom} 起长期有效`],
        ['验证码', formatVerificationCode(v.code)],
      ];
      body = `<p class="verdict ${ok ? 'good' : 'bad'}" data-status="${v.status}">${esc(v.statusName)}</p>
<p class="hint">${ok ? '该证照真实有效，请核对打印件上的内容与下表一致。' : v.status === 'revoked' ? '该证照已被发证机关撤销，打印件不再有效。' : v.status === 'replaced' ? '该证照已换发新证，此打印件不再有效。' : '该证照已超过有效期。'}</p>
<dl>${rows.map(([k, val]) => `<dt>${esc(k)}</dt><dd>${esc(val)}</dd>`).join('')}</dl>`;
    }
  }
  return {
    status,
    html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>证照验真 · ${esc(hallName)}</title>
${webFontLinks}
<style>body{font-family:${webFontFamily};max-width:34rem;margin:0 auto;padding:1.5rem 1rem;line-height:1.6;font-size:1.05rem;color:#1b1b1b}
h1{font-size:1.3rem;margin:0 0 1rem}.verdict{font-size:2.2rem;font-weight:700;text-align:center;margin:.5rem 0;padding:.6rem;border-radius:.5rem}
.good{color:#0b6b2f;background:#e6f4ea}.bad{color:#b3261e;background:#fce8e6}.hint{text-align:center}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem;margin:1.2rem 0}dt{color:#555}dd{margin:0;font-weight:600;word-break:break-all}
.lookup{display:flex;flex-direction:column;gap:.5rem;margin-top:1.5rem}.lookup input,.lookup button{font-size:1.2rem;padding:.6rem;border-radius:.4rem;border:1px solid #888}.lookup button{background:#1a56a8;color:#fff;border:0}</style>
</head><body><h1>证照验真 · ${esc(hallName)}</h1>${body}</body></html>`,
  };
}
