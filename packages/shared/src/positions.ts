import { z } from 'zod';
import { IsoDateTime } from './common.ts';
import { AssetKindSchema, FixSourceSchema } from './fixes.ts';

export const BoundingBoxSchema = z
  .object({
    minLat: z.number().min(-90).max(90),
    minLon: z.number().min(-180).max(180),
    maxLat: z.number().min(-90).max(90),
    maxLon: z.number().min(-180).max(180),
  })
  .refine((box) => box.minLat <= box.maxLat, {
    message: 'minLat is above maxLat',
    path: ['minLat'],
  })
  .refine((box) => box.minLon <= box.maxLon, {
    message: 'minLon is east of maxLon',
    path: ['minLon'],
  });

export type BoundingBox = z.infer<typeof BoundingBoxSchema>;

export const ViewportInput = z.object({
  bbox: BoundingBoxSchema,
  assetKinds: z.array(AssetKindSchema).min(1).default(['VESSEL', 'VEHICLE']),
  limit: z.number().int().min(1).max(50_000).default(20_000),
});
export type ViewportInput = z.infer<typeof ViewportInput>;

export const PositionSchema = z.object({
  assetKind: AssetKindSchema,
  assetKey: z.string(),
  fixAt: IsoDateTime,
  lat: z.number(),
  lon: z.number(),
  speedKnots: z.number().nullable(),
  courseDeg: z.number().nullable(),
  headingDeg: z.number().nullable(),
  status: z.string().nullable(),
  source: FixSourceSchema,
});
export type Position = z.infer<typeof PositionSchema>;

const TimeRange = z.object({
  assetKind: AssetKindSchema,
  assetKey: z.string().min(1).max(32),
  from: IsoDateTime,
  to: IsoDateTime,
});
const fromBeforeTo = (input: { from: string; to: string }) =>
  Date.parse(input.from) < Date.parse(input.to);
const FROM_BEFORE_TO = { message: 'from must be before to', path: ['from'] };

export const TrackInput = TimeRange.extend({
  maxPoints: z.number().int().min(2).max(20_000).default(5_000),
}).refine(fromBeforeTo, FROM_BEFORE_TO);
export type TrackInput = z.infer<typeof TrackInput>;

/** A stored track played back as it happened, `speed` times faster than real time. */
export const ReplayInput = TimeRange.extend({
  speed: z.number().min(1).max(10_000).default(60),
}).refine(fromBeforeTo, FROM_BEFORE_TO);
export type ReplayInput = z.infer<typeof ReplayInput>;

/** At most one update per asset per `intervalMs` reaches a live subscriber. */
const Throttle = z.number().int().min(100).max(60_000).default(1_000);

export const LiveViewportInput = ViewportInput.extend({ intervalMs: Throttle });
export type LiveViewportInput = z.infer<typeof LiveViewportInput>;

export const LiveAssetInput = z.object({
  assetKind: AssetKindSchema,
  assetKey: z.string().min(1).max(32),
  intervalMs: Throttle,
});
export type LiveAssetInput = z.infer<typeof LiveAssetInput>;
