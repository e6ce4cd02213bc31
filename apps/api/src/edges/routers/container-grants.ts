import {
  ContainerGrantSchema,
  GrantContainerAccessInput,
  ListContainerGrantsInput,
  RevokeContainerAccessInput,
  type SessionUser,
} from '@harbor/shared';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { isPortStaff } from '../../domains/auth/scope.ts';
import {
  ContainerGrantError,
  grantContainerAccess,
  listContainerGrants,
  revokeContainerAccess,
} from '../../domains/containers/grants.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

const isPortAdmin = (user: SessionUser) => isPortStaff(user) && user.role === 'ADMIN';

function assertPortAdmin(user: SessionUser): void {
  if (!isPortAdmin(user))
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'only port authority administrators grant or revoke access to containers',
    });
}

const CODE = {
  NO_SUCH_ORGANIZATION: 'NOT_FOUND',
  NO_SUCH_GRANT: 'NOT_FOUND',
  PORT_AUTHORITY: 'BAD_REQUEST',
} as const satisfies Record<ContainerGrantError['reason'], TRPCError['code']>;

function asTrpcError(error: unknown): never {
  if (error instanceof ContainerGrantError)
    throw new TRPCError({ code: CODE[error.reason], message: error.message, cause: error });
  throw error;
}

/**
 * The port authority's grants of wider access to containers (containers/visibility.ts): its
 * administrators give and revoke them and see all of them; an organization sees its own.
 */
export const containerGrantsRouter = {
  list: authedProcedure
    .input(ListContainerGrantsInput)
    .output(z.array(ContainerGrantSchema))
    .query(({ ctx, input }) => {
      const own = ctx.user.organization.id;
      if (!isPortAdmin(ctx.user) && input.organizationId && input.organizationId !== own)
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: "only port authority administrators see other organizations' grants",
        });
      return listContainerGrants(ctx, {
        organizationId: isPortAdmin(ctx.user) ? input.organizationId : own,
        includeRevoked: input.includeRevoked,
      });
    }),

  grant: roleProcedure('ADMIN')
    .input(GrantContainerAccessInput)
    .output(ContainerGrantSchema)
    .mutation(({ ctx, input }) => {
      assertPortAdmin(ctx.user);
      return grantContainerAccess(ctx, ctx.user.id, input).catch(asTrpcError);
    }),

  revoke: roleProcedure('ADMIN')
    .input(RevokeContainerAccessInput)
    .output(ContainerGrantSchema)
    .mutation(({ ctx, input }) => {
      assertPortAdmin(ctx.user);
      return revokeContainerAccess(ctx, ctx.user.id, input).catch(asTrpcError);
    }),
} satisfies TRPCRouterRecord;
