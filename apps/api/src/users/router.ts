import {
  CreateUserInput,
  ListUsersInput,
  pageOf,
  UpdateUserInput,
  UserSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { roleProcedure } from '../trpc/init.ts';
import { createUser, listUsers, updateUser } from './service.ts';

/** Account administration: ADMINs manage the users of the organizations they can see. */
export const usersRouter = {
  list: roleProcedure('ADMIN')
    .input(ListUsersInput)
    .output(pageOf(UserSchema))
    .query(({ ctx, input }) => listUsers(ctx, ctx.user, input)),

  create: roleProcedure('ADMIN')
    .input(CreateUserInput)
    .output(UserSchema)
    .mutation(({ ctx, input }) => createUser(ctx, ctx.user, input)),

  update: roleProcedure('ADMIN')
    .input(UpdateUserInput)
    .output(UserSchema)
    .mutation(({ ctx, input }) => updateUser(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
