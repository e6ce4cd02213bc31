import type { Db, Prisma } from '@harbor/db';
import {
  type CreateZoneInput,
  GeoJsonPolygonSchema,
  type SessionUser,
  type UpdateZoneInput,
  type Zone,
  type ZonePolygonInput,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { rethrowPrismaError } from '../../core/prisma-errors.ts';
import { assertPortWriter } from '../auth/scope.ts';

/**
 * What follows the zones while Harbor runs: the geofences, the alert rules' zones and the port
 * call tracker's areas (runtime/parts/monitors.ts). Told after every change, so a zone drawn,
 * moved or deleted counts from the next fix on, without a restart.
 */
export type ZoneFences = { reloadZones(): Promise<number> };

type Deps = { db: Pick<Db, 'prisma'>; zoneFences: ZoneFences };

type ZoneRow = Prisma.ZoneGetPayload<object>;

/** A stored zone as the contract shows it; null when its polygon is not valid GeoJSON. */
export function toZone(row: ZoneRow): Zone | null {
  const polygon = GeoJsonPolygonSchema.safeParse(row.polygon);
  if (!polygon.success) return null;
  return {
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
    speedLimitKmh: row.speedLimitKmh,
  } satisfies Zone;
}

/** The bounding box columns the map's viewport query and the geofences' R-tree read. */
export function bboxOf(polygon: ZonePolygonInput) {
  const [ring] = polygon.coordinates;
  const lons = ring.map(([lon]) => lon);
  const lats = ring.map(([, lat]) => lat);
  return {
    minLon: Math.min(...lons),
    minLat: Math.min(...lats),
    maxLon: Math.max(...lons),
    maxLat: Math.max(...lats),
  };
}

const codeTaken = (code: string) => ({
  code: 'zone.code-taken' as const,
  message: `the port already has a zone ${code}`,
  params: { code },
});

/** The port a zone goes to: its terminal's, else the one port Harbor serves. */
async function portOf(deps: Deps, terminalId: string | null): Promise<string> {
  if (terminalId !== null) {
    const terminal = await deps.db.prisma.terminal.findUnique({ where: { id: terminalId } });
    if (!terminal)
      throw new HarborError('not-found', 'terminal.not-found', 'no such terminal', {
        params: { terminal: terminalId },
      });
    return terminal.portId;
  }
  const port = await deps.db.prisma.port.findFirst({ orderBy: { createdAt: 'asc' } });
  if (!port) throw new HarborError('not-found', 'zone.no-port', 'Harbor has no port');
  return port.id;
}

function stored(row: ZoneRow): Zone {
  const zone = toZone(row);
  if (!zone) throw new Error(`zone ${row.code} was stored with an invalid polygon`);
  return zone;
}

export async function createZone(deps: Deps, user: SessionUser, input: CreateZoneInput) {
  assertPortWriter(user);
  const portId = await portOf(deps, input.terminalId);
  let row: ZoneRow;
  try {
    row = await deps.db.prisma.zone.create({
      data: {
        portId,
        terminalId: input.terminalId,
        code: input.code,
        name: input.name,
        nameZh: input.nameZh,
        kind: input.kind,
        polygon: input.polygon,
        ...bboxOf(input.polygon),
        speedLimitKnots: input.speedLimitKnots,
        speedLimitKmh: input.speedLimitKmh,
      },
    });
  } catch (error) {
    rethrowPrismaError(error, { conflict: codeTaken(input.code) });
  }
  await deps.zoneFences.reloadZones();
  return stored(row);
}

async function findZone(deps: Deps, id: string) {
  const row = await deps.db.prisma.zone.findUnique({
    where: { id },
    include: { berth: { select: { id: true } }, yardBlock: { select: { id: true } } },
  });
  if (!row)
    throw new HarborError('not-found', 'zone.not-found', 'no such zone', { params: { zone: id } });
  return row;
}

export async function updateZone(deps: Deps, user: SessionUser, input: UpdateZoneInput) {
  assertPortWriter(user);
  const current = await findZone(deps, input.id);
  const isLaidOut = current.berth !== null || current.yardBlock !== null;
  if (input.kind !== undefined && input.kind !== current.kind && isLaidOut)
    throw new HarborError('invalid', 'zone.kind-fixed', `zone ${current.code} keeps its kind`, {
      params: { code: current.code },
    });
  if (input.terminalId) {
    const portId = await portOf(deps, input.terminalId);
    if (portId !== current.portId)
      throw new HarborError('not-found', 'terminal.not-found', 'no such terminal in the port', {
        params: { terminal: input.terminalId },
      });
  }
  const { id, polygon, ...fields } = input;
  let row: ZoneRow;
  try {
    row = await deps.db.prisma.zone.update({
      where: { id },
      data: { ...fields, ...(polygon ? { polygon, ...bboxOf(polygon) } : {}) },
    });
  } catch (error) {
    rethrowPrismaError(error, { conflict: codeTaken(input.code ?? current.code) });
  }
  await deps.zoneFences.reloadZones();
  return stored(row);
}

/**
 * Deletes a zone drawn on its own. A berth's or yard block's zone goes with its berth or block;
 * a zone that dispatch jobs, equipment events, port calls or geofence events name is history
 * and stays (change its outline instead).
 */
export async function deleteZone(deps: Deps, user: SessionUser, id: string) {
  assertPortWriter(user);
  const zone = await findZone(deps, id);
  const params = { code: zone.code };
  if (zone.berth)
    throw new HarborError('conflict', 'zone.is-berth', `zone ${zone.code} is a berth`, { params });
  if (zone.yardBlock)
    throw new HarborError('conflict', 'zone.is-yard-block', `zone ${zone.code} is a yard block`, {
      params,
    });
  const [uses, portCallEvents] = await Promise.all([
    deps.db.prisma.zone.findUniqueOrThrow({
      where: { id },
      select: {
        _count: {
          select: {
            pickupJobs: true,
            dropoffJobs: true,
            equipmentEvents: true,
            geofenceEvents: true,
          },
        },
      },
    }),
    deps.db.prisma.portCallEvent.count({ where: { zoneId: id } }),
  ]);
  const jobs = uses._count.pickupJobs + uses._count.dropoffJobs;
  const events = uses._count.equipmentEvents + uses._count.geofenceEvents + portCallEvents;
  if (jobs + events > 0)
    throw new HarborError('conflict', 'zone.in-use', `zone ${zone.code} is referred to`, {
      params: { ...params, jobs, events },
    });
  await deps.db.prisma.zone.delete({ where: { id } });
  await deps.zoneFences.reloadZones();
  return { ok: true as const };
}
