import { randomUUID } from 'node:crypto';
import { type DemoTruck, demoFleet } from '@harbor/shared';
import type { Db } from '../create-db.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { hashPassword } from '../password-hash.ts';
import {
  ALERT_RULES,
  CONTAINERS,
  crewDriver,
  crewShifts,
  DEMO_PASSWORD,
  DEVICES,
  MAX_CREWED_FLEET,
  ORGANIZATIONS,
  USERS,
  VEHICLES,
  VESSELS,
  VISITS,
} from './demo-data.ts';
import { bbox } from './geometry.ts';
import { FAIRWAY, PORT, PORT_ZONES, TERMINALS, terminalZones, type ZonePlan } from './shanghai.ts';

/** Gate capacity a seeded terminal publishes, trucks an hour per move kind. */
const GATE_CAPACITY = [
  ['EXPORT_DROP_OFF', 120],
  ['IMPORT_PICK_UP', 120],
  ['EMPTY', 60],
] as const;

export type SeedSummary = Record<
  | 'organizations'
  | 'users'
  | 'terminals'
  | 'zones'
  | 'berths'
  | 'yardBlocks'
  | 'vessels'
  | 'vesselVisits'
  | 'vehicles'
  | 'drivers'
  | 'devices'
  | 'alertRules'
  | 'containers',
  number
>;

/**
 * The Port of Shanghai demo: geography, the port authority, the terminal operator, two
 * logistics companies with an account of every role, vessels, trucks and containers.
 * Idempotent: every row is found by its natural key and created or brought up to date, so
 * running it again changes nothing (and never resets a password someone changed).
 * Plain sequential statements: PGlite has one connection.
 */
export async function seed(
  db: Db,
  options: { now?: Date; fleetSize?: number } = {},
): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const { prisma } = db;

  const organizationIds = new Map<string, string>();
  for (const organization of ORGANIZATIONS) {
    const row = await prisma.organization.upsert({
      where: { code: organization.code },
      create: organization,
      update: { name: organization.name, nameZh: organization.nameZh, kind: organization.kind },
    });
    organizationIds.set(organization.code, row.id);
  }
  const organizationId = (code: string) =>
    organizationIds.get(code) ?? missing('organization', code);

  for (const { organization, ...user } of USERS) {
    const existing = await prisma.user.findUnique({ where: { email: user.email } });
    if (!existing) {
      await prisma.user.create({
        data: {
          ...user,
          organizationId: organizationId(organization),
          passwordHash: await hashPassword(DEMO_PASSWORD),
        },
      });
    }
  }

  const portData = { ...PORT, fairway: FAIRWAY };
  const port = await prisma.port.upsert({
    where: { unlocode: PORT.unlocode },
    create: portData,
    update: portData,
  });
  const terminalIds = new Map<string, string>();
  for (const terminal of TERMINALS) {
    const data = {
      code: terminal.code,
      smdgCode: terminal.smdgCode,
      name: terminal.name,
      nameZh: terminal.nameZh,
      operatorOrganizationId: organizationId('SIPG'),
    };
    const row = await prisma.terminal.upsert({
      where: { portId_code: { portId: port.id, code: terminal.code } },
      create: { ...data, portId: port.id },
      update: data,
    });
    terminalIds.set(terminal.code, row.id);
  }

  // Each terminal's gates as it publishes them for truck appointments, trucks an hour: laden
  // boxes in and out at most of its lanes, empties at a few. Kept as an operator set them.
  for (const terminalId of terminalIds.values())
    for (const [moveKind, trucksPerHour] of GATE_CAPACITY)
      await prisma.gateCapacity.upsert({
        where: { terminalId_moveKind: { terminalId, moveKind } },
        create: { terminalId, moveKind, trucksPerHour },
        update: {},
      });

  const zones: ZonePlan[] = [...TERMINALS.flatMap(terminalZones), ...PORT_ZONES];
  for (const zone of zones) await upsertZone(db, port.id, zone, terminalIds);

  const vesselIds = new Map<number, string>();
  for (const vessel of VESSELS) {
    const row = await prisma.vessel.upsert({
      where: { mmsi: vessel.mmsi },
      create: vessel,
      update: vessel,
    });
    vesselIds.set(vessel.mmsi, row.id);
  }
  for (const visit of VISITS) {
    const vesselId = vesselIds.get(visit.mmsi) ?? missing('vessel', String(visit.mmsi));
    const terminalId = terminalIds.get(visit.terminal) ?? missing('terminal', visit.terminal);
    const berth = await prisma.berth.findUniqueOrThrow({
      where: { terminalId_code: { terminalId, code: visit.berth } },
    });
    const existing = await prisma.vesselVisit.findFirst({
      where: { vesselId, voyageNumber: visit.voyageNumber },
    });
    if (!existing) {
      const eta = new Date(now.getTime() + visit.etaHours * 3_600_000);
      await prisma.vesselVisit.create({
        data: {
          vesselId,
          portId: port.id,
          terminalId,
          berthId: berth.id,
          plannedBerthId: berth.id,
          voyageNumber: visit.voyageNumber,
          eta,
          etd: new Date(eta.getTime() + visit.stayHours * 3_600_000),
        },
      });
    }
  }

  const uncrewed = await companiesWithoutCrews(db);
  for (const vehicle of VEHICLES) {
    const orgId = organizationId(vehicle.organization);
    const row = await prisma.vehicle.upsert({
      where: { organizationId_plate: { organizationId: orgId, plate: vehicle.plate } },
      create: {
        plate: vehicle.plate,
        model: vehicle.model,
        modelZh: vehicle.modelZh,
        organizationId: orgId,
      },
      update: { model: vehicle.model, modelZh: vehicle.modelZh },
    });
    const driver = await prisma.driver.findFirst({
      where: { organizationId: orgId, name: vehicle.driver },
    });
    if (!driver) {
      await prisma.driver.create({
        data: {
          organizationId: orgId,
          name: vehicle.driver,
          phone: vehicle.phone,
          currentVehicleId: row.id,
        },
      });
    }
  }
  for (const { organization, plate, ...device } of DEVICES) {
    const vehicle = await prisma.vehicle.findUniqueOrThrow({
      where: { organizationId_plate: { organizationId: organizationId(organization), plate } },
    });
    await prisma.device.upsert({
      where: { terminalPhone: device.terminalPhone },
      create: {
        ...device,
        vehicleId: vehicle.id,
        organizationId: vehicle.organizationId,
        protocolVersion: 'V2013',
      },
      // The binding and the auth code belong to the terminal that registered: never reset here.
      update: { terminalModel: device.terminalModel },
    });
  }
  // The demo fleet can be large (SEED_FLEET, for load tests): rows go in a chunk at a time.
  const fleet = demoFleet(options.fleetSize);
  for (let i = 0; i < fleet.length; i += 5_000) {
    const chunk = fleet.slice(i, i + 5_000);
    await prisma.vehicle.createMany({
      data: chunk.map((truck) => ({
        plate: truck.plate,
        model: 'Sinotruk HOWO tractor',
        modelZh: '中国重汽豪沃牵引车',
        organizationId: organizationId(truck.organization),
      })),
      skipDuplicates: true,
    });
    const vehicles = await fleetVehicles(db, chunk, organizationId);
    await prisma.device.createMany({
      data: chunk.map((truck) => {
        const vehicle =
          vehicles.get(fleetKey(organizationId(truck.organization), truck.plate)) ??
          missing('vehicle', truck.plate);
        return {
          terminalPhone: truck.terminalPhone,
          vehicleId: vehicle.id,
          organizationId: vehicle.organizationId,
          protocolVersion: 'V2013' as const,
          terminalModel: 'JT808-G7',
        };
      }),
      skipDuplicates: true,
    });
  }
  // Crews for a load-test fleet would be millions of shift rows for nothing: past
  // MAX_CREWED_FLEET trucks the fleet stays without drivers (every truck OFF_DUTY).
  if (fleet.length <= MAX_CREWED_FLEET) {
    const crewed = fleet.flatMap((truck, fleetIndex) =>
      uncrewed.has(organizationId(truck.organization)) ? [{ truck, fleetIndex }] : [],
    );
    await seedCrews(db, crewed, organizationId, now);
  }
  for (const rule of ALERT_RULES) {
    const orgId = organizationId(rule.organization);
    const existing = await prisma.alertRule.findFirst({
      where: { organizationId: orgId, name: rule.name },
    });
    const { organization: _code, ...data } = rule;
    if (!existing) await prisma.alertRule.create({ data: { ...data, organizationId: orgId } });
    // A rule seeded before it had its Chinese name gets it; its settings stay as edited.
    else if (!existing.nameZh)
      await prisma.alertRule.update({ where: { id: existing.id }, data: { nameZh: rule.nameZh } });
  }
  for (const container of CONTAINERS) {
    await prisma.container.upsert({
      where: { number: container.number },
      create: container,
      update: container,
    });
  }

  return countRows(db);
}

/**
 * The companies with no drivers but the seed's own named ones: only these get crews, so
 * crews are seeded once (a second run finds them) and never beside drivers staff created.
 */
async function companiesWithoutCrews(db: Db): Promise<Set<string>> {
  const named = VEHICLES.map((vehicle) => vehicle.driver);
  const companies = await db.prisma.organization.findMany({
    where: { drivers: { none: { name: { notIn: named } } } },
    select: { id: true },
  });
  return new Set(companies.map((company) => company.id));
}

/**
 * Two drivers per truck (day and night) with their shifts on the truck, from `crewShifts`.
 * Nothing extends the shifts later: after CREW_SHIFT_DAYS the trucks go OFF_DUTY until
 * staff create shifts (or `pnpm db:seed` runs on a fresh database).
 */
async function seedCrews(
  db: Db,
  trucks: { truck: DemoTruck; fleetIndex: number }[],
  organizationId: (code: string) => string,
  now: Date,
) {
  if (trucks.length === 0) return;
  const vehicles = await fleetVehicles(
    db,
    trucks.map(({ truck }) => truck),
    organizationId,
  );
  const schedule = crewShifts(now);
  const drivers: Prisma.DriverCreateManyInput[] = [];
  const shifts: Prisma.ShiftCreateManyInput[] = [];
  for (const { truck, fleetIndex } of trucks) {
    const orgId = organizationId(truck.organization);
    const vehicleId =
      vehicles.get(fleetKey(orgId, truck.plate))?.id ?? missing('vehicle', truck.plate);
    // Ids made here, so the shifts name their drivers without reading them back. Crew
    // members are numbered over the whole fleet, so a truck's drivers are the same on every
    // fresh seed whichever companies get crews.
    const crew = [randomUUID(), randomUUID()] as const;
    for (const [slot, id] of crew.entries())
      drivers.push({
        id,
        organizationId: orgId,
        currentVehicleId: vehicleId,
        ...crewDriver(2 * fleetIndex + slot),
      });
    for (const { driver, startsAt, endsAt } of schedule)
      shifts.push({ organizationId: orgId, driverId: crew[driver], vehicleId, startsAt, endsAt });
  }
  for (let i = 0; i < drivers.length; i += 5_000)
    await db.prisma.driver.createMany({ data: drivers.slice(i, i + 5_000) });
  for (let i = 0; i < shifts.length; i += 5_000)
    await db.prisma.shift.createMany({ data: shifts.slice(i, i + 5_000) });
}

const fleetKey = (organizationId: string, plate: string) => `${organizationId} ${plate}`;

/**
 * The demo trucks' rows, by organization and plate: a plate is unique within its company
 * only, so each company's plates are looked up within that company.
 */
async function fleetVehicles(
  db: Db,
  trucks: readonly DemoTruck[],
  organizationId: (code: string) => string,
): Promise<Map<string, { id: string; organizationId: string }>> {
  const platesByOrganization = new Map<string, string[]>();
  for (const truck of trucks) {
    const orgId = organizationId(truck.organization);
    const plates = platesByOrganization.get(orgId);
    if (plates) plates.push(truck.plate);
    else platesByOrganization.set(orgId, [truck.plate]);
  }
  const rows = await db.prisma.vehicle.findMany({
    where: {
      OR: [...platesByOrganization].map(([orgId, plates]) => ({
        organizationId: orgId,
        plate: { in: plates },
      })),
    },
    select: { id: true, plate: true, organizationId: true },
  });
  return new Map(rows.map((row) => [fleetKey(row.organizationId, row.plate), row]));
}

async function upsertZone(
  db: Db,
  portId: string,
  zone: ZonePlan,
  terminalIds: Map<string, string>,
) {
  const terminalId = zone.terminalCode
    ? (terminalIds.get(zone.terminalCode) ?? missing('terminal', zone.terminalCode))
    : null;
  const data = {
    name: zone.name,
    nameZh: zone.nameZh,
    kind: zone.kind,
    polygon: zone.polygon,
    ...bbox(zone.polygon),
    speedLimitKnots: zone.speedLimitKnots ?? null,
    speedLimitKmh: zone.speedLimitKmh ?? null,
    terminalId,
  };
  const row = await db.prisma.zone.upsert({
    where: { portId_code: { portId, code: zone.code } },
    create: { ...data, portId, code: zone.code },
    update: data,
  });
  if (zone.berth && terminalId) {
    const berth = { ...zone.berth, name: zone.name, nameZh: zone.nameZh, terminalId };
    await db.prisma.berth.upsert({
      where: { zoneId: row.id },
      create: { ...berth, zoneId: row.id },
      update: berth,
    });
  }
  if (zone.yardBlock && terminalId) {
    const block = { ...zone.yardBlock, terminalId };
    await db.prisma.yardBlock.upsert({
      where: { zoneId: row.id },
      create: { ...block, zoneId: row.id },
      update: block,
    });
  }
}

async function countRows(db: Db): Promise<SeedSummary> {
  const p = db.prisma;
  return {
    organizations: await p.organization.count(),
    users: await p.user.count(),
    terminals: await p.terminal.count(),
    zones: await p.zone.count(),
    berths: await p.berth.count(),
    yardBlocks: await p.yardBlock.count(),
    vessels: await p.vessel.count(),
    vesselVisits: await p.vesselVisit.count(),
    vehicles: await p.vehicle.count(),
    drivers: await p.driver.count(),
    devices: await p.device.count(),
    alertRules: await p.alertRule.count(),
    containers: await p.container.count(),
  };
}

function missing(kind: string, key: string): never {
  throw new Error(`seed data refers to ${kind} ${key}, which it does not define`);
}
