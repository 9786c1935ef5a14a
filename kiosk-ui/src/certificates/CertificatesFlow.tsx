// 证照打印's screens: the card prompt (card only), the list of documents this person may print
// with an on-screen preview of each, the reprint reason, printing with its outcome, and
// 免费邮寄. The state machine is certificate-flow.ts; this file only draws it.
import { Fragment } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { reprintReasons, type KioskCertificate } from '@hall/common/certificates';
import type { AgentConnection } from '../net/agent-connection.ts';
import { DEVICE_TOKEN_KEY } from '../net/hall-connection.ts';
import { randomKey } from '../ticketing/ticketing-model.ts';
import { InputField } from '../keyboard/InputField.tsx';
import { RegionPicker } from '../forms/RegionPicker.tsx';
import { createFormsApi } from '../forms/forms-api.ts';
import { messages } from '../messages.ts';
import { createCertificatesApi } from './certificates-api.ts';
import { createCertificateFlow, type CertificateFlow } from './certificate-flow.ts';
import { PdfPreview } from './PdfPreview.tsx';
import './certificates.css';

const c = messages.certificates;

export interface CertificatesFlowProps {
  agent: AgentConnection;
  readerReady: boolean;
  online: boolean;
  onHome: () => void;
}

export default function CertificatesFlow(props: CertificatesFlowProps) {
  const flow = useMemo<CertificateFlow>(
    () =>
      createCertificateFlow({
        api: createCertificatesApi({ token: () => localStorage.getItem(DEVICE_TOKEN_KEY) }),
        printPdf: (r) => props.agent.printPdf(r),
        newKey: randomKey,
      }),
    [],
  );
  // A card laid on the reader at the prompt or on the list (another person) starts over.
  useEffect(() => props.agent.onIdCard((read) => void flow.card(read.card)), [props.agent, flow]);

  const s = flow.step.value;
  const current = 'id' in s ? flow.certificates.value.find((x) => x.id === s.id) : undefined;
  let screen;
  switch (s.kind) {
    case 'card':
      screen = (
        <div class="cert-card" data-testid="cert-card">
          <div class="card-reader-anim" aria-hidden="true">
            <div class="card-reader" />
            <div class="id-card" />
          </div>
          <p class="identity-reading">{props.readerReady ? c.cardReading : c.readerNotReady}</p>
          <p class="notice-text">{c.cardIntro}</p>
        </div>
      );
      break;
    case 'loading':
      screen = <p class="empty-text">{c.looking}</p>;
      break;
    case 'list':
      screen = <CertificateList flow={flow} />;
      break;
    case 'reason':
      screen = (
        <div class="cert-reason" data-testid="cert-reason">
          <h3>{c.reasonTitle}</h3>
          {current && <Preview cert={current} flow={flow} />}
          <div class="cert-reasons">
            {reprintReasons.map((r) => (
              <button type="button" class="secondary-button" data-reason={r} onClick={() => void flow.printWithReason(s.id, r)}>
                {r}
              </button>
            ))}
          </div>
          <button type="button" class="secondary-button wide" onClick={flow.backToList}>
            {c.backToList}
          </button>
        </div>
      );
      break;
    case 'printing':
      screen = (
        <div class="cert-printing" role="status">
          <div class="cert-progress" aria-hidden="true" />
          <p class="notice-text">{c.printing}</p>
        </div>
      );
      break;
    case 'printed':
      screen = (
        <div class="cert-printed" data-testid="cert-printed" role="status">
          <h3>{c.printedTitle}</h3>
          <p class="notice-text">{c.printedText}</p>
          {s.printCount >= 0 && <p>{c.printedCount(s.printCount, s.printLimit)}</p>}
          <button type="button" class="secondary-button wide" onClick={flow.backToList}>
            {c.backToList}
          </button>
          <button type="button" class="primary-button wide" onClick={props.onHome}>
            {c.done}
          </button>
        </div>
      );
      break;
    case 'failed':
      screen = (
        <div class="cert-failed" data-testid="cert-failed" role="alert">
          <h3>{c.failedTitle}</h3>
          <p class="cert-fault">{s.message}</p>
          <p class="notice-text">{c.failedText}</p>
          <button type="button" class="primary-button wide" onClick={() => void flow.retry()}>
            {c.retry}
          </button>
          <button type="button" class="secondary-button wide" onClick={props.onHome}>
            {c.goWindow}
          </button>
        </div>
      );
      break;
    case 'mail':
    case 'mailing':
      screen = <MailForm flow={flow} busy={s.kind === 'mailing'} cert={current} />;
      break;
    case 'mailed':
      screen = (
        <div class="cert-printed" data-testid="cert-mailed" role="status">
          <h3>{c.mailedTitle}</h3>
          <p class="notice-text">{c.mailedText}</p>
          <button type="button" class="primary-button wide" onClick={props.onHome}>
            {c.done}
          </button>
        </div>
      );
      break;
  }
  const back = s.kind === 'card' || s.kind === 'list' || s.kind === 'loading' ? props.onHome : s.kind === 'printing' || s.kind === 'mailing' ? null : flow.backToList;
  return (
    <section class="cert-flow" data-step={s.kind}>
      <div class="screen-bar">
        {back && (
          <button type="button" class="back-button" onClick={back}>
            {s.kind === 'card' || s.kind === 'list' ? messages.common.home : messages.common.back}
          </button>
        )}
        <h2 class="screen-title">{s.kind === 'card' ? c.cardTitle : c.title}</h2>
      </div>
      {flow.error.value && (
        <p class="cert-error" role="alert">
          {flow.error.value}
        </p>
      )}
      {!props.online && <p class="cert-error">{c.offline}</p>}
      {screen}
    </section>
  );
}

function CertificateList({ flow }: { flow: CertificateFlow }) {
  const list = flow.certificates.value;
  const open = useSignal<string | null>(null);
  if (list.length === 0) return <p class="empty-text" data-testid="cert-none">{c.none}</p>;
  return (
    <div class="cert-list">
      <h3>{c.listTitle}</h3>
      {list.map((cert) => (
        <article class={`cert-item ${cert.blocked ? 'blocked' : ''}`} data-cert={cert.id} key={cert.id}>
          <header>
            <span class="cert-type">{cert.typeName}</span>
            <span class={`cert-status status-${cert.status}`}>{c.statusNames[cert.status]}</span>
          </header>
          <p class="cert-holder">{cert.holderMasked}</p>
          <p class="cert-meta">
            {c.relation(cert.relation)} · {c.prints(cert.printCount, cert.printLimit)}
          </p>
          {cert.blocked && <p class="cert-blocked">{cert.blocked}</p>}
          {open.value === cert.id && <Preview cert={cert} flow={flow} />}
          <div class="cert-actions">
            <button type="button" class="secondary-button" data-action="preview" onClick={() => (open.value = open.value === cert.id ? null : cert.id)}>
              {c.preview}
            </button>
            <button type="button" class="primary-button" data-action="print" disabled={cert.blocked !== null} onClick={() => void flow.print(cert.id)}>
              {cert.printCount > 0 ? c.reprint : c.print}
            </button>
            <button type="button" class="secondary-button" data-action="mail" disabled={cert.status !== 'valid'} onClick={() => flow.toMail(cert.id)}>
              {c.mail}
            </button>
          </div>
        </article>
      ))}
    </div>
  );
}

/** The preview: an uploaded PDF's pages as they will print, or the template's sheet. */
function Preview({ cert, flow }: { cert: KioskCertificate; flow: CertificateFlow }) {
  if (cert.source === 'pdf') return <PdfPreview key={cert.id} load={() => flow.preview(cert.id)} />;
  return <TemplatePreview cert={cert} />;
}

/** What the printed page will say, as an A4-shaped sheet on the screen. */
function TemplatePreview({ cert }: { cert: KioskCertificate }) {
  return (
    <div class="cert-sheet" data-testid="cert-preview">
      <h4>{cert.typeName}</h4>
      <p class="cert-sheet-number">{c.number(cert.documentNumber)}</p>
      <dl>
        <dt>{c.holder}</dt>
        <dd>{cert.holderMasked}</dd>
        {cert.lines.map((line) => (
          <Fragment key={line.label}>
            <dt>{line.label}</dt>
            <dd>{line.value}</dd>
          </Fragment>
        ))}
        <dt>{c.issuer}</dt>
        <dd>{cert.issuer}</dd>
        <dt>{c.validity}</dt>
        <dd>
          {cert.validFrom} — {cert.validUntil ?? c.longTerm}
        </dd>
      </dl>
      <div class="cert-sheet-mark" aria-hidden="true" />
    </div>
  );
}

function MailForm({ flow, busy, cert }: { flow: CertificateFlow; busy: boolean; cert: KioskCertificate | undefined }) {
  const facts = flow.cardFacts.value;
  const name = useSignal(facts?.name ?? '');
  const address = useSignal('');
  const region = useSignal('');
  const phone = useSignal('');
  const problem = useSignal<string | null>(null);
  // The region lists come from the hall server, as in 自助填单.
  const regionsApi = useMemo(() => createFormsApi({ token: () => localStorage.getItem(DEVICE_TOKEN_KEY) }), []);
  function submit() {
    if (!address.value.trim()) return void (problem.value = c.addressMissing);
    if (!/^1[3-9]\d{9}$/.test(phone.value)) return void (problem.value = c.phoneInvalid);
    problem.value = null;
    void flow.mail({ recipientName: name.value.trim(), address: address.value.trim(), ...(region.value ? { regionCode: region.value } : {}), phone: phone.value });
  }
  return (
    <div class="cert-mail" data-testid="cert-mail">
      <h3>{c.mailTitle}</h3>
      {cert && <p class="cert-type">{cert.typeName}</p>}
      <p class="notice-text">{c.mailIntro}</p>
      <InputField label={c.recipient} value={name.value} onChange={(v) => (name.value = v)} maxLength={40} testId="mail-name" />
      {facts?.address && (
        <button
          type="button"
          class="secondary-button"
          data-testid="mail-card-address"
          onClick={() => {
            region.value = '';
            address.value = facts.address;
          }}
        >
          {c.useCardAddress}
        </button>
      )}
      <div class="cert-field-label">{c.region}</div>
      <RegionPicker key={region.value === '' ? 'none' : 'picked'} value={region.value} depth="district" api={regionsApi} onChange={(v) => {
          region.value = v ?? '';
          // The card's whole address does not go after a picked region.
          if (v && address.value === facts?.address) address.value = '';
        }}
        testId="mail-region"
      />
      <InputField label={region.value ? c.streetAddress : c.address} value={address.value} onChange={(v) => (address.value = v)} maxLength={200} testId="mail-address" />
      <InputField label={c.phone} kind="digits" value={phone.value} onChange={(v) => (phone.value = v)} maxLength={11} testId="mail-phone" />
      {problem.value && <p class="cert-error">{problem.value}</p>}
      <button type="button" class="primary-button wide" disabled={busy} data-testid="mail-submit" onClick={submit}>
        {busy ? c.mailing : c.submitMail}
      </button>
    </div>
  );
}
