import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

// Harbor as it runs in production: `pnpm build` (or `tsx scripts/bundle.ts`) writes
// dist/harbor.js, the api's sources and the workspace packages' (@harbor/db, protocols,
// shared) as one JavaScript file; `pnpm start`, `pnpm cluster`, the deployment units and the
// tests and benchmarks that start Harbor processes run it with plain `node`.
//
// Why: a process loading the TypeScript through tsx transpiles and resolves some 250 files
// through tsx's loader thread at every start. A gateway-only start took 1.4 s of CPU that way
// and 0.68 s from the bundle (quiet machine, docs/benchmarks.md); on a machine busy with a
// fleet, a restarted gateway listens that much sooner.
//
// The bundle is built in place, for this checkout: third-party packages stay where pnpm put
// them (imported by absolute path, as each workspace package resolves them), and each source
// file's `import.meta.url` stays its own, so paths found from it (the migrations, the web
// app's build, the Prisma client's directory) are what they are when run through tsx.

const API_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(API_ROOT, 'dist', 'harbor.js');

/**
 * Node's flags for Harbor, as `pnpm start` (package.json) gives them; `pnpm cluster` and the
 * tests and benchmarks that start Harbor processes use these (test/node-flags.test.ts keeps
 * package.json and docs/deployment.md to them).
 * - A young generation larger than the default: at tens of thousands of fixes a second, the
 *   default semi-space promotes fixes still waiting on the bus to the old generation, and
 *   collecting them there cost Harbor about a fifth of its CPU (docs/benchmarks.md).
 * - No allocation-site pretenuring: V8 can judge from the first collections under load, when
 *   every truck's first position is still its latest, that the live path's objects live long,
 *   and allocates them in the old generation from then on, though each lives until its truck's
 *   next report. It did so in 4 of 7 benchmark runs: their young collections promoted
 *   4.9-7.9 MB each against 0.3-0.6 and paused 43-57 ms against 24-28, and Harbor's CPU a fix
 *   was 1.70 of PostgreSQL's on average against 1.49 in 6 runs without it (docs/benchmarks.md,
 *   issue 20, tenth round).
 * - Stack traces name the sources, not the bundle.
 */
export const HARBOR_NODE_FLAGS = [
  '--max-semi-space-size=64',
  '--no-allocation-site-pretenuring',
  '--enable-source-maps',
];

/** Third-party imports left to Node, by the absolute path the importing package resolves. */
const thirdPartyExternal: Plugin = {
  name: 'third-party-external',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'inner' || args.path.startsWith('@harbor/')) return undefined;
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const found = await bundler.resolve(args.path, {
        importer: args.importer,
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: 'inner',
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return found.path.includes('/node_modules/')
        ? { path: found.path, external: true }
        : undefined;
    });
    // Each workspace source keeps its own location.
    bundler.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

/** Writes under a temporary name and renames, so a process starting meanwhile never reads half a file. */
function replaceFile(path: string, contents: Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** Builds dist/harbor.js (and its source map) from the sources as they are now. */
export async function buildBundle(): Promise<string> {
  const result = await build({
    absWorkingDir: API_ROOT,
    entryPoints: ['src/main.ts'],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    plugins: [thirdPartyExternal],
  });
  mkdirSync(dirname(BUNDLE), { recursive: true });
  // The map first: a process that reads the new bundle finds its map.
  const isMap = (path: string) => path.endsWith('.map');
  for (const file of result.outputFiles.filter((file) => isMap(file.path)))
    replaceFile(file.path, file.contents);
  for (const file of result.outputFiles.filter((file) => !isMap(file.path)))
    replaceFile(file.path, file.contents);
  return BUNDLE;
}

let built: Promise<string> | null = null;

/** The bundle, built once per process that asks (tests and benchmarks start many Harbors). */
export function harborBundle(): Promise<string> {
  built ??= buildBundle();
  return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBundle();
  process.stdout.write(`built ${BUNDLE}\n`);
}
