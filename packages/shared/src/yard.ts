import { z } from 'zod';
import { IdSchema } from './common.ts';
import { EmptyIndicatorSchema } from './containers.ts';

/**
 * Yard figures. A slot is one 20-ft ground position at one tier, so capacity in slots equals
 * capacity in TEU (bays × rows × tiers); a 40/45-ft unit occupies two slots (2 TEU).
 */
const YardFigures = {
  capacityTeu: z.number().int(),
  occupiedTeu: z.number().int(),
  containers: z.number().int(),
  /** occupiedTeu / capacityTeu, 0..1 */
  utilisation: z.number(),
};

export const YardBlocksInput = z.object({ terminalId: IdSchema });
export type YardBlocksInput = z.infer<typeof YardBlocksInput>;

export const YardBlockSummarySchema = z.object({
  id: IdSchema,
  terminalId: IdSchema,
  code: z.string(),
  bays: z.number().int(),
  rows: z.number().int(),
  tiers: z.number().int(),
  /** Ground positions (bays × rows): the 20-ft stacks of the block. */
  groundSlots: z.number().int(),
  ...YardFigures,
});
export type YardBlockSummary = z.infer<typeof YardBlockSummarySchema>;

export const YardBlockInput = z.object({ yardBlockId: IdSchema });
export type YardBlockInput = z.infer<typeof YardBlockInput>;

/** One occupied 20-ft slot; a 40-ft unit appears twice (its first bay has `isFirstBay`). */
export const YardSlotViewSchema = z.object({
  bay: z.number().int(),
  row: z.number().int(),
  tier: z.number().int(),
  /**
   * Null when the slot holds a container the caller may not see (another organization's):
   * the slot shows as occupied, its size drawn, its number and empty/laden state withheld.
   */
  containerNumber: z.string().nullable(),
  isoSizeType: z.string(),
  lengthFeet: z.number().int(),
  emptyIndicator: EmptyIndicatorSchema.nullable(),
  isFirstBay: z.boolean(),
});
export type YardSlotView = z.infer<typeof YardSlotViewSchema>;

export const YardBlockGridSchema = z.object({
  block: YardBlockSummarySchema,
  slots: z.array(YardSlotViewSchema),
});
export type YardBlockGrid = z.infer<typeof YardBlockGridSchema>;

export const FreeSlotsInput = z
  .object({
    yardBlockId: IdSchema.optional(),
    terminalId: IdSchema.optional(),
    lengthFeet: z.union([z.literal(20), z.literal(40), z.literal(45)]),
    limit: z.number().int().min(1).max(500).default(20),
  })
  .refine((input) => input.yardBlockId || input.terminalId, {
    message: 'give yardBlockId or terminalId',
    params: { rule: 'block-or-terminal' },
    path: ['yardBlockId'],
  });
export type FreeSlotsInput = z.infer<typeof FreeSlotsInput>;

export const FreeSlotSchema = z.object({
  yardBlockId: IdSchema,
  yardBlockCode: z.string(),
  bay: z.number().int(),
  row: z.number().int(),
  tier: z.number().int(),
});
export type FreeSlot = z.infer<typeof FreeSlotSchema>;

export const YardOccupancyInput = z.object({ terminalId: IdSchema.optional() });
export type YardOccupancyInput = z.infer<typeof YardOccupancyInput>;

export const YardOccupancySchema = z.array(
  z.object({
    terminalId: IdSchema,
    terminalCode: z.string(),
    ...YardFigures,
    blocks: z.array(z.object({ yardBlockId: IdSchema, code: z.string(), ...YardFigures })),
  }),
);
export type YardOccupancy = z.infer<typeof YardOccupancySchema>;
