import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALREADY_REGISTERED,
  DeviceDirectory,
  deviceOwnerSql,
  NO_SUCH_TERMINAL,
  REGISTERED,
  type Registration,
} from './device-directory.ts';

const DHCL_TRUCK = '013916001001';
const LGFT_TRUCK = '013816002001';
const UNKNOWN = '013700000000';
const NOW = new Date('2026-11-25T02:00:00Z');

const registration = (terminalPhone: string, terminalId: string): Registration => ({
  terminalPhone,
  version: 'V2019',
  manufacturerId: 'HBR01',
  terminalModel: 'T-808',
  terminalId,
  isOnline: false,
});

describe.each(testDbTargets())('the device directory on %s', (target) => {
  let db: TestDb;
  let devices: DeviceDirectory;
  let dhcl: string;
  let lgft: string;
  beforeAll(async () => {
    db = await createTestDb(target);
    dhcl = (
      await db.prisma.organization.create({
        data: { code: 'DHCL', name: 'Donghai Container Logistics', kind: 'LOGISTICS_COMPANY' },
      })
    ).id;
    lgft = (
      await db.prisma.organization.create({
        data: { code: 'LGFT', name: 'Lingang Freight', kind: 'LOGISTICS_COMPANY' },
      })
    ).id;
    await db.prisma.device.createMany({
      data: [
        { organizationId: dhcl, terminalPhone: DHCL_TRUCK },
        { organizationId: lgft, terminalPhone: LGFT_TRUCK },
      ],
    });
    devices = new DeviceDirectory(db);
  });
  afterAll(() => db.drop());

  it('tells whose a device is, one phone, several or all of them; an unknown phone is nobody’s', async () => {
    expect(await devices.ownerOf(DHCL_TRUCK)).toBe(dhcl);
    expect(await devices.ownerOf(UNKNOWN)).toBeNull();
    expect(await devices.ownersOf([LGFT_TRUCK, UNKNOWN])).toEqual(new Map([[LGFT_TRUCK, lgft]]));
    expect(await devices.ownersOf([])).toEqual(new Map());
    expect(await devices.owners()).toEqual(
      new Map([
        [DHCL_TRUCK, dhcl],
        [LGFT_TRUCK, lgft],
      ]),
    );
  });

  it('gives raw SQL the same owner as ownerOf', async () => {
    const { rows } = await db.sql.query<{ phone: string; owner: string | null }>(
      `SELECT phone, ${deviceOwnerSql('phone')} AS owner FROM unnest($1::text[]) AS phone ORDER BY phone`,
      [[DHCL_TRUCK, LGFT_TRUCK, UNKNOWN]],
    );
    expect(rows).toEqual([
      { phone: UNKNOWN, owner: null },
      { phone: LGFT_TRUCK, owner: lgft },
      { phone: DHCL_TRUCK, owner: dhcl },
    ]);
  });

  it('registers an open phone, authenticates its code, and lets only the bound terminal register again', async () => {
    expect(await devices.register(registration(UNKNOWN, 'T1'), NOW)).toEqual({
      result: NO_SUCH_TERMINAL,
      authCode: null,
    });
    const first = await devices.register(registration(DHCL_TRUCK, 'T1'), NOW);
    expect(first).toMatchObject({ result: REGISTERED, isRotation: false });
    const code = first.authCode ?? '';
    expect(await devices.authenticate(DHCL_TRUCK, 'not the code', NOW)).toBe(false);
    expect(await devices.authenticate(DHCL_TRUCK, code, NOW)).toBe(true);
    await devices.lastSeenWritten();
    expect(
      (await db.prisma.device.findUniqueOrThrow({ where: { terminalPhone: DHCL_TRUCK } }))
        .lastSeenAt,
    ).toEqual(NOW);

    // Another terminal may not take the phone; the bound one, offline, gets a fresh code.
    expect(await devices.register(registration(DHCL_TRUCK, 'T2'), NOW)).toEqual({
      result: ALREADY_REGISTERED,
      authCode: null,
    });
    const again = await devices.register(registration(DHCL_TRUCK, 'T1'), NOW);
    expect(again).toMatchObject({ result: REGISTERED, isRotation: true });
    expect(await devices.authenticate(DHCL_TRUCK, code, NOW)).toBe(false);

    // After a logout the code opens nothing; the binding stays.
    await devices.logout(DHCL_TRUCK);
    expect(await devices.authenticate(DHCL_TRUCK, again.authCode ?? '', NOW)).toBe(false);
    expect(await devices.register(registration(DHCL_TRUCK, 'T2'), NOW)).toMatchObject({
      result: ALREADY_REGISTERED,
    });
  });

  it('keeps the plate colour a terminal registers with on its vehicle', async () => {
    const phone = '013916001077';
    const vehicle = await db.prisma.vehicle.create({
      data: { organizationId: dhcl, plate: '沪D77777' },
    });
    expect(vehicle.plateColor).toBe(2);
    await db.prisma.device.create({
      data: { organizationId: dhcl, terminalPhone: phone, vehicleId: vehicle.id },
    });
    // 0 is a vehicle without a plate: it says nothing of the colour.
    await devices.register({ ...registration(phone, 'T7'), plateColor: 0 }, NOW);
    expect(
      (await db.prisma.vehicle.findUniqueOrThrow({ where: { id: vehicle.id } })).plateColor,
    ).toBe(2);
    await db.prisma.device.update({
      where: { terminalPhone: phone },
      data: { isRegistrationOpen: true },
    });
    await devices.register({ ...registration(phone, 'T7'), plateColor: 1 }, NOW);
    expect(
      (await db.prisma.vehicle.findUniqueOrThrow({ where: { id: vehicle.id } })).plateColor,
    ).toBe(1);
  });

  it('answers a storm of authentications with a few batched statements, never one per terminal', async () => {
    const phones = Array.from({ length: 300 }, (_, i) => `0135${String(i).padStart(8, '0')}`);
    await db.prisma.device.createMany({
      data: phones.map((terminalPhone) => ({ organizationId: dhcl, terminalPhone })),
    });
    const codes = new Map<string, string>();
    for (const phone of phones)
      codes.set(phone, (await devices.register(registration(phone, 'T1'), NOW)).authCode ?? '');
    // A directory whose every statement is counted, and which may not touch Prisma.
    const statements: string[] = [];
    const counted = new DeviceDirectory({
      prisma: new Proxy(db.prisma, {
        get: () => {
          throw new Error('authentication went through Prisma');
        },
      }),
      sql: {
        ...db.sql,
        query: (text: string, params?: unknown[]) => {
          statements.push(text);
          return db.sql.query(text, params);
        },
      } as typeof db.sql,
    });
    const later = new Date(NOW.getTime() + 60_000);
    const results = await Promise.all([
      ...phones.map((phone) => counted.authenticate(phone, codes.get(phone) ?? '', later)),
      counted.authenticate(phones[0] ?? '', 'not the code', later),
      counted.authenticate(UNKNOWN, 'anything', later),
    ]);
    expect(results).toEqual([...phones.map(() => true), false, false]);
    await counted.lastSeenWritten();
    expect(statements.length).toBeLessThanOrEqual(4);
    const seen = await db.prisma.device.findMany({
      where: { terminalPhone: { in: phones } },
      select: { lastSeenAt: true },
    });
    expect(seen.map((device) => device.lastSeenAt)).toEqual(phones.map(() => later));
    // A last-seen time never goes back.
    expect(await counted.authenticate(phones[1] ?? '', codes.get(phones[1] ?? '') ?? '', NOW)).toBe(
      true,
    );
    await counted.lastSeenWritten();
    expect(
      (await db.prisma.device.findUniqueOrThrow({ where: { terminalPhone: phones[1] ?? '' } }))
        .lastSeenAt,
    ).toEqual(later);
  });

  it('runs a few registrations at a time, the rest waiting their turn off the database pool', async () => {
    const phones = Array.from({ length: 40 }, (_, i) => `0134${String(i).padStart(8, '0')}`);
    await db.prisma.device.createMany({
      data: phones.map((terminalPhone) => ({ organizationId: lgft, terminalPhone })),
    });
    let running = 0;
    let most = 0;
    const device = new Proxy(db.prisma.device, {
      get: (model, method) => {
        const original = Reflect.get(model, method);
        if (typeof original !== 'function') return original;
        return async (...args: unknown[]) => {
          most = Math.max(most, ++running);
          try {
            return await original.apply(model, args);
          } finally {
            running--;
          }
        };
      },
    });
    const limited = new DeviceDirectory({
      prisma: new Proxy(db.prisma, {
        get: (target, key) => (key === 'device' ? device : Reflect.get(target, key)),
      }),
      sql: db.sql,
    });
    const outcomes = await Promise.all(
      phones.map((phone) => limited.register(registration(phone, 'T9'), NOW)),
    );
    expect(outcomes.map((outcome) => outcome.result)).toEqual(phones.map(() => REGISTERED));
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
  });
});
