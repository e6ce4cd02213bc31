import type { Db, Prisma } from '@harbor/db';
import type {
  CreateVesselInput,
  ListVesselsInput,
  UpdateVesselInput,
  Vessel,
} from '@harbor/shared';
import { TRPCError } from '@trpc/server';
import { pageArgs, toPage } from '../trpc/pagination.ts';
import { rethrowPrismaError } from '../trpc/prisma-errors.ts';

type VesselRow = Omit<Vessel, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

export function toVessel(row: VesselRow): Vessel {
  return {
    id: row.id,
    mmsi: row.mmsi,
    imo: row.imo,
    callSign: row.callSign,
    name: row.name,
    shipType: row.shipType,
    lengthM: row.lengthM,
    beamM: row.beamM,
    draughtM: row.draughtM,
    flag: row.flag,
    destination: row.destination,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } satisfies Vessel;
}

type Deps = { db: Db };

/** A search is a part of the name, or an exact MMSI (9 digits) or IMO number (7 digits). */
function searchWhere(search: string | undefined): Prisma.VesselWhereInput {
  if (!search) return {};
  const byName: Prisma.VesselWhereInput = { name: { contains: search, mode: 'insensitive' } };
  if (/^\d{9}$/.test(search)) return { OR: [byName, { mmsi: Number(search) }] };
  if (/^\d{7}$/.test(search)) return { OR: [byName, { imo: Number(search) }] };
  return byName;
}

export async function listVessels(deps: Deps, input: ListVesselsInput) {
  const rows = await deps.db.prisma.vessel.findMany({
    where: searchWhere(input.search),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    ...pageArgs(input),
  });
  return toPage(rows, input.limit, toVessel);
}

export async function getVessel(deps: Deps, id: string): Promise<Vessel> {
  const row = await deps.db.prisma.vessel.findUnique({ where: { id } });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such vessel' });
  return toVessel(row);
}

function duplicateMessage(input: { mmsi?: number | undefined; imo?: number | undefined }): string {
  return `a vessel with MMSI ${input.mmsi ?? '(unchanged)'}${input.imo ? ` or IMO ${input.imo}` : ''} already exists`;
}

export async function createVessel(deps: Deps, input: CreateVesselInput): Promise<Vessel> {
  try {
    return toVessel(await deps.db.prisma.vessel.create({ data: input }));
  } catch (error) {
    rethrowPrismaError(error, { conflict: duplicateMessage(input) });
  }
}

export async function updateVessel(deps: Deps, input: UpdateVesselInput): Promise<Vessel> {
  const { id, ...data } = input;
  try {
    return toVessel(await deps.db.prisma.vessel.update({ where: { id }, data }));
  } catch (error) {
    rethrowPrismaError(error, { conflict: duplicateMessage(input), notFound: 'no such vessel' });
  }
}
