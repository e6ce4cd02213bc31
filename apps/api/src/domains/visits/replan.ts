import type { Db } from '@harbor/db';
import type { ReplanVisitInput, ReplanVisitResult } from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { HarborError } from '../../core/errors.ts';
import { berthPlan } from './berth-plan.ts';
import { fieldErrors, toVesselVisit, visitInclude } from './mapping.ts';
import { openVisit } from './service.ts';

type Deps = { db: Pick<Db, 'prisma'>; now: Clock };

/** Statuses of a vessel at or alongside a berth: the AIS track, not the plan, places it. */
const AT_BERTH = ['BERTHING', 'BERTHED', 'SHIFTING'];

/**
 * Moves a visit still to come to another berth and stay (a drag on the berth plan). A closed
 * visit (departed, cancelled) or one at its berth is refused; conflicts at the new berth are
 * returned, not refused: a planner may hold two visits at one berth while talks go on.
 */
export async function replanVisit(deps: Deps, input: ReplanVisitInput): Promise<ReplanVisitResult> {
  const visit = await openVisit(deps, input.id);
  if (AT_BERTH.includes(visit.status))
    throw new HarborError('conflict', 'visit.at-berth', 'the vessel is at its berth', {
      params: { status: visit.status },
    });
  const berth = await deps.db.prisma.berth.findUnique({
    where: { id: input.berthId },
    include: { terminal: { select: { portId: true } } },
  });
  if (!berth) throw fieldErrors([{ path: ['berthId'], message: 'no such berth' }]);
  const row = await deps.db.prisma.vesselVisit.update({
    where: { id: visit.id },
    data: {
      portId: berth.terminal.portId,
      terminalId: berth.terminalId,
      berthId: berth.id,
      plannedBerthId: berth.id,
      eta: new Date(input.eta),
      etd: new Date(input.etd),
    },
    include: visitInclude,
  });
  // The berth plan over the new stay holds the rules: the same conflicts the plan shows.
  const plan = await berthPlan(deps, {
    terminalId: berth.terminalId,
    from: input.eta,
    to: input.etd,
  });
  const planned = plan.berths
    .find((item) => item.berthId === berth.id)
    ?.visits.find((item) => item.id === visit.id);
  return { visit: toVesselVisit(row), conflicts: planned?.conflicts ?? [] };
}
