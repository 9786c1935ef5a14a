import { messages } from '../messages.ts';

const m = messages.shell;

/** The warning before the idle reset; a tap anywhere on it cancels it. */
export function IdleCountdown({ seconds, onContinue, text = m.idleText }: { seconds: number; onContinue: () => void; text?: (seconds: number) => string }) {
  return (
    <div class="overlay idle-countdown" role="alertdialog" data-testid="idle-countdown" onClick={onContinue}>
      <div class="overlay-box">
        <h2>{m.idleTitle}</h2>
        <p class="countdown-number">{seconds}</p>
        <p>{text(seconds)}</p>
        <button type="button" class="primary-button" onClick={onContinue}>
          {m.idleContinue}
        </button>
      </div>
    </div>
  );
}

/** Shown after a long quiet spell at home; the first touch only wakes the kiosk. */
export function AttractScreen({ hallName, onWake }: { hallName: string; onWake: () => void }) {
  return (
    <button type="button" class="overlay attract" data-testid="attract" onClick={onWake}>
      <span class="attract-hall">{hallName}</span>
      <span class="attract-title">{m.attractTitle}</span>
      {/* Drawn, not an emoji: a kiosk's system may have no emoji font. */}
      <span class="attract-pulse" aria-hidden="true" />
      <span class="attract-text">{m.attractText}</span>
    </button>
  );
}
