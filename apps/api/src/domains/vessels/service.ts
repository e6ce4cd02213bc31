import type { Db } from '@harbor/db';
import type {
  CreateVesselInput,
  ListVesselsInput,
  UpdateVesselInput,
  Vessel,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { toPage } from '../../core/pagination.ts';
import { rethrowPrismaError } from '../../core/prisma-errors.ts';
import {
  aisStaticOf,
  curatedParticulars,
  effectiveParticulars,
  effectiveSql,
  type ParticularsRow,
  vesselDiscrepancies,
} from './particulars.ts';
import { createCuratedVessel, updateCuratedVessel } from './static-data.ts';

type VesselRow = ParticularsRow & { id: string; mmsi: number; createdAt: Date; updatedAt: Date };

/** The vessel with its effective particulars, both sources, and where they disagree. */
export function toVessel(row: VesselRow): Vessel {
  return {
    id: row.id,
    mmsi: row.mmsi,
    ...effectiveParticulars(row),
    flag: row.flag,
    curated: curatedParticulars(row),
    ais: aisStaticOf(row),
    discrepancies: vesselDiscrepancies(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } satisfies Vessel;
}

type Deps = { db: Pick<Db, 'prisma' | 'sql'> };

const NAME = effectiveSql('name', 'v');
const CURSOR_NAME = effectiveSql('name', 'c');

/**
 * One page of vessel ids in order of their effective name (unnamed last), then id. A search
 * is a part of the effective name, or an exact MMSI ($2) or effective IMO number ($3). Raw SQL
 * because Prisma cannot order by COALESCE(name, "aisName"); the page continues after the
 * cursor's row by the same key.
 */
const LIST_IDS = `SELECT v.id FROM "Vessel" v
WHERE ($1::text IS NULL OR ${NAME} ILIKE $1 OR v.mmsi = $2::int OR ${effectiveSql('imo', 'v')} = $3::int)
  AND ($4::text IS NULL OR (${NAME} IS NULL, COALESCE(${NAME}, ''), v.id) >
    (SELECT ${CURSOR_NAME} IS NULL, COALESCE(${CURSOR_NAME}, ''), c.id FROM "Vessel" c WHERE c.id = $4))
ORDER BY ${NAME} IS NULL, COALESCE(${NAME}, ''), v.id
LIMIT $5::int`;

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listVessels(deps: Deps, input: ListVesselsInput) {
  const search = input.search || null;
  const { rows: ids } = await deps.db.sql.query<{ id: string }>(LIST_IDS, [
    search === null ? null : containing(search),
    search && /^\d{9}$/.test(search) ? Number(search) : null,
    search && /^\d{7}$/.test(search) ? Number(search) : null,
    input.cursor ?? null,
    input.limit + 1,
  ]);
  const rows = await deps.db.prisma.vessel.findMany({
    where: { id: { in: ids.map((row) => row.id) } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.flatMap((row) => byId.get(row.id) ?? []);
  return toPage(ordered, input.limit, toVessel);
}

export async function getVessel(deps: Deps, id: string): Promise<Vessel> {
  const row = await deps.db.prisma.vessel.findUnique({ where: { id } });
  if (!row) throw new HarborError('not-found', 'vessel.not-found', 'no such vessel');
  return toVessel(row);
}

function duplicate(input: { mmsi?: number | undefined; imo?: number | null | undefined }) {
  return {
    code: 'vessel.mmsi-or-imo-taken',
    message: `a vessel with MMSI ${input.mmsi ?? '(unchanged)'}${input.imo ? ` or IMO ${input.imo}` : ''} already exists`,
    params: {
      ...(input.mmsi ? { mmsi: input.mmsi } : {}),
      ...(input.imo ? { imo: input.imo } : {}),
    },
  } as const;
}

/** Staff create a vessel with curated values; a vessel first heard on AIS has its row already. */
export async function createVessel(deps: Deps, input: CreateVesselInput): Promise<Vessel> {
  const { mmsi, ...curated } = input;
  try {
    return toVessel(await createCuratedVessel(deps.db.prisma, mmsi, curated));
  } catch (error) {
    rethrowPrismaError(error, { conflict: duplicate(input) });
  }
}

/** Sets curated values; null clears one, so the vessel shows what its AIS reports again. */
export async function updateVessel(deps: Deps, input: UpdateVesselInput): Promise<Vessel> {
  const { id, ...changes } = input;
  try {
    return toVessel(await updateCuratedVessel(deps.db.prisma, id, changes));
  } catch (error) {
    rethrowPrismaError(error, {
      conflict: duplicate(input),
      notFound: { code: 'vessel.not-found', message: 'no such vessel' },
    });
  }
}
