import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HARBOR_NODE_FLAGS } from '../scripts/bundle.ts';

// Harbor's node flags are measured (scripts/bundle.ts): every way Harbor is started runs it
// with the same ones, the tests' and benchmarks' processes included.

const apiDir = join(import.meta.dirname, '..');
const nodeCommand = `node ${HARBOR_NODE_FLAGS.join(' ')} dist/harbor.js`;

describe("Harbor's node flags", () => {
  it('are the ones `pnpm start` runs Harbor with', () => {
    const pkg = JSON.parse(readFileSync(join(apiDir, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBe(nodeCommand);
  });

  it('are the ones the deployment guide runs each service with', () => {
    const guide = readFileSync(join(apiDir, '..', '..', 'docs', 'deployment.md'), 'utf8');
    const starts = [...guide.matchAll(/^ExecStart=\/usr\/bin\/(node .*)$/gm)].map((m) => m[1]);
    expect(starts.length).toBeGreaterThan(0);
    for (const start of starts) expect(start).toBe(nodeCommand);
  });
});
