import { randomBytes } from 'node:crypto';
import type { Fix } from '@harbor/shared';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { JetStreamFixBus } from '../src/pipeline/jetstream-fix-bus.ts';
import { fleetFixes } from '../test/fleet-fixes.ts';
import { type HarborProcess, startHarborProcess } from '../test/harbor-process.ts';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.ts';
import { cpuSecondsOf, postgresCpuSeconds } from './cpu.ts';
import { fmt } from './format.ts';

// `pnpm --filter @harbor/api bench:cluster`: the tracker stage as separate processes
// (HARBOR_ROLES=tracker) sharing the JetStream fix stream and PostgreSQL. For 1, 2 and 4
// trackers: the trackers start and share the 16 partitions, then FIXES fixes (2,000 trucks
// in groups of 100, as gateways publish them) go into the stream at once and the run ends
// when the trackers have stored them all. Reported: fixes/s, each tracker's CPU per fix and
// PostgreSQL's, so the result can be projected to more machines. Then failover: one of two
// trackers is killed (SIGKILL) and the time until the other owns every partition is taken,
// three times. Needs NATS (BUS_URL, default nats://127.0.0.1:4222) and BENCH_DATABASE_URL.

const FIXES = Number(process.env.BENCH_FIXES ?? 200_000);
const TRUCKS = 2_000;
const PARTITIONS = 16;
const busUrl = process.env.BUS_URL ?? 'nats://127.0.0.1:4222';
const databaseUrl = benchDatabaseUrl();
if (!databaseUrl) {
  console.log('cluster bench: set BENCH_DATABASE_URL (a database named *bench*) to run it');
  process.exit(0);
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Trucks of run `run` (their own keys), reporting every 30 s over the last hour. */
function fixesOf(run: number): Fix[] {
  const perAsset = Math.ceil(FIXES / TRUCKS);
  const t0 = Math.floor(Date.now() / 1000) * 1000 - (perAsset * 30_000 + 300_000);
  return fleetFixes({ assets: TRUCKS, perAsset, prefix: `0177${run}`, digits: 7, t0 });
}

await freshBenchDatabase(databaseUrl);
const shared = { DATABASE_URL: databaseUrl, BUS_URL: busUrl, SEED: 'false' };
// Migrated and seeded (the port's zones for the geofences) once, by an api process.
const seeding = await startHarborProcess({ ...shared, HARBOR_ROLES: 'api', SEED: 'true' });
await seeding.stop();

const owned = async (tracker: HarborProcess) =>
  (await tracker.counters())['tracker_partitions.owned'] ?? 0;
const inserted = async (trackers: HarborProcess[]) => {
  let sum = 0;
  for (const tracker of trackers) sum += (await tracker.counters())['tracker.inserted'] ?? 0;
  return sum;
};
const nc = await connect({ servers: busUrl });
const jsm = await jetstreamManager(nc);

for (const [run, count] of [1, 2, 4].entries()) {
  const stream = `HARBOR_BENCH_${randomBytes(3).toString('hex')}`;
  const env = { ...shared, BUS_STREAM: stream, HARBOR_ROLES: 'tracker' };
  const publisher = await JetStreamFixBus.connect({
    url: busUrl,
    stream,
    subjectPrefix: `harbor.${stream}`,
  });
  const trackers = await Promise.all(Array.from({ length: count }, () => startHarborProcess(env)));
  await until(async () => {
    const shares = await Promise.all(trackers.map(owned));
    return shares.every((share) => share > 0) && shares.reduce((a, b) => a + b, 0) === PARTITIONS;
  }, 'the partitions shared');
  const fixes = fixesOf(run);
  const cpu = trackers.map((tracker) => cpuSecondsOf(tracker.child.pid ?? 0));
  const postgresBefore = postgresCpuSeconds();
  const started = performance.now();
  const groups: Promise<void>[] = [];
  for (let i = 0; i < fixes.length; i += 100)
    groups.push(publisher.publish(fixes.slice(i, i + 100)));
  await Promise.all(groups);
  await until(async () => (await inserted(trackers)) >= fixes.length, 'every fix stored');
  const seconds = (performance.now() - started) / 1000;
  const perFix = trackers.map(
    (tracker, i) => ((cpuSecondsOf(tracker.child.pid ?? 0) - (cpu[i] ?? 0)) / fixes.length) * 1e6,
  );
  const postgresPerFix = ((postgresCpuSeconds() - postgresBefore) / fixes.length) * 1e6;
  console.log(
    `cluster: ${count} tracker${count > 1 ? 's' : ''}: ${fmt(fixes.length)} fixes in ${seconds.toFixed(1)} s = ${fmt(fixes.length / seconds)} fixes/s; ` +
      `tracker CPU per fix ${perFix.map((us) => `${us.toFixed(1)} µs`).join(', ')} ` +
      `(all trackers ${perFix.reduce((a, b) => a + b, 0).toFixed(1)} µs), PostgreSQL ${postgresPerFix.toFixed(1)} µs`,
  );

  if (count === 2) {
    // Failover: kill one tracker, time until the survivor owns every partition; a new one
    // joins again for the next round.
    const times: number[] = [];
    let pair = trackers;
    for (let round = 0; round < 3; round++) {
      const [victim, survivor] = pair as [HarborProcess, HarborProcess];
      const killedAt = performance.now();
      await victim.crash();
      await until(async () => (await owned(survivor)) === PARTITIONS, 'the survivor owning all');
      times.push(performance.now() - killedAt);
      const joined = await startHarborProcess(env);
      pair = [survivor, joined];
      await until(async () => (await owned(joined)) === PARTITIONS / 2, 'the newcomer sharing');
    }
    console.log(
      `cluster: failover (SIGKILL of one of two trackers until the other owns all ${PARTITIONS} partitions; lease 6 s): ${times.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`,
    );
    await Promise.all(pair.map((tracker) => tracker.stop()));
  } else await Promise.all(trackers.map((tracker) => tracker.stop()));
  await publisher.destroy();
  await publisher.close();
  await jsm.streams.delete(stream).catch(() => false);
}
await nc.close();
