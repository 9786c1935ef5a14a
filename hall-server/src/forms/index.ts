// Self-service forms on the hall server: composed here from the server's configuration.
import type { Logger } from 'pino';
import { formDefinitions, loadStreets, regionDataset, regionIndex, streetDataset } from '@hall/fixtures/src/forms.ts';
import type { Documents } from '../documents/index.ts';
import type { HallService } from '../service/hall-service.ts';
import { submissionKeyPath, type ServerConfig } from '../config.ts';
import { FormService, fixtureRegionNames } from './form-service.ts';
import { RegionData } from './region-data.ts';
import { Sealer, loadSubmissionKey } from './sealing.ts';

export { FormService, type FormActor } from './form-service.ts';
export { RegionData } from './region-data.ts';

export function createFormService(config: ServerConfig, hall: HallService, documents: Documents, logger: Logger, clock: () => number): FormService {
  const key = loadSubmissionKey({ configured: config.submissionKey, keyFile: submissionKeyPath(config) });
  return new FormService({
    hall,
    clock,
    logger,
    sealer: new Sealer(key),
    documents,
    retentionDays: config.submissionRetentionDays,
    shipped: formDefinitions(),
    regions: fixtureRegionNames(regionIndex(), loadStreets),
  });
}

/** The GB/T 2260 list the hall ships (fixtures/regions), for the kiosks' pickers. */
export function createRegionData(): RegionData {
  return new RegionData({ divisions: regionDataset, streets: streetDataset });
}
