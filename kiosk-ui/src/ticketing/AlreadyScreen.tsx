import { messages } from '../messages.ts';

const t = messages.ticketing;

/** The person already holds a waiting ticket in this category: reprint it, no second one. */
export function AlreadyScreen({ number, online, onReprint, onBack }: { number: string | null; online: boolean; onReprint: () => void; onBack: () => void }) {
  return (
    <section class="already-screen">
      <div class="screen-bar">
        <button type="button" class="back-button" onClick={onBack}>
          {messages.common.back}
        </button>
        <h2 class="screen-title">{t.alreadyTitle}</h2>
      </div>
      <div class="confirm-body">
        <p class="already-text">{t.alreadyText(number ?? '')}</p>
      </div>
      <div class="confirm-actions">
        <button type="button" class="secondary-button" onClick={onBack}>
          {messages.common.back}
        </button>
        <button type="button" class="primary-button" disabled={!online} onClick={onReprint}>
          {t.reprint}
        </button>
      </div>
    </section>
  );
}
