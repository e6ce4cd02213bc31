import { z } from 'zod';
import { IdSchema, IsoDateTime, OptionalText, PageInput } from './common.ts';
import { AssetKindSchema } from './fixes.ts';

export const AlertKindSchema = z.enum([
  'AIS_SILENCE',
  'SPEEDING',
  'RESTRICTED_AREA',
  'DWELL',
  'ROUTE_DEVIATION',
  'COLLISION_RISK',
  'ANCHOR_DRAG',
]);
export type AlertKind = z.infer<typeof AlertKindSchema>;

export const AlertSeveritySchema = z.enum(['INFO', 'WARNING', 'CRITICAL']);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

export const ZoneKindSchema = z.enum([
  'BERTH',
  'YARD_BLOCK',
  'GATE',
  'GATE_APPROACH',
  'ANCHORAGE',
  'FAIRWAY',
  'APPROACH',
  'PILOT_BOARDING',
  'RESTRICTED_AREA',
  'DEPOT',
  'WAREHOUSE',
]);
export type ZoneKind = z.infer<typeof ZoneKindSchema>;

const AssetKinds = z.array(AssetKindSchema).min(1);
const ZoneKinds = z.array(ZoneKindSchema).min(1);

/** A vessel under way (AIS status 0 or 8, or moving with no status) not heard for `silenceMinutes`. */
export const AisSilenceParams = z.object({
  silenceMinutes: z.number().int().min(1).max(1440),
});

/**
 * The zones a rule watches: those listed by id, and those of the listed kinds. A rule names
 * one or the other or both.
 */
const ZoneTargets = {
  zoneIds: z.array(IdSchema).min(1).max(200).optional(),
  zoneKinds: ZoneKinds.optional(),
};
const namesZones = (params: {
  zoneIds?: string[] | undefined;
  zoneKinds?: ZoneKind[] | undefined;
}) => params.zoneIds !== undefined || params.zoneKinds !== undefined;
const NAME_ZONES = { message: 'name zones or zone kinds', path: ['zoneKinds'] };

/** Whether a rule's settings watch this zone: listed by id, or of a listed kind. */
export function watchesZone(
  params: { zoneIds?: readonly string[] | undefined; zoneKinds?: readonly ZoneKind[] | undefined },
  zone: { id: string; kind: string },
): boolean {
  return (
    (params.zoneIds?.includes(zone.id) ?? false) ||
    (params.zoneKinds?.includes(zone.kind as ZoneKind) ?? false)
  );
}

/**
 * Faster than a limit inside the rule's zones: the rule's own limit if it has one, else the
 * zone's posted one (zones without one are not checked). Vessels in knots (`limitKnots`, the
 * zone's `speedLimitKnots`), trucks in km/h as their terminals report (`limitKmh`, the zone's
 * `speedLimitKmh`).
 */
export const SpeedingParams = z
  .object({
    ...ZoneTargets,
    assetKinds: AssetKinds.default(['VESSEL', 'VEHICLE']),
    limitKnots: z.number().positive().max(100).optional(),
    limitKmh: z.number().positive().max(200).optional(),
  })
  .refine(namesZones, NAME_ZONES);

/** Entering the rule's zones; with none named, the restricted areas. */
export const RestrictedAreaParams = z
  .object({ ...ZoneTargets, assetKinds: AssetKinds.default(['VESSEL', 'VEHICLE']) })
  .transform((params) =>
    namesZones(params) ? params : { ...params, zoneKinds: ['RESTRICTED_AREA' as const] },
  );

/** Staying longer than `maxMinutes` inside the rule's zones (a gate, a berth). */
export const DwellParams = z
  .object({
    ...ZoneTargets,
    assetKinds: AssetKinds.default(['VESSEL', 'VEHICLE']),
    maxMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 1440),
  })
  .refine(namesZones, NAME_ZONES);

/**
 * AIS ship and cargo types (ITU-R M.1371-5 table 53) of harbour craft: 31-33 towing and
 * dredging, 50-59 pilot, SAR, tugs, port tenders, law enforcement and the like. They work
 * alongside ships all day, so a pair with one of them is not an encounter.
 */
export const HARBOUR_CRAFT_SHIP_TYPES: readonly number[] = [
  31, 32, 33, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
];

/**
 * Two ships whose closest point of approach (CPA) is under `cpaNm` within the next
 * `tcpaMinutes`, both inside zones of the given kinds and at most `rangeNm` apart, at least
 * one of them making `minSpeedKnots` or more. Pairs with a ship of an excluded AIS type
 * (harbour craft by default) and pairs both at a berth or moored are not encounters.
 */
export const CollisionRiskParams = z.object({
  cpaNm: z.number().positive().max(5).default(0.5),
  tcpaMinutes: z.number().positive().max(120).default(20),
  rangeNm: z.number().min(0.5).max(24).default(6),
  minSpeedKnots: z.number().min(0).max(30).default(1),
  zoneKinds: ZoneKinds.default(['APPROACH', 'FAIRWAY', 'ANCHORAGE']),
  excludedShipTypes: z
    .array(z.number().int().min(0).max(99))
    .max(100)
    .default([...HARBOUR_CRAFT_SHIP_TYPES]),
});
export type CollisionRiskParams = z.infer<typeof CollisionRiskParams>;

/**
 * A ship reporting AIS status "at anchor" that makes more than `dragKnots` for
 * `consecutiveReports` reports in a row, or is found more than `swingRadiusM` from where it
 * brought up (its first report at anchor at or below `dragKnots`). The ship swings round its
 * anchor and it brought up at the edge of that circle, so the radius should allow the whole
 * swing: up to twice the chain out plus the ship's length.
 */
export const AnchorDragParams = z.object({
  dragKnots: z.number().min(0.2).max(5).default(1),
  consecutiveReports: z.number().int().min(1).max(20).default(3),
  swingRadiusM: z.number().min(50).max(5_000).default(500),
});
export type AnchorDragParams = z.infer<typeof AnchorDragParams>;

/** A rule's settings, one shape per kind (route deviation has no rule yet). */
export const AlertRuleParamsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('AIS_SILENCE'), params: AisSilenceParams }),
  z.object({ kind: z.literal('SPEEDING'), params: SpeedingParams }),
  z.object({ kind: z.literal('RESTRICTED_AREA'), params: RestrictedAreaParams }),
  z.object({ kind: z.literal('DWELL'), params: DwellParams }),
  z.object({ kind: z.literal('COLLISION_RISK'), params: CollisionRiskParams }),
  z.object({ kind: z.literal('ANCHOR_DRAG'), params: AnchorDragParams }),
]);
export type AlertRuleParams = z.infer<typeof AlertRuleParamsSchema>;
export type RuleKind = AlertRuleParams['kind'];

export const AlertRuleSchema = z.intersection(
  z.object({
    id: IdSchema,
    organizationId: IdSchema,
    name: z.string(),
    /** The name in Chinese, where it has one; the web shows it in zh-CN. */
    nameZh: z.string().nullable(),
    enabled: z.boolean(),
    severity: AlertSeveritySchema,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  }),
  AlertRuleParamsSchema,
);
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export const CreateAlertRuleInput = z.intersection(
  z.object({
    /** Defaults to the caller's own organization. */
    organizationId: IdSchema.optional(),
    name: z.string().trim().min(1).max(100),
    nameZh: z.string().trim().min(1).max(100).optional(),
    enabled: z.boolean().default(true),
    severity: AlertSeveritySchema.default('WARNING'),
  }),
  AlertRuleParamsSchema,
);
export type CreateAlertRuleInput = z.infer<typeof CreateAlertRuleInput>;

/** Name, severity and on/off change freely; new settings must fit the rule's kind. */
export const UpdateAlertRuleInput = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(100).optional(),
  /** null takes the Chinese name away. */
  nameZh: z.string().trim().min(1).max(100).nullable().optional(),
  enabled: z.boolean().optional(),
  severity: AlertSeveritySchema.optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateAlertRuleInput = z.infer<typeof UpdateAlertRuleInput>;

/**
 * The alert's asset as people know it, resolved when the alert is read: a truck by its plate
 * (its terminal's vehicle), a ship by its name (curated, else from AIS) and MMSI. `key` is
 * what fixes carry (a terminal phone, an MMSI); the names are null when Harbor knows none.
 */
export const AlertAssetSchema = z.object({
  kind: AssetKindSchema,
  key: z.string(),
  /** A truck's licence plate, e.g. 沪DF00012. */
  plate: z.string().nullable(),
  /** A ship's name. */
  name: z.string().nullable(),
  /** A ship's MMSI. */
  mmsi: z.string().nullable(),
});
export type AlertAsset = z.infer<typeof AlertAssetSchema>;

/** A zone or rule as an alert names it, in English and, where it has one, Chinese. */
const NamedSchema = z.object({ id: IdSchema, name: z.string(), nameZh: z.string().nullable() });

export const AlertSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema.nullable(),
  ruleId: IdSchema.nullable(),
  kind: AlertKindSchema,
  severity: AlertSeveritySchema,
  assetKind: AssetKindSchema.nullable(),
  assetKey: z.string().nullable(),
  zoneId: IdSchema.nullable(),
  /** The api's English sentence, for API users; the web renders `kind`, `data` and the names. */
  message: z.string(),
  /**
   * The figures of the alert, by kind (apps/api/src/domains/alerts/engine.ts and safety/):
   * speeds in knots (`speedKnots`, `limitKnots`), and a truck's also in km/h (`speedKmh`,
   * `limitKmh`) since alerts raised after 2026-12.
   */
  data: z.record(z.string(), z.unknown()).nullable(),
  raisedAt: IsoDateTime,
  acknowledgedAt: IsoDateTime.nullable(),
  acknowledgedById: IdSchema.nullable(),
  asset: AlertAssetSchema.nullable(),
  zone: NamedSchema.extend({ code: z.string() }).nullable(),
  rule: NamedSchema.nullable(),
  acknowledgedBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  acknowledgeComment: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

/** The most alerts one acknowledgement takes. */
export const MAX_ACKNOWLEDGE_ALERTS = 500;

/** Alerts acknowledged together, with what the person acknowledging says (handled how). */
export const AcknowledgeAlertsInput = z.object({
  ids: z.array(IdSchema).min(1).max(MAX_ACKNOWLEDGE_ALERTS),
  comment: OptionalText(500),
});
export type AcknowledgeAlertsInput = z.infer<typeof AcknowledgeAlertsInput>;

export const AcknowledgeAlertsResult = z.object({
  /** The alerts this call acknowledged, as they now are. */
  acknowledged: z.array(AlertSchema),
  /** Ids of those someone had acknowledged before. */
  alreadyAcknowledged: z.array(IdSchema),
});
export type AcknowledgeAlertsResult = z.infer<typeof AcknowledgeAlertsResult>;

/**
 * The alerts screen showed the user alerts raised until `upTo` (the newest one's `raisedAt`):
 * those are read. Without it, what was raised until the api takes the call. The screen says
 * what it showed, so a call that reaches the api late marks nothing raised after the user left.
 */
export const MarkAlertsSeenInput = z.object({ upTo: IsoDateTime.optional() }).optional();
export type MarkAlertsSeenInput = z.infer<typeof MarkAlertsSeenInput>;

/** Alerts the user may see, raised since they last opened the alerts and not acknowledged. */
export const UnreadAlertsSchema = z.object({ count: z.number().int().min(0) });

export const ListAlertsInput = PageInput.extend({
  kind: AlertKindSchema.optional(),
  acknowledged: z.boolean().optional(),
  assetKind: AssetKindSchema.optional(),
  assetKey: z.string().min(1).max(32).optional(),
  /** Port authority staff may look at another organization's alerts. */
  organizationId: IdSchema.optional(),
});
export type ListAlertsInput = z.infer<typeof ListAlertsInput>;
