import { fileURLToPath } from 'node:url';
import { DEMO_FLEET_SIZE, MAX_DEMO_FLEET } from '@harbor/shared';
import { z } from 'zod';

/** An unset or empty variable takes the default. */
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
  COOKIE_SECURE: flag.default(false),
  /** The built web admin (`pnpm --filter @harbor/web build`), served at `/`. */
  WEB_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Config = {
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
  /** Where the built web admin is; served at `/` when it holds an index.html. */
  webDir: string;
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
  return {
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
    webDir: e.WEB_DIR ?? DEFAULT_WEB_DIR,
  };
}
