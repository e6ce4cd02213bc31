import { testDbTargets } from '@harbor/db/testing';
import { location } from '@harbor/protocols/jt808';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld,
  expectServedToThoseWhoSeeIt,
  expectTrpcError,
  sessionCookieFor,
  type World,
} from '../../../test/fixtures.ts';
import { serve } from '../../../test/serve.ts';
import { testApp } from '../../../test/services.ts';
import { type MediaUpload, storeMediaUpload } from './media.ts';

const DHCL_PHONE = '013916001001';
const TAKEN = new Date('2026-11-25T02:10:00Z');
const RECEIVED = new Date('2026-11-25T02:10:07Z');

const upload = (mediaId: number, data: number[], positioned = true): MediaUpload => ({
  messageId: 0x0801,
  mediaId,
  mediaType: 0,
  format: 0,
  eventCode: 1,
  channelId: 2,
  location: location({ lat: 30.62, lon: 122.07, time: TAKEN, status: positioned ? 0b10 : 0 }),
  data: Uint8Array.from(data),
});

describe.each(testDbTargets())('terminal photos on %s', (target) => {
  let world: World;
  let http: Awaited<ReturnType<typeof serve>>;
  let vehicleId: string;

  beforeAll(async () => {
    world = await buildWorld(target);
    const vehicle = await world.db.prisma.vehicle.create({
      data: { organizationId: world.organizations.dhcl.id, plate: '沪D12345' },
    });
    vehicleId = vehicle.id;
    await world.db.prisma.device.create({
      data: {
        organizationId: world.organizations.dhcl.id,
        terminalPhone: DHCL_PHONE,
        vehicleId: vehicle.id,
      },
    });
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
    });
    http = await serve(app);
  }, 60_000);
  afterAll(async () => {
    await http.close();
    await world.db.drop();
  });

  it('stores an upload once per terminal and media id, under its device’s company', async () => {
    expect(
      await storeMediaUpload(
        world.db,
        DHCL_PHONE,
        upload(7, [0xff, 0xd8, 1, 0xff, 0xd9]),
        RECEIVED,
      ),
    ).toBe(true);
    // The same upload again (its answer lost): still stored, once.
    expect(
      await storeMediaUpload(
        world.db,
        DHCL_PHONE,
        upload(7, [0xff, 0xd8, 9, 0xff, 0xd9]),
        RECEIVED,
      ),
    ).toBe(true);
    // A terminal without a position fix; and a phone no device has.
    expect(await storeMediaUpload(world.db, DHCL_PHONE, upload(8, [1, 2], false), RECEIVED)).toBe(
      true,
    );
    expect(await storeMediaUpload(world.db, '013999999999', upload(9, [1]), RECEIVED)).toBe(false);
    const rows = await world.db.prisma.terminalMedia.findMany({ orderBy: { mediaId: 'asc' } });
    expect(
      rows.map((row) => [Number(row.mediaId), row.organizationId, [...row.data], row.lat]),
    ).toEqual([
      [7, world.organizations.dhcl.id, [0xff, 0xd8, 1, 0xff, 0xd9], 30.62],
      [8, world.organizations.dhcl.id, [1, 2], null],
    ]);
  });

  it('lists a truck’s photos to those who see the truck, and serves each to them only', async () => {
    const page = await world.as('dhclDispatcher').vehicles.media({ vehicleId, limit: 10 });
    const photo = page.items.find((item) => item.mediaId === 7);
    expect(photo).toMatchObject({
      terminalPhone: DHCL_PHONE,
      kind: 'IMAGE',
      contentType: 'image/jpeg',
      eventCode: 1,
      channelId: 2,
      takenAt: TAKEN.toISOString(),
      lat: 30.62,
      lon: 122.07,
      sizeBytes: 5,
      receivedAt: RECEIVED.toISOString(),
    });
    expect(page.items).toHaveLength(2);
    expect(
      (await world.as('portViewer').vehicles.media({ vehicleId, limit: 10 })).items,
    ).toHaveLength(2);
    await expectTrpcError(
      world.as('lgftDispatcher').vehicles.media({ vehicleId, limit: 10 }),
      'NOT_FOUND',
    );
    await expectTrpcError(world.as(null).vehicles.media({ vehicleId, limit: 10 }), 'UNAUTHORIZED');

    await expectServedToThoseWhoSeeIt(world, `${http.base}${photo?.url}`, {
      bytes: Uint8Array.of(0xff, 0xd8, 1, 0xff, 0xd9),
      contentType: 'image/jpeg',
    });
    const madeUp = await fetch(`${http.base}/media/not-an-id`, {
      headers: { cookie: await sessionCookieFor(world, 'dhclDispatcher') },
    });
    expect(madeUp.status).toBe(404);
    await madeUp.arrayBuffer();
  });
});
