import {
  ContainerGrantSchema,
  GrantContainerAccessInput,
  ListContainerGrantsInput,
  RevokeContainerAccessInput,
  type SessionUser,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { HarborError } from '../../core/errors.ts';
import { isPortStaff } from '../../domains/auth/scope.ts';
import {
  grantContainerAccess,
  listContainerGrants,
  revokeContainerAccess,
} from '../../domains/containers/grants.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

const isPortAdmin = (user: SessionUser) => isPortStaff(user) && user.role === 'ADMIN';

function assertPortAdmin(user: SessionUser): void {
  if (!isPortAdmin(user))
    throw new HarborError(
      'forbidden',
      'grant.port-admin-only',
      'only port authority administrators grant or revoke access to containers',
    );
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
        throw new HarborError(
          'forbidden',
          'grant.port-admin-only',
          "only port authority administrators see other organizations' grants",
        );
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
      return grantContainerAccess(ctx, ctx.user.id, input);
    }),

  revoke: roleProcedure('ADMIN')
    .input(RevokeContainerAccessInput)
    .output(ContainerGrantSchema)
    .mutation(({ ctx, input }) => {
      assertPortAdmin(ctx.user);
      return revokeContainerAccess(ctx, ctx.user.id, input);
    }),
} satisfies TRPCRouterRecord;
