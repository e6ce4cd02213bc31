import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `pnpm cluster` as the README gives it (`pnpm cluster -- --gateways 2 --trackers 2 --apis 1`):
// pnpm hands the script the `--` too. Without DATABASE_URL the command stops with its advice,
// after reading the options and before starting anything.

const apiDir = join(import.meta.dirname, '..');

function cluster(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const { DATABASE_URL: _database, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster.ts', ...args], {
    cwd: apiDir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('pnpm cluster', () => {
  it('takes its options after the -- that pnpm passes on, as the README writes them', async () => {
    const run = await cluster(['--', '--gateways', '2', '--trackers', '2', '--apis', '1']);
    expect(run.stderr).toContain('cluster: set DATABASE_URL');
    expect(run.code).toBe(2);
  });

  it('refuses a count out of range or an unknown option in one line, with its usage', async () => {
    const zero = await cluster(['--', '--gateways', '0']);
    expect(zero.stderr).toBe('cluster: --gateways expects a whole number from 1 to 16\n');
    expect(zero.code).toBe(2);
    const unknown = await cluster(['--nodes', '3']);
    expect(unknown.stderr).toMatch(/^cluster: Unknown option '--nodes'.*\nusage: pnpm cluster/s);
    expect(unknown.code).toBe(2);
  });
});
