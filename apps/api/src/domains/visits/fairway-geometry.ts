import type { Db } from '@harbor/db';
import { type FairwayNetwork, FairwayNetworkSchema, type LonLat } from '@harbor/shared';
import { ringCentre } from '../port/geodesy.ts';
import type { ArrivalInput } from './eta.ts';
import type { RouteTarget } from './fairway-route.ts';

/** What a port offers the arrival predictor: its fairway network and its pilot boarding grounds. */
export type PortFairway = { fairway: FairwayNetwork | null; pilotBoardings: LonLat[] };

export type ArrivalGeometry = {
  ports: Map<string, PortFairway>;
  /** Every berth: its port, its centre and its terminal's code (the turning point's node id). */
  berths: Map<string, { portId: string; target: RouteTarget }>;
  /** Ports whose stored fairway does not validate (FairwayNetworkSchema), with why: they count as having none. */
  invalidFairways: { portId: string; message: string }[];
};

/**
 * Reads the arrival predictor's geometry: each port's fairway network (Port.fairway,
 * validated), the centres of its PILOT_BOARDING zones, and every berth's centre and
 * terminal. Load once and again when the port's geometry changes, like the geofences.
 */
export async function loadArrivalGeometry(db: Pick<Db, 'prisma'>): Promise<ArrivalGeometry> {
  const ports = await db.prisma.port.findMany({ select: { id: true, fairway: true } });
  const boardings = await db.prisma.zone.findMany({
    where: { kind: 'PILOT_BOARDING' },
    select: { portId: true, polygon: true },
  });
  const berths = await db.prisma.berth.findMany({
    select: {
      id: true,
      zone: { select: { polygon: true } },
      terminal: { select: { code: true, portId: true } },
    },
  });
  const geometry: ArrivalGeometry = { ports: new Map(), berths: new Map(), invalidFairways: [] };
  for (const port of ports) {
    let fairway: FairwayNetwork | null = null;
    if (port.fairway !== null) {
      const parsed = FairwayNetworkSchema.safeParse(port.fairway);
      if (parsed.success) fairway = parsed.data;
      else geometry.invalidFairways.push({ portId: port.id, message: parsed.error.message });
    }
    geometry.ports.set(port.id, { fairway, pilotBoardings: [] });
  }
  for (const zone of boardings)
    geometry.ports.get(zone.portId)?.pilotBoardings.push(centreOf(zone.polygon));
  for (const berth of berths)
    geometry.berths.set(berth.id, {
      portId: berth.terminal.portId,
      target: { centre: centreOf(berth.zone.polygon), terminalCode: berth.terminal.code },
    });
  return geometry;
}

/** The predictor's input for a ship bound for a berth, or null for a berth the geometry does not know. */
export function arrivalInput(
  geometry: ArrivalGeometry,
  berthId: string,
  ship: Pick<ArrivalInput, 'fixes' | 'aisEtaMs' | 'plannedEtaMs'>,
): ArrivalInput | null {
  const berth = geometry.berths.get(berthId);
  const port = berth && geometry.ports.get(berth.portId);
  if (!berth || !port) return null;
  return { ...port, berth: berth.target, ...ship };
}

function centreOf(polygon: unknown): LonLat {
  return ringCentre(polygon as { coordinates: number[][][] });
}
