import type { Db, Prisma } from '@harbor/db';
import type {
  Container,
  ContainerSummary,
  OverDwellInput,
  SearchContainersInput,
} from '@harbor/shared';
import { TRPCError } from '@trpc/server';
import { pageArgs, toPage } from '../trpc/pagination.ts';
import { findContainerByNumber } from './container-lookup.ts';
import { STATE_INCLUDE, toEquipmentEvent, toStateView } from './state-view.ts';

type Deps = { db: Pick<Db, 'prisma'>; now: () => Date };

const notFound = (number: string) =>
  new TRPCError({ code: 'NOT_FOUND', message: `no container ${number} in Harbor` });

/** A container by its (already validated) ISO 6346 number and its current place, no history. */
export async function getContainerSummary(deps: Deps, number: string): Promise<ContainerSummary> {
  const row = await findContainerByNumber(deps.db, number);
  if (!row) throw notFound(number);
  return {
    id: row.id,
    number: row.number,
    isoSizeType: row.isoSizeType,
    state: toStateView(row, row.state, deps.now()),
  };
}

/** A container with its current place and every equipment event, oldest first. */
export async function getContainerByNumber(deps: Deps, number: string): Promise<Container> {
  const row = await findContainerByNumber(deps.db, number);
  if (!row) throw notFound(number);
  const events = await deps.db.prisma.equipmentEvent.findMany({
    where: { containerId: row.id },
    orderBy: [{ eventAt: 'asc' }, { eventCreatedAt: 'asc' }],
  });
  return {
    id: row.id,
    number: row.number,
    isoSizeType: row.isoSizeType,
    tareKg: row.tareKg,
    maxGrossKg: row.maxGrossKg,
    state: toStateView(row, row.state, deps.now()),
    events: events.map(toEquipmentEvent),
  } satisfies Container;
}

const summaryInclude = { state: { include: STATE_INCLUDE } } satisfies Prisma.ContainerInclude;
type SummaryRow = Prisma.ContainerGetPayload<{ include: typeof summaryInclude }>;

function toSummary(row: SummaryRow, now: Date): ContainerSummary {
  return {
    id: row.id,
    number: row.number,
    isoSizeType: row.isoSizeType,
    state: toStateView(row, row.state, now),
  };
}

/** Containers by number prefix, vessel visit, yard block, terminal or place; by number. */
export async function searchContainers(deps: Deps, input: SearchContainersInput) {
  const state: Prisma.ContainerStateWhereInput = {
    ...(input.yardBlockId ? { yardBlockId: input.yardBlockId } : {}),
    ...(input.terminalId ? { terminalId: input.terminalId } : {}),
    ...(input.place && input.place !== 'OUTSIDE' ? { place: input.place } : {}),
  };
  const hasStateFilter = Object.keys(state).length > 0;
  const where: Prisma.ContainerWhereInput = {
    ...(input.numberPrefix ? { number: { startsWith: input.numberPrefix } } : {}),
    // A container never seen at the port has no state row and counts as OUTSIDE.
    ...(input.place === 'OUTSIDE'
      ? { OR: [{ state: { is: null } }, { state: { is: { place: 'OUTSIDE' } } }] }
      : hasStateFilter
        ? { state: { is: state } }
        : {}),
    ...(input.vesselVisitId
      ? { equipmentEvents: { some: { vesselVisitId: input.vesselVisitId } } }
      : {}),
  };
  const rows = await deps.db.prisma.container.findMany({
    where,
    include: summaryInclude,
    orderBy: [{ number: 'asc' }, { id: 'asc' }],
    ...pageArgs(input),
  });
  const now = deps.now();
  return toPage(rows, input.limit, (row) => toSummary(row, now));
}

/** Containers standing at a terminal or facility for more than `hours`, the longest first. */
export async function overDwellContainers(
  deps: Deps,
  input: OverDwellInput,
): Promise<ContainerSummary[]> {
  const now = deps.now();
  const since = new Date(now.getTime() - input.hours * 3_600_000);
  const rows = await deps.db.prisma.container.findMany({
    where: {
      state: {
        is: {
          place: { in: ['TERMINAL', 'FACILITY'] },
          arrivedAt: { lt: since },
          ...(input.terminalId ? { terminalId: input.terminalId } : {}),
        },
      },
    },
    include: summaryInclude,
    orderBy: [{ state: { arrivedAt: 'asc' } }, { number: 'asc' }],
    take: input.limit,
  });
  return rows.map((row) => toSummary(row, now));
}
