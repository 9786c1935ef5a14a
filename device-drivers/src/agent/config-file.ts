// The agent's configuration file as setup mode changes it: read as written (so settings it
// does not touch stay as the admin wrote them), the device list replaced, the result checked
// by the same schema the agent starts with, then written atomically with the previous file
// kept beside it as `agent.json.bak`.
import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ConfiguredDevice } from '@hall/common/agent';
import { AgentConfigError, readConfigJson } from './config.ts';

export type RawAgentConfig = Record<string, unknown>;

/** The file as JSON, unvalidated (the running agent already validated it once). */
export async function readRawAgentConfig(path: string): Promise<RawAgentConfig> {
  const json = await readConfigJson(path);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new AgentConfigError(`${path} does not hold a JSON object`);
  return json as RawAgentConfig;
}

const rawDevices = (raw: RawAgentConfig): Array<Record<string, unknown>> =>
  Array.isArray(raw.devices) ? raw.devices.filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null) : [];

/** Id, kind and address of each device the file names. */
export function configuredDevices(raw: RawAgentConfig): ConfiguredDevice[] {
  return rawDevices(raw).map((d) => ({ id: String(d.id ?? ''), kind: String(d.kind ?? ''), uri: String(d.uri ?? '') }));
}

/**
 * The file with its device list replaced by `edited`, in that order. A device that keeps its
 * id and kind keeps its other settings (printer profile, keypad addresses, displays); a new
 * one starts from the schema's defaults.
 */
export function withDevices(raw: RawAgentConfig, edited: readonly ConfiguredDevice[]): RawAgentConfig {
  const before = rawDevices(raw);
  const devices = edited.map(({ id, kind, uri }) => {
    const kept = before.find((d) => d.id === id && d.kind === kind);
    return kept ? { ...kept, uri } : { id, kind, uri };
  });
  return { ...raw, devices };
}

/**
 * Replace `path` by `text` so that a reader (or a power cut) sees the old file or the new one,
 * never half of each: write a temporary file beside it, flush it, rename it over.
 */
export async function writeFileAtomically(path: string, text: string | Uint8Array, mode?: number): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`);
  const handle = await open(temporary, 'wx', mode ?? 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // The rename itself reaches the disk when the directory is flushed (not possible everywhere).
  const dir = await open(dirname(path), 'r').catch(() => null);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
}

export const backupPathOf = (path: string) => `${path}.bak`;

/** Save `raw` to `path`, keeping the file it replaces as `path.bak`. */
export async function saveAgentConfigFile(path: string, raw: RawAgentConfig): Promise<void> {
  const previous = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  const mode = previous ? (await stat(path)).mode & 0o777 : undefined;
  if (previous) await writeFileAtomically(backupPathOf(path), previous, mode);
  await writeFileAtomically(path, `${JSON.stringify(raw, null, 2)}\n`, mode);
}
