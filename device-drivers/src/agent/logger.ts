// Structured logs for the agent. Drivers log device ids, kinds and reasons; as a second line
// of defence, any field that could hold a person's data is censored before it is written.
import { pino, type Logger } from 'pino';

export const redactedPaths = ['card', '*.card', 'name', '*.name', 'idNumber', '*.idNumber', 'address', '*.address', 'text', '*.text', 'slip', '*.slip'];

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
