// harbor-decode's bundle: the CLI and the codecs it uses as one JavaScript file,
// dist/harbor-decode.mjs, built by esbuild and rebuilt whenever a file it was built from is newer.
// Transpiling the TypeScript at every start (tsx) took half a second, more than decoding a
// capture of a quarter of a million sentences. `node bin/cli-bundle.mjs` builds it now.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'dist', 'harbor-decode.mjs');
/** The files the bundle was built from (esbuild's metafile), relative to the package. */
const INPUTS = join(ROOT, 'dist', 'harbor-decode.inputs.json');

/** Whether the bundle exists and no file it was built from has changed since. */
export function isBundleFresh() {
  try {
    const builtMs = statSync(BUNDLE).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
    return inputs.every((input) => statSync(`${ROOT}/${input}`).mtimeMs <= builtMs);
  } catch {
    return false;
  }
}

/** Writes `contents` under a temporary name and renames it, so a concurrent run never reads half of it. */
function replaceFile(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

export async function buildBundle() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/harbor-decode.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  mkdirSync(dirname(BUNDLE), { recursive: true });
  replaceFile(INPUTS, JSON.stringify(Object.keys(result.metafile.inputs)));
  replaceFile(BUNDLE, result.outputFiles[0].contents);
  return BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBundle();
  process.stdout.write(`built ${BUNDLE}\n`);
}
