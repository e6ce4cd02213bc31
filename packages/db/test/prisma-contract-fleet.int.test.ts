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

  it('TrackSegment (in a partition of its week of expiry), TrackRetention, TrackRetentionChange, HistoryCompaction', async () => {
    const { prisma } = db;
    const { organization, suffix } = await createPortSetup(prisma);
    const assetKey = `0137${suffix}`;
    const segment = {
      assetKind: 'VEHICLE',
      assetKey,
      fromAt: new Date('2027-01-01T00:00:00.000Z'),
      toAt: new Date('2027-01-01T23:59:30.000Z'),
      fixCount: 2_880,
      expiresOn: new Date('2027-07-01T00:00:00.000Z'),
      payload: new Uint8Array([1, 2, 3, 250]),
    } as const;
    // Harbor makes the week's partition before it writes (apps/api history-partitions.ts);
    // without one, PostgreSQL refuses the row.
    await expect(prisma.trackSegment.create({ data: segment })).rejects.toThrow();
    await db.sql.exec(
      `CREATE TABLE "TrackSegment_contract_${suffix}" PARTITION OF "TrackSegment"
         FOR VALUES FROM ('2027-06-28') TO ('2027-07-05')`,
    );
    const created = await prisma.trackSegment.create({ data: segment });
    expect(typeof created.id).toBe('bigint');
    const read = await prisma.trackSegment.findFirstOrThrow({ where: { assetKey } });
    expect([...read.payload]).toEqual([1, 2, 3, 250]);
    expect(read).toMatchObject({ fixCount: 2_880, expiresOn: segment.expiresOn });

    const rule = { organizationId: organization.id, assetKind: 'VEHICLE' } as const;
    await prisma.trackRetention.create({ data: { ...rule, keepDays: 90 } });
    await expectUniqueViolation(prisma.trackRetention.create({ data: { ...rule, keepDays: 30 } }));
    expect(
      await prisma.trackRetention.findUniqueOrThrow({ where: { organizationId_assetKind: rule } }),
    ).toMatchObject({ keepDays: 90 });
    const requestedAt = new Date('2027-01-02T08:00:00.000Z');
    await prisma.trackRetentionChange.create({ data: { ...rule, requestedAt } });
    await expectUniqueViolation(
      prisma.trackRetentionChange.create({ data: { ...rule, requestedAt } }),
    );
    const changed = await prisma.trackRetentionChange.update({
      where: { organizationId_assetKind: rule },
      data: { version: { increment: 1 } },
    });
    expect(changed).toMatchObject({ requestedAt, version: 2 });

    const tableName = `PositionFix_p20270101_${suffix}`;
    const compaction = await prisma.historyCompaction.create({
      data: { tableName, toAt: new Date('2027-01-02T00:00:00.000Z') },
    });
    expect(compaction).toMatchObject({ fromAt: null, segments: 0, fixes: 0n, cursorKey: null });
    await expectUniqueViolation(
      prisma.historyCompaction.create({ data: { tableName, toAt: new Date() } }),
    );
  });
});
