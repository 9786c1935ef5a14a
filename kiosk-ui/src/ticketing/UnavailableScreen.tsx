// A category that cannot be drawn now: why, when it opens again, and what the hall offers
// instead (another category, an appointment).
import type { Category } from '@hall/common/domain';
import { messages } from '../messages.ts';

const t = messages.ticketing;

interface Props {
  categoryName: string;
  why: string;
  opensText: string;
  alternatives: Category[];
  appointment: boolean;
  hotline: string | null;
  onChoose: (categoryId: string) => void;
  onBack: () => void;
}

export function UnavailableScreen({ categoryName, why, opensText, alternatives, appointment, hotline, onChoose, onBack }: Props) {
  return (
    <section class="unavailable-screen">
      <div class="screen-bar">
        <button type="button" class="back-button" onClick={onBack}>
          {messages.common.back}
        </button>
        <h2 class="screen-title">{t.unavailableTitle}</h2>
      </div>
      <div class="confirm-body">
        <p class="confirm-category">{categoryName}</p>
        <p class="unavailable-why" role="alert">
          {why}
        </p>
        {opensText && <p class="unavailable-when">{opensText}</p>}
        {(alternatives.length > 0 || appointment) && <h3 class="materials-title">{t.alternativesTitle}</h3>}
        <div class="alternatives">
          {alternatives.map((c) => (
            <button key={c.id} type="button" class="alternative-button" onClick={() => onChoose(c.id)}>
              {t.alternativeCategory(c.name)}
            </button>
          ))}
          {appointment && (
            <p class="alternative-appointment">
              {t.alternativeAppointment}
              {hotline && <span class="hotline">{t.hotline(hotline)}</span>}
            </p>
          )}
        </div>
      </div>
      <div class="confirm-actions">
        <button type="button" class="secondary-button" onClick={onBack}>
          {messages.common.back}
        </button>
      </div>
    </section>
  );
}
