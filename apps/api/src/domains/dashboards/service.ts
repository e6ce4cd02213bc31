import { type Db, Prisma } from '@harbor/db';
import {
  type BerthOccupancy,
  type Dwell,
  type DwellInput,
  type GateMoves,
  type GateMovesInput,
  OPEN_VISIT_STATUSES,
  type SessionUser,
  type VesselsInPort,
  type YardUtilisation,
} from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { organizationSql } from '../auth/scope.ts';
import { type ContainerVisibility, visibleContainersWhere } from '../containers/visibility.ts';
import { toVesselVisit, visitInclude } from '../visits/mapping.ts';

type Deps = { db: Pick<Db, 'prisma' | 'sql'>; now: Clock };

const HOUR_MS = 3_600_000;
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const RANK = { BERTHED: 0, SHIFTING: 1, BERTHING: 2, AT_ANCHOR: 3, APPROACHING: 4 } as const;

export async function vesselsInPort(deps: Deps): Promise<VesselsInPort> {
  const groups = await deps.db.prisma.vesselVisit.groupBy({
    by: ['status'],
    where: { status: { in: [...OPEN_VISIT_STATUSES] } },
    _count: { _all: true },
  });
  const counts = {
    PLANNED: 0,
    APPROACHING: 0,
    AT_ANCHOR: 0,
    BERTHING: 0,
    BERTHED: 0,
    SHIFTING: 0,
  };
  for (const group of groups) counts[group.status as keyof typeof counts] = group._count._all;
  const rows = await deps.db.prisma.vesselVisit.findMany({
    where: { status: { in: OPEN_VISIT_STATUSES.filter((status) => status !== 'PLANNED') } },
    include: visitInclude,
    orderBy: [{ ata: 'asc' }, { eta: 'asc' }],
    take: 500,
  });
  const visits = rows
    .map(toVesselVisit)
    .sort((a, b) => RANK[a.status as keyof typeof RANK] - RANK[b.status as keyof typeof RANK]);
  return { counts, visits };
}

/** Per terminal now: berths with a vessel berthed at them, of all its berths. */
export async function berthOccupancy(deps: Deps): Promise<BerthOccupancy> {
  const terminals = await deps.db.prisma.terminal.findMany({
    orderBy: { code: 'asc' },
    include: { berths: { select: { id: true } } },
  });
  const berthed = await deps.db.prisma.vesselVisit.findMany({
    where: { status: 'BERTHED', berthId: { not: null } },
    select: { berthId: true },
    distinct: ['berthId'],
  });
  const occupiedBerths = new Set(berthed.map((visit) => visit.berthId));
  return terminals.map((terminal) => {
    const occupied = terminal.berths.filter((berth) => occupiedBerths.has(berth.id)).length;
    return {
      terminalId: terminal.id,
      terminalCode: terminal.code,
      berths: terminal.berths.length,
      occupied,
      ratio: ratio(occupied, terminal.berths.length),
    };
  });
}

// TEU by the container's length, the first character of its ISO 6346 size code (ISO 6346
// annex D: 1 = 10 ft, 2 = 20 ft, 3 = 30 ft, 4 = 40 ft, L = 45 ft, M = 48 ft): length / 20 ft.
// A slot whose container is unknown counts as its 20-foot slots.
const YARD_FIGURES = `SELECT b."yardBlockId", count(*)::int AS containers, sum(b.slots)::int AS slots,
  sum(CASE left(c."isoSizeType", 1) WHEN '1' THEN 0.5 WHEN '2' THEN 1 WHEN '3' THEN 1.5
    WHEN '4' THEN 2 WHEN 'L' THEN 2.25 WHEN 'M' THEN 2.4 ELSE b.slots END)::float8 AS teu
FROM (SELECT "yardBlockId", "containerId", count(*) AS slots FROM "YardSlot" GROUP BY 1, 2) b
LEFT JOIN "Container" c ON c.id = b."containerId"
GROUP BY b."yardBlockId"`;

/** Per terminal and block: occupied 20-foot slots of bays × rows × tiers, containers and TEU. */
export async function yardUtilisation(deps: Deps): Promise<YardUtilisation> {
  const blocks = await deps.db.prisma.yardBlock.findMany({
    include: { terminal: { select: { code: true } } },
    orderBy: [{ terminal: { code: 'asc' } }, { code: 'asc' }],
  });
  const { rows } = await deps.db.sql.query<{
    yardBlockId: string;
    containers: number;
    slots: number;
    teu: number;
  }>(YARD_FIGURES);
  const figures = new Map(rows.map((row) => [row.yardBlockId, row]));
  const terminals = new Map<string, YardUtilisation[number]>();
  for (const block of blocks) {
    const found = figures.get(block.id);
    const capacitySlots = block.bays * block.rows * block.tiers;
    const occupiedSlots = Number(found?.slots ?? 0);
    const containers = Number(found?.containers ?? 0);
    const teu = Number(found?.teu ?? 0);
    const terminal = terminals.get(block.terminalId) ?? {
      terminalId: block.terminalId,
      terminalCode: block.terminal.code,
      capacitySlots: 0,
      occupiedSlots: 0,
      containers: 0,
      teu: 0,
      ratio: 0,
      blocks: [],
    };
    terminal.blocks.push({
      yardBlockId: block.id,
      code: block.code,
      capacitySlots,
      occupiedSlots,
      containers,
      teu,
      ratio: ratio(occupiedSlots, capacitySlots),
    });
    terminal.capacitySlots += capacitySlots;
    terminal.occupiedSlots += occupiedSlots;
    terminal.containers += containers;
    terminal.teu += teu;
    terminal.ratio = ratio(terminal.occupiedSlots, terminal.capacitySlots);
    terminals.set(block.terminalId, terminal);
  }
  return [...terminals.values()];
}

/**
 * Actual gate-in and gate-out events per terminal and UTC hour. Port staff count every
 * move; a logistics company counts the moves its own trucks made.
 */
export async function gateMoves(
  deps: Deps,
  user: SessionUser,
  input: GateMovesInput,
): Promise<GateMoves> {
  const from = new Date(input.from);
  const to = new Date(input.to);
  const terminals = await deps.db.prisma.terminal.findMany({
    where: input.terminalId ? { id: input.terminalId } : {},
    orderBy: { code: 'asc' },
  });
  const atTerminal = input.terminalId
    ? Prisma.sql`AND e."terminalId" = ${input.terminalId}`
    : Prisma.empty;
  // Hours as whole hours since the epoch, so buckets are UTC hours whatever the session's zone.
  // A move counts as its truck's organization's; one with no truck, as nobody's.
  const query = Prisma.sql`SELECT e."terminalId", floor(extract(epoch FROM e."eventAt") / 3600)::int AS hour,
  e."eventType"::text AS "eventType", count(*)::int AS moves
FROM "EquipmentEvent" e
LEFT JOIN "Vehicle" v ON v.id = e."vehicleId"
WHERE e."eventType" IN ('GTIN', 'GTOT') AND e."eventClassifier" = 'ACT'
  AND e."eventAt" >= ${from} AND e."eventAt" < ${to} AND e."terminalId" IS NOT NULL
  ${atTerminal}
  AND ${organizationSql(user, Prisma.sql`v."organizationId"`)}
GROUP BY 1, 2, 3`;
  const { rows } = await deps.db.sql.query<{
    terminalId: string;
    hour: number;
    eventType: 'GTIN' | 'GTOT';
    moves: number;
  }>(query.text, query.values);
  const moves = new Map<string, number>();
  for (const row of rows)
    moves.set(`${row.terminalId} ${row.hour} ${row.eventType}`, Number(row.moves));
  const firstHour = Math.floor(from.getTime() / HOUR_MS);
  const lastHour = Math.ceil(to.getTime() / HOUR_MS) - 1;
  return terminals.map((terminal) => {
    const hours = [];
    for (let hour = firstHour; hour <= lastHour; hour++) {
      const count = (type: string) => moves.get(`${terminal.id} ${hour} ${type}`) ?? 0;
      hours.push({
        hour: new Date(hour * HOUR_MS).toISOString(),
        gateIn: count('GTIN'),
        gateOut: count('GTOT'),
      });
    }
    return {
      terminalId: terminal.id,
      terminalCode: terminal.code,
      hours,
      gateIn: hours.reduce((sum, h) => sum + h.gateIn, 0),
      gateOut: hours.reduce((sum, h) => sum + h.gateOut, 0),
    };
  });
}

/**
 * The viewer's containers in a terminal that arrived more than `limitHours` ago: how many,
 * and the longest staying (numbers of containers it may not see are never listed).
 */
export async function dwell(
  deps: Deps,
  visibility: ContainerVisibility,
  input: DwellInput,
): Promise<Dwell> {
  const now = deps.now();
  const where = {
    place: 'TERMINAL' as const,
    arrivedAt: { lt: new Date(now.getTime() - input.limitHours * HOUR_MS) },
    ...(input.terminalId ? { terminalId: input.terminalId } : {}),
    ...(visibility.seesAllContainers
      ? {}
      : { container: { is: visibleContainersWhere(visibility) } }),
  };
  const count = await deps.db.prisma.containerState.count({ where });
  const rows = await deps.db.prisma.containerState.findMany({
    where,
    orderBy: { arrivedAt: 'asc' },
    take: input.top,
    include: {
      container: { select: { number: true } },
      terminal: { select: { code: true } },
      yardBlock: { select: { code: true } },
    },
  });
  return {
    limitHours: input.limitHours,
    count,
    top: rows.map((row) => {
      const arrivedAt = row.arrivedAt ?? now;
      return {
        containerNumber: row.container.number,
        terminalCode: row.terminal?.code ?? null,
        yardBlockCode: row.yardBlock?.code ?? null,
        arrivedAt: arrivedAt.toISOString(),
        dwellHours: Math.round(((now.getTime() - arrivedAt.getTime()) / HOUR_MS) * 10) / 10,
      };
    }),
  };
}
