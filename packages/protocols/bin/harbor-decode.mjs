#!/usr/bin/env node
// Runs harbor-decode from its bundle (bin/cli-bundle.mjs), building it first when it is
// missing or older than the sources, so the package still needs no build step. Where the
// bundle cannot be built or written, the TypeScript runs through tsx as before.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, isBundleFresh } from './cli-bundle.mjs';

let entry = pathToFileURL(BUNDLE).href;
if (!isBundleFresh()) {
  try {
    await buildBundle();
  } catch (error) {
    process.stderr.write(
      `harbor-decode: running from the sources (cannot build ${BUNDLE}: ${error instanceof Error ? error.message : String(error)})\n`,
    );
    const { register } = await import('tsx/esm/api');
    register();
    entry = '../src/cli/harbor-decode.ts';
  }
}
await import(entry);
