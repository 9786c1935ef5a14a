// Identity for categories that require it: an animated prompt to lay the ID card on the
// reader (the agent pushes `idcard`), or the ID-number keypad with check-digit validation.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { IdCardRead } from '@hall/common/agent';
import { messages } from '../messages.ts';
import { Keypad, applyKey } from '../keyboard/Keypad.tsx';
import { identityFromCard, identityFromTyped } from './identity.ts';
import type { IdentityInput } from './ticketing-model.ts';

const t = messages.ticketing;

interface Props {
  categoryName: string;
  /** The reader is there and ready; otherwise only typing is offered. */
  readerReady: boolean;
  /** The hall's date, bounding birth dates. */
  today: string;
  subscribe: (listener: (read: IdCardRead) => void) => () => void;
  onIdentity: (identity: IdentityInput) => void;
  onBack: () => void;
}

export function IdentityScreen({ categoryName, readerReady, today, subscribe, onIdentity, onBack }: Props) {
  const typing = useSignal(!readerReady);
  const typed = useSignal('');
  const error = useSignal<string | null>(null);

  // A card laid down at any moment of this screen counts, even while the keypad is open.
  useEffect(() => subscribe((read) => onIdentity(identityFromCard(read.card))), [subscribe, onIdentity]);

  function submit() {
    const result = identityFromTyped(typed.value, today);
    if (result.ok) onIdentity(result.identity);
    else error.value = result.message;
  }

  return (
    <section class="identity-screen">
      <div class="screen-bar">
        <button type="button" class="back-button" onClick={onBack}>
          {messages.common.back}
        </button>
        <h2 class="screen-title">{typing.value ? t.identityTypeTitle : t.identityTitle}</h2>
      </div>
      <p class="identity-category">{categoryName}</p>
      <p class="identity-intro">{t.identityIntro}</p>
      {!typing.value ? (
        <div class="identity-card-prompt">
          <div class="card-reader-anim" aria-hidden="true">
            <div class="card-reader" />
            <div class="id-card" />
          </div>
          <p class="identity-reading">{t.identityReading}</p>
          <button type="button" class="secondary-button wide" onClick={() => (typing.value = true)}>
            {t.identityType}
          </button>
        </div>
      ) : (
        <div class="identity-typed">
          {!readerReady && <p class="notice-text">{t.identityReaderOffline}</p>}
          <label class="field-label">{t.identityTyped}</label>
          <output class="id-number-display" data-testid="id-number">
            {typed.value || '\u00a0'}
          </output>
          {error.value && (
            <p class="error-box" role="alert">
              {error.value}
            </p>
          )}
          <Keypad
            withX
            onKey={(key) => {
              error.value = null;
              typed.value = applyKey(typed.value, key, 18);
            }}
          />
          <div class="confirm-actions">
            {readerReady && (
              <button type="button" class="secondary-button" onClick={() => (typing.value = false)}>
                {t.identityUseCard}
              </button>
            )}
            <button type="button" class="primary-button" disabled={typed.value.length !== 18} onClick={submit}>
              {t.identitySubmit}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
