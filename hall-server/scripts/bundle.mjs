// Builds the hall server for production: the server's TypeScript and the workspace packages
// it imports (common, fixtures) bundled into one ES module, hall-server/dist/hall-server.mjs,
// run with plain node, and the document thread's code into another beside it,
// dist/document-worker.mjs (src/documents/document-thread.ts starts it). npm packages stay
// external (resolved from node_modules as usual: better-sqlite3 is native, pino and pdfkit
// load files beside their own code).
//
// Start-up is the reason: through the tsx loader every start transpiles ~150 modules; the
// bundle starts in a fraction of that (see `npm run bench -- history`).
//
// A bundled module no longer sits where its source did, so each module's `import.meta.url`
// is rewritten to its source file's location relative to the bundle: data files found
// beside the sources (the demo hall, the apps' dist folders) are found as before.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outdir = resolve(root, 'dist');

const sourceUrl = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      if (contents.includes('import.meta.url')) {
        const rel = relative(outdir, args.path).split('\\').join('/');
        contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
      }
      return { contents, loader: 'ts' };
    });
  },
};

const npmExternal = {
  name: 'npm-external',
  setup(b) {
    // Workspace packages (@hall/*) are TypeScript: bundle them. Everything else from npm stays external.
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@hall/') || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const started = performance.now();
await build({
  entryPoints: { 'hall-server': resolve(root, 'src/cli.ts'), 'document-worker': resolve(root, 'src/documents/document-worker.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // The one thing the code asks of the build: whether it is the bundle (where its workers are).
  define: { HALL_BUNDLE: 'true' },
  logLevel: 'warning',
  // CommonJS packages that a bundled module `require`s need a require in ES module scope.
  banner: { js: "import { createRequire as __hallRequire } from 'node:module'; const require = __hallRequire(import.meta.url);" },
  plugins: [sourceUrl, npmExternal],
});
if (!process.argv.includes('--quiet')) console.log(`hall-server: dist/hall-server.mjs and dist/document-worker.mjs built in ${Math.round(performance.now() - started)} ms`);
