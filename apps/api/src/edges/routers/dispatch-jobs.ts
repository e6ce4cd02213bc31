import {
  ByIdInput,
  CreateDispatchJobInput,
  DispatchJobDetailSchema,
  DispatchJobSchema,
  ImportDispatchJobsInput,
  ImportDispatchJobsResult,
  ListDispatchJobsInput,
  pageOf,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { importJobs } from '../../domains/dispatch/import.ts';
import { createJob, getJob, listJobs } from '../../domains/dispatch/jobs.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/** Dispatch jobs: read by everyone in scope (port staff: every fleet), created by the company's ADMIN and DISPATCHER. */
export const jobProcedures = {
  create: roleProcedure('ADMIN', 'DISPATCHER')
    .input(CreateDispatchJobInput)
    .output(DispatchJobSchema)
    .mutation(({ ctx, input }) => createJob(ctx, ctx.user, input, ctx.now())),

  /** A CSV file of jobs: all rows are created, or none with every problem listed by line and column. */
  import: roleProcedure('ADMIN', 'DISPATCHER')
    .input(ImportDispatchJobsInput)
    .output(ImportDispatchJobsResult)
    .mutation(({ ctx, input }) => importJobs(ctx, ctx.user, input.csv, ctx.now())),

  list: authedProcedure
    .input(ListDispatchJobsInput)
    .output(pageOf(DispatchJobSchema))
    .query(({ ctx, input }) => listJobs(ctx, ctx.user, input)),

  get: authedProcedure
    .input(ByIdInput)
    .output(DispatchJobDetailSchema)
    .query(({ ctx, input }) => getJob(ctx, ctx.user, input.id)),
} satisfies TRPCRouterRecord;
