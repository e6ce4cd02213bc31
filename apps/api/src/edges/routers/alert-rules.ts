import {
  AlertRuleSchema,
  ByIdInput,
  CreateAlertRuleInput,
  OkSchema,
  UpdateAlertRuleInput,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  createAlertRule,
  deleteAlertRule,
  listAlertRules,
  updateAlertRule,
} from '../../domains/alerts/service.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/** An organization's alert rules: everyone in scope reads them; admins, operators and dispatchers manage them. */
export const alertRulesRouter = {
  list: authedProcedure
    .output(z.array(AlertRuleSchema))
    .query(({ ctx }) => listAlertRules(ctx, ctx.user)),

  create: roleProcedure('ADMIN', 'PORT_OPERATOR', 'DISPATCHER')
    .input(CreateAlertRuleInput)
    .output(AlertRuleSchema)
    .mutation(({ ctx, input }) => createAlertRule(ctx, ctx.user, input)),

  update: roleProcedure('ADMIN', 'PORT_OPERATOR', 'DISPATCHER')
    .input(UpdateAlertRuleInput)
    .output(AlertRuleSchema)
    .mutation(({ ctx, input }) => updateAlertRule(ctx, ctx.user, input)),

  delete: roleProcedure('ADMIN', 'PORT_OPERATOR', 'DISPATCHER')
    .input(ByIdInput)
    .output(OkSchema)
    .mutation(({ ctx, input }) => deleteAlertRule(ctx, ctx.user, input.id)),
} satisfies TRPCRouterRecord;
