// Server configuration: defaults, then a JSON file (HALL_CONFIG or --config), then
// environment variables, validated once at start-up so a mistake stops the server with a
// message rather than failing later.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const serverConfigSchema = z.object({
  /** HTTP port for the API, sockets and every app. */
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().default('0.0.0.0'),
  /** Directory for the database and backups. */
  dataDir: z.string().default('./data'),
  /** Database file; relative paths are inside dataDir. */
  database: z.string().default('hall.db'),
  /** Load the demo hall into an empty database and pre-pair devices on localhost. */
  demo: z.coerce.boolean().default(false),
  /** Demo: tickets can be drawn at any hour (the configured hours stay stored). */
  alwaysOpen: z.coerce.boolean().default(false),
  /** A hall seed (JSON in the shape of common/src/seed.ts) for an empty database. */
  seedFile: z.string().optional(),
  /** Overrides the hall's publicBaseUrl (what ticket QR codes link to). */
  publicBaseUrl: z.url().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built apps are; defaults to the repository root. */
  appsDir: z.string().optional(),
  /** Days a form submission no clerk has accepted or returned is kept before it is purged. */
  submissionRetentionDays: z.coerce.number().int().min(1).max(365).default(7),
  /** AES-256 key for form submissions at rest, base64 of 32 bytes; else submissionKeyFile. */
  submissionKey: z.string().optional(),
  /** File holding that key (created on first start); relative paths are inside dataDir. */
  submissionKeyFile: z.string().default('submission.key'),
});
export type ServerConfig = z.output<typeof serverConfigSchema>;

const envNames: Record<string, keyof ServerConfig> = {
  HALL_PORT: 'port',
  HALL_HOST: 'host',
  HALL_DATA_DIR: 'dataDir',
  HALL_DATABASE: 'database',
  HALL_DEMO: 'demo',
  HALL_ALWAYS_OPEN: 'alwaysOpen',
  HALL_SEED_FILE: 'seedFile',
  HALL_PUBLIC_BASE_URL: 'publicBaseUrl',
  HALL_LOG_LEVEL: 'logLevel',
  HALL_APPS_DIR: 'appsDir',
  HALL_SUBMISSION_RETENTION_DAYS: 'submissionRetentionDays',
  HALL_SUBMISSION_KEY: 'submissionKey',
  HALL_SUBMISSION_KEY_FILE: 'submissionKeyFile',
};

export function loadServerConfig(options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Partial<Record<keyof ServerConfig, unknown>> }): ServerConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.HALL_CONFIG;
  const fromFile = file ? (JSON.parse(readFileSync(resolve(file), 'utf8')) as Record<string, unknown>) : {};
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = key === 'demo' || key === 'alwaysOpen' ? value === '1' || value === 'true' : value;
  }
  const merged = { ...fromFile, ...fromEnv, ...(options.overrides ?? {}) };
  const parsed = serverConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`配置错误 (configuration error) at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export function databasePath(config: ServerConfig): string {
  return config.database === ':memory:' ? ':memory:' : resolve(config.dataDir, config.database);
}

/** The submission key file, or null for an in-memory database (its key lives as long as the data). */
export function submissionKeyPath(config: ServerConfig): string | null {
  return config.database === ':memory:' ? null : resolve(config.dataDir, config.submissionKeyFile);
}
