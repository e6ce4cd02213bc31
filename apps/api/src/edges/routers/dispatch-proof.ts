import { ProofLinkInput, ProofLinkSchema } from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { makeProofLink } from '../../domains/dispatch/proof-links.ts';
import { roleProcedure } from '../trpc/init.ts';

/** Proof of delivery from the driver's phone: the job's upload link (the page is public). */
export const proofProcedures = {
  /** A new link for the driver's phone (`/pod/<token>`), replacing the job's earlier one. */
  proofLink: roleProcedure('ADMIN', 'DISPATCHER')
    .input(ProofLinkInput)
    .output(ProofLinkSchema)
    .mutation(({ ctx, input }) => makeProofLink(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
