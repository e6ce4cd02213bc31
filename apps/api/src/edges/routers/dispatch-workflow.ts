import {
  AssignJobInput,
  type DispatchJobChange,
  DispatchJobSchema,
  IdSchema,
  JobEtaSchema,
  JobEtasInput,
  SuggestTrucksInput,
  TransitionJobInput,
  TruckSuggestionSchema,
} from '@harbor/shared';
import { type TRPCRouterRecord, tracked } from '@trpc/server';
import { z } from 'zod';
import { canSee } from '../../domains/auth/scope.ts';
import { jobEtas } from '../../domains/dispatch/eta.ts';
import { suggestTrucks } from '../../domains/dispatch/suggest.ts';
import { assignJob, transitionJob } from '../../domains/dispatch/workflow.ts';
import { authedProcedure, roleProcedure, sessionStreamProcedure } from '../trpc/init.ts';

const LiveJobsInput = z.object({ jobId: IdSchema.optional() }).optional();

/** Moving jobs along: by hand (the company's ADMIN and DISPATCHER), with suggestions, and live. */
export const workflowProcedures = {
  transition: roleProcedure('ADMIN', 'DISPATCHER')
    .input(TransitionJobInput)
    .output(DispatchJobSchema)
    .mutation(({ ctx, input }) => transitionJob(ctx, ctx.user, input)),

  assign: roleProcedure('ADMIN', 'DISPATCHER')
    .input(AssignJobInput)
    .output(DispatchJobSchema)
    .mutation(({ ctx, input }) => assignJob(ctx, ctx.user, input)),

  /** The company's available trucks ranked by road ETA to the job's pickup. */
  suggest: roleProcedure('ADMIN', 'DISPATCHER')
    .input(SuggestTrucksInput)
    .output(z.array(TruckSuggestionSchema))
    .query(({ ctx, input }) => suggestTrucks(ctx, ctx.user, input)),

  /** The active jobs' trucks where last seen, with the road ETA to their next stop and the drop-off. */
  etas: authedProcedure
    .input(JobEtasInput)
    .output(z.array(JobEtaSchema))
    .query(({ ctx, input }) => jobEtas(ctx, ctx.user, input)),

  /** Status changes of the jobs in scope as they happen (SSE), each tagged with its event id. */
  live: sessionStreamProcedure.input(LiveJobsInput).subscription(async function* ({ ctx, input }) {
    const user = ctx.user;
    const visible = ({ job }: DispatchJobChange) =>
      canSee(user, job.organizationId) && (!input?.jobId || job.id === input.jobId);
    const stream = ctx.jobChanges.listen(ctx.streamSignal, { accept: visible });
    for await (const change of stream) yield tracked(change.event.id, change);
  }),
} satisfies TRPCRouterRecord;
