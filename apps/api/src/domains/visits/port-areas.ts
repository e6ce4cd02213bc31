import type { Db } from '@harbor/db';
import {
  bearingDeg,
  distanceM,
  type GeoJsonPolygon,
  type LonLat,
  METRES_PER_NM,
} from '@harbor/shared';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { ringCentre } from '../port/geodesy.ts';
import type { BerthRef, Place } from './call-machine.ts';

/** A port without an APPROACH zone has this radius around its berths as its approach area. */
export const DEFAULT_APPROACH_NM = 20;
/**
 * The water in front of the quays belongs to the port's approach area whether or not its
 * APPROACH zones reach that far (a VTS area is often drawn to the channel's inner end).
 */
export const INNER_HARBOUR_M = 2 * METRES_PER_NM;

const KINDS = ['APPROACH', 'ANCHORAGE', 'BERTH', 'PILOT_BOARDING', 'FAIRWAY'] as const;
type AreaKind = (typeof KINDS)[number];

type Area = {
  zoneId: string;
  portId: string;
  kind: AreaKind;
  polygon: GeoJsonPolygon;
  berth: { id: string; terminalId: string } | null;
};

type PortInfo = { hasApproachZone: boolean; berths: { centre: LonLat; ref: BerthRef }[] };

/**
 * The port areas a port call moves through, indexed for point lookups: approach areas,
 * anchorages, pilot boarding grounds, fairways and berths. The approach area is the APPROACH
 * zones, the anchorages, the berths and the water within INNER_HARBOUR_M of a berth; for a
 * port without APPROACH zones, DEFAULT_APPROACH_NM around its berths. `placeOf` says where a position
 * lies among them: which port's areas, and the berth, anchorage and so on it is in.
 */
export class PortAreas {
  private readonly index: Flatbush | null;

  private constructor(
    private readonly areas: Area[],
    private readonly ports: Map<string, PortInfo>,
  ) {
    if (areas.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(areas.length);
    for (const area of areas) {
      const ring = area.polygon.coordinates[0] ?? [];
      const lons = ring.map((point) => point[0] ?? 0);
      const lats = ring.map((point) => point[1] ?? 0);
      this.index.add(Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats));
    }
    this.index.finish();
  }

  static async load(db: Pick<Db, 'prisma'>): Promise<PortAreas> {
    const rows = await db.prisma.zone.findMany({
      where: { kind: { in: [...KINDS] } },
      select: {
        id: true,
        portId: true,
        kind: true,
        polygon: true,
        berth: { select: { id: true, terminalId: true } },
      },
    });
    return PortAreas.of(
      rows.map((row) => ({
        zoneId: row.id,
        portId: row.portId,
        kind: row.kind as AreaKind,
        polygon: row.polygon as GeoJsonPolygon,
        berth: row.berth,
      })),
    );
  }

  static of(areas: Area[]): PortAreas {
    const valid = areas.filter(
      (area) => area.polygon?.type === 'Polygon' && (area.polygon.coordinates[0]?.length ?? 0) >= 4,
    );
    const ports = new Map<string, PortInfo>();
    const portOf = (portId: string) => {
      let info = ports.get(portId);
      if (!info) {
        info = { hasApproachZone: false, berths: [] };
        ports.set(portId, info);
      }
      return info;
    };
    for (const area of valid) {
      const info = portOf(area.portId);
      if (area.kind === 'APPROACH') info.hasApproachZone = true;
      if (area.kind === 'BERTH' && area.berth)
        info.berths.push({
          centre: ringCentre(area.polygon),
          ref: { zoneId: area.zoneId, berthId: area.berth.id, terminalId: area.berth.terminalId },
        });
    }
    return new PortAreas(valid, ports);
  }

  get portIds(): string[] {
    return [...this.ports.keys()];
  }

  /**
   * Where a position lies: the port whose areas hold it, or `portId`'s when given (a call's
   * port, to see it leave); null when it lies in no port's approach area and no port is named.
   */
  placeOf(lon: number, lat: number, portId?: string): Place | null {
    const inside = new Map<string, Area[]>();
    if (this.index)
      for (const i of this.index.search(lon, lat, lon, lat)) {
        const area = this.areas[i];
        if (!area || (portId && area.portId !== portId)) continue;
        if (!booleanPointInPolygon([lon, lat], area.polygon)) continue;
        inside.set(area.portId, [...(inside.get(area.portId) ?? []), area]);
      }
    const candidates = portId ? [portId] : [...new Set([...inside.keys(), ...this.ports.keys()])];
    for (const id of candidates) {
      const info = this.ports.get(id);
      if (!info) continue;
      const here = inside.get(id) ?? [];
      const of = (kind: AreaKind) => here.find((area) => area.kind === kind) ?? null;
      let nearest: PortInfo['berths'][number] | null = null;
      let nearestM = Number.POSITIVE_INFINITY;
      for (const berth of info.berths) {
        const metres = distanceM([lon, lat], berth.centre);
        if (metres < nearestM) {
          nearest = berth;
          nearestM = metres;
        }
      }
      const berthArea = of('BERTH');
      const anchorage = of('ANCHORAGE');
      const inApproach =
        of('APPROACH') !== null ||
        anchorage !== null ||
        berthArea !== null ||
        nearestM <= INNER_HARBOUR_M ||
        (!info.hasApproachZone &&
          (here.length > 0 || nearestM <= DEFAULT_APPROACH_NM * METRES_PER_NM));
      if (!inApproach && !portId) continue;
      return {
        portId: id,
        inApproach,
        anchorage: anchorage?.zoneId ?? null,
        berth:
          berthArea?.berth != null
            ? {
                zoneId: berthArea.zoneId,
                berthId: berthArea.berth.id,
                terminalId: berthArea.berth.terminalId,
              }
            : null,
        pilot: of('PILOT_BOARDING')?.zoneId ?? null,
        inFairway: of('FAIRWAY') !== null,
        toBerthM: nearestM,
        bearingToBerthDeg: nearest ? bearingDeg([lon, lat], nearest.centre) : 0,
      };
    }
    return null;
  }
}
