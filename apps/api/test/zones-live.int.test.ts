import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@harbor/db';
import { type TestDbTarget, testDbTargets } from '@harbor/db/testing';
import { demoFleet } from '@harbor/shared';
import type { TRPCClient } from '@trpc/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env.ts';
import type { AppRouter } from '../src/runtime/app-router.ts';
import { type Harbor, startHarbor } from '../src/runtime/runtime.ts';
import { nodeClient } from './live-client.ts';

// A zone drawn, changed and deleted in a running Harbor counts from the next fix on, with no
// restart: its geofence events, its alert rules aimed at it by id, its limits.

const TRUCK = demoFleet(1)[0]?.terminalPhone as string;
const VESSEL = '412777001';
/** Open water east of Yangshan, clear of every seeded zone. */
const LON = 122.3;
const LAT = 30.4;
const square = (lon: number, lat: number): [number, number][] => [
  [lon, lat],
  [lon + 0.01, lat],
  [lon + 0.01, lat + 0.01],
  [lon, lat + 0.01],
  [lon, lat],
];
const inside = { lon: LON + 0.005, lat: LAT + 0.005 };

async function harborOn(target: TestDbTarget) {
  const logger = pino({ level: 'warn' });
  const base = loadConfig({ SEED: 'true', SEED_FLEET: '2', LOG_LEVEL: 'warn' });
  const config = { ...base, host: '127.0.0.1', port: 0, jt808Port: 0, aisPort: 0 };
  if (target === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'harbor-zones-'));
    const harbor = await startHarbor({ ...config, databaseUrl: undefined, dataDir: dir }, logger);
    return { harbor, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(process.env.DATABASE_URL ?? '');
  const name = `harbor_zones_${process.pid}_${Date.now()}`;
  const admin = await createDb({ databaseUrl: server.toString() });
  await admin.sql.exec(`CREATE DATABASE "${name}"`);
  const harbor = await startHarbor(
    { ...config, databaseUrl: new URL(`/${name}`, server).toString() },
    logger,
  );
  return {
    harbor,
    cleanUp: async () => {
      await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}

describe.each(testDbTargets())('zones changed in a running Harbor on %s', (target) => {
  let harbor: Harbor;
  let cleanUp: () => Promise<void>;
  let admin: TRPCClient<AppRouter>;
  const keys = { port: '', dhcl: '' };
  let minute = 0;

  beforeAll(async () => {
    ({ harbor, cleanUp } = await harborOn(target));
    ({ client: admin } = await nodeClient(harbor.url, {
      email: 'admin@port.harbor.local',
      password: 'harbor-demo',
    }));
    const dhcl = await harbor.db.prisma.organization.findUniqueOrThrow({ where: { code: 'DHCL' } });
    keys.port = (await admin.apiKeys.create.mutate({ name: 'zones test feed' })).key;
    keys.dhcl = (
      await admin.apiKeys.create.mutate({ name: 'zones test TMS', organizationId: dhcl.id })
    ).key;
  }, 180_000);
  afterAll(async () => {
    await harbor?.stop();
    await cleanUp?.();
  });

  /** One fix through `POST /ingest/fixes`, answered once it is stored. */
  async function send(
    asset: 'VESSEL' | 'VEHICLE',
    where: { lon: number; lat: number },
    speed: { speedKnots: number } | { speedKmh: number },
  ) {
    minute++;
    const response = await fetch(`${harbor.url}/ingest/fixes`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${asset === 'VESSEL' ? keys.port : keys.dhcl}`,
      },
      body: JSON.stringify({
        fixes: [
          {
            deviceId: asset === 'VESSEL' ? VESSEL : TRUCK,
            assetKind: asset,
            time: new Date(Date.now() - 60 * 60_000 + minute * 1_000).toISOString(),
            ...where,
            ...speed,
          },
        ],
      }),
    });
    expect(response.status).toBe(202);
  }

  const eventsOf = (zoneId: string) =>
    harbor.db.prisma.geofenceEvent.findMany({
      where: { zoneId },
      orderBy: { id: 'asc' },
      select: { assetKey: true, transition: true },
    });
  const alertsOf = async (ruleId: string) =>
    (await admin.alerts.list.query({ limit: 50 })).items.filter((a) => a.ruleId === ruleId);

  it('geofences a zone drawn a moment ago and raises the rules aimed at it', async () => {
    const zone = await admin.port.createZone.mutate({
      code: `T-LIVE-${target}`,
      name: 'Dredging works',
      nameZh: '疏浚作业区',
      kind: 'RESTRICTED_AREA',
      polygon: { type: 'Polygon', coordinates: [square(LON, LAT)] },
      speedLimitKmh: 30,
    });
    const entry = await admin.alertRules.create.mutate({
      name: 'Into the dredging works',
      kind: 'RESTRICTED_AREA',
      params: { zoneIds: [zone.id], assetKinds: ['VESSEL'] },
    });
    const speeding = await admin.alertRules.create.mutate({
      name: 'Trucks over the dredging works limit',
      kind: 'SPEEDING',
      params: { zoneIds: [zone.id], assetKinds: ['VEHICLE'] },
    });

    await send('VESSEL', inside, { speedKnots: 4 });
    await expect.poll(() => eventsOf(zone.id)).toEqual([{ assetKey: VESSEL, transition: 'ENTER' }]);
    await expect
      .poll(async () => (await alertsOf(entry.id)).map((a) => a.zoneId))
      .toEqual([zone.id]);

    // A truck at the limit is within it; over it, an alert in km/h.
    await send('VEHICLE', inside, { speedKmh: 30 });
    await send('VEHICLE', inside, { speedKmh: 42 });
    await expect
      .poll(async () => (await alertsOf(speeding.id)).map((a) => a.data))
      .toEqual([expect.objectContaining({ speedKmh: 42, limitKmh: 30 })]);
    expect(await alertsOf(speeding.id)).toHaveLength(1);
  });

  it('follows an outline moved away, and a zone deleted, from the next fix', async () => {
    const zone = await admin.port.createZone.mutate({
      code: `T-MOVE-${target}`,
      name: 'Temporary works',
      kind: 'GATE',
      polygon: { type: 'Polygon', coordinates: [square(LON + 0.05, LAT)] },
    });
    const there = { lon: LON + 0.055, lat: LAT + 0.005 };
    await send('VESSEL', there, { speedKnots: 1 });
    await expect.poll(() => eventsOf(zone.id)).toHaveLength(1);

    await admin.port.updateZone.mutate({
      id: zone.id,
      polygon: { type: 'Polygon', coordinates: [square(LON + 0.1, LAT)] },
    });
    await send('VESSEL', there, { speedKnots: 1 });
    await expect
      .poll(async () => (await eventsOf(zone.id)).map((e) => e.transition))
      .toEqual(['ENTER', 'EXIT']);

    // With its history, it stays; a zone never entered goes, and is no longer geofenced.
    await expect(admin.port.deleteZone.mutate({ id: zone.id })).rejects.toThrow(/referred to/);
    const spare = await admin.port.createZone.mutate({
      code: `T-SPARE-${target}`,
      name: 'Spare',
      kind: 'DEPOT',
      polygon: { type: 'Polygon', coordinates: [square(LON + 0.2, LAT)] },
    });
    await admin.port.deleteZone.mutate({ id: spare.id });
    // Answered once stored, with the geofence events the fix caused.
    await send('VESSEL', { lon: LON + 0.205, lat: LAT + 0.005 }, { speedKnots: 1 });
    expect(harbor.tracker.failedWrites).toBe(0);
    expect(await harbor.db.prisma.geofenceEvent.count({ where: { zoneId: spare.id } })).toBe(0);
  });
});
