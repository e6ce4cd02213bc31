import { createDb, type Db, migrate, type PortCallEventKind, seed } from '@harbor/db';
import type { SessionUser } from '@harbor/shared';
import { portKpis } from '../src/domains/visits/kpis.ts';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.ts';

// dashboards.portKpis (the service behind the procedure and the CSV) over a year and more of
// port calls at the seeded Port of Shanghai: CALLS_PER_DAY calls a day for HISTORY_DAYS days,
// each with its events (arrival, pilot, half of them anchoring for up to 12 h, berthing, 12 to
// 36 h alongside, one in ten shifting to another berth, departure), 80 % with a planned eta.
// Timed: 92 days (the longest period) and 7 days for every terminal, after warm-ups. In an
// in-memory PGlite and, with BENCH_DATABASE_URL (dropped and made again), on PostgreSQL.

const CALLS_PER_DAY = Number(process.env.BENCH_CALLS_PER_DAY ?? 40);
const HISTORY_DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 400);
const RUNS = 10;
const HOUR = 3_600_000;
const LAST_DAY = Date.parse('2026-11-25T16:00:00Z'); // 26 November, 00:00 in Shanghai
const NOW = new Date(LAST_DAY);

/** A number in [0, 1) from an integer, the same every run. */
const noise = (n: number) => (((n * 2_654_435_761) >>> 0) % 10_000) / 10_000;

type EventRow = {
  visitId: string;
  kind: PortCallEventKind;
  at: Date;
  berthId: string | null;
  terminalId: string | null;
  lat: number;
  lon: number;
};

async function prepare(db: Db): Promise<{ calls: number; events: number }> {
  await migrate(db);
  await seed(db, { now: NOW, fleetSize: 0 });
  const port = await db.prisma.port.findFirstOrThrow();
  const berths = await db.prisma.berth.findMany({ select: { id: true, terminalId: true } });
  const vesselIds: string[] = [];
  for (let i = 0; i < 500; i++) vesselIds.push(crypto.randomUUID());
  await db.prisma.vessel.createMany({
    data: vesselIds.map((id, i) => ({ id, mmsi: 413_500_000 + i, name: `BENCH ${i}` })),
  });
  let calls = 0;
  let events = 0;
  const first = LAST_DAY - HISTORY_DAYS * 24 * HOUR;
  for (let day = 0; day < HISTORY_DAYS; day += 10) {
    const visits: { id: string; vesselId: string; portId: string; eta: Date | null }[] = [];
    const rows: EventRow[] = [];
    for (let d = day; d < Math.min(day + 10, HISTORY_DAYS); d++) {
      for (let k = 0; k < CALLS_PER_DAY; k++) {
        const n = d * CALLS_PER_DAY + k;
        const id = crypto.randomUUID();
        const berth = berths[n % berths.length];
        const other = berths[(n + 7) % berths.length];
        let t = first + d * 24 * HOUR + (k * 24 * HOUR) / CALLS_PER_DAY;
        /** The next event, `hours` after the last one; its time. */
        const step = (kind: PortCallEventKind, hours: number, at?: (typeof berths)[number]) => {
          t += hours * HOUR;
          rows.push({
            visitId: id,
            kind,
            at: new Date(t),
            berthId: at?.id ?? null,
            terminalId: at?.terminalId ?? null,
            lat: 30.6,
            lon: 122.05,
          });
          return t;
        };
        step('ARRIVED', 0);
        step('PILOT_BOARDED', 1);
        if (n % 2 === 0) {
          step('ANCHORED', 0.5);
          step('ANCHOR_AWEIGH', noise(n) * 12);
        }
        step('BERTHING', 1);
        const berthedAt = step('BERTHED', 0.5, berth);
        step('UNBERTHED', 12 + noise(n + 1) * 24, berth);
        if (n % 10 === 0) {
          step('BERTHED', 1, other);
          step('UNBERTHED', 6, other);
        }
        step('DEPARTED', 2);
        const eta = n % 5 === 0 ? null : new Date(berthedAt + (noise(n + 2) - 0.5) * 8 * HOUR);
        visits.push({ id, vesselId: vesselIds[n % vesselIds.length] ?? '', portId: port.id, eta });
      }
    }
    await db.prisma.vesselVisit.createMany({ data: visits });
    for (let i = 0; i < rows.length; i += 5_000)
      await db.prisma.portCallEvent.createMany({ data: rows.slice(i, i + 5_000) });
    calls += visits.length;
    events += rows.length;
  }
  if (db.kind === 'postgres') await db.sql.exec('ANALYZE');
  return { calls, events };
}

const PORT_STAFF: SessionUser = {
  id: '00000000-0000-4000-8000-000000000000',
  email: 'viewer@bench.local',
  name: 'Bench',
  role: 'VIEWER',
  locale: 'en',
  organization: {
    id: '00000000-0000-4000-8000-000000000001',
    code: 'SHPA',
    name: 'Shanghai Port Authority',
    kind: 'PORT_AUTHORITY',
  },
};

async function run(label: string, databaseUrl: string | undefined) {
  const db = await createDb({ databaseUrl, dataDir: 'memory://' });
  try {
    const started = Date.now();
    const { calls, events } = await prepare(db);
    console.log(
      `port-kpis ${label.padEnd(10)} ${calls} calls, ${events} events over ${HISTORY_DAYS} days (made in ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    const deps = { db, now: () => NOW };
    for (const [days, from] of [
      [92, '2026-08-26'],
      [7, '2026-11-19'],
    ] as const) {
      const input = { from, to: '2026-11-25', onTimeWindowHours: 2 };
      const result = await portKpis(deps, PORT_STAFF, input);
      await portKpis(deps, PORT_STAFF, input);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const at = process.hrtime.bigint();
        await portKpis(deps, PORT_STAFF, input);
        times.push(Number(process.hrtime.bigint() - at) / 1e6);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)] ?? 0;
      console.log(
        `port-kpis ${label.padEnd(10)} ${days} days × ${result.terminals.length} terminals (${result.rows.length} rows, ${result.total.berthings} berthings): median ${median.toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms`,
      );
    }
  } finally {
    await db.close();
  }
}

const benchUrl = benchDatabaseUrl();
await run('PGlite', undefined);
if (benchUrl) {
  await freshBenchDatabase(benchUrl);
  await run('PostgreSQL', benchUrl);
}
