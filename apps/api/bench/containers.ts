import { createDb, type Db, migrate } from '@harbor/db';
import { isValidContainerNumber } from '@harbor/shared';
import { findContainerByNumber } from '../src/domains/containers/container-lookup.ts';
import { getContainerView } from '../src/domains/containers/service.ts';
import type { ContainerVisibility } from '../src/domains/containers/visibility.ts';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.ts';

// `pnpm --filter @harbor/api bench` (last step): container lookups at port scale. On the
// PostgreSQL database BENCH_DATABASE_URL names (it is dropped and created again, so its name
// must contain "bench"), SQL generates 1,000,000 containers with 10 equipment events each
// (10,000,000) and their ContainerState; then p50/p95/p99 of a container by number with its
// current place (the one-statement lookup behind containers.get) and with its full history.
// Without BENCH_DATABASE_URL it says so and does nothing: PGlite is not the target here.

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 1_000_000);
const EVENTS_PER_CONTAINER = 10;
const CHUNK = 100_000;
const LOOKUPS = 200;
const WARM_UP = 100;
const OWNERS = ['MSCU', 'CSQU', 'TGHU', 'OOLU'];
const T0 = Date.parse('2026-01-01T00:00:00Z');

/** ISO 6346 Annex A: A = 10, counting up but skipping multiples of 11. */
function letterValue(letter: string): number {
  let value = 10;
  for (let code = 65; code < letter.charCodeAt(0); code++) {
    value++;
    if (value % 11 === 0) value++;
  }
  return value;
}
/** The owner code's part of the check-digit sum; the six serial digits weigh 2^4..2^9. */
const ownerSum = (owner: string) =>
  Array.from(owner).reduce((sum, letter, i) => sum + letterValue(letter) * 2 ** i, 0);

// Sequential ids in UUID form keep the primary-key B-trees appending instead of splitting.
const uuidOf = (variant: string, expr: string) =>
  `('00000000-0000-4000-${variant}000-' || lpad(to_hex(${expr}), 12, '0'))`;

const log = (line: string) => console.log(`containers bench: ${line}`);
const seconds = (since: bigint) => (Number(process.hrtime.bigint() - since) / 1e9).toFixed(1);

async function generate(db: Db) {
  const p = db.prisma;
  const port = await p.port.create({
    data: { unlocode: 'CNSHA', name: 'Shanghai', timezone: 'Asia/Shanghai', lat: 30.6, lon: 122 },
  });
  const terminal = await p.terminal.create({
    data: { portId: port.id, code: 'YSP4', name: 'Yangshan IV' },
  });
  const vessel = await p.vessel.create({ data: { mmsi: 477123400, name: 'BENCH EXPRESS' } });
  const visit = await p.vesselVisit.create({
    data: { vesselId: vessel.id, portId: port.id, terminalId: terminal.id, voyageNumber: 'B001' },
  });
  const perOwner = Math.ceil(CONTAINERS / OWNERS.length);
  const owners = OWNERS.map((code, i) => `(${i}, '${code}', ${ownerSum(code)})`).join(', ');
  const digit = (power: number, place: number) => `((s / ${place}) % 10) * ${2 ** power}`;
  const started = process.hrtime.bigint();
  // Keys and foreign keys are checked once when they are re-added, not per row; indexes are
  // built after the load (a sort each) instead of being updated row by row.
  await db.sql.exec(`
    ALTER TABLE "EquipmentEvent" DROP CONSTRAINT "EquipmentEvent_containerId_fkey",
      DROP CONSTRAINT "EquipmentEvent_pkey";
    DROP INDEX "EquipmentEvent_containerId_eventAt_idx", "EquipmentEvent_eventType_eventCreatedAt_idx",
      "EquipmentEvent_eventCreatedAt_idx", "EquipmentEvent_vesselVisitId_idx";
    SET synchronous_commit = off;`);
  await db.sql.exec(`
    INSERT INTO "Container" (id, number, "isoSizeType", "createdAt", "updatedAt")
    SELECT ${uuidOf('8', 'i')}, o.code || lpad(s::text, 6, '0') ||
      (((o.sum + ${digit(4, 100000)} + ${digit(5, 10000)} + ${digit(6, 1000)} + ${digit(7, 100)}
        + ${digit(8, 10)} + ${digit(9, 1)}) % 11) % 10)::text,
      CASE WHEN i % 3 = 0 THEN '42G1' WHEN i % 3 = 1 THEN '22G1' ELSE 'L5G1' END, now(), now()
    FROM generate_series(0, ${CONTAINERS - 1}) AS i
      JOIN (VALUES ${owners}) AS o(n, code, sum) ON o.n = i / ${perOwner},
      LATERAL (SELECT i % ${perOwner} AS s) AS serial`);
  log(`${CONTAINERS.toLocaleString('en-US')} containers in ${seconds(started)} s`);

  // A life of ten events: gate in, yard, load, discharge, yard, gate out, gate in, yard.
  const types = ['GTIN', 'DROP', 'PICK', 'LOAD', 'DISC', 'DROP', 'PICK', 'GTOT', 'GTIN', 'DROP'];
  const typeOf = `(ARRAY[${types.map((t) => `'${t}'`).join(',')}])[k + 1]::"EquipmentEventType"`;
  const eventsStarted = process.hrtime.bigint();
  for (let from = 0; from < CONTAINERS; from += CHUNK) {
    const to = Math.min(from + CHUNK, CONTAINERS) - 1;
    await db.sql.exec(`
      INSERT INTO "EquipmentEvent" (id, "containerId", "eventType", "eventClassifier", "emptyIndicator",
        "eventAt", "eventCreatedAt", "terminalId", "vesselVisitId")
      SELECT ${uuidOf('9', `i * ${EVENTS_PER_CONTAINER} + k`)}, ${uuidOf('8', 'i')}, ${typeOf}, 'ACT',
        CASE WHEN i % 4 = 0 THEN 'EMPTY' ELSE 'LADEN' END::"EmptyIndicator",
        to_timestamp(${T0 / 1000} + i * 20 + k * 7200), to_timestamp(${T0 / 1000} + i * 20 + k * 7200 + 5),
        '${terminal.id}', CASE WHEN k IN (3, 4) THEN '${visit.id}' END
      FROM generate_series(${from}, ${to}) AS i, generate_series(0, ${EVENTS_PER_CONTAINER - 1}) AS k`);
  }
  log(
    `${(CONTAINERS * EVENTS_PER_CONTAINER).toLocaleString('en-US')} equipment events in ${seconds(eventsStarted)} s`,
  );
  const stateStarted = process.hrtime.bigint();
  await db.sql.exec(`
    INSERT INTO "ContainerState" ("containerId", place, "emptyIndicator", "terminalId",
      "lastEventId", "lastEventType", "lastEventAt", "arrivedAt")
    SELECT ${uuidOf('8', 'i')}, 'TERMINAL', CASE WHEN i % 4 = 0 THEN 'EMPTY' ELSE 'LADEN' END::"EmptyIndicator",
      '${terminal.id}', ${uuidOf('9', `i * ${EVENTS_PER_CONTAINER} + ${EVENTS_PER_CONTAINER - 1}`)}, 'DROP',
      to_timestamp(${T0 / 1000} + i * 20 + 9 * 7200), to_timestamp(${T0 / 1000} + i * 20 + 8 * 7200)
    FROM generate_series(0, ${CONTAINERS - 1}) AS i`);
  log(`ContainerState in ${seconds(stateStarted)} s`);
  const indexStarted = process.hrtime.bigint();
  await db.sql.exec(`
    SET maintenance_work_mem = '1GB';
    ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_pkey" PRIMARY KEY (id);
    CREATE INDEX "EquipmentEvent_containerId_eventAt_idx" ON "EquipmentEvent"("containerId", "eventAt");
    CREATE INDEX "EquipmentEvent_eventType_eventCreatedAt_idx" ON "EquipmentEvent"("eventType", "eventCreatedAt");
    CREATE INDEX "EquipmentEvent_eventCreatedAt_idx" ON "EquipmentEvent"("eventCreatedAt");
    CREATE INDEX "EquipmentEvent_vesselVisitId_idx" ON "EquipmentEvent"("vesselVisitId");
    ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_containerId_fkey" FOREIGN KEY ("containerId")
      REFERENCES "Container"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
    ANALYZE "Container"; ANALYZE "EquipmentEvent"; ANALYZE "ContainerState";`);
  log(
    `indexes, foreign key and ANALYZE in ${seconds(indexStarted)} s; generation took ${seconds(started)} s`,
  );
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)] ?? 0;
  return `p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms, p99 ${at(99).toFixed(2)} ms`;
}

async function measure(db: Db) {
  const { rows } = await db.sql.query<{ number: string }>(
    `SELECT number FROM "Container" TABLESAMPLE SYSTEM (1) LIMIT ${WARM_UP + LOOKUPS}`,
  );
  const numbers = rows.map((row) => row.number);
  const invalid = numbers.filter((number) => !isValidContainerNumber(number));
  if (invalid.length > 0)
    throw new Error(`generated invalid container numbers: ${invalid.slice(0, 3)}`);
  const deps = { db, now: () => new Date() };
  // Port staff: the full view, nothing to filter.
  const port: ContainerVisibility = {
    organizationId: 'bench',
    isPortAuthority: true,
    seesAllContainers: true,
  };
  const lookups = [
    ['container by number with current state', (n: string) => findContainerByNumber(db, n)],
    ['container full history (state + 10 events)', (n: string) => getContainerView(deps, port, n)],
  ] as const;
  for (const [label, lookup] of lookups) {
    for (const number of numbers.slice(0, WARM_UP)) await lookup(number);
    const samples: number[] = [];
    for (const number of numbers.slice(WARM_UP)) {
      const started = process.hrtime.bigint();
      await lookup(number);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    log(
      `PostgreSQL ${label}: ${percentiles(samples)} over ${samples.length} random containers of ${CONTAINERS.toLocaleString('en-US')} (target < 20 ms)`,
    );
  }
}

const url = benchDatabaseUrl();
if (!url) {
  log('skipped: set BENCH_DATABASE_URL to a PostgreSQL database whose name contains "bench"');
} else {
  await freshBenchDatabase(url);
  // One connection: the session settings (synchronous_commit, maintenance_work_mem) then hold.
  const migrator = await createDb({ databaseUrl: url });
  await migrate(migrator);
  await migrator.close();
  const db = await createDb({ databaseUrl: url, maxConnections: 1 });
  try {
    await generate(db);
    await measure(db);
  } finally {
    await db.close();
  }
}
