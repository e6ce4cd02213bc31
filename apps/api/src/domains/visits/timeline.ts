import type { Db } from '@harbor/db';
import type { TimelineEntry } from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { isBerthChanged, type VisitRow } from './mapping.ts';

/** The AIS asset key of a vessel: its MMSI, nine digits (as the AIS gateway writes it). */
export const vesselAssetKey = (mmsi: number) => String(mmsi).padStart(9, '0');

/** How far before its first known time a visit's zone history is read. */
const LEAD_MS = 24 * 3_600_000;
const MAX_ZONE_EVENTS = 200;

/**
 * A visit's story in time order: the schedule (ETA/ETD), the AIS estimates, and what the
 * track showed: anchorage and berth entries and exits, berthing and departure. A vessel at
 * another berth than planned (the visit keeps both) gets a flagged entry at its berthing.
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
  if (isBerthChanged(visit))
    add(
      visit.ata,
      'BERTH_CHANGED',
      `berthed at ${visit.berth?.code ?? '?'}, planned ${visit.plannedBerth?.code ?? '?'}`,
      true,
    );
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
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
