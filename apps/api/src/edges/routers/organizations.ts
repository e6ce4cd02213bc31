import {
  ByIdInput,
  CreateOrganizationInput,
  OrganizationSchema,
  UpdateOrganizationInput,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { assertPortWriter } from '../../domains/auth/scope.ts';
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from '../../domains/organizations/service.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

export const organizationsRouter = {
  list: authedProcedure
    .output(z.array(OrganizationSchema))
    .query(({ ctx }) => listOrganizations(ctx, ctx.user)),

  get: authedProcedure
    .input(ByIdInput)
    .output(OrganizationSchema)
    .query(({ ctx, input }) => getOrganization(ctx, ctx.user, input.id)),

  /** Onboarding a company is the port authority's administrators' job. */
  create: roleProcedure('ADMIN')
    .input(CreateOrganizationInput)
    .output(OrganizationSchema)
    .mutation(({ ctx, input }) => {
      assertPortWriter(ctx.user);
      return createOrganization(ctx, input);
    }),

  /** Renaming one too: its name and Chinese name, never its code or kind. */
  update: roleProcedure('ADMIN')
    .input(UpdateOrganizationInput)
    .output(OrganizationSchema)
    .mutation(({ ctx, input }) => {
      assertPortWriter(ctx.user);
      return updateOrganization(ctx, input);
    }),
} satisfies TRPCRouterRecord;
