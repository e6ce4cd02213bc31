import type { TRPCRouterRecord } from '@trpc/server';
import { jobProcedures } from './dispatch-jobs.ts';
import { messageProcedures } from './dispatch-messages.ts';
import { proofProcedures } from './dispatch-proof.ts';
import { workflowProcedures } from './dispatch-workflow.ts';

/** `dispatch.*`: one file per procedure group (jobs, workflow, messages, proof of delivery). */
export const dispatchRouter = {
  ...jobProcedures,
  ...workflowProcedures,
  ...messageProcedures,
  ...proofProcedures,
} satisfies TRPCRouterRecord;
