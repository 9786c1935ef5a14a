// The GB/T 2260 division list (fixtures/regions: provinces → districts, and streets per
// province) copied into the build as static files under regions/, for the form pickers of
// 自助填单. Reference data, not hall data: the kiosk fetches it at run time (the hall
// server's /api/regions first, when it has one), it is never part of the JavaScript.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const dir = fileURLToPath(new URL('../../fixtures/regions/', import.meta.url));

export function regionData(): Plugin {
  return {
    name: 'hall-region-data',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'regions/divisions.json', source: readFileSync(`${dir}divisions.json`, 'utf8') });
      for (const file of readdirSync(`${dir}streets`)) {
        if (/^\d{2}\.json$/.test(file)) this.emitFile({ type: 'asset', fileName: `regions/streets/${file}`, source: readFileSync(`${dir}streets/${file}`, 'utf8') });
      }
    },
  };
}
