/**
 * The api's layers (docs/architecture.md "Layers"): imports point downwards only,
 *
 *   runtime -> edges -> domains -> pipeline -> core
 *
 * and the packages (@harbor/db, @harbor/shared, @harbor/protocols) below them all. Tests are
 * outside the rule; nothing in src imports from test/. `test/layers.test.ts` runs this in
 * the suite; `pnpm --filter @harbor/api layers` prints the same report.
 */
const layer = (name, above) => ({
  name: `no-${name}-upwards`,
  comment: `${name} is below ${above.join(', ')} and must not import them`,
  severity: 'error',
  from: { path: `^src/${name}/`, pathNot: '\\.test\\.ts$' },
  to: { path: `^src/(${above.join('|')})/` },
});

module.exports = {
  forbidden: [
    layer('core', ['pipeline', 'domains', 'edges', 'runtime']),
    layer('pipeline', ['domains', 'edges', 'runtime']),
    layer('domains', ['edges', 'runtime']),
    layer('edges', ['runtime']),
    {
      name: 'trpc-at-the-edge',
      comment:
        'only the tRPC base, the routers and the express adapter speak tRPC; the domains throw HarborError (core/errors.ts)',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['\\.test\\.ts$', '^src/edges/(trpc|routers)/', '^src/edges/http/app\\.ts$'],
      },
      to: { path: '@trpc/server' },
    },
    {
      name: 'no-src-to-test',
      comment: 'test helpers live in test/ and are used only by tests',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'no-entry-imports',
      comment: 'main.ts and env.ts are the entry; only the runtime reads the config type',
      severity: 'error',
      from: { path: '^src/(core|pipeline|domains)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(main|env)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
