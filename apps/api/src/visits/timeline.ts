import type { Db } from '@harbor/db';
import type { TimelineEntry } from '@harbor/shared';
import type { Clock } from '../trpc/context.ts';
import type { VisitRow } from './mapping.ts';

/** The AIS asset key of a vessel: its MMSI, nine digits (as the AIS gateway writes it). */
export const vesselAssetKey = (mmsi: number) => String(mmsi).padStart(9, '0');

/** How far before its first known time a visit's zone history is read. */
const LEAD_MS = 24 * 3_600_000;
const MAX_ZONE_EVENTS = 200;

/** Alert data the visit tracker stores when a vessel berths elsewhere than planned. */
export type BerthDeviationData = {
  visitId: string;
  plannedBerthCode: string;
  actualBerthCode: string;
};

/**
 * A visit's story in time order: the schedule (ETA/ETD), the AIS estimates, and what the
 * track showed: anchorage and berth entries and exits, berthing and departure. A berthing
 * at another berth than planned is flagged; the tracker records it as a port-wide
 * ROUTE_DEVIATION alert (the visit row keeps only the actual berth).
 */
export async function visitTimeline(
  deps: { db: Pick<Db, 'prisma'>; now: Clock },
  visit: VisitRow,
): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  const add = (at: Date | null, kind: TimelineEntry['kind'], label: string, isFlagged = false) => {
    if (at) entries.push({ at: at.toISOString(), kind, label, zoneCode: null, isFlagged });
  };
  add(visit.eta, 'PLANNED_ETA', 'planned arrival');
  add(visit.vessel.aisEta, 'AIS_ETA', 'ETA reported by the vessel (AIS)');
  add(visit.predictedEta, 'PREDICTED_ETA', 'arrival predicted from the AIS track');
  add(visit.anchoredAt, 'ANCHORED', 'anchored');
  add(visit.ata, 'BERTHED', `berthed${visit.berth ? ` at ${visit.berth.code}` : ''}`);
  add(visit.atd, 'DEPARTED', 'departed');
  add(visit.etd, 'PLANNED_ETD', 'planned departure');

  const assetKey = vesselAssetKey(visit.vessel.mmsi);
  const known = [visit.anchoredAt, visit.ata, visit.eta, visit.createdAt].filter(
    (d): d is Date => d !== null,
  );
  const from = new Date(Math.min(...known.map((d) => d.getTime())) - LEAD_MS);
  const to = visit.atd ?? deps.now();
  const events = await deps.db.prisma.geofenceEvent.findMany({
    where: {
      assetKind: 'VESSEL',
      assetKey,
      at: { gte: from, lte: to },
      zone: { portId: visit.portId, kind: { in: ['ANCHORAGE', 'BERTH'] } },
    },
    include: { zone: { select: { code: true, name: true } } },
    orderBy: { at: 'asc' },
    take: MAX_ZONE_EVENTS,
  });
  for (const event of events) {
    entries.push({
      at: event.at.toISOString(),
      kind: event.transition === 'ENTER' ? 'ZONE_ENTER' : 'ZONE_EXIT',
      label: `${event.transition === 'ENTER' ? 'entered' : 'left'} ${event.zone.name}`,
      zoneCode: event.zone.code,
      isFlagged: false,
    });
  }
  const deviations = await deps.db.prisma.alert.findMany({
    where: {
      kind: 'ROUTE_DEVIATION',
      assetKind: 'VESSEL',
      assetKey,
      data: { path: ['visitId'], equals: visit.id },
    },
    orderBy: { raisedAt: 'asc' },
  });
  for (const alert of deviations) {
    const data = alert.data as Partial<BerthDeviationData> | null;
    entries.push({
      at: alert.raisedAt.toISOString(),
      kind: 'BERTH_CHANGED',
      label: `berthed at ${data?.actualBerthCode ?? '?'}, planned ${data?.plannedBerthCode ?? '?'}`,
      zoneCode: null,
      isFlagged: true,
    });
  }
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
