import { createDb, type Db, migrate } from '@harbor/db';
import type { Fix, SessionUser } from '@harbor/shared';
import { LatestPositionCache } from '../src/domains/positions/latest-cache.ts';
import { latestInViewport } from '../src/domains/positions/service.ts';
import { DeviceDirectory } from '../src/domains/vehicles/device-directory.ts';
import { writeFixes } from '../src/pipeline/fix-store.ts';
import { benchDatabaseUrl, ensureBenchDatabase } from './bench-database.ts';

// Latest positions for a map viewport holding 10,000 assets (8,000 trucks of one company,
// 2,000 vessels), as a dispatcher of that company asks for them; 50 queries after 5 to warm
// up; on an in-memory PGlite and, with BENCH_DATABASE_URL, on PostgreSQL (its position
// and device tables are emptied first).

const TRUCKS = 8_000;
const VESSELS = 2_000;
const BBOX = { minLat: 30.5, minLon: 121.5, maxLat: 31.5, maxLon: 122.5 };

async function prepare(db: Db): Promise<SessionUser> {
  await migrate(db);
  await db.sql.exec(
    'TRUNCATE "PositionFix", "LatestPosition", "Device", "Vehicle", "Driver" CASCADE',
  );
  const organization = await db.prisma.organization.upsert({
    where: { code: 'BENCH' },
    create: { code: 'BENCH', name: 'Bench Logistics', kind: 'LOGISTICS_COMPANY' },
    update: {},
  });
  await db.prisma.device.createMany({
    data: Array.from({ length: TRUCKS }, (_, i) => ({
      organizationId: organization.id,
      terminalPhone: `0136${String(i).padStart(8, '0')}`,
    })),
  });
  const at = new Date('2026-11-25T02:00:00Z');
  const fixes: Fix[] = Array.from({ length: TRUCKS + VESSELS }, (_, i) => ({
    assetKind: i < TRUCKS ? 'VEHICLE' : 'VESSEL',
    assetKey: i < TRUCKS ? `0136${String(i).padStart(8, '0')}` : String(413_000_000 + i),
    fixAt: at,
    receivedAt: at,
    lat: 30.5 + ((i * 7919) % 10_000) / 10_000,
    lon: 121.5 + ((i * 104_729) % 10_000) / 10_000,
    speedKnots: 10,
    courseDeg: 45,
    headingDeg: null,
    altitudeM: null,
    status: null,
    source: i < TRUCKS ? 'JT808' : 'AIS',
  }));
  for (let i = 0; i < fixes.length; i += 2_000) await writeFixes(db, fixes.slice(i, i + 2_000));
  return {
    id: '00000000-0000-4000-8000-000000000000',
    email: 'dispatcher@bench.local',
    name: 'Bench',
    role: 'DISPATCHER',
    locale: 'en',
    organization: {
      id: organization.id,
      code: 'BENCH',
      name: 'Bench Logistics',
      kind: 'LOGISTICS_COMPANY',
    },
  };
}

async function run(label: string, databaseUrl: string | undefined) {
  const db = await createDb({ databaseUrl, dataDir: 'memory://' });
  try {
    const user = await prepare(db);
    const input = {
      bbox: BBOX,
      assetKinds: ['VESSEL' as const, 'VEHICLE' as const],
      limit: 20_000,
    };
    const cache = new LatestPositionCache({ db, devices: new DeviceDirectory(db) });
    await cache.load();
    const sources: [string, () => Promise<unknown[]> | unknown[]][] = [
      [`${label} query`, () => latestInViewport({ db }, user, input)],
      [`${label} cache`, () => cache.inViewport(user, input)],
    ];
    for (const [name, query] of sources) {
      let count = 0;
      for (let i = 0; i < 5; i++) count = (await query()).length;
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const started = process.hrtime.bigint();
        await query();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) =>
        (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
      console.log(
        `viewport ${name.padEnd(17)} ${count} assets: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`,
      );
    }
  } finally {
    await db.close();
  }
}

await run('PGlite', undefined);
const benchUrl = benchDatabaseUrl();
if (benchUrl) {
  await ensureBenchDatabase(benchUrl);
  await run('PostgreSQL', benchUrl);
}
