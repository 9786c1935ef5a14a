// Floor plans (餐饮平面图) on the hall server: composed here from the server's configuration.
// The plans are sealed with the same key as form submissions and kept as long as undecided ones.
import type { Logger } from 'pino';
import { loadTemplate, ruleSets, templateNames, type TemplateId } from '@hall/fixtures/src/floorplan.ts';
import type { Documents } from '../documents/index.ts';
import type { HallService } from '../service/hall-service.ts';
import { submissionKeyPath, type ServerConfig } from '../config.ts';
import type { FormService } from '../forms/index.ts';
import { Sealer, loadSubmissionKey } from '../forms/sealing.ts';
import { PlanService } from './plan-service.ts';

export { PlanService, type PlanActor } from './plan-service.ts';

export function createPlanService(config: ServerConfig, hall: HallService, forms: FormService, documents: Documents, logger: Logger, clock: () => number): PlanService {
  const key = loadSubmissionKey({ configured: config.submissionKey, keyFile: submissionKeyPath(config) });
  return new PlanService({
    hall,
    clock,
    logger,
    sealer: new Sealer(key),
    documents,
    retentionDays: config.submissionRetentionDays,
    ruleSets: ruleSets(),
    templates: {
      list: Object.entries(templateNames).map(([id, name]) => ({ id, name })),
      load: (id) => (Object.hasOwn(templateNames, id) ? loadTemplate(id as TemplateId) : undefined),
    },
    submissionsOfTicket: (ticketId) => forms.store.byTicket(ticketId).map((s) => s.id),
    submissionOwner: (id) => {
      const s = forms.store.byId(id);
      return s ? { deviceId: s.deviceId } : undefined;
    },
  });
}
