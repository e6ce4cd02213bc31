import { z } from 'zod';
import { IdSchema, IsoDateTime, OptionalText } from './common.ts';

/**
 * What the port authority may open to an organization beyond the containers it handles:
 * ALL_CONTAINERS in the app (listing, search, full history, the yard grid's numbers, dwell
 * lists), DCSA_FEED for its API keys' `GET /v2/events`.
 */
export const ContainerGrantScopeSchema = z.enum(['ALL_CONTAINERS', 'DCSA_FEED']);
export type ContainerGrantScope = z.infer<typeof ContainerGrantScopeSchema>;

export const ContainerGrantSchema = z.object({
  organizationId: IdSchema,
  organizationCode: z.string(),
  organizationName: z.string(),
  scope: ContainerGrantScopeSchema,
  reason: z.string().nullable(),
  grantedAt: IsoDateTime,
  grantedById: IdSchema.nullable(),
  /** Set when revoked; a revoked grant widens nothing. */
  revokedAt: IsoDateTime.nullable(),
  revokedById: IdSchema.nullable(),
  isActive: z.boolean(),
});
export type ContainerGrant = z.infer<typeof ContainerGrantSchema>;

export const ListContainerGrantsInput = z
  .object({
    /** Port admins may name any organization (or none: all); others get their own only. */
    organizationId: IdSchema.optional(),
    includeRevoked: z.boolean().default(false),
  })
  .default({ includeRevoked: false });
export type ListContainerGrantsInput = z.infer<typeof ListContainerGrantsInput>;

export const GrantContainerAccessInput = z.object({
  organizationId: IdSchema,
  scope: ContainerGrantScopeSchema,
  /** Why, for whoever reviews the grants later (a contract, a customs mandate). */
  reason: OptionalText(500),
});
export type GrantContainerAccessInput = z.infer<typeof GrantContainerAccessInput>;

export const RevokeContainerAccessInput = z.object({
  organizationId: IdSchema,
  scope: ContainerGrantScopeSchema,
});
export type RevokeContainerAccessInput = z.infer<typeof RevokeContainerAccessInput>;
