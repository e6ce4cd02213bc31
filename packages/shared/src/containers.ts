import { z } from 'zod';
import { IdSchema, IsoDateTime } from './common.ts';
import { ContainerNumberSchema } from './iso6346.ts';

/** DCSA equipmentEventTypeCode, plus PICK/DROP for yard moves inside a terminal. */
export const EquipmentEventTypeSchema = z.enum([
  'LOAD',
  'DISC',
  'GTIN',
  'GTOT',
  'STUF',
  'STRP',
  'PICK',
  'DROP',
  'INSP',
  'RSEA',
  'RMVD',
]);
export const EventClassifierSchema = z.enum(['PLN', 'EST', 'ACT']);
export const EmptyIndicatorSchema = z.enum(['EMPTY', 'LADEN']);

export const EquipmentEventSchema = z.object({
  id: IdSchema,
  eventType: EquipmentEventTypeSchema,
  eventClassifier: EventClassifierSchema,
  emptyIndicator: EmptyIndicatorSchema,
  eventAt: IsoDateTime,
  eventCreatedAt: IsoDateTime,
  terminalId: IdSchema.nullable(),
  yardBlockId: IdSchema.nullable(),
  bay: z.number().int().nullable(),
  row: z.number().int().nullable(),
  tier: z.number().int().nullable(),
  vesselVisitId: IdSchema.nullable(),
  vehicleId: IdSchema.nullable(),
  dispatchJobId: IdSchema.nullable(),
});
export type EquipmentEvent = z.infer<typeof EquipmentEventSchema>;

export const ContainerSchema = z.object({
  id: IdSchema,
  number: z.string(),
  isoSizeType: z.string(),
  tareKg: z.number().int().nullable(),
  maxGrossKg: z.number().int().nullable(),
  events: z.array(EquipmentEventSchema),
});
export type Container = z.infer<typeof ContainerSchema>;

export const GetContainerInput = z.object({ number: ContainerNumberSchema });
export type GetContainerInput = z.infer<typeof GetContainerInput>;
