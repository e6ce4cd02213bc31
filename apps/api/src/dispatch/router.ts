import type { TRPCRouterRecord } from '@trpc/server';
import { jobProcedures } from './jobs-router.ts';
import { messageProcedures } from './messages-router.ts';
import { workflowProcedures } from './workflow-router.ts';

/** `dispatch.*`: one file per procedure group (jobs, workflow, messages). */
export const dispatchRouter = {
  ...jobProcedures,
  ...workflowProcedures,
  ...messageProcedures,
} satisfies TRPCRouterRecord;
