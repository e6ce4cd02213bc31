import {
  BerthOccupancySchema,
  DwellInput,
  DwellSchema,
  GateMovesInput,
  GateMovesSchema,
  PortKpisInput,
  PortKpisSchema,
  VesselsInPortSchema,
  YardUtilisationSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { userContainerVisibility } from '../../domains/containers/visibility.ts';
import {
  berthOccupancy,
  dwell,
  gateMoves,
  vesselsInPort,
  yardUtilisation,
} from '../../domains/dashboards/service.ts';
import { portKpis } from '../../domains/visits/kpis.ts';
import { authedProcedure } from '../trpc/init.ts';

/**
 * The port at a glance. Vessels, berths and the yard's figures are port data every logged-in
 * user sees; gate moves are the whole port's for port staff and a company's own trucks' for
 * it; dwell counts and lists the containers the user may see (containers/visibility.ts).
 * Port KPIs are port staff's, and a terminal operator's for its own terminals (visits/kpis.ts).
 */
export const dashboardsRouter = {
  vesselsInPort: authedProcedure.output(VesselsInPortSchema).query(({ ctx }) => vesselsInPort(ctx)),

  berthOccupancy: authedProcedure
    .output(BerthOccupancySchema)
    .query(({ ctx }) => berthOccupancy(ctx)),

  yardUtilisation: authedProcedure
    .output(YardUtilisationSchema)
    .query(({ ctx }) => yardUtilisation(ctx)),

  gateMoves: authedProcedure
    .input(GateMovesInput)
    .output(GateMovesSchema)
    .query(({ ctx, input }) => gateMoves(ctx, ctx.user, input)),

  dwell: authedProcedure
    .input(DwellInput)
    .output(DwellSchema)
    .query(async ({ ctx, input }) =>
      dwell(ctx, await userContainerVisibility(ctx, ctx.user), input),
    ),

  portKpis: authedProcedure
    .input(PortKpisInput)
    .output(PortKpisSchema)
    .query(({ ctx, input }) => portKpis(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
