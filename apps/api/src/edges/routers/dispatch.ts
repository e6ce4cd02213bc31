import type { TRPCRouterRecord } from '@trpc/server';
import { jobProcedures } from './dispatch-jobs.ts';
import { messageProcedures } from './dispatch-messages.ts';
import { workflowProcedures } from './dispatch-workflow.ts';

/** `dispatch.*`: one file per procedure group (jobs, workflow, messages). */
export const dispatchRouter = {
  ...jobProcedures,
  ...workflowProcedures,
  ...messageProcedures,
} satisfies TRPCRouterRecord;
