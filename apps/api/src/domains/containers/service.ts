import type { Db, Prisma } from '@harbor/db';
import type {
  Container,
  ContainerStatusOnly,
  ContainerSummary,
  ContainerView,
  OverDwellInput,
  SearchContainersInput,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { type ContainerLookupRow, findContainerByNumber } from './container-lookup.ts';
import { STATE_INCLUDE, toEquipmentEvent, toStateView } from './state-view.ts';
import {
  type ContainerVisibility,
  type LinkFilter,
  ownLinkFilter,
  seesContainer,
  visibleContainersWhere,
} from './visibility.ts';

type Deps = { db: Pick<Db, 'prisma'>; now: () => Date };

const notFound = (number: string) =>
  new HarborError('not-found', 'container.not-found', `no container ${number} in Harbor`, {
    params: { number },
  });

/** Where another organization's container is: place, terminal or facility, last event. */
function toStatusOnly(row: ContainerLookupRow): ContainerStatusOnly {
  const state = row.state;
  return {
    access: 'STATUS',
    number: row.number,
    isoSizeType: row.isoSizeType,
    status: {
      place: state?.place ?? 'OUTSIDE',
      terminalId: state?.terminalId ?? null,
      terminalCode: state?.terminal?.code ?? null,
      zoneId: state?.zoneId ?? null,
      zoneCode: state?.zone?.code ?? null,
      vesselVisitId: state?.vesselVisitId ?? null,
      lastEventType: state?.lastEventType ?? null,
      lastEventAt: state?.lastEventAt.toISOString() ?? null,
    },
  };
}

/**
 * A container by number as the viewer may see it: in full (its place and every event, oldest
 * first, links to other organizations' trucks, jobs and people hidden), or, when its
 * organization does not handle it, its current status only.
 */
export async function getContainerView(
  deps: Deps,
  visibility: ContainerVisibility,
  number: string,
): Promise<ContainerView> {
  const row = await findContainerByNumber(deps.db, number);
  if (!row) throw notFound(number);
  if (!(await seesContainer(deps, visibility, row.id))) return toStatusOnly(row);
  const events = await deps.db.prisma.equipmentEvent.findMany({
    where: { containerId: row.id },
    orderBy: [{ eventAt: 'asc' }, { eventCreatedAt: 'asc' }],
  });
  const link = await ownLinkFilter(deps, visibility, {
    vehicleIds: [row.state?.vehicleId ?? null, ...events.map((event) => event.vehicleId)],
    dispatchJobIds: events.map((event) => event.dispatchJobId),
    userIds: events.map((event) => event.recordedById),
  });
  const state = toStateView(row, row.state, deps.now());
  return {
    access: 'FULL',
    id: row.id,
    number: row.number,
    isoSizeType: row.isoSizeType,
    tareKg: row.tareKg,
    maxGrossKg: row.maxGrossKg,
    state: { ...state, vehicleId: link.vehicle(state.vehicleId) },
    events: events.map((event) => ({
      ...toEquipmentEvent(event),
      vehicleId: link.vehicle(event.vehicleId),
      dispatchJobId: link.dispatchJob(event.dispatchJobId),
      recordedById: link.user(event.recordedById),
    })),
  } satisfies Container;
}

const summaryInclude = { state: { include: STATE_INCLUDE } } satisfies Prisma.ContainerInclude;
type SummaryRow = Prisma.ContainerGetPayload<{ include: typeof summaryInclude }>;

function toSummary(row: SummaryRow, now: Date, link: LinkFilter): ContainerSummary {
  const state = toStateView(row, row.state, now);
  return {
    id: row.id,
    number: row.number,
    isoSizeType: row.isoSizeType,
    state: { ...state, vehicleId: link.vehicle(state.vehicleId) },
  };
}

/** Summaries of rows the viewer sees, the trucks of other organizations left out. */
async function toSummaries(
  deps: Deps,
  visibility: ContainerVisibility,
  rows: SummaryRow[],
): Promise<(row: SummaryRow) => ContainerSummary> {
  const link = await ownLinkFilter(deps, visibility, {
    vehicleIds: rows.map((row) => row.state?.vehicleId ?? null),
    dispatchJobIds: [],
    userIds: [],
  });
  const now = deps.now();
  return (row) => toSummary(row, now, link);
}

/**
 * The containers the viewer sees, by number prefix, vessel visit, yard block, terminal or
 * place; by number. Another organization's container is never found here, whatever the filter.
 */
export async function searchContainers(
  deps: Deps,
  visibility: ContainerVisibility,
  input: SearchContainersInput,
) {
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
    where: { AND: [where, visibleContainersWhere(visibility)] },
    include: summaryInclude,
    orderBy: [{ number: 'asc' }, { id: 'asc' }],
    // The page's `where` holds the visibility rule; a competitor's container as the cursor
    // pages like a made-up id (hostile/containers-sharing.int.test.ts).
    ...pageArgs(input, {}),
  });
  return toPage(rows, input.limit, await toSummaries(deps, visibility, rows));
}

/** The viewer's containers standing at a terminal or facility over `hours`, longest first. */
export async function overDwellContainers(
  deps: Deps,
  visibility: ContainerVisibility,
  input: OverDwellInput,
): Promise<ContainerSummary[]> {
  const since = new Date(deps.now().getTime() - input.hours * 3_600_000);
  const rows = await deps.db.prisma.container.findMany({
    where: {
      AND: [
        {
          state: {
            is: {
              place: { in: ['TERMINAL', 'FACILITY'] },
              arrivedAt: { lt: since },
              ...(input.terminalId ? { terminalId: input.terminalId } : {}),
            },
          },
        },
        visibleContainersWhere(visibility),
      ],
    },
    include: summaryInclude,
    orderBy: [{ state: { arrivedAt: 'asc' } }, { number: 'asc' }],
    take: input.limit,
  });
  return rows.map(await toSummaries(deps, visibility, rows));
}
