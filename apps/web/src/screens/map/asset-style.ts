/**
 * How assets look on the map: vessels coloured by their AIS ship type class
 * (ITU-R M.1371-5 table 53) and drawn as a hull pointing along their heading; trucks as
 * dots coloured by their derived status.
 */
import type { Position } from '@harbor/shared';

export const SHIP_CLASSES = [
  'cargo',
  'tanker',
  'passenger',
  'tugPilot',
  'fishing',
  'other',
] as const;
export type ShipClass = (typeof SHIP_CLASSES)[number];

export const SHIP_CLASS_COLOURS: Record<ShipClass, string> = {
  cargo: '#2e7d32',
  tanker: '#c62828',
  passenger: '#1565c0',
  tugPilot: '#00897b',
  fishing: '#f9a825',
  other: '#757575',
};

/** The class of an AIS ship and cargo type code: 70-79 cargo, 80-89 tanker, 60-69 passenger, 50/52 pilot/tug, 30 fishing. */
export function shipClassOf(shipType: number | null | undefined): ShipClass {
  if (shipType === null || shipType === undefined) return 'other';
  if (shipType >= 70 && shipType <= 79) return 'cargo';
  if (shipType >= 80 && shipType <= 89) return 'tanker';
  if (shipType >= 60 && shipType <= 69) return 'passenger';
  if (shipType === 50 || shipType === 52) return 'tugPilot';
  if (shipType === 30) return 'fishing';
  return 'other';
}

export const TRUCK_STATUSES = [
  'AVAILABLE',
  'ON_JOB',
  'OFF_DUTY',
  'MAINTENANCE',
  'UNKNOWN',
] as const;
export type TruckStatus = (typeof TRUCK_STATUSES)[number];

export const TRUCK_STATUS_COLOURS: Record<TruckStatus, string> = {
  AVAILABLE: '#1f8a4c',
  ON_JOB: '#0b6bcb',
  OFF_DUTY: '#8d99a6',
  MAINTENANCE: '#c77700',
  UNKNOWN: '#4a4a4a',
};

export function truckStatusOf(status: string | null | undefined): TruckStatus {
  return (TRUCK_STATUSES as readonly string[]).includes(status ?? '')
    ? (status as TruckStatus)
    : 'UNKNOWN';
}

/** Degrees clockwise from north the hull points to: the heading, else the course, else null (unknown). */
export function vesselRotationDeg(
  position: Pick<Position, 'headingDeg' | 'courseDeg'>,
): number | null {
  return position.headingDeg ?? position.courseDeg ?? null;
}

/** A hull outline in local units, bow up (negative y is north on screen). */
const HULL: readonly (readonly [number, number])[] = [
  [0, -1],
  [0.45, -0.35],
  [0.45, 0.85],
  [-0.45, 0.85],
  [-0.45, -0.35],
];

/**
 * The hull's corners in screen pixels around (x, y), `size` pixels from centre to bow,
 * rotated clockwise by `rotationDeg` (screen y grows downwards, so clockwise on screen).
 */
export function shipOutline(
  x: number,
  y: number,
  rotationDeg: number,
  size: number,
): [number, number][] {
  const angle = (rotationDeg * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return HULL.map(([px, py]) => [
    x + (px * cos - py * sin) * size,
    y + (px * sin + py * cos) * size,
  ]);
}
