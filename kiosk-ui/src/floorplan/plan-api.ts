// The hall server's plan API as the editor uses it (contract: common/src/floorplan/api.ts),
// plus the two data reads the live editor needs: a whole rule set (to check as the owner
// draws) and a template. `fetch` comes in so tests can fake it; every failure becomes a
// PlanApiError with a code and a Chinese message to show as it is.
import { migratePlan, parseRuleSet, type FloorPlan, type RuleSet } from '@hall/common/floorplan/index';
import type { PlanReceipt, RuleSetList, SavePlanRequest } from '@hall/common/floorplan/api';
import { createRest } from '../net/rest.ts';

export class PlanApiError extends Error {
  override name = 'PlanApiError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const templateIds = ['noodle-shop', 'cafe', 'canteen-kitchen'] as const;
export type TemplateId = (typeof templateIds)[number];

export interface PlanApi {
  ruleSets(): Promise<RuleSetList>;
  /** A whole rule set, for the live checklist. */
  ruleSet(id: string): Promise<RuleSet>;
  template(id: TemplateId): Promise<FloorPlan>;
  save(request: SavePlanRequest): Promise<PlanReceipt>;
  pdf(planId: string): Promise<ArrayBuffer>;
}

export interface PlanApiOptions {
  fetch?: typeof fetch;
  token?: () => string | null;
  messages: { offline: string; failed: string; badData: string };
}

export function createPlanApi({ fetch: doFetch = (...a) => fetch(...a), token = () => null, messages }: PlanApiOptions): PlanApi {
  const { call, json } = createRest({ fetch: doFetch, token, messages, fail: (code, message) => new PlanApiError(code, message) });
  return {
    ruleSets: () => json<RuleSetList>('GET', '/api/floorplan/rule-sets'),
    async ruleSet(id) {
      const parsed = parseRuleSet(await json<unknown>('GET', `/api/floorplan/rule-sets/${encodeURIComponent(id)}`));
      if (!parsed.ok) throw new PlanApiError('BAD_RULE_SET', messages.badData);
      return parsed.ruleSet;
    },
    async template(id) {
      const parsed = migratePlan(await json<unknown>('GET', `/api/floorplan/templates/${encodeURIComponent(id)}`));
      if (!parsed.ok) throw new PlanApiError('BAD_TEMPLATE', messages.badData);
      return parsed.plan;
    },
    save: (request) => json<PlanReceipt>('POST', '/api/plans', request),
    pdf: async (planId) => (await call('GET', `/api/plans/${encodeURIComponent(planId)}/pdf`)).arrayBuffer(),
  };
}
