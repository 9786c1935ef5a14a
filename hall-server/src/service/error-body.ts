// Turns anything thrown into an ErrorBody a client can act on. Only known codes leave the
// server; anything unexpected is logged in full here and reported as INTERNAL.
import { z } from 'zod';
import type { Logger } from 'pino';
import { HallError, errorMessages, type ErrorBody } from '@hall/common/errors';

export function validationError(error: z.ZodError): HallError {
  const issue = error.issues[0];
  const field = issue && issue.path.length ? issue.path.join('.') : undefined;
  const message = issue ? `${errorMessages.VALIDATION_FAILED}：${field ? `${field} ` : ''}${issue.message}` : errorMessages.VALIDATION_FAILED;
  return new HallError('VALIDATION_FAILED', field ? { field, message } : { message });
}

export function toErrorBody(error: unknown, logger: Logger, context: Record<string, unknown> = {}): ErrorBody {
  if (error instanceof HallError) return error.toBody();
  if (error instanceof z.ZodError) return validationError(error).toBody();
  logger.error({ err: error, ...context }, 'unexpected error');
  return new HallError('INTERNAL').toBody();
}
