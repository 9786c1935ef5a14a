// The import rules of ../shared/docs/ARCHITECTURE.md ("Who may import whom"), checked on
// every test run. Workspace packages resolve through their symlinks to real paths, so the
// rules speak in folders.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles make layering meaningless.', from: {}, to: { circular: true } },
    {
      name: 'common-stands-alone', severity: 'error',
      comment: 'common imports nothing of ours and no Node or DOM APIs; its only runtime dependency is zod.',
      from: { path: '^common/' },
      to: { path: '^(hall-server|device-drivers|ui-kit|kiosk-ui|display-board|staff-ui|fixtures|tests)/|^node_modules/(?!zod/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'common-no-node', severity: 'error', comment: 'common runs in browsers too.',
      from: { path: '^common/' }, to: { dependencyTypes: ['core'] },
    },
    {
      name: 'queue-is-pure', severity: 'error',
      comment: 'The queue engine imports common only: no I/O, no store, no server code.',
      from: { path: '^hall-server/src/queue/' },
      to: { pathNot: '^(hall-server/src/queue/|common/)' },
    },
    {
      name: 'server-edges-not-into-each-other', severity: 'error',
      comment: 'Routes and socket handlers call use cases; they do not reach into each other.',
      from: { path: '^hall-server/src/(api|realtime)/' },
      to: { path: '^hall-server/src/(api|realtime)/', pathNot: '^hall-server/src/$1/' },
    },
    {
      name: 'drivers-not-server-or-ui', severity: 'error',
      from: { path: '^device-drivers/' },
      to: { path: '^(hall-server|kiosk-ui|display-board|staff-ui|tests)/' },
    },
    {
      name: 'codecs-are-pure', severity: 'error',
      comment: 'A codec is bytes in, bytes out: no transport, driver or Node I/O.',
      from: { path: '^device-drivers/src/[^/]+/codec' },
      to: { path: '^device-drivers/src/(transport|agent)/|/driver|/simulator', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'apps-import-only-common-and-ui-kit', severity: 'error',
      comment: 'The UI apps talk to the server over the wire; they share common and the ui-kit (their live connection, pairing).',
      from: { path: '^(kiosk-ui|display-board|staff-ui)/' },
      to: { path: '^(hall-server|device-drivers|fixtures|tests)/|^(kiosk-ui|display-board|staff-ui)/', pathNot: '^$1/' },
    },
    {
      name: 'ui-kit-imports-only-common', severity: 'error',
      comment: 'The ui-kit sits between common and the apps.',
      from: { path: '^ui-kit/' },
      to: { path: '^(hall-server|device-drivers|fixtures|tests|kiosk-ui|display-board|staff-ui)/' },
    },
    {
      name: 'konva-only-in-render', severity: 'error',
      from: { path: '^kiosk-ui/src/', pathNot: '^kiosk-ui/src/floorplan/render/' },
      to: { path: '^node_modules/konva/' },
    },
    {
      name: 'nothing-imports-tests', severity: 'error',
      from: { pathNot: '^tests/' }, to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
