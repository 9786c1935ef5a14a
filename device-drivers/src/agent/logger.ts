// Structured logs for the agent. Drivers log device ids, kinds and reasons; as a second line
// of defence, any field that could hold a person's data is censored before it is written.
import { pino, type Logger } from 'pino';

/** Where personal data would sit if someone logged a card or a slip by mistake. */
export const redactedPaths = ['card', '*.card', 'idNumber', '*.idNumber', 'slip', '*.slip', 'request.slip', 'photoWltBase64', '*.photoWltBase64'];

export function createAgentLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      name: 'hall-agent',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    options.destination ?? process.stdout,
  );
}
