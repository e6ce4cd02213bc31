import { z } from 'zod';
import { IdSchema, IsoDateTime } from './common.ts';

/** A JT/T 809 DWORD field: 0 to 4,294,967,295. */
const Dword = z.number().int().min(0).max(0xffff_ffff);
/** An IPv4 address in dotted form, or a host name. */
const Host = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9.-]+$/, { message: 'a host name or IPv4 address' });
const Port = z.number().int().min(1).max(65_535);

export const Jt809EditionSchema = z.enum(['JT809_2011', 'JT809_2019']);
export type Jt809Edition = z.infer<typeof Jt809EditionSchema>;

/** The body cipher's constants and key (M1, IA1, IC1 and ENCRYPT_KEY), as the superior platform assigns them. */
export const Jt809EncryptionSchema = z.object({
  m1: Dword,
  ia1: Dword,
  ic1: Dword,
  key: Dword,
});

/**
 * A company's link to its supervision platform, as an administrator sets it. The password and
 * the cipher's settings are written, never read back: leave them out to keep what is stored.
 */
export const SaveSupervisionLinkInput = z.object({
  enabled: z.boolean(),
  edition: Jt809EditionSchema,
  host: Host,
  port: Port,
  userId: Dword,
  /** PASSWORD: 8 bytes on the wire. */
  password: z.string().min(1).max(8).optional(),
  /** MSG_GNSSCENTERID: the access code. */
  gnssCenterId: Dword,
  /** Harbor's platform id in vehicle registrations: 11 characters. */
  platformId: z.string().trim().min(1).max(11),
  /** DOWN_LINK_IP: the address the superior platform connects the sub link to (IPv4, 32 bytes on the wire). */
  downLinkIp: z
    .string()
    .trim()
    .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, { message: 'an IPv4 address' })
    .refine((ip) => ip.split('.').every((octet) => Number(octet) <= 255), {
      message: 'an IPv4 address',
    }),
  downLinkPort: Port,
  /** The cipher's settings; null turns encryption off, leaving it out keeps what is stored. */
  encryption: Jt809EncryptionSchema.nullable().optional(),
});
export type SaveSupervisionLinkInput = z.infer<typeof SaveSupervisionLinkInput>;

/** What went wrong on a link last, as the status page names it. */
export const SupervisionLinkErrorCodeSchema = z.enum([
  /** The superior platform refused the login (the detail names the 0x1002 result). */
  'login-refused',
  /** No login answer came in time (the connection or the 0x1002). */
  'login-unanswered',
  'main-link-error',
  'sub-link-error',
  /** The sub-link server could not listen (its port taken). */
  'sub-link-server',
  /** A sub-link login refused (wrong verify code, or a message before it). */
  'sub-link-refused',
  /** The superior platform closed the links (0x9007 / 0x9008). */
  'superior-closed',
  /** Nothing heard for three keep-alive periods. */
  'link-silent',
  /** A frame that did not decode (counted and skipped). */
  'bad-frame',
  /** The process holding the link could not open it. */
  'start-failed',
]);
export type SupervisionLinkErrorCode = z.infer<typeof SupervisionLinkErrorCodeSchema>;

/** What the process holding the link last reported. */
export const SupervisionLinkStatusSchema = z.object({
  main: z.enum(['down', 'connecting', 'logging-in', 'up']),
  sub: z.enum(['up', 'down']),
  messagesSent: z.number().int(),
  messagesReceived: z.number().int(),
  decodeErrors: z.number().int(),
  loginsRefused: z.number().int(),
  connects: z.number().int(),
  positionsSent: z.number().int(),
  backlogSent: z.number().int(),
  backlogPending: z.number().int(),
  backlogDropped: z.number().int(),
  registrationsSent: z.number().int(),
  requestsReceived: z.number().int(),
  requestsAnswered: z.number().int(),
  lastError: z
    .object({ at: IsoDateTime, code: SupervisionLinkErrorCodeSchema, detail: z.string() })
    .nullable(),
  lastLoginAt: IsoDateTime.nullable(),
  /** When the holder wrote this; old means nobody holds the link. */
  at: IsoDateTime,
});
export type SupervisionLinkStatus = z.infer<typeof SupervisionLinkStatusSchema>;

export const SupervisionLinkSchema = z.object({
  id: IdSchema,
  enabled: z.boolean(),
  edition: Jt809EditionSchema,
  host: z.string(),
  port: z.number().int(),
  userId: z.number().int(),
  gnssCenterId: z.number().int(),
  platformId: z.string(),
  downLinkIp: z.string(),
  downLinkPort: z.number().int(),
  encrypted: z.boolean(),
  /** Whether a Harbor process holds the link now (its lease is current). */
  held: z.boolean(),
  /** The vehicles shared with the platform. */
  vehicleIds: z.array(IdSchema),
  /** Vehicles whose position exchange the platform stopped (0x9206). */
  stoppedVehicleIds: z.array(IdSchema),
  forwardedUntil: IsoDateTime.nullable(),
  /** Null until a process has held the link, or when its last report could not be read. */
  status: SupervisionLinkStatusSchema.nullable(),
  updatedAt: IsoDateTime,
});
export type SupervisionLink = z.infer<typeof SupervisionLinkSchema>;

export const ShareVehiclesInput = z.object({
  vehicleIds: z.array(IdSchema).min(1).max(5_000),
  shared: z.boolean(),
});
export type ShareVehiclesInput = z.infer<typeof ShareVehiclesInput>;

export const SupervisionRequestKindSchema = z.enum([
  'INSPECTION',
  'PLATFORM_MESSAGE',
  'VEHICLE_TEXT',
]);

export const SupervisionRequestSchema = z.object({
  id: IdSchema,
  kind: SupervisionRequestKindSchema,
  infoId: z.number().int(),
  objectType: z.number().int().nullable(),
  objectId: z.string().nullable(),
  content: z.string(),
  vehicleId: z.string().nullable(),
  receivedAt: IsoDateTime,
  answer: z.string().nullable(),
  answeredAt: IsoDateTime.nullable(),
  sentAt: IsoDateTime.nullable(),
});
export type SupervisionRequest = z.infer<typeof SupervisionRequestSchema>;

export const ListSupervisionRequestsInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
});

export const AnswerInspectionInput = z.object({
  id: IdSchema,
  /** INFO_CONTENT of the 0x1301 answer. */
  answer: z.string().trim().min(1).max(1_000),
});
export type AnswerInspectionInput = z.infer<typeof AnswerInspectionInput>;
