import { z } from 'zod';
import { IdSchema, IsoDateTime } from './common.ts';
import { VesselVisitSchema } from './vessel-visits.ts';

export const VesselsInPortSchema = z.object({
  counts: z.object({
    PLANNED: z.number().int(),
    APPROACHING: z.number().int(),
    AT_ANCHOR: z.number().int(),
    BERTHING: z.number().int(),
    BERTHED: z.number().int(),
    SHIFTING: z.number().int(),
  }),
  /** The calls in the port (every open status but PLANNED), by status then arrival. */
  visits: z.array(VesselVisitSchema),
});
export type VesselsInPort = z.infer<typeof VesselsInPortSchema>;

export const BerthOccupancySchema = z.array(
  z.object({
    terminalId: IdSchema,
    terminalCode: z.string(),
    berths: z.number().int(),
    occupied: z.number().int(),
    /** occupied / berths, 0 when the terminal has no berth. */
    ratio: z.number(),
  }),
);
export type BerthOccupancy = z.infer<typeof BerthOccupancySchema>;

const YardFigures = {
  capacitySlots: z.number().int(),
  occupiedSlots: z.number().int(),
  containers: z.number().int(),
  teu: z.number(),
  ratio: z.number(),
};

export const YardUtilisationSchema = z.array(
  z.object({
    terminalId: IdSchema,
    terminalCode: z.string(),
    ...YardFigures,
    blocks: z.array(z.object({ yardBlockId: IdSchema, code: z.string(), ...YardFigures })),
  }),
);
export type YardUtilisation = z.infer<typeof YardUtilisationSchema>;

export const GateMovesInput = z
  .object({ from: IsoDateTime, to: IsoDateTime, terminalId: IdSchema.optional() })
  .refine((range) => Date.parse(range.to) > Date.parse(range.from), {
    message: 'to is after from',
    params: { rule: 'to-after-from' },
    path: ['to'],
  })
  .refine((range) => Date.parse(range.to) - Date.parse(range.from) <= 7 * 86_400_000, {
    message: 'at most 7 days of hourly buckets',
    params: { rule: 'period-too-long' },
    path: ['to'],
  });
export type GateMovesInput = z.infer<typeof GateMovesInput>;

export const GateMovesSchema = z.array(
  z.object({
    terminalId: IdSchema,
    terminalCode: z.string(),
    /** One bucket per hour of the window (UTC hour start), empty hours included. */
    hours: z.array(
      z.object({ hour: IsoDateTime, gateIn: z.number().int(), gateOut: z.number().int() }),
    ),
    gateIn: z.number().int(),
    gateOut: z.number().int(),
  }),
);
export type GateMoves = z.infer<typeof GateMovesSchema>;

export const DwellInput = z.object({
  limitHours: z
    .number()
    .positive()
    .max(24 * 365)
    .default(72),
  terminalId: IdSchema.optional(),
  top: z.number().int().min(1).max(100).default(10),
});
export type DwellInput = z.infer<typeof DwellInput>;

export const DwellSchema = z.object({
  limitHours: z.number(),
  count: z.number().int(),
  /** The longest-staying containers first. */
  top: z.array(
    z.object({
      containerNumber: z.string(),
      terminalCode: z.string().nullable(),
      yardBlockCode: z.string().nullable(),
      arrivedAt: IsoDateTime,
      dwellHours: z.number(),
    }),
  ),
});
export type Dwell = z.infer<typeof DwellSchema>;
