import type { Db, Prisma } from '@harbor/db';
import {
  type Berth,
  GeoJsonPolygonSchema,
  type ListBerthsInput,
  type ListZonesInput,
  type Terminal,
  type Zone,
} from '@harbor/shared';

type Deps = { db: Pick<Db, 'prisma'> };

export async function listTerminals(deps: Deps): Promise<Terminal[]> {
  const rows = await deps.db.prisma.terminal.findMany({
    orderBy: { code: 'asc' },
    include: { _count: { select: { berths: true, yardBlocks: true } } },
  });
  return rows.map(
    (row) =>
      ({
        id: row.id,
        portId: row.portId,
        code: row.code,
        name: row.name,
        nameZh: row.nameZh,
        berthCount: row._count.berths,
        yardBlockCount: row._count.yardBlocks,
      }) satisfies Terminal,
  );
}

/** A stored polygon that is not valid GeoJSON is left out rather than breaking the map. */
export async function listBerths(deps: Deps, input: ListBerthsInput): Promise<Berth[]> {
  const rows = await deps.db.prisma.berth.findMany({
    where: input.terminalId ? { terminalId: input.terminalId } : {},
    orderBy: [{ terminal: { code: 'asc' } }, { code: 'asc' }],
    include: { terminal: { select: { code: true } }, zone: { select: { polygon: true } } },
  });
  return rows.flatMap((row) => {
    const polygon = GeoJsonPolygonSchema.safeParse(row.zone.polygon);
    if (!polygon.success) return [];
    return [
      {
        id: row.id,
        terminalId: row.terminalId,
        terminalCode: row.terminal.code,
        zoneId: row.zoneId,
        code: row.code,
        name: row.name,
        lengthM: row.lengthM,
        depthM: row.depthM,
        polygon: polygon.data,
      } satisfies Berth,
    ];
  });
}

export async function listZones(deps: Deps, input: ListZonesInput): Promise<Zone[]> {
  const where: Prisma.ZoneWhereInput = {
    ...(input.kinds ? { kind: { in: input.kinds } } : {}),
    ...(input.terminalId ? { terminalId: input.terminalId } : {}),
    // Boxes overlap when neither lies wholly beside the other.
    ...(input.bbox
      ? {
          minLat: { lte: input.bbox.maxLat },
          maxLat: { gte: input.bbox.minLat },
          minLon: { lte: input.bbox.maxLon },
          maxLon: { gte: input.bbox.minLon },
        }
      : {}),
  };
  const rows = await deps.db.prisma.zone.findMany({ where, orderBy: { code: 'asc' } });
  return rows.flatMap((row) => {
    const polygon = GeoJsonPolygonSchema.safeParse(row.polygon);
    if (!polygon.success) return [];
    return [
      {
        id: row.id,
        portId: row.portId,
        terminalId: row.terminalId,
        code: row.code,
        name: row.name,
        nameZh: row.nameZh,
        kind: row.kind,
        polygon: polygon.data,
        bbox: { minLat: row.minLat, minLon: row.minLon, maxLat: row.maxLat, maxLon: row.maxLon },
        speedLimitKnots: row.speedLimitKnots,
      } satisfies Zone,
    ];
  });
}
