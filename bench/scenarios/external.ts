// Benchmarks other packages own, each a module exporting `run(): Promise<rows>` with rows
// `{ name, value, unit, target?, reference?, note? }`: the ticket printer
// (device-drivers/bench/printer.bench.ts) and form documents (hall-server/bench/documents.bench.ts).
// Their rows are added as they are when the file exists; a missing file is skipped.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../lib/paths.ts';
import type { Scenario } from '../lib/scenario.ts';
import type { Reference, RowInput, Target } from '../lib/table.ts';

interface ExternalRow {
  name: string;
  value: number;
  unit: string;
  reference?: unknown;
  note?: string;
  target?: unknown;
}

function toReference(value: unknown, unit: string): Reference | undefined {
  if (typeof value === 'number') return { name: 'reference', value, unit };
  if (value && typeof value === 'object' && 'value' in value && typeof (value as { value: unknown }).value === 'number') {
    const v = value as { value: number; unit?: unknown; name?: unknown };
    return { name: typeof v.name === 'string' ? v.name : 'reference', value: v.value, unit: typeof v.unit === 'string' ? v.unit : unit };
  }
  return undefined;
}

function toTarget(value: unknown): Target | undefined {
  if (value && typeof value === 'object' && 'op' in value && 'value' in value) {
    const t = value as { op: unknown; value: unknown };
    if ((t.op === '>=' || t.op === '<=') && typeof t.value === 'number') return { op: t.op, value: t.value };
  }
  return undefined;
}

function external(id: string, title: string, relativePath: string): Scenario {
  const file = join(repoRoot, relativePath);
  return {
    id,
    title: `${title} (${relativePath})`,
    async run(ctx) {
      if (!existsSync(file)) {
        ctx.log(`  ${relativePath} not present yet: skipped`);
        return [];
      }
      const mod = (await import(pathToFileURL(file).href)) as { run?: () => Promise<ExternalRow[]> };
      if (typeof mod.run !== 'function') throw new Error(`${relativePath} does not export run()`);
      const rows = await mod.run();
      return rows.map((r) => {
        const reference = typeof r.reference === 'string' ? undefined : toReference(r.reference, r.unit);
        const note = [r.note, typeof r.reference === 'string' ? `reference: ${r.reference}` : undefined].filter(Boolean).join('; ');
        const target = toTarget(r.target);
        const row: RowInput = { scenario: id, name: String(r.name), value: Number(r.value), unit: String(r.unit ?? '') };
        if (reference) row.reference = reference;
        if (target) row.target = target;
        if (note) row.note = note;
        return row;
      });
    },
  };
}

const titles: Record<string, string> = { printer: 'ticket printer', documents: 'form documents', kiosk: 'kiosk app' };

/**
 * Every `<workspace>/bench/*.bench.ts` of the root package.json's workspaces, in workspace
 * order: `device-drivers/bench/printer.bench.ts` becomes scenario `printer`, and so on. The
 * printer is always listed (and skipped while its file does not exist), as issue 2 asks for it.
 */
export function externalScenarios(): Scenario[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { workspaces?: string[] };
  const found: Array<{ id: string; path: string }> = [];
  for (const ws of pkg.workspaces ?? []) {
    const dir = join(repoRoot, ws, 'bench');
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.bench.ts')) found.push({ id: name.slice(0, -'.bench.ts'.length), path: `${ws}/bench/${name}` });
    }
  }
  if (!found.some((f) => f.id === 'printer')) found.unshift({ id: 'printer', path: 'device-drivers/bench/printer.bench.ts' });
  // Two packages with a file of the same name: each keeps its package in its id, so that
  // selecting one by name on the command line selects one.
  const taken = (id: string) => found.filter((f) => f.id === id).length > 1;
  return found.map((f) => {
    const id = taken(f.id) ? `${f.path.split('/')[0]}/${f.id}` : f.id;
    return external(id, titles[f.id] ?? id, f.path);
  });
}
