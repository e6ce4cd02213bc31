import { ApiKeySchema, ByIdInput, CreateApiKeyInput } from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../domains/auth/api-keys.ts';
import { roleProcedure } from '../trpc/init.ts';

/** Keys for HTTP ingest: administrators manage their organization's keys. */
export const apiKeysRouter = {
  list: roleProcedure('ADMIN')
    .output(z.array(ApiKeySchema))
    .query(({ ctx }) => listApiKeys(ctx, ctx.user)),

  /** The key itself is in this answer only. */
  create: roleProcedure('ADMIN')
    .input(CreateApiKeyInput)
    .output(z.object({ apiKey: ApiKeySchema, key: z.string() }))
    .mutation(({ ctx, input }) => createApiKey(ctx, ctx.user, input)),

  revoke: roleProcedure('ADMIN')
    .input(ByIdInput)
    .output(ApiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx, ctx.user, input.id)),
} satisfies TRPCRouterRecord;
