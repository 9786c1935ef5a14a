// 证照打印 on the hall server: composed here from the server's configuration. Personal data
// is sealed with the same key as form submissions (sealing.ts).
import type { Logger } from 'pino';
import { regionIndex } from '@hall/fixtures/src/forms.ts';
import type { Documents } from '../documents/index.ts';
import type { HallService } from '../service/hall-service.ts';
import { submissionKeyPath, type ServerConfig } from '../config.ts';
import { Sealer, loadSubmissionKey } from '../forms/sealing.ts';
import { CertificateService } from './certificate-service.ts';

export { CertificateService, blockedReason } from './certificate-service.ts';

export function createCertificateService(config: ServerConfig, hall: HallService, documents: Documents, logger: Logger, clock: () => number): CertificateService {
  const key = loadSubmissionKey({ configured: config.submissionKey, keyFile: submissionKeyPath(config) });
  const regions = regionIndex();
  return new CertificateService({ hall, clock, logger, sealer: new Sealer(key), documents, regionName: (code) => regions.fullName(code) });
}
