import {
  BerthPlanInput,
  BerthPlanSchema,
  ByIdInput,
  CreateVisitInput,
  ImportScheduleInput,
  ImportScheduleResult,
  ListVisitsInput,
  pageOf,
  ReplanVisitInput,
  ReplanVisitResult,
  UpdateVisitInput,
  VesselVisitDetailSchema,
  VesselVisitSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { assertPortWriter } from '../../domains/auth/scope.ts';
import { berthPlan } from '../../domains/visits/berth-plan.ts';
import { replanVisit } from '../../domains/visits/replan.ts';
import { importSchedule } from '../../domains/visits/schedule-import.ts';
import {
  cancelVisit,
  createVisit,
  getVisit,
  listVisits,
  updateVisit,
} from '../../domains/visits/service.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

const portWriter = roleProcedure('ADMIN', 'PORT_OPERATOR').use(({ ctx, next }) => {
  assertPortWriter(ctx.user);
  return next();
});

/** Vessel visits are port data: everyone reads them, port authority staff plan them. */
export const visitsRouter = {
  list: authedProcedure
    .input(ListVisitsInput)
    .output(pageOf(VesselVisitSchema))
    .query(({ ctx, input }) => listVisits(ctx, input)),

  get: authedProcedure
    .input(ByIdInput)
    .output(VesselVisitDetailSchema)
    .query(({ ctx, input }) => getVisit(ctx, input.id)),

  berthPlan: authedProcedure
    .input(BerthPlanInput)
    .output(BerthPlanSchema)
    .query(({ ctx, input }) => berthPlan(ctx, input)),

  create: portWriter
    .input(CreateVisitInput)
    .output(VesselVisitSchema)
    .mutation(({ ctx, input }) => createVisit(ctx, input)),

  update: portWriter
    .input(UpdateVisitInput)
    .output(VesselVisitSchema)
    .mutation(({ ctx, input }) => updateVisit(ctx, input)),

  /** A drag on the berth plan: another berth or stay for a visit still to come. */
  replan: portWriter
    .input(ReplanVisitInput)
    .output(ReplanVisitResult)
    .mutation(({ ctx, input }) => replanVisit(ctx, input)),

  cancel: portWriter
    .input(ByIdInput)
    .output(VesselVisitSchema)
    .mutation(({ ctx, input }) => cancelVisit(ctx, input.id)),

  importSchedule: portWriter
    .input(ImportScheduleInput)
    .output(ImportScheduleResult)
    .mutation(({ ctx, input }) => importSchedule(ctx, input.csv)),
} satisfies TRPCRouterRecord;
