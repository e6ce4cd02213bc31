import { z } from 'zod';

export const IdSchema = z.uuid({ message: 'expected an id (UUID)' });

export const ByIdInput = z.object({ id: IdSchema });
export type ByIdInput = z.infer<typeof ByIdInput>;

/** What a mutation with nothing else to say answers: a delete, a logout. */
export const OkSchema = z.object({ ok: z.literal(true) });

/**
 * The most calls one batched tRPC request may carry: the api refuses a larger batch, and the
 * web's batch link splits its calls into requests of at most this many.
 */
export const TRPC_MAX_BATCH_SIZE = 20;

/** Cursor pagination: pass back `nextCursor` to get the next page. */
export const PageInput = z.object({
  cursor: IdSchema.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: IdSchema.nullable() });
}

/** Timestamps travel as ISO 8601 strings in UTC. */
export const IsoDateTime = z.iso.datetime({ offset: true });

export const RoleSchema = z.enum(['ADMIN', 'PORT_OPERATOR', 'DISPATCHER', 'VIEWER']);
export type Role = z.infer<typeof RoleSchema>;

export const OrganizationKindSchema = z.enum([
  'PORT_AUTHORITY',
  'LOGISTICS_COMPANY',
  'TERMINAL_OPERATOR',
  'SHIPPING_LINE',
]);
export type OrganizationKind = z.infer<typeof OrganizationKindSchema>;

/** Trims; an empty string becomes undefined, so a cleared form field means "not given". */
export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? undefined : value))
    .optional();
