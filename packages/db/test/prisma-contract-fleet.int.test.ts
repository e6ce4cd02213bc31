import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortSetup, expectUniqueViolation, uniqueSuffix } from './contract-fixtures.ts';
import { createTestDb, type TestDb, testDbTargets } from './testing.ts';

describe.each(testDbTargets())('Prisma contract on %s: fleet and positions', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
  });
  afterAll(() => db.drop());

  it('Vehicle, Driver, Device', async () => {
    const { prisma } = db;
    const { organization, suffix } = await createPortSetup(prisma);
    const vehicle = await prisma.vehicle.create({
      data: { organizationId: organization.id, plate: `沪A${suffix}`, vin: `VIN${suffix}` },
    });
    const driver = await prisma.driver.create({
      data: { organizationId: organization.id, name: 'Zhang San', currentVehicleId: vehicle.id },
    });
    const device = await prisma.device.create({
      data: {
        organizationId: organization.id,
        vehicleId: vehicle.id,
        terminalPhone: `0139${suffix}`,
        protocolVersion: 'V2019',
      },
    });

    const read = await prisma.vehicle.findUniqueOrThrow({
      where: { organizationId_plate: { organizationId: organization.id, plate: vehicle.plate } },
      include: { device: true, drivers: true, organization: true },
    });
    expect(read).toMatchObject({
      status: 'AVAILABLE',
      device: { id: device.id },
      organization: { id: organization.id },
    });
    expect(read.drivers.map((d) => d.id)).toEqual([driver.id]);

    expect(
      (await prisma.vehicle.update({ where: { id: vehicle.id }, data: { status: 'ON_JOB' } }))
        .status,
    ).toBe('ON_JOB');
    expect(
      (await prisma.driver.update({ where: { id: driver.id }, data: { phone: '13800000000' } }))
        .phone,
    ).toBe('13800000000');
    const seen = new Date('2026-02-03T04:05:06.789Z');
    expect(
      (await prisma.device.update({ where: { id: device.id }, data: { lastSeenAt: seen } }))
        .lastSeenAt,
    ).toEqual(seen);

    await expectUniqueViolation(
      prisma.vehicle.create({ data: { organizationId: organization.id, plate: vehicle.plate } }),
    );
    await expectUniqueViolation(
      prisma.vehicle.create({
        data: { organizationId: organization.id, plate: `沪B${suffix}`, vin: vehicle.vin },
      }),
    );
    // Plate and VIN are unique within an organization; another may register the same truck.
    const other = await prisma.organization.create({
      data: { code: `OTHER-${suffix}`, name: `Other ${suffix}`, kind: 'LOGISTICS_COMPANY' },
    });
    const twin = await prisma.vehicle.create({
      data: { organizationId: other.id, plate: vehicle.plate, vin: vehicle.vin },
    });
    expect(twin).toMatchObject({ plate: vehicle.plate, vin: vehicle.vin });
    // A terminal phone is unique over Harbor: the JT/T 808 gateway knows a terminal by it alone.
    await expectUniqueViolation(
      prisma.device.create({
        data: { organizationId: organization.id, terminalPhone: device.terminalPhone },
      }),
    );
    await expectUniqueViolation(
      prisma.device.create({
        data: { organizationId: other.id, terminalPhone: device.terminalPhone },
      }),
    );
    await expectUniqueViolation(
      prisma.device.create({
        data: {
          organizationId: organization.id,
          vehicleId: vehicle.id,
          terminalPhone: `0138${suffix}`,
        },
      }),
    );
  });

  it('PositionFix, LatestPosition (no relations: keyed by asset)', async () => {
    const { prisma } = db;
    const assetKey = `0139${uniqueSuffix()}`;
    const fixAt = new Date('2026-04-01T10:00:00.500Z');
    const fix = {
      assetKind: 'VEHICLE',
      assetKey,
      fixAt,
      receivedAt: fixAt,
      lat: 30.62,
      lon: 122.05,
      source: 'JT808',
    } as const;
    const created = await prisma.positionFix.create({ data: { ...fix, speedKnots: 12.5 } });
    expect(created).toMatchObject({ assetKey, fixAt, speedKnots: 12.5 });
    await prisma.latestPosition.create({ data: fix });

    const history = await prisma.positionFix.findMany({
      where: { assetKind: 'VEHICLE', assetKey },
    });
    expect(history).toHaveLength(1);
    const latest = await prisma.latestPosition.findUniqueOrThrow({
      where: { assetKind_assetKey: { assetKind: 'VEHICLE', assetKey } },
    });
    expect(latest.fixAt).toEqual(fixAt);

    expect(
      (
        await prisma.positionFix.update({
          where: { assetKind_assetKey_fixAt: { assetKind: 'VEHICLE', assetKey, fixAt } },
          data: { status: 'MOVING' },
        })
      ).status,
    ).toBe('MOVING');
    const later = new Date(fixAt.getTime() + 30_000);
    const moved = await prisma.latestPosition.update({
      where: { assetKind_assetKey: { assetKind: 'VEHICLE', assetKey } },
      data: { fixAt: later, lat: 30.63 },
    });
    expect(moved).toMatchObject({ fixAt: later, lat: 30.63 });

    await expectUniqueViolation(prisma.positionFix.create({ data: fix }));
    await expectUniqueViolation(prisma.latestPosition.create({ data: fix }));
  });
});
