import { type Db, Prisma } from '@harbor/db';
import type {
  BookAppointmentInput,
  CompanyPunctuality,
  GateCapacity,
  GateCapacityInput,
  GateLoadHour,
  GateLoadInput,
  GateMoveKind,
  GateQueue,
  GateQueueInput,
  ListAppointmentsInput,
  Punctuality,
  PunctualityInput,
  SessionUser,
  SetGateCapacityInput,
  TruckAppointment,
} from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { HarborError } from '../../core/errors.ts';
import { isPortStaff, organizationSql } from '../auth/scope.ts';
import { findOwnJobOfTruck } from '../dispatch/jobs.ts';
import { findVisibleVehicle } from '../vehicles/service.ts';

type Deps = { db: Db; now: Clock };

const HOUR_MS = 3_600_000;
/** Through the gate more than this before its hour, a truck is early. */
const EARLY_GRACE_MS = 30 * 60_000;
/** A gate entry this far either side of the slot's start counts as its arrival. */
const ARRIVAL_WINDOW_MS = 3 * HOUR_MS;
/** A load or list covers at most this long: a week of hours. */
const MAX_RANGE_MS = 7 * 24 * HOUR_MS;

/** How a truck kept its slot (see PunctualitySchema). */
export function punctualityOf(
  slotStart: number,
  arrivedAt: number | null,
  now: number,
): Punctuality {
  if (arrivedAt === null) return now >= slotStart + ARRIVAL_WINDOW_MS ? 'NO_SHOW' : 'PENDING';
  if (arrivedAt < slotStart - EARLY_GRACE_MS) return 'EARLY';
  if (arrivedAt < slotStart + HOUR_MS) return 'ON_TIME';
  return 'LATE';
}

async function findTerminal(deps: Pick<Deps, 'db'>, id: string) {
  const terminal = await deps.db.prisma.terminal.findUnique({ where: { id } });
  if (!terminal) throw new HarborError('not-found', 'terminal.not-found', 'no such terminal');
  return terminal;
}

/** A terminal's published gate capacity, by move kind (port data: anyone logged in reads it). */
export async function gateCapacity(
  deps: Pick<Deps, 'db'>,
  input: GateCapacityInput,
): Promise<GateCapacity[]> {
  await findTerminal(deps, input.terminalId);
  return deps.db.prisma.gateCapacity.findMany({
    where: { terminalId: input.terminalId },
    select: { terminalId: true, moveKind: true, trucksPerHour: true },
    orderBy: { moveKind: 'asc' },
  });
}

/** Publishes a terminal's capacity for a move kind: the port authority, or the terminal's operator. */
export async function setGateCapacity(
  deps: Pick<Deps, 'db'>,
  user: SessionUser,
  input: SetGateCapacityInput,
): Promise<GateCapacity> {
  const terminal = await findTerminal(deps, input.terminalId);
  if (!isPortStaff(user) && terminal.operatorOrganizationId !== user.organization.id)
    throw new HarborError(
      'forbidden',
      'gate.not-operator',
      "only the port authority or the terminal's operator sets its gate capacity",
    );
  const key = { terminalId: input.terminalId, moveKind: input.moveKind };
  return deps.db.prisma.gateCapacity.upsert({
    where: { terminalId_moveKind: key },
    create: { ...key, trucksPerHour: input.trucksPerHour },
    update: { trucksPerHour: input.trucksPerHour },
    select: { terminalId: true, moveKind: true, trucksPerHour: true },
  });
}

/**
 * Books a truck an hour at a terminal's gates. Its own company books it; the hour must not be
 * over, the terminal must take that kind of move, and the hour must have room. The count and
 * the booking are one transaction holding the capacity row, so two bookings racing for the
 * last place cannot both have it.
 */
export async function bookAppointment(
  deps: Deps,
  user: SessionUser,
  input: BookAppointmentInput,
): Promise<TruckAppointment> {
  const vehicle = await findVisibleVehicle(deps, user, input.vehicleId);
  if (vehicle.organizationId !== user.organization.id)
    throw new HarborError(
      'forbidden',
      'appointment.other-company',
      "only the truck's own company books it a slot",
    );
  await findTerminal(deps, input.terminalId);
  if (input.jobId) await findOwnJobOfTruck(deps, user, input.jobId, vehicle);
  const slotStart = new Date(input.slotStart);
  if (slotStart.getTime() + HOUR_MS <= deps.now().getTime())
    throw new HarborError('invalid', 'appointment.slot-over', 'that hour is over');
  const id = await deps.db.prisma.$transaction(async (tx) => {
    const [capacity] = await tx.$queryRaw<{ trucksPerHour: number }[]>`
      SELECT "trucksPerHour" FROM "GateCapacity"
      WHERE "terminalId" = ${input.terminalId} AND "moveKind" = ${input.moveKind}::"GateMoveKind"
      FOR UPDATE`;
    if (!capacity || capacity.trucksPerHour === 0)
      throw new HarborError(
        'invalid',
        'appointment.no-capacity',
        'the terminal takes no bookings for that kind of move',
      );
    const booked = await tx.truckAppointment.count({
      where: {
        terminalId: input.terminalId,
        moveKind: input.moveKind,
        slotStart,
        status: 'BOOKED',
      },
    });
    if (booked >= capacity.trucksPerHour)
      throw new HarborError('conflict', 'appointment.slot-full', 'that hour is fully booked', {
        params: { capacity: capacity.trucksPerHour },
      });
    const clash = await tx.truckAppointment.findFirst({
      where: { vehicleId: vehicle.id, slotStart, status: 'BOOKED' },
      select: { id: true },
    });
    if (clash)
      throw new HarborError(
        'conflict',
        'appointment.truck-booked',
        'the truck has that hour booked',
        {
          params: { plate: vehicle.plate },
        },
      );
    const row = await tx.truckAppointment.create({
      data: {
        organizationId: vehicle.organizationId,
        terminalId: input.terminalId,
        moveKind: input.moveKind,
        slotStart,
        vehicleId: vehicle.id,
        dispatchJobId: input.jobId ?? null,
        createdById: user.id,
      },
      select: { id: true },
    });
    return row.id;
  });
  const [appointment] = await appointmentsWhere(deps, Prisma.sql`a.id = ${id}`);
  return appointment as TruckAppointment;
}

/** Cancels a booked slot of the user's company, freeing its place. */
export async function cancelAppointment(
  deps: Deps,
  user: SessionUser,
  id: string,
): Promise<TruckAppointment> {
  const row = await deps.db.prisma.truckAppointment.findUnique({ where: { id } });
  if (!row || row.organizationId !== user.organization.id)
    throw new HarborError('not-found', 'appointment.not-found', 'no such appointment');
  await deps.db.prisma.truckAppointment.update({ where: { id }, data: { status: 'CANCELLED' } });
  const [appointment] = await appointmentsWhere(deps, Prisma.sql`a.id = ${id}`);
  return appointment as TruckAppointment;
}

function checkRange(from: Date, to: Date): void {
  if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > MAX_RANGE_MS)
    throw new HarborError('invalid', 'input.invalid', 'give a range of up to a week', {
      fieldErrors: { to: ['give a range of up to a week, after from'] },
    });
}

/**
 * The appointments in a range of slots, with how each truck kept it: its company's for a
 * company, every one for the port authority and, at its terminals, for a terminal's operator.
 */
export async function listAppointments(
  deps: Deps,
  user: SessionUser,
  input: ListAppointmentsInput,
): Promise<TruckAppointment[]> {
  const from = new Date(input.from);
  const to = new Date(input.to);
  checkRange(from, to);
  const scope = Prisma.sql`(${organizationSql(user, Prisma.sql`a."organizationId"`)}
    OR t."operatorOrganizationId" = ${user.organization.id})`;
  const terminal = input.terminalId
    ? Prisma.sql`AND a."terminalId" = ${input.terminalId}`
    : Prisma.empty;
  return appointmentsWhere(
    deps,
    Prisma.sql`a."slotStart" >= ${from} AND a."slotStart" < ${to} AND ${scope} ${terminal}`,
  );
}

type AppointmentRow = {
  id: string;
  organizationId: string;
  terminalId: string;
  moveKind: GateMoveKind;
  slotStart: Date;
  vehicleId: string;
  plate: string;
  dispatchJobId: string | null;
  status: 'BOOKED' | 'CANCELLED';
  createdAt: Date;
  arrivedAt: Date | null;
};

// A truck's arrival for its slot: the first time it showed at the terminal's gate within three
// hours either side of the slot's start, either entering one of the terminal's gate zones (the
// geofence events the tracker stores) or gating a container in or out there (an actual GTIN or
// GTOT equipment event naming the truck: the gate's own record, for a truck whose terminal was
// silent), of those nearer this slot than any other the truck has booked there (the earlier
// slot on a tie): a truck booked for two hours in a row is not counted twice with one entry.
const ARRIVAL = Prisma.sql`(
  SELECT min(x.at) FROM (
    SELECT g.at FROM "Device" d
    JOIN "GeofenceEvent" g ON g."assetKind" = 'VEHICLE' AND g."assetKey" = d."terminalPhone"
    JOIN "Zone" z ON z.id = g."zoneId"
    WHERE d."vehicleId" = a."vehicleId" AND g.transition = 'ENTER' AND z.kind = 'GATE'
      AND z."terminalId" = a."terminalId"
    UNION ALL
    SELECT e."eventAt" FROM "EquipmentEvent" e
    WHERE e."vehicleId" = a."vehicleId" AND e."terminalId" = a."terminalId"
      AND e."eventType" IN ('GTIN', 'GTOT') AND e."eventClassifier" = 'ACT'
  ) x
  WHERE x.at >= a."slotStart" - interval '3 hours' AND x.at < a."slotStart" + interval '3 hours'
    AND NOT EXISTS (
      SELECT 1 FROM "TruckAppointment" o
      WHERE o."vehicleId" = a."vehicleId" AND o."terminalId" = a."terminalId"
        AND o.status = 'BOOKED' AND o.id <> a.id
        AND (abs(extract(epoch FROM x.at - o."slotStart")), o."slotStart")
          < (abs(extract(epoch FROM x.at - a."slotStart")), a."slotStart"))
)`;

async function appointmentsWhere(deps: Deps, where: Prisma.Sql): Promise<TruckAppointment[]> {
  const rows = await deps.db.prisma.$queryRaw<AppointmentRow[]>`
    SELECT a.id, a."organizationId", a."terminalId", a."moveKind", a."slotStart", a."vehicleId",
      v.plate, a."dispatchJobId", a.status, a."createdAt",
      CASE WHEN a.status = 'BOOKED' THEN ${ARRIVAL} END AS "arrivedAt"
    FROM "TruckAppointment" a
    JOIN "Vehicle" v ON v.id = a."vehicleId"
    JOIN "Terminal" t ON t.id = a."terminalId"
    WHERE ${where}
    ORDER BY a."slotStart", v.plate, a.id`;
  const now = deps.now().getTime();
  return rows.map((row) => ({
    id: row.id,
    organizationId: row.organizationId,
    terminalId: row.terminalId,
    moveKind: row.moveKind,
    slotStart: row.slotStart.toISOString(),
    vehicle: { id: row.vehicleId, plate: row.plate },
    dispatchJobId: row.dispatchJobId,
    status: row.status,
    arrivedAt: row.arrivedAt?.toISOString() ?? null,
    punctuality:
      row.status === 'CANCELLED'
        ? 'PENDING'
        : punctualityOf(row.slotStart.getTime(), row.arrivedAt?.getTime() ?? null, now),
    createdAt: row.createdAt.toISOString(),
  }));
}

/**
 * A terminal's gate load by hour and move kind: its published capacity, the trucks booked and
 * how many of them came through the gate. Totals only, no company named: anyone logged in
 * reads it (a dispatcher choosing an hour, the terminal planning its gate lanes).
 */
export async function gateLoad(deps: Deps, input: GateLoadInput): Promise<GateLoadHour[]> {
  const from = new Date(Math.floor(Date.parse(input.from) / HOUR_MS) * HOUR_MS);
  const to = new Date(input.to);
  checkRange(from, to);
  await findTerminal(deps, input.terminalId);
  const capacities = await deps.db.prisma.gateCapacity.findMany({
    where: { terminalId: input.terminalId },
  });
  const counts = await deps.db.prisma.$queryRaw<
    { slotStart: Date; moveKind: GateMoveKind; booked: number; arrived: number }[]
  >`
    SELECT b."slotStart", b."moveKind", count(*)::int AS booked,
      count(b."arrivedAt")::int AS arrived
    FROM (
      SELECT a."slotStart", a."moveKind", ${ARRIVAL} AS "arrivedAt"
      FROM "TruckAppointment" a
      WHERE a."terminalId" = ${input.terminalId} AND a.status = 'BOOKED'
        AND a."slotStart" >= ${from} AND a."slotStart" < ${to}
    ) b
    GROUP BY b."slotStart", b."moveKind"`;
  const countOf = new Map(counts.map((row) => [`${row.slotStart.getTime()}:${row.moveKind}`, row]));
  const hours: GateLoadHour[] = [];
  for (let at = from.getTime(); at < to.getTime(); at += HOUR_MS)
    for (const { moveKind, trucksPerHour } of capacities) {
      const count = countOf.get(`${at}:${moveKind}`);
      hours.push({
        hourStart: new Date(at).toISOString(),
        moveKind,
        capacity: trucksPerHour,
        booked: count?.booked ?? 0,
        arrived: count?.arrived ?? 0,
      });
    }
  return hours;
}

/**
 * Appointment punctuality by company over a range of slots (booked ones; cancelled are not
 * counted), for the companies the user sees: as `listAppointments` scopes them.
 */
export async function punctualityByCompany(
  deps: Deps,
  user: SessionUser,
  input: PunctualityInput,
): Promise<CompanyPunctuality[]> {
  const appointments = await listAppointments(deps, user, input);
  const organizations = await deps.db.prisma.organization.findMany({
    where: { id: { in: [...new Set(appointments.map((a) => a.organizationId))] } },
    select: { id: true, name: true, nameZh: true },
  });
  const byCompany = new Map<string, CompanyPunctuality>(
    organizations.map((o) => [
      o.id,
      {
        organizationId: o.id,
        organizationName: o.name,
        organizationNameZh: o.nameZh,
        booked: 0,
        early: 0,
        onTime: 0,
        late: 0,
        noShow: 0,
        pending: 0,
      },
    ]),
  );
  const field = {
    EARLY: 'early',
    ON_TIME: 'onTime',
    LATE: 'late',
    NO_SHOW: 'noShow',
    PENDING: 'pending',
  } as const;
  for (const appointment of appointments) {
    const row = byCompany.get(appointment.organizationId);
    if (!row || appointment.status !== 'BOOKED') continue;
    row.booked++;
    row[field[appointment.punctuality]]++;
  }
  return [...byCompany.values()]
    .filter((row) => row.booked > 0)
    .sort((a, b) => a.organizationName.localeCompare(b.organizationName));
}

/** A truck whose last approach entry is older than this has left without an EXIT on record. */
const QUEUE_LOOKBACK_MS = 6 * HOUR_MS;

/**
 * The queue at a terminal's gate now: the trucks whose latest event in one of the terminal's
 * gate approach zones is an ENTER (the tracker's geofence events), oldest first, with how long
 * they have waited and whether they have a slot around now. Everyone reads the counts; the
 * trucks are listed for their company, the terminal's operator and the port authority.
 */
export async function gateQueue(
  deps: Deps,
  user: SessionUser,
  input: GateQueueInput,
): Promise<GateQueue> {
  const terminal = await findTerminal(deps, input.terminalId);
  const now = deps.now();
  const rows = await deps.db.prisma.$queryRaw<
    {
      vehicleId: string;
      plate: string;
      organizationId: string;
      since: Date;
      slotStart: Date | null;
    }[]
  >`
    SELECT v.id AS "vehicleId", v.plate, v."organizationId", q.at AS since,
      (SELECT min(a."slotStart") FROM "TruckAppointment" a
        WHERE a."vehicleId" = v.id AND a."terminalId" = ${input.terminalId}
          AND a.status = 'BOOKED'
          AND a."slotStart" > ${now}::timestamptz - interval '3 hours'
          AND a."slotStart" < ${now}::timestamptz + interval '3 hours') AS "slotStart"
    FROM (
      SELECT DISTINCT ON (g."assetKey") g."assetKey", g.transition, g.at
      FROM "GeofenceEvent" g
      JOIN "Zone" z ON z.id = g."zoneId"
      WHERE z."terminalId" = ${input.terminalId} AND z.kind = 'GATE_APPROACH'
        AND g."assetKind" = 'VEHICLE'
        AND g.at > ${new Date(now.getTime() - QUEUE_LOOKBACK_MS)} AND g.at <= ${now}
      ORDER BY g."assetKey", g.at DESC
    ) q
    JOIN "Device" d ON d."terminalPhone" = q."assetKey"
    JOIN "Vehicle" v ON v.id = d."vehicleId"
    WHERE q.transition = 'ENTER'
    ORDER BY q.at, v.plate`;
  const waits = rows.map((row) =>
    Math.max(0, Math.round((now.getTime() - row.since.getTime()) / 1000)),
  );
  const seesAll = isPortStaff(user) || terminal.operatorOrganizationId === user.organization.id;
  return {
    terminalId: input.terminalId,
    at: now.toISOString(),
    count: rows.length,
    longestWaitS: waits.length > 0 ? Math.max(...waits) : 0,
    averageWaitS:
      waits.length > 0 ? Math.round(waits.reduce((sum, w) => sum + w, 0) / waits.length) : 0,
    booked: rows.filter((row) => row.slotStart !== null).length,
    trucks: rows
      .filter((row) => seesAll || row.organizationId === user.organization.id)
      .map((row) => ({
        vehicleId: row.vehicleId,
        plate: row.plate,
        organizationId: row.organizationId,
        since: row.since.toISOString(),
        slotStart: row.slotStart?.toISOString() ?? null,
      })),
  };
}
