// Diagnostic only: bundles the hall server's TypeScript (and the workspace packages it
// imports) into one JavaScript file with esbuild, npm packages left external, so start-up
// can be measured without the tsx loader transpiling ~100 modules on every start. The
// official start-up figure is always the real `node --import tsx hall-server/src/cli.ts`.
import { join } from 'node:path';
import type * as Esbuild from 'esbuild';
import { benchTmp, serverCli } from './paths.ts';

/**
 * `workspace`: bundle only the workspace's TypeScript, npm packages stay external.
 * `all`: bundle npm packages too (all but the native better-sqlite3), saving module resolution.
 */
export async function precompileServer(mode: 'workspace' | 'all' = 'workspace'): Promise<string | undefined> {
  let esbuild: typeof Esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined; // esbuild is a dependency of tsx; without it the diagnostic is skipped
  }
  const outfile = join(benchTmp, 'precompiled', `cli-${mode}.mjs`);
  await esbuild.build({
    entryPoints: [serverCli],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: [
      {
        name: 'npm-external',
        setup(build) {
          // Workspace packages (@hall/*) are TypeScript: bundle them. Everything else from npm stays external.
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('@hall/') || args.path.startsWith('node:')) return undefined;
            if (mode === 'all' && args.path !== 'better-sqlite3') return undefined;
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return outfile;
}
