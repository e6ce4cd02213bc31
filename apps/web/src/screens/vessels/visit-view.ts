import { OPEN_VISIT_STATUSES, type VesselVisit, type VesselVisitStatus } from '@harbor/shared';

/** The statuses of a visit still in the port's hands, as the tiles and the filter show them. */
export const IN_PORT_STATUSES = OPEN_VISIT_STATUSES;
export type InPortStatus = (typeof IN_PORT_STATUSES)[number];

const ALL_STATUSES: readonly VesselVisitStatus[] = [...IN_PORT_STATUSES, 'DEPARTED', 'CANCELLED'];

/** The `?status=` filter of the URL, when it names a status; otherwise no filter. */
export function parseStatusFilter(param: string | null): VesselVisitStatus | null {
  if (!param) return null;
  const upper = param.toUpperCase();
  return ALL_STATUSES.find((status) => status === upper) ?? null;
}

/** The statuses `visits.list` is asked for: the filter's, else every open one. */
export function statusesToList(filter: VesselVisitStatus | null): VesselVisitStatus[] {
  return filter ? [filter] : [...IN_PORT_STATUSES];
}

/** The badge colour of a status (`.badge ok|warn|bad`). */
export function statusTone(status: VesselVisitStatus): '' | 'ok' | 'warn' | 'bad' {
  switch (status) {
    case 'BERTHED':
      return 'ok';
    case 'APPROACHING':
    case 'AT_ANCHOR':
    case 'BERTHING':
    case 'SHIFTING':
      return 'warn';
    case 'CANCELLED':
      return 'bad';
    default:
      return '';
  }
}

export type ShipCategory =
  | 'cargo'
  | 'tanker'
  | 'passenger'
  | 'tug'
  | 'pilot'
  | 'fishing'
  | 'highSpeed'
  | 'other'
  | 'unknown';

/** The kind of ship an AIS ship and cargo type (ITU-R M.1371-5 table 53) names. */
export function shipCategory(shipType: number | null | undefined): ShipCategory {
  if (shipType === null || shipType === undefined || shipType === 0) return 'unknown';
  if (shipType >= 70 && shipType <= 79) return 'cargo';
  if (shipType >= 80 && shipType <= 89) return 'tanker';
  if (shipType >= 60 && shipType <= 69) return 'passenger';
  if (shipType >= 40 && shipType <= 49) return 'highSpeed';
  if (shipType === 31 || shipType === 32 || shipType === 52) return 'tug';
  if (shipType === 50) return 'pilot';
  if (shipType === 30) return 'fishing';
  return 'other';
}

/** Visits at anchor, longest wait first, with whole minutes waited since anchoring (at `nowMs`). */
export function anchorageQueue(
  visits: readonly VesselVisit[],
  nowMs: number,
): { visit: VesselVisit; waitingMin: number }[] {
  return visits
    .filter((visit) => visit.status === 'AT_ANCHOR')
    .map((visit) => {
      const since = Date.parse(visit.anchoredAt ?? visit.arrivedAt ?? '');
      return {
        visit,
        waitingMin: Number.isNaN(since) ? 0 : Math.max(0, Math.floor((nowMs - since) / 60_000)),
      };
    })
    .sort((a, b) => b.waitingMin - a.waitingMin);
}
