// The live checklist: each rule green or red with its reason; tapping one highlights its
// elements on the plan.
import type { CheckReport } from '@hall/common/floorplan/index';
import { checklist } from './view-model.ts';
import { messages } from '../messages.ts';

const m = messages.floorplan;

export function Checklist({ report, active, onTap, compact = false }: { report: CheckReport | null; active: string | null; onTap: (ruleId: string) => void; compact?: boolean }) {
  if (!report) return <p class="fp-note">{m.checklistLoading}</p>;
  const items = checklist(report);
  return (
    <section class={`fp-checklist ${compact ? 'compact' : ''}`} data-testid="checklist" aria-label={m.checklist}>
      <h3>
        {m.checklist} <span class="fp-summary" data-testid="checklist-summary">{m.passed(report.passed, report.failed)}</span>
      </h3>
      <p class="fp-note">
        {m.ruleSet}：{report.ruleSet.name}
      </p>
      <ul>
        {items.map((item) => (
          <li key={item.ruleId}>
            <button type="button" class={`fp-rule ${item.status} ${active === item.ruleId ? 'active' : ''}`} data-rule={item.ruleId} data-status={item.status} aria-pressed={active === item.ruleId} onClick={() => onTap(item.ruleId)}>
              <span class="fp-rule-mark" aria-hidden="true">{item.status === 'pass' ? '✓' : item.status === 'fail' ? '✗' : '–'}</span>
              <span class="fp-rule-text">
                <strong>{item.title}</strong>
                <span class="fp-rule-status">{m.status[item.status]}</span>
                <span class="fp-rule-reason">{item.reason}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
