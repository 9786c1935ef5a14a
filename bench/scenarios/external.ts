// Benchmarks other packages own, each a module exporting `run(): Promise<rows>` with rows
// `{ name, value, unit, target?, reference?, note? }`: the ticket printer
// (device-drivers/bench/printer.bench.ts) and form documents (hall-server/bench/documents.bench.ts).
// Their rows are added as they are when the file exists; a missing file is skipped.
import { existsSync } from 'node:fs';
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

export const printer = external('printer', 'ticket printer', 'device-drivers/bench/printer.bench.ts');
export const documents = external('documents', 'form documents', 'hall-server/bench/documents.bench.ts');
