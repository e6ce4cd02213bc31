/**
 * The one rule for a vessel's particulars. AIS is unauthenticated radio: anyone can transmit
 * a static message for any MMSI, so what AIS reports is kept in its own columns and never
 * overrides what port staff curated. Port logic (berth conflicts, the tug exclusion, search,
 * dashboards, the map) uses the effective value: the curated one, else the AIS one when
 * nothing was curated. Raw SQL uses `effectiveSql`, the same rule as COALESCE(curated, ais).
 */
import type { Prisma } from '@harbor/db';
import type { AisStatic, CuratedParticulars, VesselDiscrepancy, VisitVessel } from '@harbor/shared';

/** Each curated column with the column AIS reports the same particular in. */
export const AIS_COLUMN = {
  name: 'aisName',
  callSign: 'aisCallSign',
  imo: 'aisImo',
  shipType: 'aisShipType',
  lengthM: 'aisLengthM',
  beamM: 'aisBeamM',
  draughtM: 'aisDraughtM',
  destination: 'aisDestination',
} as const;
export type Particular = keyof typeof AIS_COLUMN;

/** The columns of a Vessel row the rule reads. */
export type ParticularsRow = {
  name: string | null;
  callSign: string | null;
  imo: number | null;
  shipType: number | null;
  lengthM: number | null;
  beamM: number | null;
  draughtM: number | null;
  flag: string | null;
  destination: string | null;
  aisName: string | null;
  aisCallSign: string | null;
  aisImo: number | null;
  aisShipType: number | null;
  aisLengthM: number | null;
  aisBeamM: number | null;
  aisDraughtM: number | null;
  aisDestination: string | null;
  aisEta: Date | null;
  aisStaticAt: Date | null;
};

/** Prisma select of the columns `ParticularsRow` holds, for a vessel read through a relation. */
export const particularsSelect = {
  name: true,
  callSign: true,
  imo: true,
  shipType: true,
  lengthM: true,
  beamM: true,
  draughtM: true,
  flag: true,
  destination: true,
  aisName: true,
  aisCallSign: true,
  aisImo: true,
  aisShipType: true,
  aisLengthM: true,
  aisBeamM: true,
  aisDraughtM: true,
  aisDestination: true,
  aisEta: true,
  aisStaticAt: true,
} as const satisfies Prisma.VesselSelect;

/** The effective particulars: curated, else AIS. */
export function effectiveParticulars(row: ParticularsRow) {
  return {
    name: row.name ?? row.aisName,
    callSign: row.callSign ?? row.aisCallSign,
    imo: row.imo ?? row.aisImo,
    shipType: row.shipType ?? row.aisShipType,
    lengthM: row.lengthM ?? row.aisLengthM,
    beamM: row.beamM ?? row.aisBeamM,
    draughtM: row.draughtM ?? row.aisDraughtM,
    destination: row.destination ?? row.aisDestination,
  };
}

export function curatedParticulars(row: ParticularsRow): CuratedParticulars {
  return {
    name: row.name,
    callSign: row.callSign,
    imo: row.imo,
    shipType: row.shipType,
    lengthM: row.lengthM,
    beamM: row.beamM,
    draughtM: row.draughtM,
    flag: row.flag,
    destination: row.destination,
  };
}

/** What the vessel's AIS last reported; null when Harbor has recorded no AIS static data. */
export function aisStaticOf(row: ParticularsRow): AisStatic | null {
  if (!row.aisStaticAt) return null;
  return {
    name: row.aisName,
    callSign: row.aisCallSign,
    imo: row.aisImo,
    shipType: row.aisShipType,
    lengthM: row.aisLengthM,
    beamM: row.aisBeamM,
    draughtM: row.aisDraughtM,
    destination: row.aisDestination,
    eta: row.aisEta ? row.aisEta.toISOString() : null,
    reportedAt: row.aisStaticAt.toISOString(),
  };
}

/**
 * AIS reports length and beam as whole metres on each side of the antenna (ITU-R M.1371-5
 * table 52), so a sum is off by up to 1 m: a difference of more is a real one.
 */
const DIMENSION_TOLERANCE_M = 1;
/** AIS draught is in tenths of a metre (table 48). */
const DRAUGHT_TOLERANCE_M = 0.1;

/**
 * Where the AIS values differ from the curated ones enough to deserve an operator's look:
 * another IMO number, another length or beam, or a draught deeper than the curated one. A
 * ship reports its present draught, which is less than its maximum when not fully laden, so a
 * shallower one is normal; a deeper one means the berth plan (which checks the curated
 * draught) may be wrong.
 */
export function vesselDiscrepancies(row: ParticularsRow): VesselDiscrepancy[] {
  const found: VesselDiscrepancy[] = [];
  if (row.imo !== null && row.aisImo !== null && row.imo !== row.aisImo)
    found.push({ field: 'imo', curated: row.imo, ais: row.aisImo });
  for (const field of ['lengthM', 'beamM'] as const) {
    const curated = row[field];
    const ais = row[AIS_COLUMN[field]];
    if (curated !== null && ais !== null && Math.abs(curated - ais) > DIMENSION_TOLERANCE_M)
      found.push({ field, curated, ais });
  }
  if (
    row.draughtM !== null &&
    row.aisDraughtM !== null &&
    row.aisDraughtM - row.draughtM > DRAUGHT_TOLERANCE_M + 1e-9
  )
    found.push({ field: 'draughtM', curated: row.draughtM, ais: row.aisDraughtM });
  return found;
}

/** The vessel as a visit shows it. */
export function toVisitVessel(row: ParticularsRow & { id: string; mmsi: number }): VisitVessel {
  const effective = effectiveParticulars(row);
  return {
    id: row.id,
    mmsi: row.mmsi,
    imo: effective.imo,
    name: effective.name,
    callSign: effective.callSign,
    lengthM: effective.lengthM,
    draughtM: effective.draughtM,
    aisEta: row.aisEta ? row.aisEta.toISOString() : null,
    discrepancies: vesselDiscrepancies(row),
  };
}

/** The effective value of a particular in SQL, for a "Vessel" row aliased `alias`. */
export function effectiveSql(particular: Particular, alias: string): string {
  return `COALESCE(${alias}."${particular}", ${alias}."${AIS_COLUMN[particular]}")`;
}

/** Prisma select of a related vessel's name, for `effectiveName`. */
export const vesselNameSelect = {
  name: true,
  aisName: true,
  mmsi: true,
} as const satisfies Prisma.VesselSelect;

/** The name to show for a vessel: the effective name, else its MMSI. */
export function effectiveName(vessel: {
  name: string | null;
  aisName: string | null;
  mmsi: number;
}): string {
  return vessel.name ?? vessel.aisName ?? `MMSI ${vessel.mmsi}`;
}
