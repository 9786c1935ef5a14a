// Summarises a V8 .cpuprofile (from --cpu-prof): the functions with the most self time and
// the most inclusive time. `node --import tsx bench/lib/profile-summary.ts FILE [N]`
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repoRoot } from './paths.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  totalMs: number;
}

function label(n: ProfileNode): string {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const where = url ? `${relative(repoRoot, url).replace(/^node_modules\//, '')}:${n.callFrame.lineNumber + 1}` : '';
  return `${n.callFrame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

export function summarizeProfile(file: string): { durationMs: number; lines: ProfileLine[] } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    let id: number | undefined = p.samples[i]!;
    const first = byId.get(id)!;
    self.set(label(first), (self.get(label(first)) ?? 0) + dt);
    const seen = new Set<string>();
    while (id !== undefined) {
      const l = label(byId.get(id)!);
      if (!seen.has(l)) {
        seen.add(l);
        total.set(l, (total.get(l) ?? 0) + dt);
      }
      id = parent.get(id);
    }
  }
  const lines = [...total.entries()].map(([name, totalMs]) => ({ name, totalMs, selfMs: self.get(name) ?? 0 }));
  return { durationMs: (p.endTime - p.startTime) / 1000, lines };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-summary.ts FILE [N]');
  const n = Number(process.argv[3] ?? 25);
  const { durationMs, lines } = summarizeProfile(file);
  console.log(`profile ${file}: ${(durationMs / 1000).toFixed(1)} s`);
  console.log('\nself time:');
  for (const l of [...lines].sort((a, b) => b.selfMs - a.selfMs).slice(0, n)) console.log(`${l.selfMs.toFixed(0).padStart(8)} ms  ${l.name}`);
  console.log('\ninclusive time:');
  for (const l of [...lines].sort((a, b) => b.totalMs - a.totalMs).slice(0, n)) console.log(`${l.totalMs.toFixed(0).padStart(8)} ms  ${l.name}`);
}
