import type { Vessel } from '@harbor/shared';

export const PARTICULARS = [
  'name',
  'imo',
  'callSign',
  'shipType',
  'lengthM',
  'beamM',
  'draughtM',
  'destination',
] as const;
export type Particular = (typeof PARTICULARS)[number];

export type ParticularRow = {
  field: Particular;
  curated: string | number | null;
  ais: string | number | null;
  /** Both sources give a value and they differ (metres by more than AIS rounds to, 0.1 m). */
  isDifferent: boolean;
};

/** The port's record beside the vessel's AIS static data, field by field. */
export function particularRows(vessel: Pick<Vessel, 'curated' | 'ais'>): ParticularRow[] {
  return PARTICULARS.map((field) => {
    const curated = vessel.curated[field];
    const ais = vessel.ais?.[field] ?? null;
    let isDifferent = false;
    if (curated !== null && ais !== null) {
      isDifferent =
        typeof curated === 'number' && typeof ais === 'number'
          ? Math.abs(curated - ais) > (field === 'imo' || field === 'shipType' ? 0 : 0.1)
          : String(curated).trim().toUpperCase() !== String(ais).trim().toUpperCase();
    }
    return { field, curated, ais, isDifferent };
  });
}

/** How far the AIS ETA is from the schedule's, in minutes (positive: AIS later); null if either is unknown. */
export function etaDifferenceMin(aisEta: string | null, plannedEta: string | null): number | null {
  if (!aisEta || !plannedEta) return null;
  return Math.round((Date.parse(aisEta) - Date.parse(plannedEta)) / 60_000);
}
