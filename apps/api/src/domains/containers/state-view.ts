import type { Prisma } from '@harbor/db';
import type { ContainerStateView, EquipmentEvent } from '@harbor/shared';
import { effectiveName, vesselNameSelect } from '../vessels/particulars.ts';

/** What a state row is read with: the codes people know places by, for views and messages. */
export const STATE_INCLUDE = {
  terminal: { select: { code: true } },
  zone: { select: { code: true } },
  yardBlock: { select: { code: true } },
  vesselVisit: { select: { voyageNumber: true, vessel: { select: vesselNameSelect } } },
} satisfies Prisma.ContainerStateInclude;

export type StateRow = Prisma.ContainerStateGetPayload<{ include: typeof STATE_INCLUDE }>;

type ContainerRow = { id: string; number: string; isoSizeType: string };

/** What a view needs of a state row: the row and the codes of its places. */
export type StateLike = Pick<
  StateRow,
  | 'place'
  | 'emptyIndicator'
  | 'terminalId'
  | 'zoneId'
  | 'yardBlockId'
  | 'bay'
  | 'row'
  | 'tier'
  | 'vesselVisitId'
  | 'vehicleId'
  | 'lastEventId'
  | 'lastEventType'
  | 'lastEventAt'
  | 'arrivedAt'
> & {
  terminal: { code: string } | null;
  zone: { code: string } | null;
  yardBlock: { code: string } | null;
};

const HOUR_MS = 3_600_000;

/** Hours since arrival, one decimal; only while the container stands at a terminal or facility. */
export function dwellHoursOf(
  state: { place: string; arrivedAt: Date | null } | null,
  now: Date,
): number | null {
  if (!state?.arrivedAt || (state.place !== 'TERMINAL' && state.place !== 'FACILITY')) return null;
  return Math.round(((now.getTime() - state.arrivedAt.getTime()) / HOUR_MS) * 10) / 10;
}

/** A container's current place; a container with no ACT event yet is OUTSIDE. */
export function toStateView(
  container: ContainerRow,
  state: StateLike | null,
  now: Date,
): ContainerStateView {
  return {
    containerId: container.id,
    containerNumber: container.number,
    isoSizeType: container.isoSizeType,
    place: state?.place ?? 'OUTSIDE',
    emptyIndicator: state?.emptyIndicator ?? null,
    terminalId: state?.terminalId ?? null,
    terminalCode: state?.terminal?.code ?? null,
    zoneId: state?.zoneId ?? null,
    zoneCode: state?.zone?.code ?? null,
    yardBlockId: state?.yardBlockId ?? null,
    yardBlockCode: state?.yardBlock?.code ?? null,
    bay: state?.bay ?? null,
    row: state?.row ?? null,
    tier: state?.tier ?? null,
    vesselVisitId: state?.vesselVisitId ?? null,
    vehicleId: state?.vehicleId ?? null,
    lastEventId: state?.lastEventId ?? null,
    lastEventType: state?.lastEventType ?? null,
    lastEventAt: state?.lastEventAt.toISOString() ?? null,
    arrivedAt: state?.arrivedAt?.toISOString() ?? null,
    dwellHours: dwellHoursOf(state, now),
  } satisfies ContainerStateView;
}

type EventRow = Omit<EquipmentEvent, 'eventAt' | 'eventCreatedAt'> & {
  eventAt: Date;
  eventCreatedAt: Date;
};

export function toEquipmentEvent(row: EventRow): EquipmentEvent {
  return {
    id: row.id,
    eventType: row.eventType,
    eventClassifier: row.eventClassifier,
    emptyIndicator: row.emptyIndicator,
    eventAt: row.eventAt.toISOString(),
    eventCreatedAt: row.eventCreatedAt.toISOString(),
    terminalId: row.terminalId,
    zoneId: row.zoneId,
    yardBlockId: row.yardBlockId,
    bay: row.bay,
    row: row.row,
    tier: row.tier,
    vesselVisitId: row.vesselVisitId,
    vehicleId: row.vehicleId,
    dispatchJobId: row.dispatchJobId,
    recordedById: row.recordedById,
    note: row.note,
  } satisfies EquipmentEvent;
}

/** "in terminal YSP4 at Y01 bay 3 row 2 tier 1", for refusals that name where a container is. */
export function describeState(state: StateRow | null, leftFromCode?: string | null): string {
  if (!state) return 'OUTSIDE (never seen in the port)';
  switch (state.place) {
    case 'TERMINAL': {
      const slot = state.yardBlock
        ? `at ${state.yardBlock.code} bay ${state.bay} row ${state.row} tier ${state.tier}`
        : 'not in a yard slot';
      return `in TERMINAL ${state.terminal?.code ?? '?'} (${slot})`;
    }
    case 'VESSEL': {
      const visit = state.vesselVisit;
      const vessel = visit ? effectiveName(visit.vessel) : '?';
      return `on VESSEL ${vessel}${visit?.voyageNumber ? ` voyage ${visit.voyageNumber}` : ''}`;
    }
    case 'FACILITY':
      return `at FACILITY ${state.zone?.code ?? '?'}`;
    case 'OUTSIDE': {
      const how = state.lastEventType === 'GTOT' ? 'gated out' : `last ${state.lastEventType}`;
      const where = leftFromCode ? ` at ${leftFromCode}` : '';
      return `OUTSIDE (${how}${where} at ${state.lastEventAt.toISOString()})`;
    }
  }
}
