import { z } from 'zod';
import { ZoneKindSchema } from './alerts.ts';
import { IdSchema } from './common.ts';
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
  /** The Chinese name, where the port's data gives one (shown in zh-CN). */
  nameZh: z.string().nullable().optional(),
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
  /** The Chinese name, where the port's data gives one (shown in zh-CN). */
  nameZh: z.string().nullable().optional(),
  kind: ZoneKindSchema,
  polygon: GeoJsonPolygonSchema,
  bbox: z.object({
    minLat: z.number(),
    minLon: z.number(),
    maxLat: z.number(),
    maxLon: z.number(),
  }),
  speedLimitKnots: z.number().nullable(),
});
export type Zone = z.infer<typeof ZoneSchema>;

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
