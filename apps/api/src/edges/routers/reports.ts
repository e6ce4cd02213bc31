import {
  VehicleReportInput,
  VehicleReportSchema,
  VehicleReportsInput,
  VehicleSummarySchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { vehicleReport, vehicleSummaries } from '../../domains/reports/service.ts';
import { authedProcedure } from '../trpc/init.ts';

/** Vehicle activity reports, scoped like vehicles: a company sees its own, port staff every fleet. */
export const reportsRouter = {
  vehicles: authedProcedure
    .input(VehicleReportsInput)
    .output(z.array(VehicleSummarySchema))
    .query(({ ctx, input }) => vehicleSummaries(ctx, ctx.user, input)),

  vehicle: authedProcedure
    .input(VehicleReportInput)
    .output(VehicleReportSchema)
    .query(({ ctx, input }) => vehicleReport(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
