import { z } from 'zod';
import { IdSchema, IsoDateTime } from './common.ts';

const MAX_PERIOD_MS = 31 * 86_400_000;

const period = {
  from: IsoDateTime,
  to: IsoDateTime,
};
const periodChecks = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) =>
  schema
    .refine((p) => Date.parse(p.to) > Date.parse(p.from), {
      message: 'to is after from',
      path: ['to'],
    })
    .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= MAX_PERIOD_MS, {
      message: 'a report covers at most 31 days',
      path: ['to'],
    });

export const VehicleReportsInput = periodChecks(
  z.object({ ...period, vehicleIds: z.array(IdSchema).min(1).max(500).optional() }),
);
export type VehicleReportsInput = z.infer<typeof VehicleReportsInput>;

export const VehicleReportInput = periodChecks(z.object({ ...period, vehicleId: IdSchema }));
export type VehicleReportInput = z.infer<typeof VehicleReportInput>;

/** The language of a CSV download's header row (the values are data, in no language). */
export const CsvLanguageSchema = z.enum(['en', 'zh-CN']).default('en');
export type CsvLanguage = z.infer<typeof CsvLanguageSchema>;

/** The CSV download's query string: the same period, as text, and the header's language. */
export const VehicleReportsCsvQuery = periodChecks(
  z.object({ ...period, lang: CsvLanguageSchema }),
);

export const VehicleSummarySchema = z.object({
  vehicleId: IdSchema,
  plate: z.string(),
  terminalPhone: z.string().nullable(),
  fixes: z.number().int(),
  distanceKm: z.number(),
  movingMinutes: z.number(),
  /** Not moving at all (below 3 km/h), ignition on or off. */
  stoppedMinutes: z.number(),
  /** Stationary with the ignition (ACC) on: the JT/T 808 status bit 0 of the location report. */
  idleMinutes: z.number(),
  tripCount: z.number().int(),
  stopCount: z.number().int(),
  jobs: z.number().int(),
  jobsDelivered: z.number().int(),
  jobsOnTime: z.number().int(),
  /** On time / delivered; null when nothing was delivered. */
  onTimeRate: z.number().nullable(),
});
export type VehicleSummary = z.infer<typeof VehicleSummarySchema>;

export const StopSchema = z.object({
  startAt: IsoDateTime,
  endAt: IsoDateTime,
  durationMinutes: z.number(),
  idleMinutes: z.number(),
  lat: z.number(),
  lon: z.number(),
  zoneCode: z.string().nullable(),
  zoneName: z.string().nullable(),
  /** The zone's Chinese name, where it has one. */
  zoneNameZh: z.string().nullable(),
});
export type Stop = z.infer<typeof StopSchema>;

export const TripSchema = z.object({
  startAt: IsoDateTime,
  endAt: IsoDateTime,
  durationMinutes: z.number(),
  distanceKm: z.number(),
  maxSpeedKmh: z.number(),
  fromZoneCode: z.string().nullable(),
  toZoneCode: z.string().nullable(),
});
export type Trip = z.infer<typeof TripSchema>;

export const VehicleReportSchema = VehicleSummarySchema.extend({
  from: IsoDateTime,
  to: IsoDateTime,
  trips: z.array(TripSchema),
  stops: z.array(StopSchema),
});
export type VehicleReport = z.infer<typeof VehicleReportSchema>;
