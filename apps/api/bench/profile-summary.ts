import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './format.ts';

// Where Harbor's CPU goes per fix, from a V8 CPU profile of its process (`node --cpu-prof`;
// `BENCH_PROFILE=1` on bench/e2e-ingest.ts writes one and prints this summary):
//
//   tsx bench/profile-summary.ts PROFILE.cpuprofile [--fixes N] [--from µs] [--to µs]
//     [--map FILE] [--top N]
//
// (--from/--to: the window on the profile's clock, CLOCK_MONOTONIC in µs; --top N lists the
// N functions each stage spent most in.) A sampling heap profile (`.heapprofile`,
// `BENCH_PROFILE=alloc`, bench/heap-sampler.js) is summarised the same way: the bytes each
// stage allocated, per fix, instead of its CPU.
//
// Each sample goes to one stage, by the stack it caught:
//   1. logging (pino), metrics (prom-client) and the database inside the process (PGlite's
//      WASM and its JS glue) win wherever they are on the stack, innermost first: a log line
//      the tracker writes is logging, a query PGlite runs for an alert rule is the database;
//   2. otherwise the innermost Harbor frame whose source file names a stage; a shared helper
//      (src/core, src/runtime, packages/shared, ...) takes the stage of the Harbor code that
//      called it, or its own default when nothing did (a timer's, a microtask's);
//   3. otherwise the innermost library frame that names one: the pg driver parsing a reply,
//      the NATS client, node reading a socket (`onStreamRead`) with no Harbor code under it;
//   4. otherwise "other". (idle) is the main thread waiting, left out; (program) is native
//      code outside JavaScript (libuv, V8 itself).
// A sample inside node's socket write (writeGeneric/writevGeneric down to the syscall) is
// its caller's stage, and is also counted in the "socket writes" column: on loopback the
// kernel delivers to the reader inside the writer's syscall, so writes cost more than their
// bytes suggest.
//
// Harbor runs from its bundle (dist/harbor.js, scripts/bundle.ts): a frame of the bundle is
// placed in its source file by the bundle's source map (harbor.js.map beside the profile,
// copied when the profiled Harbor started, else dist/harbor.js.map); a copy of the bundle
// beside it lets the summary check that map and profile belong together.
//
// The profile samples the main thread only, in wall-clock time while it is not idle (on a
// busy machine that includes time the thread waited for a core). So the CPU of each stage is
// its share of the profile times the main thread's CPU from /proc, when given, and V8's
// helper threads (concurrent marking and sweeping, the optimising compiler) and libuv's pool
// are a row of their own: the rows then add up to the process's CPU.

type CallFrame = {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
};
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

/** The stages, in the order of the issue's list. */
export const STAGES = {
  socketRead: 'socket read (node:net)',
  frameSplit: 'frame split (jt808 stream decoder)',
  decode: 'decode, encode (jt808 messages)',
  handshake: 'terminal registration, authentication (device directory)',
  session: 'session, acknowledgement (jt808 gateway)',
  bus: 'bus (fix bus, JetStream, NATS client)',
  tracker: 'tracker batch',
  geofences: 'geofences',
  store: 'store (fix-store)',
  driver: 'store: database driver (pg, Prisma, @harbor/db)',
  database: 'database (PGlite: WASM and its JS glue)',
  afterWrite: 'after-write rules (alerts, visits, dispatch)',
  live: 'live tap, subscriptions',
  http: 'HTTP, tRPC (api edges)',
  logging: 'logging (pino)',
  metrics: 'metrics (prom-client, /metrics)',
  gc: 'GC on the main thread ((garbage collector))',
  program: 'native outside JS ((program))',
  harborOther: 'other Harbor code',
  other: 'other (node internals, timers)',
  threads: "other threads (PGlite's own, V8's GC and compiler helpers, libuv; the profiler's own)",
} as const;
export type Stage = keyof typeof STAGES | 'idle';

/**
 * A Harbor source file (from the repository root) and its stage. `pass`: a helper, whose
 * Harbor caller's stage it takes, and `stage` only when no Harbor code called it.
 */
type SourceRule = { path: RegExp; fn?: RegExp; stage: Stage; pass?: true };
const SOURCE_RULES: SourceRule[] = [
  {
    path: /^packages\/protocols\/src\/jt808\/(frame|stream-decoder|reassembly)\.ts$/,
    stage: 'frameSplit',
  },
  { path: /^packages\/protocols\/src\//, stage: 'decode' },
  { path: /^packages\/db\/src\//, stage: 'driver' },
  { path: /^packages\/shared\/src\//, stage: 'harborOther', pass: true },
  { path: /^apps\/api\/src\/edges\/gateways\//, stage: 'session' },
  {
    path: /^apps\/api\/src\/domains\/vehicles\/device-directory\.ts$/,
    fn: /^(register|authenticate|codeHashesOf|writeLastSeen|lastSeen|logout)/,
    stage: 'handshake',
  },
  { path: /^apps\/api\/src\/domains\/vehicles\//, stage: 'session', pass: true },
  { path: /^apps\/api\/src\/domains\/auth\/secrets\.ts$/, stage: 'handshake', pass: true },
  {
    path: /^apps\/api\/src\/pipeline\/(fix-bus|jetstream-fix-bus|partition-leases|stream-publisher)\.ts$/,
    stage: 'bus',
  },
  // Fixes between processes: the stream's (bus) and the relay's (live), by its caller.
  { path: /^apps\/api\/src\/pipeline\/fix-wire\.ts$/, stage: 'bus', pass: true },
  { path: /^apps\/api\/src\/pipeline\/tracker\.ts$/, stage: 'tracker' },
  { path: /^apps\/api\/src\/pipeline\/(geofence-engine|fence-zones)\.ts$/, stage: 'geofences' },
  { path: /^apps\/api\/src\/domains\/port\//, stage: 'geofences', pass: true },
  {
    path: /^apps\/api\/src\/pipeline\/(fix-store|sql-arrays|history-partitions)\.ts$/,
    stage: 'store',
  },
  { path: /^apps\/api\/src\/pipeline\/(nats-relay|live-codecs)\.ts$/, stage: 'live' },
  { path: /^apps\/api\/src\/domains\/(alerts|visits|dispatch|safety)\//, stage: 'afterWrite' },
  { path: /^apps\/api\/src\/runtime\/parts\/monitors\.ts$/, stage: 'afterWrite' },
  { path: /^apps\/api\/src\/domains\/positions\//, stage: 'live' },
  { path: /^apps\/api\/src\/runtime\/parts\/live-positions\.ts$/, stage: 'live' },
  { path: /^apps\/api\/src\/edges\/routers\/positions\.ts$/, stage: 'live' },
  { path: /^apps\/api\/src\/edges\/http\/metrics[^/]*\.ts$/, stage: 'metrics' },
  { path: /^apps\/api\/src\/edges\/(http|trpc|routers)\//, stage: 'http' },
  { path: /^apps\/api\/src\/(core|runtime)\//, stage: 'harborOther', pass: true },
  { path: /^apps\/api\/src\//, stage: 'harborOther' },
];

/** Libraries that are their stage wherever they are called from (rule 1). */
const OWN_LIBRARIES: Record<string, Stage> = {
  '@electric-sql/pglite': 'database',
  pino: 'logging',
  'pino-std-serializers': 'logging',
  'sonic-boom': 'logging',
  'thread-stream': 'logging',
  'fast-redact': 'logging',
  'quick-format-unescaped': 'logging',
  'safe-stable-stringify': 'logging',
  'on-exit-leak-free': 'logging',
  'atomic-sleep': 'logging',
  'prom-client': 'metrics',
  tdigest: 'metrics',
  bintrees: 'metrics',
};

/** Libraries whose Harbor caller decides, unless no Harbor code is on the stack (rule 3). */
const CALLED_LIBRARIES: [RegExp, Stage][] = [
  [/^(pg|pg-protocol|pg-pool|pg-types|pg-int8|postgres-\w+|pglite-prisma-adapter)$/, 'driver'],
  [/^@prisma\//, 'driver'],
  [/^@nats-io\//, 'bus'],
  [/^msgpackr/, 'bus'],
  [/^(flatbush|flatqueue|lineclip|robust-predicates|point-in-polygon-hao)$/, 'geofences'],
  [/^@turf\//, 'geofences'],
  [/^@trpc\//, 'http'],
  [
    /^(express|router|body-parser|raw-body|helmet|cookie-parser|cookie|send|finalhandler|serve-static|rate-limiter-flexible)$/,
    'http',
  ],
];

/** The package a node_modules file belongs to (`@scope/name` or `name`). */
function packageOf(url: string): string | null {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const [first, second] = url.slice(at + '/node_modules/'.length).split('/');
  if (!first) return null;
  return first.startsWith('@') ? `${first}/${second ?? ''}` : first;
}

/** A Harbor source path from the repository root, from a file URL or a source-map source. */
function harborPath(source: string): string | null {
  if (source.includes('/node_modules/')) return null;
  const inRepo = /(?:^|\/)((?:apps\/[\w-]+|packages\/[\w-]+)\/src\/.*)$/.exec(source);
  if (inRepo?.[1]) return inRepo[1];
  // esbuild names sources relative to apps/api/dist: ../src/… is the api's own.
  const relative = source.replace(/^(\.\.\/)+/, '');
  return relative.startsWith('src/') ? `apps/api/${relative}` : null;
}

/** What a frame says about its sample. */
type FrameClass =
  | { tier: 'own'; stage: Stage }
  | { tier: 'harbor'; stage: Stage; pass: boolean }
  | { tier: 'library'; stage: Stage }
  | null;

/** Places frames of the bundle in their source files through its source map. */
class BundleSources {
  private readonly map: SourceMap | null;
  private readonly bundleLines: string[] | null;
  checked = 0;
  mismatched = 0;
  constructor(mapFile: string | null) {
    this.map = mapFile
      ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload)
      : null;
    const bundle = mapFile?.replace(/\.map$/, '');
    this.bundleLines =
      bundle && existsSync(bundle) ? readFileSync(bundle, 'utf8').split('\n') : null;
  }
  get hasMap(): boolean {
    return this.map !== null;
  }
  /** The frame's source file and line (1-based), as the map has them. */
  source(frame: CallFrame): { file: string; line: number } | null {
    if (!this.map) return null;
    const entry = this.map.findEntry(frame.lineNumber, frame.columnNumber);
    // The function's name where the profile says it starts: a map of another build would
    // place it elsewhere.
    const name = frame.functionName;
    const line = this.bundleLines?.[frame.lineNumber];
    if (line !== undefined && /^[\w$]+$/.test(name)) {
      this.checked++;
      const around = line.slice(Math.max(0, frame.columnNumber - 120), frame.columnNumber + 120);
      if (!around.includes(name)) this.mismatched++;
    }
    return 'originalSource' in entry
      ? { file: entry.originalSource, line: entry.originalLine + 1 }
      : null;
  }
}

const NODE_WRITE = new Set(['writeGeneric', 'writevGeneric']);

/** Where a frame's code is: a Harbor source file, a package, node, native. */
function whereOf(frame: CallFrame, sources: BundleSources): string {
  const { url, lineNumber } = frame;
  if (url === '') return 'native';
  if (url.endsWith('/dist/harbor.js')) {
    const source = sources.source(frame);
    return source ? `${harborPath(source.file) ?? source.file}:${source.line}` : url;
  }
  const pkg = packageOf(url);
  return pkg ? `${pkg}:${lineNumber + 1}` : `${url}:${lineNumber + 1}`;
}

function classify(frame: CallFrame, sources: BundleSources): FrameClass {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return { tier: 'own', stage: 'gc' };
    if (functionName === '(idle)') return { tier: 'own', stage: 'idle' };
    if (functionName === '(program)') return { tier: 'own', stage: 'program' };
    return null;
  }
  // WebAssembly (PGlite's Postgres, Prisma's query compiler): the JS that called it decides.
  if (url.startsWith('wasm://')) return null;
  if (url.startsWith('node:')) {
    if (url === 'node:internal/stream_base_commons' && functionName === 'onStreamRead')
      return { tier: 'library', stage: 'socketRead' };
    if (url.startsWith('node:_http_') || url.startsWith('node:internal/http'))
      return { tier: 'library', stage: 'http' };
    return null;
  }
  const pkg = packageOf(url);
  if (pkg) {
    const own = OWN_LIBRARIES[pkg];
    if (own) return { tier: 'own', stage: own };
    const called = CALLED_LIBRARIES.find(([pattern]) => pattern.test(pkg));
    return called ? { tier: 'library', stage: called[1] } : null;
  }
  const source = url.endsWith('/dist/harbor.js') ? sources.source(frame)?.file : url;
  const path = source ? harborPath(source) : null;
  if (!path) return null;
  const rule = SOURCE_RULES.find((r) => r.path.test(path) && (!r.fn || r.fn.test(functionName)));
  return rule ? { tier: 'harbor', stage: rule.stage, pass: rule.pass ?? false } : null;
}

export type SummaryRow = {
  stage: Exclude<Stage, 'idle'>;
  label: string;
  /** CPU: the profile's share times the main thread's CPU (or the profile's busy time). */
  ms: number;
  /** Of it, inside node's socket write. */
  writeMs: number;
  usPerFix: number | null;
  /** Of the process's CPU (or of the profile's busy time). */
  share: number;
  /** The functions it spent most in, with --top. */
  top: { name: string; ms: number }[];
};
export type ProfileSummary = {
  rows: SummaryRow[];
  /** CPU the rows add up to: the process's from /proc when given, else the profile's busy time. */
  totalMs: number;
  /** The profile's main thread, not idle, in wall-clock time. */
  profileBusyMs: number;
  profileIdleMs: number;
  windowMs: number;
  samples: number;
  fixes: number | null;
  /** Whether the rows are scaled to /proc's CPU (main thread and process given). */
  isScaled: boolean;
  /** Frames of the bundle whose name was not where the profile placed them (another build). */
  mapMismatch: { checked: number; mismatched: number } | null;
};

export type SummaryOptions = {
  /** Fixes the window handled: µs per fix. */
  fixes?: number;
  /** The window, on the profile's clock (µs, CLOCK_MONOTONIC: process.hrtime() / 1000). */
  fromUs?: number;
  toUs?: number;
  /** The process's CPU and its main thread's over the window (ms, /proc). */
  processCpuMs?: number;
  mainThreadCpuMs?: number;
  /** The bundle's source map (default: harbor.js.map beside the profile, else dist's). */
  mapFile?: string;
  /** How many of each stage's largest functions to keep. */
  top?: number;
};

/**
 * Each node's stage (and whether it is inside node's socket write), from the root (the first
 * node) down, carrying the innermost frame of each tier so far.
 */
function stagesOf(
  nodes: ProfileNode[],
  byId: Map<number, ProfileNode>,
  sources: BundleSources,
): { stageOf: Map<number, Exclude<Stage, 'threads'>>; isWriteOf: Map<number, boolean> } {
  type Above = {
    own: Stage | null;
    harbor: Stage | null;
    /** The stage of a helper with no Harbor caller, until one below names one. */
    helper: Stage | null;
    library: Stage | null;
    isWrite: boolean;
  };
  const stageOf = new Map<number, Exclude<Stage, 'threads'>>();
  const isWriteOf = new Map<number, boolean>();
  const root = nodes[0];
  const pending: [ProfileNode, Above][] = root
    ? [[root, { own: null, harbor: null, helper: null, library: null, isWrite: false }]]
    : [];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, above] = next;
    const { url, functionName } = node.callFrame;
    const found = classify(node.callFrame, sources);
    const isHarbor = found?.tier === 'harbor';
    const here: Above = {
      own: found?.tier === 'own' ? found.stage : above.own,
      harbor: isHarbor && !found.pass ? found.stage : above.harbor,
      helper: isHarbor && found.pass && above.harbor === null ? found.stage : above.helper,
      library: found?.tier === 'library' ? found.stage : above.library,
      // In node's socket write: from writeGeneric down through node's own and native frames.
      isWrite:
        (url === 'node:internal/stream_base_commons' && NODE_WRITE.has(functionName)) ||
        (above.isWrite && (url === '' || url.startsWith('node:'))),
    };
    const stage = here.own ?? here.harbor ?? here.helper ?? here.library ?? 'other';
    stageOf.set(node.id, stage as Exclude<Stage, 'threads'>);
    isWriteOf.set(node.id, here.isWrite);
    for (const child of node.children ?? []) {
      const childNode = byId.get(child);
      if (childNode) pending.push([childNode, here]);
    }
  }
  return { stageOf, isWriteOf };
}

const DIST_MAP = fileURLToPath(new URL('../dist/harbor.js.map', import.meta.url));

/** The bundle's source map for a profile: the one given, else harbor.js.map beside it, else dist's. */
function sourcesFor(file: string, mapFile?: string): BundleSources {
  const beside = join(dirname(file), 'harbor.js.map');
  return new BundleSources(
    mapFile ?? (existsSync(beside) ? beside : existsSync(DIST_MAP) ? DIST_MAP : null),
  );
}

export function summariseProfile(file: string, options: SummaryOptions = {}): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const sources = sourcesFor(file, options.mapFile);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const { stageOf, isWriteOf } = stagesOf(profile.nodes, byId, sources);

  // Sample i lasts until sample i + 1 (as DevTools counts it).
  const ms = new Map<Stage, number>();
  const writeMs = new Map<Stage, number>();
  const selfMs = new Map<Stage, Map<number, number>>();
  const from = options.fromUs ?? Number.NEGATIVE_INFINITY;
  const to = options.toUs ?? Number.POSITIVE_INFINITY;
  let at = profile.startTime;
  const times = profile.timeDeltas.map((delta) => {
    at += delta;
    return at;
  });
  let counted = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < profile.samples.length; i++) {
    const t = times[i] ?? 0;
    if (t < from || t >= to) continue;
    const duration = ((times[i + 1] ?? profile.endTime) - t) / 1000;
    if (duration < 0) continue;
    const id = profile.samples[i] ?? 0;
    const stage = stageOf.get(id) ?? 'other';
    ms.set(stage, (ms.get(stage) ?? 0) + duration);
    if (isWriteOf.get(id)) writeMs.set(stage, (writeMs.get(stage) ?? 0) + duration);
    if (options.top) {
      const self = selfMs.get(stage) ?? new Map<number, number>();
      self.set(id, (self.get(id) ?? 0) + duration);
      selfMs.set(stage, self);
    }
    counted++;
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const profileIdleMs = ms.get('idle') ?? 0;
  const profileBusyMs = [...ms].reduce((sum, [stage, v]) => (stage === 'idle' ? sum : sum + v), 0);

  // Scaled to /proc: the main thread's CPU shared out as the profile shares its busy time.
  const isScaled = options.processCpuMs !== undefined && options.mainThreadCpuMs !== undefined;
  const scale = isScaled ? (options.mainThreadCpuMs ?? 0) / Math.max(profileBusyMs, 1e-9) : 1;
  if (isScaled)
    ms.set(
      'threads',
      Math.max(0, (options.processCpuMs ?? 0) - (options.mainThreadCpuMs ?? 0)) / scale,
    );
  const totalMs = isScaled ? (options.processCpuMs ?? 0) : profileBusyMs;
  const fixes = options.fixes ?? null;
  const topOf = (stage: Stage) =>
    [...(selfMs.get(stage) ?? new Map<number, number>())]
      .map(([id, v]) => {
        const frame = byId.get(id)?.callFrame;
        const name = frame
          ? `${frame.functionName || '(anonymous)'} (${whereOf(frame, sources)})`
          : '?';
        return { name, ms: v * scale };
      })
      .reduce((merged, entry) => {
        merged.set(entry.name, (merged.get(entry.name) ?? 0) + entry.ms);
        return merged;
      }, new Map<string, number>());
  const rows = (Object.keys(STAGES) as (keyof typeof STAGES)[]).map((stage): SummaryRow => {
    const stageMs = (ms.get(stage) ?? 0) * scale;
    return {
      stage,
      label: STAGES[stage],
      ms: stageMs,
      writeMs: (writeMs.get(stage) ?? 0) * scale,
      usPerFix: fixes ? (stageMs * 1000) / fixes : null,
      share: stageMs / Math.max(totalMs, 1e-9),
      top: options.top
        ? [...topOf(stage)]
            .sort((a, b) => b[1] - a[1])
            .slice(0, options.top)
            .map(([name, v]) => ({ name, ms: v }))
        : [],
    };
  });
  return {
    rows,
    totalMs,
    profileBusyMs,
    profileIdleMs,
    windowMs: counted > 0 ? (last - first) / 1000 : 0,
    samples: counted,
    fixes,
    isScaled,
    mapMismatch: sources.hasMap
      ? { checked: sources.checked, mismatched: sources.mismatched }
      : null,
  };
}

/** The summary as a Markdown table, largest first, and a few lines under it. */
export function formatSummary(summary: ProfileSummary): string[] {
  const perFix = (ms: number) => (summary.fixes ? ((ms * 1000) / summary.fixes).toFixed(2) : '-');
  const shown = summary.rows.filter((row) => row.ms > 0).sort((a, b) => b.ms - a.ms);
  const lines = [
    `| stage | CPU ms | µs per fix | share | of it, socket writes (ms) |`,
    '| --- | ---: | ---: | ---: | ---: |',
    ...shown.map(
      (row) =>
        `| ${row.label} | ${fmt(row.ms)} | ${perFix(row.ms)} | ${(row.share * 100).toFixed(1)}% | ${row.writeMs > 0 ? fmt(row.writeMs) : ''} |`,
    ),
    `| **all** | ${fmt(summary.totalMs)} | ${perFix(summary.totalMs)} | 100% | ${fmt(shown.reduce((sum, row) => sum + row.writeMs, 0))} |`,
  ];
  lines.push(
    `profile: ${summary.samples.toLocaleString('en-US')} samples over ${fmt(summary.windowMs)} ms, the main thread busy ${fmt(summary.profileBusyMs)} ms and idle ${fmt(summary.profileIdleMs)} ms (wall clock); ` +
      (summary.isScaled
        ? "CPU ms: each stage's share of the busy samples times the main thread's CPU from /proc, plus the other threads' (/proc)"
        : "CPU ms: the busy samples' wall-clock time (no /proc figures given)"),
  );
  for (const row of shown.filter((r) => r.top.length > 0))
    lines.push(`  ${row.label}: ${row.top.map((t) => `${t.name} ${fmt(t.ms)}`).join('; ')}`);
  return [...lines, ...mapWarnings(summary.mapMismatch)];
}

/** A V8 sampling heap profile (HeapProfiler.stopSampling, as bench/heap-sampler.js writes it). */
type HeapNode = { id: number; callFrame: CallFrame; selfSize: number; children?: HeapNode[] };
type HeapProfile = { head: HeapNode };

export type HeapSummaryRow = {
  stage: Exclude<Stage, 'idle' | 'threads'>;
  label: string;
  /** Bytes allocated, as the sampler estimates them. */
  bytes: number;
  bytesPerFix: number | null;
  share: number;
  /** The functions that allocated most, with `top`. */
  top: { name: string; bytes: number }[];
};
export type HeapSummary = {
  rows: HeapSummaryRow[];
  totalBytes: number;
  fixes: number | null;
  mapMismatch: ProfileSummary['mapMismatch'];
};

/**
 * Where a sampling heap profile's bytes were allocated, by stage, with the same rules as the
 * CPU profile's samples (a sample's stack is the allocation's): the bytes each stage's code
 * allocated over the window the profile covers, and per fix.
 */
export function summariseHeapProfile(
  file: string,
  options: Pick<SummaryOptions, 'fixes' | 'mapFile' | 'top'> = {},
): HeapSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as HeapProfile;
  const sources = sourcesFor(file, options.mapFile);
  // The tree as the CPU profile's flat list, root first.
  const nodes: ProfileNode[] = [];
  const selfSize = new Map<number, number>();
  const walk: HeapNode[] = [profile.head];
  for (let node = walk.pop(); node; node = walk.pop()) {
    const children = node.children ?? [];
    nodes.push({ id: node.id, callFrame: node.callFrame, children: children.map((c) => c.id) });
    selfSize.set(node.id, node.selfSize);
    walk.push(...children);
  }
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const { stageOf } = stagesOf(nodes, byId, sources);
  const bytes = new Map<Stage, number>();
  const top = new Map<Stage, Map<string, number>>();
  for (const [id, size] of selfSize) {
    if (size === 0) continue;
    const stage = stageOf.get(id) ?? 'other';
    bytes.set(stage, (bytes.get(stage) ?? 0) + size);
    if (!options.top) continue;
    const frame = byId.get(id)?.callFrame;
    const name = frame
      ? `${frame.functionName || '(anonymous)'} (${whereOf(frame, sources)})`
      : '?';
    const functions = top.get(stage) ?? new Map<string, number>();
    functions.set(name, (functions.get(name) ?? 0) + size);
    top.set(stage, functions);
  }
  const totalBytes = [...bytes.values()].reduce((sum, v) => sum + v, 0);
  const fixes = options.fixes ?? null;
  const stages = (Object.keys(STAGES) as (keyof typeof STAGES)[]).filter(
    (stage): stage is HeapSummaryRow['stage'] => stage !== 'threads',
  );
  return {
    rows: stages.map((stage) => ({
      stage,
      label: STAGES[stage],
      bytes: bytes.get(stage) ?? 0,
      bytesPerFix: fixes ? (bytes.get(stage) ?? 0) / fixes : null,
      share: (bytes.get(stage) ?? 0) / Math.max(totalBytes, 1),
      top: [...(top.get(stage) ?? [])]
        .sort((a, b) => b[1] - a[1])
        .slice(0, options.top ?? 0)
        .map(([name, v]) => ({ name, bytes: v })),
    })),
    totalBytes,
    fixes,
    mapMismatch: sources.hasMap
      ? { checked: sources.checked, mismatched: sources.mismatched }
      : null,
  };
}

/** What a summary's lines say of the source map its frames were placed with. */
function mapWarnings(mismatch: ProfileSummary['mapMismatch']): string[] {
  if (!mismatch) return ['no source map of the bundle: Harbor frames could not be placed'];
  if (mismatch.checked > 0 && mismatch.mismatched / mismatch.checked > 0.05)
    return [
      `warning: ${mismatch.mismatched} of ${mismatch.checked} named frames are not where the bundle copy has them: the bundle changed between the run and its map; stages may be wrong`,
    ];
  return [];
}

/** The heap summary as a Markdown table, largest first, and each stage's top functions. */
export function formatHeapSummary(summary: HeapSummary): string[] {
  const perFix = (b: number) => (summary.fixes ? Math.round(b / summary.fixes).toString() : '-');
  const mb = (b: number) => (b / 1048576).toFixed(0);
  const shown = summary.rows.filter((row) => row.bytes > 0).sort((a, b) => b.bytes - a.bytes);
  const lines = [
    '| stage | allocated MB | bytes per fix | share |',
    '| --- | ---: | ---: | ---: |',
    ...shown.map(
      (row) =>
        `| ${row.label} | ${mb(row.bytes)} | ${perFix(row.bytes)} | ${(row.share * 100).toFixed(1)}% |`,
    ),
    `| **all** | ${mb(summary.totalBytes)} | ${perFix(summary.totalBytes)} | 100% |`,
  ];
  for (const row of shown.filter((r) => r.top.length > 0))
    lines.push(`  ${row.label}: ${row.top.map((t) => `${t.name} ${perFix(t.bytes)}`).join('; ')}`);
  return [...lines, ...mapWarnings(summary.mapMismatch)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    process.stderr.write(
      'usage: tsx bench/profile-summary.ts PROFILE.cpuprofile [--fixes N] [--from µs] [--to µs] [--map FILE] [--top N]\n' +
        '       tsx bench/profile-summary.ts PROFILE.heapprofile [--fixes N] [--map FILE] [--top N]\n',
    );
    process.exit(2);
  }
  const option = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const options: SummaryOptions = {};
  const fixes = option('--fixes');
  const fromUs = option('--from');
  const toUs = option('--to');
  const mapFile = option('--map');
  const top = option('--top');
  if (fixes) options.fixes = Number(fixes);
  if (fromUs) options.fromUs = Number(fromUs);
  if (toUs) options.toUs = Number(toUs);
  if (mapFile) options.mapFile = mapFile;
  if (top) options.top = Number(top);
  const lines = file.endsWith('.heapprofile')
    ? formatHeapSummary(summariseHeapProfile(file, options))
    : formatSummary(summariseProfile(file, options));
  for (const line of lines) console.log(line);
}
