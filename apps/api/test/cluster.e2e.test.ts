import { randomBytes } from 'node:crypto';
import { createDb } from '@harbor/db';
import { createEmptyPostgresDatabase } from '@harbor/db/testing';
import type { Position } from '@harbor/shared';
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { liveSubjects } from '../src/pipeline/nats-relay.ts';
import { clusterPrefix } from '../src/runtime/parts/cluster.ts';
import { DrivingTerminal, type TrackPoint } from './cluster-clients.ts';
import { type HarborProcess, startHarborProcess } from './harbor-process.ts';
import { nodeClient } from './live-client.ts';

// Harbor past one machine, on this one: two gateways, two trackers and two api processes,
// each its own process (HARBOR_ROLES), sharing NATS JetStream and PostgreSQL. Trucks drive
// through the Donghai Bridge gate over both gateways while one tracker and then one gateway
// are killed with SIGKILL. Asserted: every acknowledged fix is stored; every zone crossing
// gives one ENTER and one EXIT; the surviving tracker owns every partition again; a
// subscriber on api B sees fixes ingested through gateway A; a text sent through api B
// reaches a terminal on gateway A and its answer is recorded.

const NATS_URL = process.env.NATS_URL;
const DATABASE_URL = process.env.DATABASE_URL;
/** The fix stream's partitions (JetStreamFixBus's default). */
const PARTITIONS = 16;
const TRUCKS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Simulated seconds each truck drives: outside the gate, inside it, outside again. */
const STEPS = 300;
const INSIDE = { from: 100, to: 180 };
/** Bounds the waits below on a busy machine; the test waits on events, not on this. */
const LIMIT_MS = 600_000;

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + LIMIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(NATS_URL && DATABASE_URL)(
  'Harbor as six processes',
  { timeout: 3 * LIMIT_MS },
  () => {
    const stream = `HARBOR_CLUSTER_${randomBytes(4).toString('hex')}`;
    const processes: HarborProcess[] = [];
    let postgres: Awaited<ReturnType<typeof createEmptyPostgresDatabase>> | undefined;
    let nc: NatsConnection | undefined;
    const terminals: DrivingTerminal[] = [];

    afterAll(async () => {
      for (const terminal of terminals) terminal.stop();
      await Promise.all(processes.map((harbor) => harbor.crash().catch(() => undefined)));
      if (nc) {
        const jsm = await jetstreamManager(nc);
        await jsm.streams.delete(stream).catch(() => false);
        await jsm.streams.delete(`KV_${stream}_LEASES`).catch(() => false);
        await nc.close();
      }
      await postgres?.drop();
    });

    it('loses nothing and doubles nothing when a tracker and then a gateway die', async () => {
      postgres = await createEmptyPostgresDatabase();
      nc = await connect({ servers: NATS_URL });
      const jsm: JetStreamManager = await jetstreamManager(nc);
      const shared = {
        DATABASE_URL: postgres.url,
        BUS_URL: NATS_URL ?? '',
        BUS_STREAM: stream,
        SEED: 'false',
        SEED_FLEET: String(TRUCKS.length),
      };
      const start = async (roles: string, extra: Record<string, string> = {}) => {
        const harbor = await startHarborProcess({ ...shared, HARBOR_ROLES: roles, ...extra });
        processes.push(harbor);
        return harbor;
      };
      // The first api migrates and seeds; the others start on the same database.
      const apiA = await start('api', { SEED: 'true' });
      const [trackerA, trackerB, gatewayA, gatewayB, apiB] = await Promise.all([
        start('tracker'),
        start('tracker'),
        start('gateway'),
        start('gateway'),
        start('api'),
      ]);
      const owned = async (tracker: HarborProcess) =>
        (await tracker.counters())['tracker_partitions.owned'] ?? 0;
      await until(
        async () =>
          (await owned(trackerA)) === PARTITIONS / 2 && (await owned(trackerB)) === PARTITIONS / 2,
        'the partitions shared by the two trackers',
      );

      // The trucks' track: west of the gate, through it, east of it.
      const operator = await nodeClient(apiA.url, {
        email: 'operator@port.harbor.local',
        password: 'harbor-demo',
      });
      const zones = await operator.client.port.zones.query({});
      const ring = zones
        .find((zone) => zone.code === 'DHB-GATE')
        ?.polygon.coordinates[0]?.slice(0, -1);
      if (!ring) throw new Error('no Donghai Bridge gate in the seed');
      const gate = {
        lon: ring.reduce((sum, p) => sum + (p[0] ?? 0), 0) / ring.length,
        lat: ring.reduce((sum, p) => sum + (p[1] ?? 0), 0) / ring.length,
      };
      const track =
        (truck: number) =>
        (step: number): TrackPoint => {
          const lat = gate.lat + truck / 1e5;
          if (step < INSIDE.from) return { lat, lon: gate.lon - 0.03 + step * 1e-5 };
          if (step < INSIDE.to) return { lat, lon: gate.lon + (step - 140) * 1e-6 };
          return { lat, lon: gate.lon + 0.02 + step * 1e-5 };
        };
      const startMs = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
      for (const truck of TRUCKS)
        terminals.push(new DrivingTerminal(truck, track(truck), STEPS, startMs));
      // Trucks 1, 3, … on gateway A; 2, 4, … on gateway B, as a TCP load balancer spreads them.
      const onA = terminals.filter((_, i) => i % 2 === 0);
      const onB = terminals.filter((_, i) => i % 2 === 1);
      await Promise.all([
        ...onA.map((terminal) => terminal.connect(gatewayA.jt808Port)),
        ...onB.map((terminal) => terminal.connect(gatewayB.jt808Port)),
      ]);
      const slowest = () => Math.min(...terminals.map((terminal) => terminal.sentSteps));

      // A subscriber on api B sees a truck that reports through gateway A.
      const watched = onA[0] as DrivingTerminal;
      const observer = await nodeClient(apiB.url, {
        email: 'operator@port.harbor.local',
        password: 'harbor-demo',
      });
      const seen: Position[] = [];
      const subscribedAtStep = watched.sentSteps;
      const subscription = observer.client.positions.asset.subscribe(
        { assetKind: 'VEHICLE', assetKey: watched.phone, intervalMs: 100 },
        { onData: (batch) => seen.push(...batch), onError: () => undefined },
      );
      await until(
        () =>
          seen.some((p) => Date.parse(p.fixAt) > watched.fixAtOf(subscribedAtStep + 5).getTime()),
        'api B showing a fix that arrived through gateway A',
      );
      subscription.unsubscribe();
      // The relays' counters on /metrics: gateway A sent fixes, api B read them, and what no
      // Harbor process sent on the relay subject is counted as malformed and skipped.
      expect((await gatewayA.counters())['relay.fixes_out_fixes']).toBeGreaterThan(0);
      const heard = await apiB.counters();
      expect(heard['relay.fixes_in_fixes']).toBeGreaterThan(0);
      expect(heard['relay.fixes_in_malformedMessages']).toBe(0);
      nc.publish(liveSubjects(clusterPrefix(stream)).fixes, '{"not":"fixes"}');
      await until(
        async () => (await apiB.counters())['relay.fixes_in_malformedMessages'] === 1,
        'api B counting the malformed relay message',
      );

      // A text through api B to a truck on gateway A (truck 1, DHCL's), answered by the truck.
      const dispatcher = await nodeClient(apiB.url, {
        email: 'dispatcher@dhcl.harbor.local',
        password: 'harbor-demo',
      });
      const vehicles = await dispatcher.client.vehicles.list.query({ limit: 100 });
      const vehicle = vehicles.items.find((v) => v.terminalPhone === watched.phone);
      if (!vehicle) throw new Error(`no vehicle with terminal ${watched.phone}`);
      const sent = await dispatcher.client.dispatch.sendMessage.mutate({
        vehicleId: vehicle.id,
        text: '请前往洋山四期 7 号闸口',
      });
      await until(() => watched.texts.includes('请前往洋山四期 7 号闸口'), 'the text on the truck');
      await until(async () => {
        const page = await dispatcher.client.dispatch.messages.query({ vehicleId: vehicle.id });
        return page.items.some((m) => m.id === sent.id && m.status === 'DELIVERED');
      }, 'the answer recorded');

      // Mid-stream: tracker A dies.
      await until(() => slowest() >= 60, 'the trucks under way');
      await trackerA.crash();
      await until(
        async () => (await owned(trackerB)) === PARTITIONS,
        'tracker B owning every partition',
      );

      // Then gateway A dies: its trucks reconnect through gateway B and send what was unanswered.
      await until(() => slowest() >= 200, 'the trucks past the gate');
      await gatewayA.crash();
      await Promise.all(onA.map((terminal) => terminal.lost));
      await Promise.all(onA.map((terminal) => terminal.connect(gatewayB.jt808Port)));
      await until(() => terminals.every((terminal) => terminal.isDone), 'every report answered');
      for (const terminal of terminals) terminal.stop();
      await until(
        async () => (await jsm.streams.info(stream)).state.messages === 0,
        'the stream written out',
      );
      await until(
        async () => ((await trackerB.counters())['tracker.observing'] ?? 0) === 0,
        'the last batches observed',
      );

      const db = await createDb({ databaseUrl: postgres.url });
      try {
        const acknowledged = terminals.flatMap((terminal) => terminal.acknowledged);
        expect(acknowledged.length).toBe(TRUCKS.length * STEPS);
        const { rows: stored } = await db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM unnest($1::text[], $2::timestamptz[]) AS a(key, at)
           WHERE EXISTS (SELECT 1 FROM "PositionFix" f
             WHERE f."assetKind" = 'VEHICLE' AND f."assetKey" = a.key AND f."fixAt" = a.at)`,
          [
            acknowledged.map((fix) => fix.assetKey),
            acknowledged.map((fix) => fix.fixAt.toISOString()),
          ],
        );
        expect(stored[0]?.n).toBe(acknowledged.length);

        // Every (truck, zone): ENTER, EXIT, ENTER, … never two of one kind in a row.
        const { rows: events } = await db.sql.query<{
          assetKey: string;
          code: string;
          transitions: string[];
        }>(
          `SELECT e."assetKey", z.code, array_agg(e.transition::text ORDER BY e.at, e.id) AS transitions
           FROM "GeofenceEvent" e JOIN "Zone" z ON z.id = e."zoneId"
           WHERE e."assetKind" = 'VEHICLE' GROUP BY e."assetKey", z.code`,
        );
        const gateCrossings = events.filter((row) => row.code === 'DHB-GATE');
        expect(gateCrossings.map((row) => [row.assetKey, row.transitions]).sort()).toEqual(
          terminals.map((terminal) => [terminal.phone, ['ENTER', 'EXIT']]).sort(),
        );
        for (const row of events)
          expect(
            row.transitions.every(
              (transition, i) => transition === (i % 2 === 0 ? 'ENTER' : 'EXIT'),
            ),
            `${row.assetKey} in ${row.code}: ${row.transitions.join(' ')}`,
          ).toBe(true);
      } finally {
        await db.close();
      }
    });
  },
);
