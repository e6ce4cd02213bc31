import { z } from 'zod';
import { IdSchema } from './common.ts';
import { CsvLanguageSchema } from './reports.ts';

/**
 * Port KPIs per terminal and per day of the port (its own time zone, Port.timezone), computed
 * from the stored port-call events (PortCallEvent), so any past period can be recomputed. The
 * definitions are in apps/api/src/domains/visits/kpis.ts and docs/architecture.md.
 */

/** The longest period asked at once, in days. */
export const PORT_KPIS_MAX_DAYS = 92;
/** A berthing within this many hours of the planned arrival (eta) is on time, by default. */
export const PORT_KPIS_ON_TIME_HOURS = 2;

const DAY_MS = 86_400_000;

/** A calendar day of the port, `2026-11-25`. */
export const LocalDate = z.iso.date({ message: 'expected a date, YYYY-MM-DD' });

/** Days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

/** The period's rules, for the procedure's input and the CSV query alike. */
const periodChecks = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) =>
  schema
    .refine((period) => period.to >= period.from, {
      message: 'to is not before from',
      params: { rule: 'to-after-from' },
      path: ['to'],
    })
    .refine((period) => daysBetween(period.from, period.to) <= PORT_KPIS_MAX_DAYS, {
      message: `at most ${PORT_KPIS_MAX_DAYS} days`,
      params: { rule: 'period-too-long' },
      path: ['to'],
    });

const onTimeWindowHours = z.number().positive().max(48);

export const PortKpisInput = periodChecks(
  z.object({
    /** The first day, in the port's time zone. */
    from: LocalDate,
    /** The last day, counted too. */
    to: LocalDate,
    terminalId: IdSchema.optional(),
    /** A call is on time when it berths within ± this many hours of its eta. */
    onTimeWindowHours: onTimeWindowHours.default(PORT_KPIS_ON_TIME_HOURS),
  }),
);
export type PortKpisInput = z.infer<typeof PortKpisInput>;

/** The CSV download's query string: the same fields as text (`onTimeWindowHours=2`). */
export const PortKpisCsvQuery = periodChecks(
  z.object({
    from: LocalDate,
    to: LocalDate,
    terminalId: IdSchema.optional(),
    onTimeWindowHours: z.coerce.number().pipe(onTimeWindowHours).default(PORT_KPIS_ON_TIME_HOURS),
    lang: CsvLanguageSchema,
  }),
);

const hours = z.number().nonnegative();
const share = z.number().min(0).max(1);

/** The figures of a terminal over a day, or over the period, or of every terminal shown. */
export const PortKpiFiguresSchema = z.object({
  /** The terminal's berths (summed over terminals in the total). */
  berths: z.number().int(),
  /** Calls that arrived (ARRIVED: entered the approach area or an anchorage). */
  arrivals: z.number().int(),
  /** Calls whose first berthing falls here: the calls per day. */
  berthings: z.number().int(),
  /** Waiting at anchor before the first berthing, summed over those calls. */
  anchorageWaitHours: hours,
  /** anchorageWaitHours / berthings; null without berthings. */
  meanAnchorageWaitHours: hours.nullable(),
  /** Time at the terminal's berths (BERTHED to the next UNBERTHED), clipped to the day. */
  berthHours: hours,
  /** Calls that were at one of the terminal's berths for some of the time. */
  callsAtBerth: z.number().int(),
  /**
   * berthHours / (berths × the hours of the day gone by); null when none has. Above 1 only
   * when ships share a berth.
   */
  occupancy: z.number().nonnegative().nullable(),
  /** Calls that left their last berth here and have departed. */
  departures: z.number().int(),
  /** Port turnaround, ARRIVED to the last UNBERTHED, averaged over the departures. */
  meanTurnaroundHours: hours.nullable(),
  /** Berthings of calls with a planned arrival (eta). */
  scheduledCalls: z.number().int(),
  /** Of those, berthed within the on-time window of their eta. */
  onTimeCalls: z.number().int(),
  /** onTimeCalls / scheduledCalls; null without scheduled calls. */
  onTimeShare: share.nullable(),
  /** Mean of |first berthing − eta| over the scheduled calls. */
  meanAbsDeviationHours: hours.nullable(),
});
export type PortKpiFigures = z.infer<typeof PortKpiFiguresSchema>;

const terminal = { terminalId: IdSchema, terminalCode: z.string() };

export const PortKpisSchema = z.object({
  from: LocalDate,
  to: LocalDate,
  onTimeWindowHours: z.number(),
  /** One row per terminal and day, terminals by code, days in order; empty days included. */
  rows: z.array(z.object({ ...terminal, date: LocalDate, ...PortKpiFiguresSchema.shape })),
  /** Each terminal over the whole period. */
  terminals: z.array(
    z.object({ ...terminal, timezone: z.string(), ...PortKpiFiguresSchema.shape }),
  ),
  /** Every terminal shown, over the whole period. */
  total: PortKpiFiguresSchema,
});
export type PortKpis = z.infer<typeof PortKpisSchema>;
export type PortKpiRow = PortKpis['rows'][number];
