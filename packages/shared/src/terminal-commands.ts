import { z } from 'zod';
import { IdSchema, IsoDateTime, PageInput } from './common.ts';

/**
 * The terminal parameters Harbor reads and sets (JT/T 808 §8.8 parameter table, each a DWORD):
 * the heartbeat interval (0x0001), the default time reporting interval (0x0029), the speed
 * limit (0x0055) and how long past it counts as speeding (0x0056). Bounds keep a terminal
 * reachable and its reports useful: a 1-hour report interval is the most a tracked truck may
 * be left with.
 */
export const TerminalParametersSchema = z.object({
  heartbeatIntervalS: z.number().int().min(10).max(3_600).optional(),
  reportIntervalS: z.number().int().min(1).max(3_600).optional(),
  maxSpeedKmh: z.number().int().min(10).max(200).optional(),
  overspeedDurationS: z.number().int().min(0).max(3_600).optional(),
});
export type TerminalParameters = z.infer<typeof TerminalParametersSchema>;

export const TERMINAL_PARAMETER_NAMES = [
  'heartbeatIntervalS',
  'reportIntervalS',
  'maxSpeedKmh',
  'overspeedDurationS',
] as const satisfies readonly (keyof TerminalParameters)[];

/** What may be asked of a truck's terminal. */
export const TerminalCommandRequestSchema = z.discriminatedUnion('kind', [
  /** Its position now (0x8201). */
  z.object({ kind: z.literal('LOCATE') }),
  /** Its reporting parameters (0x8106). */
  z.object({ kind: z.literal('QUERY_PARAMETERS') }),
  /** New reporting parameters (0x8103): at least one. */
  z.object({
    kind: z.literal('SET_PARAMETERS'),
    parameters: TerminalParametersSchema.refine(
      (parameters) => Object.keys(parameters).length > 0,
      {
        message: 'give at least one parameter',
      },
    ),
  }),
  /** A photo from a camera channel now, uploaded at once (0x8801). */
  z.object({
    kind: z.literal('TAKE_PHOTO'),
    channelId: z.number().int().min(1).max(255).default(1),
  }),
  /** A restart of the terminal (0x8105 command 4), the one control command Harbor sends. */
  z.object({ kind: z.literal('RESET') }),
]);
export type TerminalCommandRequest = z.infer<typeof TerminalCommandRequestSchema>;
export type TerminalCommandKind = TerminalCommandRequest['kind'];

export const SendTerminalCommandInput = z.object({
  vehicleId: IdSchema,
  command: TerminalCommandRequestSchema,
  /** The truck's job a photo is for: the photos it brings prove the job. */
  jobId: IdSchema.optional(),
});
export type SendTerminalCommandInput = z.infer<typeof SendTerminalCommandInput>;

export const ListTerminalCommandsInput = PageInput.extend({ vehicleId: IdSchema });
export type ListTerminalCommandsInput = z.infer<typeof ListTerminalCommandsInput>;

/** What a terminal's answer carried, by command: a position, parameter values, photo ids. */
export const TerminalCommandAnswerSchema = z.object({
  position: z
    .object({
      fixAt: IsoDateTime,
      lat: z.number(),
      lon: z.number(),
      speedKmh: z.number(),
      directionDeg: z.number(),
      isPositioned: z.boolean(),
    })
    .optional(),
  parameters: TerminalParametersSchema.optional(),
  /** The terminal's ids of the photos it took; their uploads follow (vehicles.media). */
  mediaIds: z.array(z.number().int()).optional(),
});
export type TerminalCommandAnswer = z.infer<typeof TerminalCommandAnswerSchema>;

export const TerminalCommandStatusSchema = z.enum(['SENT', 'ANSWERED', 'FAILED']);
export type TerminalCommandStatus = z.infer<typeof TerminalCommandStatusSchema>;

export const TerminalCommandSchema = z.object({
  id: IdSchema,
  vehicleId: IdSchema,
  terminalPhone: z.string(),
  request: TerminalCommandRequestSchema,
  status: TerminalCommandStatusSchema,
  /** The answer's result (0 done, 1 failed, 2 message error, 3 not supported); null: none yet. */
  result: z.number().int().nullable(),
  answer: TerminalCommandAnswerSchema.nullable(),
  dispatchJobId: IdSchema.nullable(),
  createdAt: IsoDateTime,
  answeredAt: IsoDateTime.nullable(),
});
export type TerminalCommand = z.infer<typeof TerminalCommandSchema>;
