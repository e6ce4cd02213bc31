import { fileURLToPath } from 'node:url';
import { DEMO_FLEET_SIZE, MAX_DEMO_FLEET } from '@harbor/shared';
import { z } from 'zod';
import { DEFAULT_HISTORY_POLICY, type HistoryPolicy } from './domains/history/policy.ts';
import { type CallPolicy, parseShipTypeRanges } from './domains/visits/call-policy.ts';
import {
  AMAP_TILE_ORIGIN,
  OSM_TILE_ORIGIN,
  TIANDITU_TILE_ORIGIN,
} from './edges/http/security-headers.ts';

/** `scheme://host[:port]` of an absolute http(s) URL with nothing after the host; else null. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
    return bare && /^https?:$/.test(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The CSP source of a Leaflet tile template: its origin, with a `{s}` subdomain in front
 * allowed as `*.` (`https://{s}.tile.example.com/...` -> `https://*.tile.example.com`).
 */
function tileOriginOf(template: string): string | null {
  const match = /^(https?):\/\/(\{s\}\.)?([A-Za-z0-9.-]+(?::\d{1,5})?)(\/|$)/.exec(template);
  if (!match) return null;
  return `${match[1]}://${match[2] ? '*.' : ''}${match[3]?.toLowerCase()}`;
}

/** An unset or empty variable takes the default. */
/** The parts of Harbor a process may run (HARBOR_ROLES). */
export const ROLES = ['gateway', 'tracker', 'api'] as const;
export type Role = (typeof ROLES)[number];

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const flag = z.preprocess(
  unsetIfEmpty,
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
);

/** A TCP port, 0 meaning "pick a free one". */
const port = (fallback: number) => {
  const message = 'expected a port number from 0 to 65535';
  return z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message })
      .int(message)
      .min(0, message)
      .max(65_535, message)
      .default(fallback),
  );
};

/** A number of days, at least one and at most ten years. */
const days = (fallback: number) => {
  const message = 'expected a whole number of days from 1 to 3650';
  return z.preprocess(
    unsetIfEmpty,
    z.coerce.number({ message }).int(message).min(1, message).max(3_650, message).default(fallback),
  );
};

const EnvSchema = z.object({
  PORT: port(3000),
  HOST: z.preprocess(unsetIfEmpty, z.string().default('127.0.0.1')),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^postgres(ql)?$/, message: 'expected postgres://user@host:port/database' })
      .optional(),
  ),
  HARBOR_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./.data')),
  /** NATS with JetStream for the fix bus; unset runs the in-process bus. */
  BUS_URL: z.preprocess(
    unsetIfEmpty,
    z.url({ protocol: /^(nats|tls)$/, message: 'expected nats://host:port' }).optional(),
  ),
  /**
   * The JetStream stream the fix bus uses (its subjects follow from it), so several Harbor
   * installations, or a test, can share one NATS server.
   */
  BUS_STREAM: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected letters, digits, _ and - (at most 64)')
      .default('HARBOR_FIXES'),
  ),
  /**
   * The parts this process runs (comma list of gateway, tracker, api; default all three).
   * Fewer than all needs NATS (BUS_URL) and PostgreSQL (DATABASE_URL), which the processes
   * share.
   */
  HARBOR_ROLES: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((list, ctx) => {
        const roles = new Set<Role>();
        for (const item of list.split(',').map((part) => part.trim().toLowerCase())) {
          if ((ROLES as readonly string[]).includes(item)) roles.add(item as Role);
          else
            ctx.addIssue({
              code: 'custom',
              message: `expected gateway, tracker or api, got ${item}`,
            });
        }
        if (roles.size === 0)
          ctx.addIssue({ code: 'custom', message: 'expected at least one role' });
        return [...roles];
      })
      .default([...ROLES]),
  ),
  JT808_PORT: port(6808),
  /** AIS NMEA over TCP and UDP. */
  AIS_PORT: port(10110),
  /** host:port of an upstream AIS feed to follow, if any. */
  AIS_UPSTREAM: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'expected host:port')
      .optional(),
  ),
  /** Seed the Port of Shanghai demo data at start; defaults to on for the embedded database only. */
  SEED: flag.optional(),
  /** How many demo trucks (with JT/T 808 terminals) the seed registers, for the simulator. */
  SEED_FLEET: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: `expected a whole number from 0 to ${MAX_DEMO_FLEET}` })
      .int()
      .min(0)
      .max(MAX_DEMO_FLEET)
      .default(DEMO_FLEET_SIZE),
  ),
  SESSION_TTL_HOURS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(12),
  ),
  /** Days of raw fixes kept as rows before they are compacted (domains/history). */
  HISTORY_HOT_DAYS: days(DEFAULT_HISTORY_POLICY.hotDays),
  /** Days a track is kept, raw and compact, where an organization has not set its own. */
  HISTORY_KEEP_DAYS: days(DEFAULT_HISTORY_POLICY.keepDays),
  /** Days geofence crossings and acknowledged alerts are kept. */
  HISTORY_EVENT_KEEP_DAYS: days(DEFAULT_HISTORY_POLICY.eventKeepDays),
  /** Days finished dispatch jobs (with their history) and container events are kept. */
  HISTORY_RECORD_KEEP_DAYS: days(DEFAULT_HISTORY_POLICY.recordKeepDays),
  COOKIE_SECURE: flag.default(false),
  /** The built web admin (`pnpm --filter @harbor/web build`), served at `/`. */
  WEB_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** Bearer token a Prometheus scraper sends for /metrics; unset: /metrics is not served. */
  METRICS_TOKEN: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[\x21-\x7e]{16,}$/, 'expected 16 or more printable characters, no spaces')
      .optional(),
  ),
  /** Other origins whose pages may POST to the api with the session cookie (comma list). */
  HARBOR_ALLOWED_ORIGINS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((list, ctx) => {
        const origins: string[] = [];
        for (const item of list.split(',').map((part) => part.trim())) {
          const origin = originOf(item);
          if (origin === null)
            ctx.addIssue({ code: 'custom', message: `expected scheme://host[:port], got ${item}` });
          else origins.push(origin);
        }
        return origins;
      })
      .default([]),
  ),
  /**
   * The web admin's tile server, as its build reads it (apps/web): the api allows its images
   * in the Content-Security-Policy. Unset: OpenStreetMap's; `none`: no tiles.
   */
  VITE_TILE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((template, ctx) => {
        if (template.trim().toLowerCase() === 'none') return null;
        const origin = tileOriginOf(template.trim());
        if (origin === null)
          ctx.addIssue({
            code: 'custom',
            message: 'expected none or https://host/{z}/{x}/{y}.png ({s}. allowed in front)',
          });
        return origin;
      })
      .default(OSM_TILE_ORIGIN),
  ),
  /** The web admin's Tianditu key, as its build reads it: set, the CSP allows Tianditu's tiles. */
  VITE_TIANDITU_KEY: z.preprocess(unsetIfEmpty, z.string().optional()),
  /**
   * The web admin's AMap (Gaode) base map, as its build reads it: `on` for AMap's own tiles,
   * a tile URL for a mirror, `off` (default) for none; the CSP allows those tiles' images.
   */
  VITE_AMAP_TILES: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((value, ctx) => {
        const setting = value.trim();
        if (setting.toLowerCase() === 'off') return null;
        if (setting.toLowerCase() === 'on') return AMAP_TILE_ORIGIN;
        const origin = tileOriginOf(setting);
        if (origin === null)
          ctx.addIssue({
            code: 'custom',
            message: 'expected on, off or https://host/...{z}...{x}...{y} ({s}. allowed in front)',
          });
        return origin;
      })
      .default(null),
  ),
  /** tRPC queries and mutations running at once; default 2 on PGlite, 8 on PostgreSQL. */
  API_CONCURRENCY: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: 'expected a whole number from 1 to 256' })
      .int()
      .min(1)
      .max(256)
      .optional(),
  ),
  /** tRPC calls one client (user, else address) may have waiting; more are answered 429. */
  API_MAX_QUEUED_PER_CLIENT: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: 'expected a whole number from 1 to 10000' })
      .int()
      .min(1)
      .max(10_000)
      .default(100),
  ),
  /** AIS ship types whose ships make port calls (ranges, e.g. 40-49,60-99); others are tracked only. */
  PORT_CALL_SHIP_TYPES: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('40-49,60-99')
      .transform((text, context) => {
        try {
          return parseShipTypeRanges(text);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
  ),
  /** A ship of a calling type shorter than this (metres) makes no call; 0: any length. */
  PORT_CALL_MIN_LENGTH_M: z.preprocess(
    unsetIfEmpty,
    z.coerce.number({ message: 'expected metres, 0 to 500' }).min(0).max(500).default(0),
  ),
  /** A ship of unknown type makes calls from this length (metres); "never" for none. */
  PORT_CALL_UNKNOWN_TYPE_MIN_LENGTH_M: z.preprocess(
    unsetIfEmpty,
    z
      .union([
        z.literal('never').transform(() => null),
        z.coerce.number({ message: 'expected metres, 0 to 500, or never' }).min(0).max(500),
      ])
      .default(80),
  ),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Config = {
  /** The parts this process runs: all three by default. */
  roles: ReadonlySet<Role>;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  busUrl: string | undefined;
  busStream: string;
  jt808Port: number;
  aisPort: number;
  aisUpstream: { host: string; port: number } | undefined;
  seed: boolean;
  seedFleet: number;
  sessionTtlMs: number;
  cookieSecure: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Which ships make port calls (domains/visits/call-policy.ts). */
  callPolicy: CallPolicy;
  /** Where the built web admin is; served at `/` when it holds an index.html. */
  webDir: string;
  /** The HTTP edge's defences (apps/api/README.md, "Limits and defences"). */
  http: HttpEdgeConfig;
  /** How long history is kept, and in which form (domains/history). */
  history: HistoryPolicy;
};

export type HttpEdgeConfig = {
  /** Bearer token for /metrics; without it /metrics is not served. */
  metricsToken: string | undefined;
  /** Origins besides the server's own whose pages may send state-changing requests. */
  allowedOrigins: string[];
  /** The tile server's images the Content-Security-Policy allows; null for none. */
  tileOrigin: string | null;
  /** The other base maps' tile servers (Tianditu, AMap) whose images the CSP allows. */
  baseMapOrigins: string[];
  /** tRPC calls running at once; undefined: by database (2 on PGlite, 8 on PostgreSQL). */
  procedureConcurrency: number | undefined;
  /** tRPC calls one client may have waiting. */
  maxQueuedPerClient: number;
};

/** The web admin's build output in this repository, beside the api. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration once; a bad value throws ConfigError naming every variable that is wrong. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const isSplit = e.HARBOR_ROLES.length < ROLES.length;
  if (isSplit && (e.BUS_URL === undefined || e.DATABASE_URL === undefined))
    throw new ConfigError(
      `invalid environment: HARBOR_ROLES: ${e.HARBOR_ROLES.join(',')} shares its work with other processes, which needs BUS_URL (NATS) and DATABASE_URL (PostgreSQL)`,
    );
  if (e.HISTORY_KEEP_DAYS < e.HISTORY_HOT_DAYS)
    throw new ConfigError(
      `invalid environment: HISTORY_KEEP_DAYS: ${e.HISTORY_KEEP_DAYS} days is shorter than the hot window (HISTORY_HOT_DAYS: ${e.HISTORY_HOT_DAYS}); raw fixes are kept at least that long`,
    );
  return {
    roles: new Set(e.HARBOR_ROLES),
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.HARBOR_DATA_DIR,
    busUrl: e.BUS_URL,
    busStream: e.BUS_STREAM,
    jt808Port: e.JT808_PORT,
    aisPort: e.AIS_PORT,
    aisUpstream: e.AIS_UPSTREAM
      ? {
          host: e.AIS_UPSTREAM.slice(0, e.AIS_UPSTREAM.lastIndexOf(':')),
          port: Number(e.AIS_UPSTREAM.slice(e.AIS_UPSTREAM.lastIndexOf(':') + 1)),
        }
      : undefined,
    seed: e.SEED ?? e.DATABASE_URL === undefined,
    seedFleet: e.SEED_FLEET,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    callPolicy: {
      shipTypes: e.PORT_CALL_SHIP_TYPES,
      minLengthM: e.PORT_CALL_MIN_LENGTH_M,
      unknownTypeMinLengthM: e.PORT_CALL_UNKNOWN_TYPE_MIN_LENGTH_M,
    },
    webDir: e.WEB_DIR ?? DEFAULT_WEB_DIR,
    history: {
      hotDays: e.HISTORY_HOT_DAYS,
      keepDays: e.HISTORY_KEEP_DAYS,
      eventKeepDays: e.HISTORY_EVENT_KEEP_DAYS,
      recordKeepDays: e.HISTORY_RECORD_KEEP_DAYS,
    },
    http: {
      metricsToken: e.METRICS_TOKEN,
      allowedOrigins: e.HARBOR_ALLOWED_ORIGINS,
      tileOrigin: e.VITE_TILE_URL,
      baseMapOrigins: [
        ...(e.VITE_TIANDITU_KEY ? [TIANDITU_TILE_ORIGIN] : []),
        ...(e.VITE_AMAP_TILES ? [e.VITE_AMAP_TILES] : []),
      ],
      procedureConcurrency: e.API_CONCURRENCY,
      maxQueuedPerClient: e.API_MAX_QUEUED_PER_CLIENT,
    },
  };
}
