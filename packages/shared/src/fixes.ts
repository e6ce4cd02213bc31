import { z } from 'zod';
import { fixTimeProblem } from './fix-time.ts';

export const AssetKindSchema = z.enum(['VESSEL', 'VEHICLE']);
export type AssetKind = z.infer<typeof AssetKindSchema>;

/**
 * The ids made so far, by kind and key. Every stage of the pipeline keys its state by asset id,
 * several times a fix; handing out the same string each time spares building, flattening and
 * hashing a new one per lookup (docs/benchmarks.md, issue 20). Bounded: cleared when full, so
 * a feed of ever new MMSIs costs a rebuild, not memory.
 */
const madeIds: Record<AssetKind, Map<string, string>> = { VESSEL: new Map(), VEHICLE: new Map() };
const MADE_IDS_KEPT = 2_000_000;

/** The one string that names an asset, `VESSEL:412000001`: the key of the caches, hubs and the map's store. */
export function assetId(kind: AssetKind, assetKey: string): string {
  const made = madeIds[kind] as Map<string, string> | undefined;
  // A kind the types do not know (data from an older or newer peer): named all the same.
  if (!made) return `${kind}:${assetKey}`;
  let id = made.get(assetKey);
  if (id === undefined) {
    if (made.size >= MADE_IDS_KEPT) made.clear();
    id = `${kind}:${assetKey}`;
    made.set(assetKey, id);
  }
  return id;
}

export const FixSourceSchema = z.enum(['AIS', 'JT808', 'HTTP', 'SIM']);
export type FixSource = z.infer<typeof FixSourceSchema>;

/**
 * One normalised position, whatever protocol brought it. The asset key is the MMSI for a
 * vessel and the device's terminal phone number (or HTTP device id) for a vehicle.
 */
export const FixSchema = z
  .object({
    assetKind: AssetKindSchema,
    assetKey: z
      .string()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9_-]+$/, 'asset key is letters, digits, - and _'),
    /** When the position was taken (the device's clock). */
    fixAt: z.date(),
    /** When Harbor received it. */
    receivedAt: z.date(),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    speedKnots: z.number().min(0).max(1000).nullable(),
    courseDeg: z.number().min(0).lt(360).nullable(),
    headingDeg: z.number().min(0).lt(360).nullable(),
    altitudeM: z.number().min(-1000).max(100_000).nullable(),
    /** AIS navigational status or vehicle status, as text. */
    status: z.string().max(64).nullable(),
    source: FixSourceSchema,
  })
  // A fix from the future is refused wherever a fix is checked (fix-time.ts).
  .superRefine((fix, context) => {
    const problem = fixTimeProblem(fix.fixAt, fix.receivedAt);
    if (problem)
      context.addIssue({
        code: 'custom',
        path: ['fixAt'],
        message: problem,
        params: { rule: 'fix-time' },
      });
  });
export type Fix = z.infer<typeof FixSchema>;

const ASSET_KEY = /^[A-Za-z0-9_-]+$/;
const isIn = (value: number, min: number, max: number) =>
  typeof value === 'number' && value >= min && value <= max;
const isNullableIn = (value: number | null, min: number, max: number) =>
  value === null || isIn(value, min, max);
const isNullableAngle = (value: number | null) =>
  value === null || (typeof value === 'number' && value >= 0 && value < 360);
const isDate = (value: Date) => value instanceof Date && !Number.isNaN(value.getTime());

/**
 * FixSchema's rules, checked in place: the gateways ask them of every fix they make, tens of
 * thousands a second, where a parse that copies each fix cost a microsecond of CPU and its
 * garbage (docs/benchmarks.md, issue 20). A fix this passes FixSchema passes too
 * (fixes.test.ts checks the two agree on every rule's edges); one it fails goes to FixSchema
 * for the message.
 */
export function meetsFixSchema(fix: Fix): boolean {
  return (
    (fix.assetKind === 'VEHICLE' || fix.assetKind === 'VESSEL') &&
    typeof fix.assetKey === 'string' &&
    fix.assetKey.length >= 1 &&
    fix.assetKey.length <= 32 &&
    ASSET_KEY.test(fix.assetKey) &&
    isDate(fix.fixAt) &&
    isDate(fix.receivedAt) &&
    isIn(fix.lat, -90, 90) &&
    isIn(fix.lon, -180, 180) &&
    isNullableIn(fix.speedKnots, 0, 1000) &&
    isNullableAngle(fix.courseDeg) &&
    isNullableAngle(fix.headingDeg) &&
    isNullableIn(fix.altitudeM, -1000, 100_000) &&
    (fix.status === null || (typeof fix.status === 'string' && fix.status.length <= 64)) &&
    (fix.source === 'AIS' ||
      fix.source === 'JT808' ||
      fix.source === 'HTTP' ||
      fix.source === 'SIM') &&
    fixTimeProblem(fix.fixAt, fix.receivedAt) === null
  );
}

/**
 * Why a fix may not be stored, by FixSchema: `isTime` when its time is the problem
 * (fix-time.ts: from the future, before GPS, no time at all), with the schema's message; null
 * when it may be stored. What every gateway asks of the fixes it makes.
 */
export function fixProblem(fix: Fix): { isTime: boolean; message: string } | null {
  if (meetsFixSchema(fix)) return null;
  const result = FixSchema.safeParse(fix);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return { isTime: issue?.path[0] === 'fixAt', message: issue?.message ?? 'not a valid fix' };
}
