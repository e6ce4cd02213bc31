import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@harbor/db';
import type { TestDbTarget } from '@harbor/db/testing';
import {
  createLineAgent,
  HarborSession,
  SCHEDULE_WINDOW_MS,
  type ScheduledCall,
  ScheduleFeed,
} from '@harbor/simulator';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env.ts';
import { type Harbor, startHarbor } from '../src/runtime/runtime.ts';
import { nodeClient } from './live-client.ts';

// The simulator as the shipping lines' agent: it foresees its cargo ships' calls and imports
// them into a running Harbor through the tRPC api over HTTP, as `pnpm start` has it do.

const START = new Date('2026-11-25T08:00:00Z');
const DAY_MS = 86_400_000;
const OPERATOR = { email: 'operator@port.harbor.local', password: 'harbor-demo' };
const SCENARIO = { seed: 'line-agent-schedule', start: START, vessels: 8 };

async function harborOn(target: TestDbTarget) {
  const logger = pino({ level: 'silent' });
  const base = loadConfig({ SEED: 'true', LOG_LEVEL: 'silent' });
  const config = { ...base, host: '127.0.0.1', port: 0, jt808Port: 0, aisPort: 0 };
  if (target === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'harbor-schedule-'));
    const harbor = await startHarbor({ ...config, databaseUrl: undefined, dataDir: dir }, logger);
    return { harbor, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(process.env.DATABASE_URL ?? '');
  const name = `harbor_schedule_${process.pid}_${Date.now()}`;
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

// On the embedded database only: the import itself is tested on PostgreSQL too
// (schedule-import.int.test.ts); this is the simulator speaking to Harbor's HTTP api.
describe.each(['pglite' as const])(
  'the line agent importing its berth schedule on %s',
  (target) => {
    let harbor: Harbor;
    let cleanUp: () => Promise<void>;
    const calls = createLineAgent(SCENARIO).callsBerthingBy(
      new Date(START.getTime() + DAY_MS + SCHEDULE_WINDOW_MS),
    );

    beforeAll(async () => {
      ({ harbor, cleanUp } = await harborOn(target));
    });

    afterAll(async () => {
      await harbor?.stop();
      await cleanUp?.();
    });

    /** Harbor's planned visits of the scenario's ships, as the operator lists them. */
    async function plannedVisits() {
      const { client } = await nodeClient(harbor.url, OPERATOR);
      const page = await client.visits.list.query({ statuses: ['PLANNED'], limit: 500 });
      const mmsis = new Set(calls.map((call) => call.mmsi));
      return page.items
        .filter((visit) => mmsis.has(visit.vessel.mmsi))
        .map((visit) => ({
          mmsi: visit.vessel.mmsi,
          name: visit.vessel.name,
          voyage: visit.voyageNumber,
          terminal: visit.terminalCode,
          berth: visit.plannedBerthCode,
          eta: visit.eta,
          etd: visit.etd,
        }))
        .sort((a, b) => `${a.eta}${a.mmsi}`.localeCompare(`${b.eta}${b.mmsi}`));
    }

    const asVisit = (call: ScheduledCall) => ({
      mmsi: call.mmsi,
      name: call.vesselName,
      voyage: call.voyage,
      terminal: call.terminal,
      berth: call.berth,
      eta: call.eta.toISOString(),
      etd: call.etd.toISOString(),
    });

    it('creates a planned visit for each call, day by day, and never twice', async () => {
      const log: string[] = [];
      const feed = new ScheduleFeed(
        createLineAgent(SCENARIO),
        new HarborSession({ url: harbor.url, ...OPERATOR }),
        (line) => log.push(line),
      );
      const firstWindow = calls.filter(
        (call) => call.berthedAt.getTime() <= START.getTime() + SCHEDULE_WINDOW_MS,
      );
      expect(firstWindow.length).toBeGreaterThan(5);
      await feed.publish(START);
      expect(log).toEqual([
        `schedule: ${firstWindow.length} planned visits imported (calls berthing up to 2026-11-27T08:00Z)`,
      ]);
      expect(await plannedVisits()).toEqual(firstWindow.map(asVisit));

      // A day later: the calls of the third day, and none of the first two again.
      const nextDay = new Date(START.getTime() + DAY_MS);
      await feed.publish(nextDay);
      const added = calls.filter((call) => !firstWindow.includes(call));
      expect(added.length).toBeGreaterThan(0);
      expect(feed.counters).toEqual({ imported: calls.length, known: 0, failures: 0 });
      expect(await plannedVisits()).toEqual(calls.map(asVisit));

      // The simulator started again with the same seed: Harbor has its calls already.
      const again = new ScheduleFeed(
        createLineAgent(SCENARIO),
        new HarborSession({ url: harbor.url, ...OPERATOR }),
        () => {},
      );
      await again.publish(START);
      expect(again.counters).toEqual({ imported: 0, known: firstWindow.length, failures: 0 });
      expect(await plannedVisits()).toEqual(calls.map(asVisit));
    });

    it('logs a refused login and goes on', async () => {
      const log: string[] = [];
      const feed = new ScheduleFeed(
        createLineAgent(SCENARIO),
        new HarborSession({ url: harbor.url, email: OPERATOR.email, password: 'not-it' }),
        (line) => log.push(line),
      );
      await feed.publish(START);
      expect(feed.counters).toEqual({ imported: 0, known: 0, failures: 1 });
      expect(log).toHaveLength(1);
      expect(log[0]).toMatch(
        /^schedule: import failed \(its calls go again with the next\): auth\.login: /,
      );
    });
  },
);
