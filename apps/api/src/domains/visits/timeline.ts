import type { Db, PortCallEventKind } from '@harbor/db';
import type { TimelineEntry } from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { isBerthChanged, type VisitRow } from './mapping.ts';

/** The AIS asset key of a vessel: its MMSI, nine digits (as the AIS gateway writes it). */
export const vesselAssetKey = (mmsi: number) => String(mmsi).padStart(9, '0');

const MAX_CALL_EVENTS = 200;

const LABELS: Record<PortCallEventKind, string> = {
  ARRIVED: 'arrived in the port area',
  PILOT_BOARDED: 'passed the pilot boarding ground',
  ANCHORED: 'anchored',
  ANCHOR_AWEIGH: 'weighed anchor',
  BERTHING: 'berthing',
  BERTHED: 'berthed',
  UNBERTHED: 'left the berth',
  DEPARTED: 'left the port area',
};

/**
 * A call's story in time order: the schedule (ETA/ETD), the AIS estimates, and what the
 * track showed, from the call's stored events (arrival, pilot, anchoring, berthing, each
 * berth and its leaving, departure). A vessel at another berth than planned (the visit keeps
 * both) gets a flagged entry at its berthing.
 */
export async function visitTimeline(
  deps: { db: Pick<Db, 'prisma'>; now: Clock },
  visit: VisitRow,
): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  const add = (
    at: Date | null,
    kind: TimelineEntry['kind'],
    label: string,
    zoneCode: string | null = null,
    isFlagged = false,
  ) => {
    if (at) entries.push({ at: at.toISOString(), kind, label, zoneCode, isFlagged });
  };
  add(visit.eta, 'PLANNED_ETA', 'planned arrival');
  add(visit.vessel.aisEta, 'AIS_ETA', 'ETA reported by the vessel (AIS)');
  add(visit.predictedEta, 'PREDICTED_ETA', 'arrival predicted from the AIS track');
  add(visit.etd, 'PLANNED_ETD', 'planned departure');
  if (isBerthChanged(visit))
    add(
      visit.ata,
      'BERTH_CHANGED',
      `berthed at ${visit.berth?.code ?? '?'}, planned ${visit.plannedBerth?.code ?? '?'}`,
      null,
      true,
    );
  const events = await deps.db.prisma.portCallEvent.findMany({
    where: { visitId: visit.id },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    take: MAX_CALL_EVENTS,
  });
  const zoneIds = [...new Set(events.flatMap((event) => event.zoneId ?? []))];
  const zones = new Map(
    (
      await deps.db.prisma.zone.findMany({
        where: { id: { in: zoneIds } },
        select: { id: true, code: true, name: true },
      })
    ).map((zone) => [zone.id, zone]),
  );
  for (const event of events) {
    const zone = event.zoneId ? zones.get(event.zoneId) : undefined;
    add(
      event.at,
      event.kind,
      zone ? `${LABELS[event.kind]}: ${zone.name}` : LABELS[event.kind],
      zone?.code ?? null,
    );
  }
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
