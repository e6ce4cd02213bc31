import { z } from 'zod';
import { ZoneKindSchema } from './alerts.ts';
import { IdSchema } from './common.ts';
import { isClosedRing, isSelfIntersecting } from './polygon.ts';
import { BoundingBoxSchema } from './positions.ts';

/** A GeoJSON Polygon (RFC 7946 §3.1.6): rings of [lon, lat] positions, the first the outer one. */
export const GeoJsonPolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(z.array(z.number()).min(2))),
});
export type GeoJsonPolygon = z.infer<typeof GeoJsonPolygonSchema>;

export const TerminalSchema = z.object({
  id: IdSchema,
  portId: IdSchema,
  code: z.string(),
  name: z.string(),
  /** The name in Chinese, where there is one (上海港 terminals' own names). */
  nameZh: z.string().nullable(),
  berthCount: z.number().int(),
  yardBlockCount: z.number().int(),
});
export type Terminal = z.infer<typeof TerminalSchema>;

export const BerthSchema = z.object({
  id: IdSchema,
  terminalId: IdSchema,
  terminalCode: z.string(),
  zoneId: IdSchema,
  code: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
  lengthM: z.number(),
  depthM: z.number(),
  polygon: GeoJsonPolygonSchema,
});
export type Berth = z.infer<typeof BerthSchema>;

export const ZoneSchema = z.object({
  id: IdSchema,
  portId: IdSchema,
  terminalId: IdSchema.nullable(),
  code: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
  kind: ZoneKindSchema,
  polygon: GeoJsonPolygonSchema,
  bbox: z.object({
    minLat: z.number(),
    minLon: z.number(),
    maxLat: z.number(),
    maxLon: z.number(),
  }),
  /** The posted limit for vessels. */
  speedLimitKnots: z.number().nullable(),
  /** The posted limit for trucks (JT/T 808 reports km/h). */
  speedLimitKmh: z.number().nullable(),
});
export type Zone = z.infer<typeof ZoneSchema>;

/**
 * The kinds of zone drawn on their own. Berths and yard blocks come with their berth or block
 * (lengths, slots), made with the terminal's layout, so their zones keep their kind.
 */
export const DRAWN_ZONE_KINDS = ZoneKindSchema.exclude(['BERTH', 'YARD_BLOCK']);
export type DrawnZoneKind = z.infer<typeof DRAWN_ZONE_KINDS>;

export const ZONE_RING_MIN_POINTS = 4;
export const ZONE_RING_MAX_POINTS = 1_000;

const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/**
 * A zone's outline as drawn: a GeoJSON Polygon with one ring (no holes) of 4 to 1,000
 * [lon, lat] positions, closed (the last repeats the first), that neither crosses nor touches
 * itself.
 */
export const ZonePolygonInput = z.object({
  type: z.literal('Polygon'),
  coordinates: z
    .tuple([z.array(LonLat).min(ZONE_RING_MIN_POINTS).max(ZONE_RING_MAX_POINTS)])
    .superRefine(([ring], context) => {
      if (!isClosedRing(ring))
        context.addIssue({
          code: 'custom',
          path: [0],
          message: 'the ring must end where it starts',
        });
      else if (isSelfIntersecting(ring))
        context.addIssue({ code: 'custom', path: [0], message: 'the outline crosses itself' });
    }),
});
export type ZonePolygonInput = z.infer<typeof ZonePolygonInput>;

const ZoneCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, ".", "_" or "-", at most 40');
const ZoneName = z.string().trim().min(1).max(100);
const SpeedLimitKnots = z.number().positive().max(100);
const SpeedLimitKmh = z.number().positive().max(200);

export const CreateZoneInput = z.object({
  code: ZoneCode,
  name: ZoneName,
  nameZh: ZoneName.nullable().default(null),
  kind: DRAWN_ZONE_KINDS,
  terminalId: IdSchema.nullable().default(null),
  polygon: ZonePolygonInput,
  speedLimitKnots: SpeedLimitKnots.nullable().default(null),
  speedLimitKmh: SpeedLimitKmh.nullable().default(null),
});
export type CreateZoneInput = z.infer<typeof CreateZoneInput>;

/** What is given changes; `null` clears an optional field. A berth's or yard block's zone keeps its kind. */
export const UpdateZoneInput = z.object({
  id: IdSchema,
  code: ZoneCode.optional(),
  name: ZoneName.optional(),
  nameZh: ZoneName.nullable().optional(),
  kind: DRAWN_ZONE_KINDS.optional(),
  terminalId: IdSchema.nullable().optional(),
  polygon: ZonePolygonInput.optional(),
  speedLimitKnots: SpeedLimitKnots.nullable().optional(),
  speedLimitKmh: SpeedLimitKmh.nullable().optional(),
});
export type UpdateZoneInput = z.infer<typeof UpdateZoneInput>;

export const ListBerthsInput = z.object({ terminalId: IdSchema.optional() });
export type ListBerthsInput = z.infer<typeof ListBerthsInput>;

export const ListZonesInput = z.object({
  kinds: z.array(ZoneKindSchema).min(1).optional(),
  terminalId: IdSchema.optional(),
  /** Zones whose bounding box overlaps this one. */
  bbox: BoundingBoxSchema.optional(),
});
export type ListZonesInput = z.infer<typeof ListZonesInput>;

/** The widest area `port.land` answers for, in degrees of latitude and of longitude. */
export const LAND_MAX_SPAN_DEG = 10;

export const LandInput = z.object({
  bbox: BoundingBoxSchema.refine(
    (box) =>
      box.maxLat - box.minLat <= LAND_MAX_SPAN_DEG && box.maxLon - box.minLon <= LAND_MAX_SPAN_DEG,
    { message: `the area may span at most ${LAND_MAX_SPAN_DEG} degrees each way` },
  ),
});
export type LandInput = z.infer<typeof LandInput>;

/** Land within an area, clipped to it: GeoJSON polygons (outer ring, then any holes). */
export const LandSchema = z.array(GeoJsonPolygonSchema);

/**
 * The fairway network of a port: waypoints and the legs between them that ships follow from
 * the sea to the terminals. A predicted arrival is the distance along it, not the straight line.
 */
export const FairwayNetworkSchema = z
  .object({
    nodes: z
      .array(
        z.object({
          id: z.string().min(1).max(40),
          lon: z.number().min(-180).max(180),
          lat: z.number().min(-90).max(90),
        }),
      )
      .min(2),
    legs: z.array(z.tuple([z.string(), z.string()])).min(1),
  })
  .superRefine((network, context) => {
    const ids = new Set(network.nodes.map((node) => node.id));
    network.legs.forEach((leg, i) => {
      for (const id of leg)
        if (!ids.has(id))
          context.addIssue({ code: 'custom', path: ['legs', i], message: `no node ${id}` });
    });
  });
export type FairwayNetwork = z.infer<typeof FairwayNetworkSchema>;
