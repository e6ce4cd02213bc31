import {
  ByIdInput,
  CreateVesselInput,
  ListVesselsInput,
  pageOf,
  UpdateVesselInput,
  VesselSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { assertPortWriter } from '../../domains/auth/scope.ts';
import {
  createVessel,
  getVessel,
  listVessels,
  updateVessel,
} from '../../domains/vessels/service.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/** Vessels are port data: every logged-in user reads them, port authority staff change them. */
export const vesselsRouter = {
  list: authedProcedure
    .input(ListVesselsInput)
    .output(pageOf(VesselSchema))
    .query(({ ctx, input }) => listVessels(ctx, input)),

  get: authedProcedure
    .input(ByIdInput)
    .output(VesselSchema)
    .query(({ ctx, input }) => getVessel(ctx, input.id)),

  create: roleProcedure('ADMIN', 'PORT_OPERATOR')
    .input(CreateVesselInput)
    .output(VesselSchema)
    .mutation(({ ctx, input }) => {
      assertPortWriter(ctx.user);
      return createVessel(ctx, input);
    }),

  update: roleProcedure('ADMIN', 'PORT_OPERATOR')
    .input(UpdateVesselInput)
    .output(VesselSchema)
    .mutation(({ ctx, input }) => {
      assertPortWriter(ctx.user);
      return updateVessel(ctx, input);
    }),
} satisfies TRPCRouterRecord;
