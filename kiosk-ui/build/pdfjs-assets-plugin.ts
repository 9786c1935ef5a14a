// pdf.js's data files, shipped with the kiosk app (the hall may have no internet, and nothing
// may come from a CDN): the Adobe CMaps (Chinese text in fonts that are not embedded, e.g.
// UniGB-UCS2-H), the standard fonts (the base 14 when not embedded), the wasm image decoders
// (JPEG 2000, JBIG2: scanned documents) with their fallbacks, and the ICC profile. They are
// copied out of the installed pdfjs-dist, so they always match its version, to
// dist/pdfjs/<folder>/ (served as /kiosk/pdfjs/…); `vite dev` serves them from the package.
// The QuickJS sandbox is left out: the kiosk never runs a PDF's scripts.
// src/certificates/pdf-render.ts points cMapUrl, standardFontDataUrl, wasmUrl and iccUrl here.
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, normalize, sep } from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

export const pdfjsFolders = ['cmaps', 'standard_fonts', 'wasm', 'iccs'] as const;
const skipped = /^quickjs|QUICKJS/;

/** The files to ship, as paths relative to the pdfjs-dist package (e.g. cmaps/UniGB-UCS2-H.bcmap). */
export function pdfjsAssetFiles(root = dirname(require.resolve('pdfjs-dist/package.json'))): string[] {
  return pdfjsFolders.flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((name) => !skipped.test(name) && statSync(join(root, folder, name)).isFile())
      .map((name) => `${folder}/${name}`),
  );
}

const types: Record<string, string> = { '.wasm': 'application/wasm', '.js': 'text/javascript', '.ttf': 'font/ttf' };

export function pdfjsAssets(): Plugin {
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  let base = '/';
  return {
    name: 'hall-pdfjs-assets',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use(`${base}pdfjs/`, (req, res, next) => {
        const rel = normalize(decodeURIComponent((req.url ?? '').split('?')[0]!)).replace(/^[/\\]+/, '');
        const [folder] = rel.split(sep);
        if (!pdfjsFolders.includes(folder as never) || skipped.test(basename(rel))) return next();
        const file = join(root, rel);
        if (!file.startsWith(root + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return next();
        const ext = /\.[^.]+$/.exec(rel)?.[0] ?? '';
        res.setHeader('Content-Type', types[ext] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const rel of pdfjsAssetFiles(root)) {
        this.emitFile({ type: 'asset', fileName: `pdfjs/${rel}`, source: readFileSync(join(root, rel)) });
      }
    },
  };
}
