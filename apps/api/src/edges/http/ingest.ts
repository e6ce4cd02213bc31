import type { Db } from '@harbor/db';
import { decodeNmeaSentence } from '@harbor/protocols/nmea';
import {
  type ErrorAnswer,
  type Fix,
  fixProblem,
  type IngestFix,
  IngestFixSchema,
  type IngestResult,
  kmhToKnots,
  MAX_INGEST_FIXES,
} from '@harbor/shared';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { fieldErrorsOf, HarborError } from '../../core/errors.ts';
import { organizationForKey } from '../../domains/auth/api-keys.ts';
import type { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import { FixBusClosedError } from '../../pipeline/fix-bus.ts';
import {
  answerTooLarge,
  BodyTooLargeError,
  INGEST_MAX_BODY_BYTES,
  readBodyText,
} from './body-limits.ts';
import { answerError } from './error-answers.ts';

export type IngestDeps = {
  db: Pick<Db, 'prisma'>;
  /** Whose each vehicle fix's device is: an organization sends for its own only. */
  devices: Pick<DeviceDirectory, 'ownersOf'>;
  /** Resolves once the fixes are durable (FixBus.publish). */
  publish(fixes: Fix[]): Promise<void>;
  /** How long a request waits for its fixes to be stored before it is told to send again. */
  storeWithinMs?: number;
  now(): Date;
  logger: Logger;
};

export type IngestCounters = {
  requests: number;
  /** Fixes stored and answered 202. */
  accepted: number;
  rejected: number;
  unauthorized: number;
  /** Fixes answered 503: not stored in time (they may still be stored; a resend is kept once). */
  notStored: number;
};

type Organization = Awaited<ReturnType<typeof organizationForKey>> & {};

/** Whether `stored` settles well within `ms`; false when it fails or takes longer. */
async function storedWithin(stored: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([stored.then(() => true as const), late]);
  } catch (error) {
    if (error instanceof FixBusClosedError) return false;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

type Candidate = { index: number; fix: IngestFix };

/**
 * `POST /ingest/fixes`: a JSON batch `{ "fixes": [...] }` (IngestFixSchema) or, as
 * text/plain with `?deviceId=`, NMEA RMC sentences one per line. Authenticated by an API key
 * of the organization (`Authorization: Bearer hbk_...` or `X-Api-Key`). Each fix is checked
 * on its own: the good ones are published, the bad ones listed with their index and field,
 * so one bad fix never costs the rest of the batch.
 */
export function createIngestRouter(deps: IngestDeps): { router: Router; counters: IngestCounters } {
  const counters: IngestCounters = {
    requests: 0,
    accepted: 0,
    rejected: 0,
    unauthorized: 0,
    notStored: 0,
  };
  const storeWithinMs = deps.storeWithinMs ?? 30_000;
  const router = Router();
  router.post('/ingest/fixes', async (req, res, next) => {
    counters.requests++;
    try {
      // The key is checked before the body is read: without one, nothing is read.
      const key = apiKeyOf(req);
      const organization = key ? await organizationForKey(deps.db, key, deps.now()) : null;
      if (!organization) {
        counters.unauthorized++;
        // Close the connection rather than drain the unread body.
        answerError(res.set('connection', 'close'), API_KEY_REQUIRED);
        return;
      }
      const body = await readIngestBody(req);
      const parsed =
        'refused' in body
          ? body
          : body.nmea !== undefined
            ? fromNmea(body.nmea, req.query.deviceId)
            : fromJson(body.json);
      if ('refused' in parsed) {
        // A body too large is left unread past the limit: the connection cannot carry
        // another request, so it closes.
        if (parsed.refused.code === 'request.body-too-large')
          answerTooLarge(res, INGEST_MAX_BODY_BYTES);
        else answerError(res, parsed.refused);
        return;
      }
      const { fixes, result } = await admit(deps, organization, parsed.candidates, parsed.rejected);
      // 202 means stored: the answer waits for the commit (or the stream's acknowledgement).
      // When the store cannot take them in time (an outage, a full bus) the client hears so
      // and sends them again; a fix stored twice is kept once.
      if (fixes.length > 0 && !(await storedWithin(deps.publish(fixes), storeWithinMs))) {
        counters.notStored += fixes.length;
        answerError(
          res.set('Retry-After', '5'),
          new HarborError(
            'unavailable',
            'ingest.not-stored',
            'the fixes could not be stored in time; send them again',
          ),
        );
        return;
      }
      counters.accepted += result.accepted;
      counters.rejected += result.rejected.length;
      res.status(202).json(result satisfies IngestResult);
    } catch (error) {
      next(error);
    }
  });
  // Whatever else fails: a clear 500, never a crash.
  router.use(
    '/ingest',
    (error: unknown, _req: Request, res: Response, _next: (error?: unknown) => void) => {
      deps.logger.error({ err: error }, 'ingest failed');
      res.status(500).json({ error: 'ingest failed', code: 'server.failed' } satisfies ErrorAnswer);
    },
  );
  return { router, counters };
}

const API_KEY_REQUIRED = new HarborError(
  'unauthenticated',
  'auth.api-key-required',
  'a valid API key is required (Authorization: Bearer <key> or X-Api-Key)',
);

const bodyExpected = () =>
  new HarborError('invalid', 'ingest.body-expected', 'expected a JSON body { "fixes": [...] }');

const unreadable = (error: unknown) =>
  new HarborError(
    'invalid',
    'ingest.body-unreadable',
    `unreadable body: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );

type Body = { json: unknown; nmea?: undefined } | { nmea: string } | { refused: HarborError };

/**
 * The body by its type: JSON (`application/json`), NMEA lines (`text/plain`,
 * `application/x-nmea`), read up to INGEST_MAX_BODY_BYTES.
 */
async function readIngestBody(req: Request): Promise<Body> {
  const isNmea = Boolean(req.is(['text/plain', 'application/x-nmea']));
  if (!isNmea && !req.is('json')) return { refused: bodyExpected() };
  let text: string;
  try {
    text = await readBodyText(req, INGEST_MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { refused: error };
    return { refused: unreadable(error) };
  }
  if (isNmea) return { nmea: text };
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return { refused: unreadable(error) };
  }
}

function apiKeyOf(req: Request): string | null {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return req.get('x-api-key') ?? null;
}

type Parsed =
  | { candidates: Candidate[]; rejected: IngestResult['rejected'] }
  | { refused: HarborError };

const tooMany = (what: 'fixes' | 'lines') =>
  new HarborError(
    'too-large',
    'ingest.too-many-fixes',
    `at most ${MAX_INGEST_FIXES} ${what} per request`,
    { params: { max: MAX_INGEST_FIXES } },
  );

function fromJson(body: unknown): Parsed {
  const fixes = (body as { fixes?: unknown } | undefined)?.fixes;
  if (!Array.isArray(fixes)) return { refused: bodyExpected() };
  if (fixes.length > MAX_INGEST_FIXES) return { refused: tooMany('fixes') };
  const candidates: Candidate[] = [];
  const rejected: IngestResult['rejected'] = [];
  fixes.forEach((item, index) => {
    const result = IngestFixSchema.safeParse(item);
    if (result.success) candidates.push({ index, fix: result.data });
    else
      for (const [field, messages] of Object.entries(fieldErrorsOf(result.error.issues)))
        rejected.push({ index, field, message: messages.join('; ') });
  });
  return { candidates, rejected };
}

function fromNmea(body: string, deviceId: unknown): Parsed {
  if (typeof deviceId !== 'string' || deviceId === '') {
    return {
      refused: new HarborError(
        'invalid',
        'ingest.device-id-required',
        'NMEA ingest needs ?deviceId=',
      ),
    };
  }
  const lines = body.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length > MAX_INGEST_FIXES) return { refused: tooMany('lines') };
  const candidates: Candidate[] = [];
  const rejected: IngestResult['rejected'] = [];
  for (const [index, line] of lines.entries()) {
    const problem = (field: string, message: string) => rejected.push({ index, field, message });
    const result = decodeNmeaSentence(line);
    if (!result.ok) {
      problem(result.error.field, result.error.message);
      continue;
    }
    const p = result.position;
    // Only RMC carries the date a fix needs; GGA and VTG add nothing on their own.
    if (p.sentence !== 'RMC') {
      problem('sentence', `${p.sentence} has no date; send RMC`);
      continue;
    }
    if (!p.isValid || p.time === null || p.lat === null || p.lon === null) {
      problem('status', 'the receiver reports no valid fix');
      continue;
    }
    const fix = IngestFixSchema.safeParse({
      deviceId,
      time: p.time.toISOString(),
      lat: p.lat,
      lon: p.lon,
      ...(p.speedKnots === null ? {} : { speedKnots: p.speedKnots }),
      ...(p.courseDeg === null ? {} : { courseDeg: p.courseDeg % 360 }),
    });
    if (fix.success) candidates.push({ index, fix: fix.data });
    else problem('deviceId', fix.error.issues[0]?.message ?? 'invalid');
  }
  return { candidates, rejected };
}

/** Keeps the fixes the organization may send: its own registered devices; vessels only from port feeds. */
async function admit(
  deps: IngestDeps,
  organization: Organization,
  candidates: Candidate[],
  rejected: IngestResult['rejected'],
): Promise<{ fixes: Fix[]; result: IngestResult }> {
  const vehicleIds = [
    ...new Set(candidates.filter((c) => c.fix.assetKind === 'VEHICLE').map((c) => c.fix.deviceId)),
  ];
  const owners = await deps.devices.ownersOf(vehicleIds);
  const isPortFeed =
    organization.kind === 'PORT_AUTHORITY' || organization.kind === 'TERMINAL_OPERATOR';
  const receivedAt = deps.now();
  const fixes: Fix[] = [];
  for (const { index, fix } of candidates) {
    if (fix.assetKind === 'VEHICLE' && owners.get(fix.deviceId) !== organization.id) {
      rejected.push({
        index,
        field: 'deviceId',
        message: `device ${fix.deviceId} is not registered to your organization`,
      });
      continue;
    }
    if (fix.assetKind === 'VESSEL' && (!isPortFeed || !/^\d{9}$/.test(fix.deviceId))) {
      rejected.push({
        index,
        field: 'deviceId',
        message: 'vessel fixes come from port feeds, keyed by a 9-digit MMSI',
      });
      continue;
    }
    const speedKnots =
      fix.speedKnots ??
      (fix.speedKmh === undefined ? null : Math.round(kmhToKnots(fix.speedKmh) * 100) / 100);
    const candidate: Fix = {
      assetKind: fix.assetKind,
      assetKey: fix.deviceId,
      fixAt: new Date(fix.time),
      receivedAt,
      lat: fix.lat,
      lon: fix.lon,
      speedKnots,
      courseDeg: fix.courseDeg ?? null,
      headingDeg: fix.headingDeg ?? null,
      altitudeM: fix.altitudeM ?? null,
      status: fix.status ?? null,
      source: 'HTTP',
    };
    const problem = fixProblem(candidate);
    if (!problem) fixes.push(candidate);
    else if (problem.isTime) rejected.push({ index, field: 'time', message: problem.message });
    else rejected.push({ index, field: 'fix', message: 'not a valid position' });
  }
  rejected.sort((a, b) => a.index - b.index);
  return { fixes, result: { accepted: fixes.length, rejected } };
}
