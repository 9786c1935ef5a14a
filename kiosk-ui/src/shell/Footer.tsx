// Always within reach: 长辈模式, 高对比度, and 请工作人员帮助.
import { messages } from '../messages.ts';
import type { HelpState } from '../app-model.ts';

const m = messages.shell;

interface Props {
  elder: boolean;
  contrast: boolean;
  help: HelpState;
  helpDisabledReason: string | null;
  onElder: () => void;
  onContrast: () => void;
  onHelp: () => void;
}

export function Footer({ elder, contrast, help, helpDisabledReason, onElder, onContrast, onHelp }: Props) {
  return (
    <footer class="kiosk-footer">
      <button type="button" class={`footer-button ${elder ? 'selected' : ''}`} aria-pressed={elder} onClick={onElder}>
        {elder ? m.elderOff : m.elderOn}
      </button>
      <button type="button" class={`footer-button ${contrast ? 'selected' : ''}`} aria-pressed={contrast} onClick={onContrast}>
        {contrast ? m.contrastOff : m.contrastOn}
      </button>
      <div class="footer-help">
        {help.kind === 'sent' && <span class="help-status" role="status">{m.helpSent}</span>}
        {help.kind === 'failed' && <span class="help-status failed" role="status">{m.helpFailed}</span>}
        {helpDisabledReason && help.kind === 'idle' && <span class="help-status">{helpDisabledReason}</span>}
        <button type="button" class="footer-button help-button" disabled={helpDisabledReason !== null || help.kind === 'sending' || help.kind === 'sent'} onClick={onHelp}>
          {m.help}
        </button>
      </div>
    </footer>
  );
}
