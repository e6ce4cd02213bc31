import { createDb, type Db, migrate } from '@harbor/db';
import type { Fix, SessionUser } from '@harbor/shared';
import { suggestTrucks } from '../src/domains/dispatch/suggest.ts';
import { LatestPositionCache } from '../src/domains/positions/latest-cache.ts';
import { DeviceDirectory } from '../src/domains/vehicles/device-directory.ts';
import { benchDatabaseUrl, ensureBenchDatabase } from './bench-database.ts';

// dispatch.suggest for one job over 10,000 live trucks of one company: every truck's road
// ETA to the pickup (Donghai Bridge routing), then availability (shifts, jobs, manual
// status) checked in the database for the best ones. Positions are in the in-memory
// LatestPositionCache, the job, trucks, drivers and shifts in an in-memory PGlite (and, with
// BENCH_DATABASE_URL, on PostgreSQL, whose fleet tables are emptied first). One truck in
// ten is in maintenance and one in ten off shift, so the availability check has to skip.
// Target: under 100 ms.

const TRUCKS = 10_000;
const RUNS = 200;
const NOW = new Date('2026-11-25T08:00:00Z');
const phone = (i: number) => `0137${String(i).padStart(8, '0')}`;

/** A spread of trucks: three in ten on Yangshan, the rest between Lingang and Waigaoqiao. */
function truckPosition(i: number): { lat: number; lon: number } {
  const u = ((i * 7919) % 10_000) / 10_000;
  const v = ((i * 104_729) % 10_000) / 10_000;
  return i % 10 < 3
    ? { lat: 30.61 + u * 0.04, lon: 122.0 + v * 0.09 }
    : { lat: 30.85 + u * 0.5, lon: 121.45 + v * 0.45 };
}

async function prepare(db: Db): Promise<{ user: SessionUser; jobId: string }> {
  await migrate(db);
  await db.sql.exec(
    'TRUNCATE "DispatchJobEvent", "DispatchJob", "Shift", "TerminalMessage", "Device", "Driver", "Vehicle" CASCADE',
  );
  const organization = await db.prisma.organization.upsert({
    where: { code: 'BENCH' },
    create: { code: 'BENCH', name: 'Bench Logistics', kind: 'LOGISTICS_COMPANY' },
    update: {},
  });
  const organizationId = organization.id;
  const ids = Array.from({ length: TRUCKS }, () => crypto.randomUUID());
  for (let i = 0; i < TRUCKS; i += 2_500) {
    const chunk = ids.slice(i, i + 2_500).map((id, k) => ({ id, n: i + k }));
    await db.prisma.vehicle.createMany({
      data: chunk.map(({ id, n }) => ({
        id,
        organizationId,
        plate: `BENCH-${n}`,
        status: n % 10 === 9 ? ('MAINTENANCE' as const) : ('AVAILABLE' as const),
      })),
    });
    await db.prisma.device.createMany({
      data: chunk.map(({ id, n }) => ({ organizationId, vehicleId: id, terminalPhone: phone(n) })),
    });
    const drivers = chunk.map(({ id, n }) => ({
      id: crypto.randomUUID(),
      organizationId,
      name: `Driver ${n}`,
      currentVehicleId: id,
    }));
    await db.prisma.driver.createMany({ data: drivers });
    await db.prisma.shift.createMany({
      data: drivers.flatMap((driver, k) =>
        (i + k) % 10 === 8
          ? []
          : [
              {
                organizationId,
                driverId: driver.id,
                vehicleId: driver.currentVehicleId,
                startsAt: new Date(NOW.getTime() - 3_600_000),
                endsAt: new Date(NOW.getTime() + 8 * 3_600_000),
              },
            ],
      ),
    });
  }
  const port = await db.prisma.port.upsert({
    where: { unlocode: 'CNSHA' },
    create: {
      unlocode: 'CNSHA',
      name: 'Port of Shanghai',
      timezone: 'Asia/Shanghai',
      lat: 31.23,
      lon: 121.47,
    },
    update: {},
  });
  const zone = (code: string, lat: number, lon: number) =>
    db.prisma.zone.upsert({
      where: { portId_code: { portId: port.id, code } },
      create: {
        portId: port.id,
        code,
        name: code,
        kind: 'GATE',
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [lon, lat],
              [lon + 0.001, lat],
              [lon, lat + 0.001],
              [lon, lat],
            ],
          ],
        },
        minLat: lat,
        minLon: lon,
        maxLat: lat + 0.001,
        maxLon: lon + 0.001,
      },
      update: {},
    });
  const pickup = await zone('BENCH-YSP4-GATE', 30.6243, 122.0163);
  const dropoff = await zone('BENCH-LCG', 30.866, 121.894);
  const job = await db.prisma.dispatchJob.create({
    data: {
      organizationId,
      reference: 'BENCH-1',
      pickupZoneId: pickup.id,
      dropoffZoneId: dropoff.id,
      windowStart: NOW,
      windowEnd: new Date(NOW.getTime() + 3_600_000),
    },
  });
  return {
    jobId: job.id,
    user: {
      id: '00000000-0000-4000-8000-000000000000',
      email: 'dispatcher@bench.local',
      name: 'Bench',
      role: 'DISPATCHER',
      locale: 'en',
      organization: {
        id: organizationId,
        code: 'BENCH',
        name: 'Bench Logistics',
        kind: 'LOGISTICS_COMPANY',
      },
    },
  };
}

async function run(label: string, databaseUrl: string | undefined) {
  const db = await createDb({ databaseUrl, dataDir: 'memory://' });
  try {
    const { user, jobId } = await prepare(db);
    const cache = new LatestPositionCache({ db, devices: new DeviceDirectory(db) });
    await cache.load();
    const fixes: Fix[] = Array.from({ length: TRUCKS }, (_, i) => ({
      assetKind: 'VEHICLE',
      assetKey: phone(i),
      fixAt: NOW,
      receivedAt: NOW,
      ...truckPosition(i),
      speedKnots: 0,
      courseDeg: 0,
      headingDeg: null,
      altitudeM: null,
      status: 'ACC_ON',
      source: 'JT808',
    }));
    await cache.apply(fixes);
    const deps = { db, now: () => NOW, latestPositions: cache };
    const input = { jobId, limit: 5 };
    let best = await suggestTrucks(deps, user, input);
    for (let i = 0; i < 10; i++) best = await suggestTrucks(deps, user, input);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      await suggestTrucks(deps, user, input);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
    console.log(
      `assignment ${label.padEnd(10)} suggest over ${cache.size} live trucks (${RUNS} runs): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms (target < 100 ms)`,
    );
    const first = best[0];
    if (first)
      console.log(
        `assignment ${label.padEnd(10)} best: ${first.plate} ETA ${first.etaMinutes} min, ${first.distanceKm} km, ${first.why}`,
      );
  } finally {
    await db.close();
  }
}

const benchUrl = benchDatabaseUrl();
await run('PGlite', undefined);
if (benchUrl) {
  await ensureBenchDatabase(benchUrl);
  await run('PostgreSQL', benchUrl);
}
