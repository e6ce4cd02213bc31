import { parseArgs } from 'node:util';
import type { Jt809Edition, Jt809EncryptKeys } from '@harbor/protocols/jt809';
import { LoginInput, MAX_DEMO_FLEET } from '@harbor/shared';
import { z } from 'zod';
import { liveStart } from './run.ts';

export const USAGE = `usage: harbor-sim [options]
       harbor-sim superior [options]   a JT/T 809 supervision platform stand-in (superior --help)

Simulates the Port of Shanghai (ships at Yangshan and Waigaoqiao, container trucks between
the terminals, the Donghai Bridge gate, depots and warehouses) and sends the traffic to
Harbor's gateways. The same --seed gives the same scenario and the same messages.

  --vessels N           ships (default 30)
  --vehicles N          trucks (default 40, or as many as --phones gives); without --phones
                        they are Harbor's seeded demo fleet (start Harbor with SEED_FLEET >= N)
  --phones LIST         truck terminal phones, comma-separated (12 digits; 11 get a leading 0)
  --phones-file FILE    the same, one per line (# comments allowed)
  --seed S              random seed (default "harbor")
  --start ISO           simulated start time (default: now)
  --duration D          simulated time to run: 90s, 10m, 2h, 1h30m, 1d (default: until Ctrl-C)
  --speed F             simulated seconds per second (default 1), or "max" (needs --duration)
  --ais URL             AIS NMEA feed: tcp://host:port or udp://host:port
  --jt808 HOST:PORT     JT/T 808 gateway: one TCP connection per truck
  --http URL            api base URL for POST /ingest/fixes (truck fixes as JSON)
  --api-key KEY         API key for --http (Authorization: Bearer KEY)
  --capture FILE        also write the traffic to FILE in harbor-decode's format
  --schedule URL        act as the shipping lines' agent: import the cargo ships' berth
                        schedule (the calls berthing within 48 h) into the Harbor at URL
                        (e.g. http://127.0.0.1:3000) at the start and every simulated day
  --login EMAIL:PASSWORD
                        the port operator who imports it (needed with --schedule)
  --book-slots URL      act as the companies' dispatchers: book each truck's terminal visits
                        of the next simulated day at the gates of the Harbor at URL (most the
                        hour they come, some an hour off, a few at a terminal they skip)
  --dispatchers EMAIL:PASSWORD[,EMAIL:PASSWORD...]
                        the dispatchers who book (needed with --book-slots): each books its
                        own company's trucks
  --wait URL            first wait (up to 10 minutes) until URL answers 200, e.g. Harbor's
                        http://127.0.0.1:3000/readyz
  --help                this text`;

const Count = (max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(max, `is at most ${max}`);

const HostPort = z
  .string()
  .regex(/^(?:\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port')
  .refine(
    (text) => Number(text.slice(text.lastIndexOf(':') + 1)) <= 65_535,
    'port is at most 65535',
  );

const DURATION_UNITS_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

/** "1h30m" → 5 400 000; null when the text is not a duration. */
export function parseDurationMs(text: string): number | null {
  if (!/^(?:\d+(?:\.\d+)?[dhms])+$/.test(text)) return null;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)([dhms])/g))
    total += Number(amount) * DURATION_UNITS_MS[unit as keyof typeof DURATION_UNITS_MS];
  return total > 0 ? Math.round(total) : null;
}

const OptionsSchema = z
  .object({
    vessels: Count(5000).default(30),
    vehicles: Count(MAX_DEMO_FLEET).optional(),
    phones: z
      .array(z.string().regex(/^\d{11,12}$/, 'a terminal phone is 11 or 12 digits'))
      .optional(),
    seed: z.string().min(1).default('harbor'),
    start: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 time, e.g. 2026-11-25T08:00:00Z' })
      .optional(),
    duration: z
      .string()
      .transform((text, ctx) => {
        const ms = parseDurationMs(text);
        if (ms === null) ctx.addIssue({ code: 'custom', message: 'is like 90s, 10m, 2h or 1h30m' });
        return ms ?? 0;
      })
      .optional(),
    speed: z
      .union([
        z.literal('max'),
        z.coerce.number({ message: 'must be a number or "max"' }).positive('must be above 0'),
      ])
      .default(1),
    ais: z
      .url({ protocol: /^(tcp|udp)$/, message: 'is tcp://host:port or udp://host:port' })
      .refine((url) => new URL(url).port !== '', 'needs a port')
      .optional(),
    jt808: HostPort.optional(),
    http: z.url({ protocol: /^https?$/, message: 'is an http:// or https:// URL' }).optional(),
    apiKey: z.string().min(1).optional(),
    capture: z.string().min(1).optional(),
    wait: z.url({ protocol: /^https?$/, message: 'is an http:// or https:// URL' }).optional(),
    schedule: z.url({ protocol: /^https?$/, message: 'is an http:// or https:// URL' }).optional(),
    bookSlots: z.url({ protocol: /^https?$/, message: 'is an http:// or https:// URL' }).optional(),
    dispatchers: z
      .string()
      .transform((text, ctx) => {
        const logins = text.split(',').map((one) => {
          const colon = one.indexOf(':');
          return LoginInput.safeParse(
            colon < 0 ? {} : { email: one.slice(0, colon).trim(), password: one.slice(colon + 1) },
          );
        });
        if (logins.some((login) => !login.success)) {
          ctx.addIssue({
            code: 'custom',
            message: 'is EMAIL:PASSWORD, or several separated by commas',
          });
          return z.NEVER;
        }
        return logins.flatMap((login) => (login.success ? [login.data] : []));
      })
      .optional(),
    login: z
      .string()
      .transform((text, ctx) => {
        const colon = text.indexOf(':');
        const login = LoginInput.safeParse(
          colon < 0 ? {} : { email: text.slice(0, colon), password: text.slice(colon + 1) },
        );
        if (!login.success) {
          ctx.addIssue({
            code: 'custom',
            message: 'is EMAIL:PASSWORD (an email address, a colon, the password)',
          });
          return z.NEVER;
        }
        return login.data;
      })
      .optional(),
  })
  .superRefine((o, ctx) => {
    if (o.schedule && !o.login)
      ctx.addIssue({ code: 'custom', path: ['login'], message: 'is needed with --schedule' });
    if (o.login && !o.schedule)
      ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'is needed with --login' });
    if (o.bookSlots && !o.dispatchers)
      ctx.addIssue({
        code: 'custom',
        path: ['dispatchers'],
        message: 'is needed with --book-slots',
      });
    if (o.dispatchers && !o.bookSlots)
      ctx.addIssue({
        code: 'custom',
        path: ['bookSlots'],
        message: 'is needed with --dispatchers',
      });
    if (o.http && !o.apiKey)
      ctx.addIssue({ code: 'custom', path: ['apiKey'], message: 'is needed with --http' });
    if (o.speed === 'max' && o.duration === undefined)
      ctx.addIssue({ code: 'custom', path: ['duration'], message: 'is needed with --speed max' });
    else if (isLive(o) && o.speed !== 'max' && o.speed > 1 && !o.start && o.duration === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message:
          'is needed with --speed above 1 against a live Harbor: the run is dated to end now (Harbor refuses fixes dated ahead of its clock)',
      });
    if (!o.ais && !o.jt808 && !o.http && !o.capture)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'give at least one of --ais, --jt808, --http, --capture',
      });
    if (o.phones && o.vehicles !== undefined && o.vehicles > o.phones.length)
      ctx.addIssue({
        code: 'custom',
        path: ['vehicles'],
        message: `is ${o.vehicles} but only ${o.phones.length} phones are given`,
      });
  });

export type CliOptions = {
  vessels: number;
  /** The trucks' terminal phones (12 digits), or how many to invent. */
  vehicles: number | string[];
  seed: string;
  start: Date;
  durationMs: number | null;
  speed: number | 'max';
  ais: { protocol: 'tcp' | 'udp'; host: string; port: number } | null;
  jt808: { host: string; port: number } | null;
  http: { url: string; apiKey: string } | null;
  capture: string | null;
  /** A URL to poll until it answers 200 before starting. */
  wait: string | null;
  /** The Harbor to import the berth schedule into, and who imports it. */
  schedule: { url: string; email: string; password: string } | null;
  /** The Harbor to book the trucks' gate slots at, and the dispatchers who book them. */
  bookings: { url: string; dispatchers: { email: string; password: string }[] } | null;
};

export class CliError extends Error {}

/** Whether the run sends to a Harbor (and not only to a capture file). */
const isLive = (o: { ais?: string; jt808?: string; http?: string }) =>
  Boolean(o.ais || o.jt808 || o.http);

/**
 * Reads and checks the command line. `now` is the default start (the CLI passes the clock;
 * tests a fixed time); `readFile` reads --phones-file. Throws CliError with every problem.
 */
export function parseCliOptions(
  argv: string[],
  now: Date,
  readFile: (path: string) => string,
): CliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      // `pnpm sim -- --speed 60` hands the separator on: a leading `--` is not an argument.
      args: argv[0] === '--' ? argv.slice(1) : argv,
      strict: true,
      allowPositionals: false,
      options: {
        vessels: { type: 'string' },
        vehicles: { type: 'string' },
        phones: { type: 'string' },
        'phones-file': { type: 'string' },
        seed: { type: 'string' },
        start: { type: 'string' },
        duration: { type: 'string' },
        speed: { type: 'string' },
        ais: { type: 'string' },
        jt808: { type: 'string' },
        http: { type: 'string' },
        'api-key': { type: 'string' },
        capture: { type: 'string' },
        wait: { type: 'string' },
        schedule: { type: 'string' },
        login: { type: 'string' },
        'book-slots': { type: 'string' },
        dispatchers: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (values.help) return 'help';
  const text = (name: string) => values[name] as string | undefined;
  if (text('phones') && text('phones-file'))
    throw new CliError('give --phones or --phones-file, not both');
  let phones: string[] | undefined;
  const phonesFile = text('phones-file');
  if (phonesFile !== undefined) {
    let content: string;
    try {
      content = readFile(phonesFile);
    } catch (error) {
      throw new CliError(`cannot read --phones-file ${phonesFile}: ${(error as Error).message}`);
    }
    phones = content
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*/, '').trim())
      .filter((line) => line !== '')
      .flatMap((line) => line.split(/[\s,]+/));
  } else if (text('phones') !== undefined) {
    phones = (text('phones') as string)
      .split(',')
      .map((phone) => phone.trim())
      .filter((phone) => phone !== '');
  }
  const parsed = OptionsSchema.safeParse({
    vessels: text('vessels'),
    vehicles: text('vehicles'),
    phones,
    seed: text('seed'),
    start: text('start'),
    duration: text('duration'),
    speed: text('speed'),
    ais: text('ais'),
    jt808: text('jt808'),
    http: text('http'),
    apiKey: text('api-key'),
    capture: text('capture'),
    wait: text('wait'),
    schedule: text('schedule'),
    login: text('login'),
    bookSlots: text('book-slots'),
    dispatchers: text('dispatchers'),
  });
  if (!parsed.success) throw new CliError(issuesText(parsed.error.issues));
  const o = parsed.data;
  const padded = o.phones?.map((phone) => phone.padStart(12, '0'));
  if (padded && new Set(padded).size !== padded.length)
    throw new CliError('--phones: a phone is given twice');
  const ais = o.ais ? new URL(o.ais) : null;
  const jt808 = o.jt808 ? splitHostPort(o.jt808) : null;
  return {
    vessels: o.vessels,
    vehicles: padded ? padded.slice(0, o.vehicles ?? padded.length) : (o.vehicles ?? 40),
    seed: o.seed,
    start: o.start
      ? new Date(o.start)
      : liveStart(new Date(Math.floor(now.getTime() / 1000) * 1000), o.speed, o.duration ?? null),
    durationMs: o.duration ?? null,
    speed: o.speed,
    ais: ais
      ? {
          protocol: ais.protocol === 'udp:' ? 'udp' : 'tcp',
          host: ais.hostname.replace(/^\[|\]$/g, ''),
          port: Number(ais.port),
        }
      : null,
    jt808,
    http: o.http && o.apiKey ? { url: o.http, apiKey: o.apiKey } : null,
    capture: o.capture ?? null,
    wait: o.wait ?? null,
    schedule: o.schedule && o.login ? { url: o.schedule, ...o.login } : null,
    bookings:
      o.bookSlots && o.dispatchers ? { url: o.bookSlots, dispatchers: o.dispatchers } : null,
  };
}

function splitHostPort(text: string): { host: string; port: number } {
  const colon = text.lastIndexOf(':');
  return {
    host: text.slice(0, colon).replace(/^\[|\]$/g, ''),
    port: Number(text.slice(colon + 1)),
  };
}

/** One line per problem, each naming its option. */
function issuesText(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      return field ? `--${kebab(field)}: ${issue.message}` : issue.message;
    })
    .join('\n');
}

function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export const SUPERIOR_USAGE = `usage: harbor-sim superior [options]

A JT/T 809 superior platform (上级平台, the road-transport supervision platform) stand-in, to
try Harbor's supervision link (监管平台) against: it takes Harbor's main link and login, connects
the sub link back, logs every registration and position Harbor sends, and sends inspections
(查岗). While it runs, type commands on standard input (help lists them).

  --listen HOST:PORT    where Harbor's main link connects (default 127.0.0.1:10809)
  --user N              the user id Harbor logs in with (USERID)
  --password P          its password: 1 to 8 ASCII characters
  --access-code N       the access code (接入码, MSG_GNSSCENTERID) Harbor sends
  --edition E           2011 or 2019 (default 2011), as in Harbor's link settings
  --inspect-every T     send an inspection with an arithmetic question every T: seconds
                        (300) or 90s, 10m, 1h (default: only when asked on the console)
  --m1 N --ia1 N --ic1 N
                        encrypt message bodies with these constants (all three, as entered
                        in Harbor; its key may be any number)
  --help                this text`;

export type SuperiorCliOptions = {
  listen: { host: string; port: number };
  edition: Jt809Edition;
  userId: number;
  password: string;
  gnssCenterId: number;
  keys: Jt809EncryptKeys | null;
  inspectEveryMs: number | null;
};

const Dword = z
  .string({ error: 'is required' })
  .regex(/^\d{1,10}$/, 'must be a whole number')
  .transform(Number)
  .refine((n) => n <= 0xffff_ffff, 'is at most 4294967295');

const SuperiorSchema = z
  .object({
    listen: HostPort.default('127.0.0.1:10809'),
    user: Dword,
    password: z
      .string({ error: 'is required' })
      .regex(/^[\x21-\x7e]{1,8}$/, 'is 1 to 8 ASCII characters (PASSWORD is 8 bytes)'),
    accessCode: Dword,
    edition: z.enum(['2011', '2019'], { error: 'is 2011 or 2019' }).default('2011'),
    inspectEvery: z
      .string()
      .transform((text, ctx) => {
        const ms = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) * 1000 : parseDurationMs(text);
        if (ms === null || ms < 5000) {
          ctx.addIssue({
            code: 'custom',
            message: 'is seconds (300) or like 90s, 10m, 1h; at least 5 s',
          });
          return z.NEVER;
        }
        return Math.round(ms);
      })
      .optional(),
    m1: Dword.optional(),
    ia1: Dword.optional(),
    ic1: Dword.optional(),
  })
  .superRefine((o, ctx) => {
    const given = [o.m1, o.ia1, o.ic1].filter((n) => n !== undefined).length;
    if (given > 0 && given < 3)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'give all of --m1, --ia1 and --ic1 to encrypt, or none',
      });
  });

/** Reads and checks the options of `harbor-sim superior`. Throws CliError with every problem. */
export function parseSuperiorOptions(argv: string[]): SuperiorCliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      // `pnpm superior -- --edition 2019` hands the separator on: it is not an argument.
      args: argv.filter((arg) => arg !== '--'),
      strict: true,
      allowPositionals: false,
      options: {
        listen: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'access-code': { type: 'string' },
        edition: { type: 'string' },
        'inspect-every': { type: 'string' },
        m1: { type: 'string' },
        ia1: { type: 'string' },
        ic1: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (values.help) return 'help';
  const text = (name: string) => values[name] as string | undefined;
  const parsed = SuperiorSchema.safeParse({
    listen: text('listen'),
    user: text('user'),
    password: text('password'),
    accessCode: text('access-code'),
    edition: text('edition'),
    inspectEvery: text('inspect-every'),
    m1: text('m1'),
    ia1: text('ia1'),
    ic1: text('ic1'),
  });
  if (!parsed.success) throw new CliError(issuesText(parsed.error.issues));
  const o = parsed.data;
  return {
    listen: splitHostPort(o.listen),
    edition: o.edition,
    userId: o.user,
    password: o.password,
    gnssCenterId: o.accessCode,
    keys:
      o.m1 !== undefined && o.ia1 !== undefined && o.ic1 !== undefined
        ? { m1: o.m1, ia1: o.ia1, ic1: o.ic1 }
        : null,
    inspectEveryMs: o.inspectEvery ?? null,
  };
}
