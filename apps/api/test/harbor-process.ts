import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { HARBOR_NODE_FLAGS, harborBundle } from '../scripts/bundle.ts';

/** Ends the child with its parent (child-guard.js): pass with `--import` before Harbor. */
export const CHILD_GUARD = new URL('./child-guard.js', import.meta.url).href;
/** Samples Harbor's allocations between two SIGUSR2 (bench/heap-sampler.js), while BENCH_HEAP_PROF names a directory. */
const HEAP_SAMPLER = new URL('../bench/heap-sampler.js', import.meta.url).href;
/**
 * How long a start may take before the helper gives up: generous, because a busy 2-core
 * machine (CI, other test files) can take minutes to migrate and seed. Readiness is what the
 * caller waits for; this only bounds a start that will never come.
 */
const START_LIMIT_MS = 600_000;

/** Every child still running, stopped when this process exits (tests that fail included). */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** A free loopback port (picked by the kernel, then released for the child to take). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * The caller's environment without Harbor's own settings: a test or benchmark that asks for
 * PGlite must get PGlite even where DATABASE_URL or BUS_URL is exported for other tests (CI).
 */
function inherited(): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _database,
    BUS_URL: _bus,
    HARBOR_DATA_DIR: _dataDir,
    SEED: _seed,
    SEED_FLEET: _fleet,
    WEB_DIR: _web,
    METRICS_TOKEN: _metricsToken,
    VITE_TILE_URL: _tiles,
    VITE_TIANDITU_KEY: _tianditu,
    VITE_AMAP_TILES: _amap,
    HARBOR_ALLOWED_ORIGINS: _origins,
    API_CONCURRENCY: _concurrency,
    API_MAX_QUEUED_PER_CLIENT: _queued,
    ...rest
  } = process.env;
  return rest;
}

export type HarborProcess = {
  url: string;
  jt808Port: number;
  aisPort: number;
  child: ChildProcess;
  /** Harbor's own counters from /metrics, e.g. `tracker.inserted`. */
  counters(): Promise<Record<string, number>>;
  /**
   * Gauges of /metrics by their full names (e.g. `harbor_nodejs_eventloop_lag_p99_seconds`),
   * read from one scrape; null for one that is not there.
   */
  gauges(...names: string[]): Promise<Record<string, number | null>>;
  /** Shuts Harbor down as Ctrl-C does, and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills Harbor at once (SIGKILL), as a crash or a power cut would, and waits for it to go. */
  crash(): Promise<void>;
};

/**
 * Harbor as its own process, as it runs in production: the benchmark's load generator and
 * subscriber then compete with it for the CPU only as real clients would.
 */
export async function startHarborProcess(env: Record<string, string>): Promise<HarborProcess> {
  // A port picked free may be taken by another test's process before Harbor listens on it:
  // that start is tried again with other ports (only ports this helper picked).
  const isOwnPorts = !env.PORT && !env.JT808_PORT && !env.AIS_PORT;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env);
    } catch (error) {
      if (!(error instanceof PortTakenError) || !isOwnPorts || attempt >= 3) throw error;
    }
  }
}

/** Harbor exited at start because a port it was given was taken meanwhile (EADDRINUSE). */
class PortTakenError extends Error {}

async function startOnce(env: Record<string, string>): Promise<HarborProcess> {
  const [port, jt808Port, aisPort] = [await freePort(), await freePort(), await freePort()];
  // /metrics is served only to the holder of its token.
  const metricsToken = env.METRICS_TOKEN ?? randomBytes(24).toString('hex');
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of Harbor's process there when it exits.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const heapSampler = process.env.BENCH_HEAP_PROF ? ['--import', HEAP_SAMPLER] : [];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      // As `pnpm start` runs it (apps/api/package.json): the bundle of the sources as they are.
      ...HARBOR_NODE_FLAGS,
      ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      '--import',
      CHILD_GUARD,
      ...heapSampler,
      await harborBundle(),
    ],
    {
      env: {
        ...inherited(),
        PORT: String(port),
        JT808_PORT: String(jt808Port),
        AIS_PORT: String(aisPort),
        LOG_LEVEL: 'warn',
        METRICS_TOKEN: metricsToken,
        ...env,
      },
      // stdin is the guard's pipe: it closes when this process goes. stderr is passed on,
      // read for a port taken at start.
      stdio: ['pipe', 'inherit', 'pipe'],
    },
  );
  let isPortTaken = false;
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    if (chunk.includes('EADDRINUSE')) isPortTaken = true;
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => {
      const message = `Harbor exited with ${signal ?? `code ${code}`}`;
      reject(isPortTaken ? new PortTakenError(message) : new Error(message));
    }),
  );
  exited.catch(() => {});
  try {
    const deadline = Date.now() + START_LIMIT_MS;
    for (;;) {
      const ready = await fetch(`${url}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error('Harbor did not become ready');
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 250)), exited]);
    }
  } catch (error) {
    // A start that failed leaves nothing running.
    child.kill('SIGKILL');
    throw error;
  }

  return {
    url,
    jt808Port,
    aisPort,
    child,
    counters: () => pipelineCounters(url, metricsToken),
    async gauges(...names) {
      const text = await metricsText(url, metricsToken);
      return Object.fromEntries(
        names.map((name) => {
          const value = text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1];
          return [name, value === undefined ? null : Number(value)];
        }),
      );
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await done;
    },
    async crash() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await done;
    },
  };
}

/** A Harbor's /metrics, read with its token. */
async function metricsText(url: string, metricsToken: string): Promise<string> {
  const response = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}

/** The pipeline's counters from a Harbor's /metrics, by source and stat: `ais.lines`. */
export async function pipelineCounters(
  url: string,
  metricsToken: string,
): Promise<Record<string, number>> {
  const counters: Record<string, number> = {};
  for (const match of (await metricsText(url, metricsToken)).matchAll(
    /^harbor_(\w+)\{stat="(\w+)"\} (\S+)$/gm,
  ))
    counters[`${match[1]}.${match[2]}`] = Number(match[3]);
  return counters;
}
