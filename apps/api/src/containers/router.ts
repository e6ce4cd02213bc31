import { ContainerSchema, GetContainerInput } from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../trpc/init.ts';
import { getContainerByNumber } from './service.ts';

/** Containers are port data every logged-in user may look up. */
export const containersRouter = {
  get: authedProcedure
    .input(GetContainerInput)
    .output(ContainerSchema)
    .query(({ ctx, input }) => getContainerByNumber(ctx, input.number)),
} satisfies TRPCRouterRecord;
