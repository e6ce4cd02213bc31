import {
  ListTerminalMessagesInput,
  pageOf,
  SendTerminalMessageInput,
  TerminalMessageSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { listTerminalMessages, sendTerminalMessage } from '../../domains/dispatch/messages.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/** Texts to trucks' terminals (JT/T 808 0x8300) and their delivery state. */
export const messageProcedures = {
  sendMessage: roleProcedure('ADMIN', 'DISPATCHER')
    .input(SendTerminalMessageInput)
    .output(TerminalMessageSchema)
    .mutation(({ ctx, input }) => sendTerminalMessage(ctx, ctx.user, input)),

  messages: authedProcedure
    .input(ListTerminalMessagesInput)
    .output(pageOf(TerminalMessageSchema))
    .query(({ ctx, input }) => listTerminalMessages(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
