import type { TestDbTarget } from '@harbor/db/testing';
import type { RecordEquipmentEventInput } from '@harbor/shared';
import { pino } from 'pino';
import { createApiKey } from '../../src/domains/auth/api-keys.ts';
import { recordEquipmentEventInTransaction } from '../../src/domains/containers/events.ts';
import { serve } from '../serve.ts';
import { testApp } from '../services.ts';
import { boxNumber, buildPort, type TestPort } from './container-port.ts';

/** The feed's clock: equipment event i is created at T0 + i minutes. */
export const T0 = Date.parse('2026-11-20T00:00:00.000Z');
export const minute = (i: number) => new Date(T0 + i * 60_000);
const hour = (h: number) => new Date(T0 + h * 3_600_000);

export type DcsaFeedPort = TestPort & {
  boxes: { x: string; y: string; z: string };
  /** Port calls: YSP4's (every time known), WGQ1's (planned only), a vessel with no IMO, a cancelled one. */
  calls: { ysp4: string; wgq1: string; noImo: string; cancelled: string };
  /** When each call last changed: its transport events' eventCreatedDateTime. */
  callChanged: { ysp4: Date; wgq1: Date; noImo: Date };
  /** API keys: the port authority's, and a logistics company's that handles no container. */
  keys: { port: string; lgft: string };
  base: string;
  close(): Promise<void>;
};

/**
 * Three containers' equipment events, event i created at T0 + i + 1 minutes and happened at
 * T0 + i: x gated in at YSP4 and loaded on YSP4's call, y discharged from WGQ1's call and
 * stripped, z (empty) gated in at the depot.
 */
export async function recordThreeBoxes(
  port: TestPort,
): Promise<{ x: string; y: string; z: string }> {
  const boxes = {
    x: boxNumber('MSC', 900001),
    y: boxNumber('CSQ', 900002),
    z: boxNumber('TGH', 900003),
  };
  const events: RecordEquipmentEventInput[] = [
    {
      containerNumber: boxes.x,
      isoSizeType: '42G1',
      eventType: 'GTIN',
      emptyIndicator: 'LADEN',
      eventAt: '',
      terminalId: port.terminals.ysp4,
    },
    { containerNumber: boxes.x, eventType: 'LOAD', eventAt: '', vesselVisitId: port.visits.ysp4 },
    {
      containerNumber: boxes.y,
      isoSizeType: '22G1',
      eventType: 'DISC',
      emptyIndicator: 'LADEN',
      eventAt: '',
      vesselVisitId: port.visits.wgq1,
    },
    { containerNumber: boxes.y, eventType: 'STRP', eventAt: '' },
    {
      containerNumber: boxes.z,
      isoSizeType: 'L5G1',
      eventType: 'GTIN',
      emptyIndicator: 'EMPTY',
      eventAt: '',
      zoneId: port.zones.depot,
    },
  ];
  for (const [i, event] of events.entries()) {
    await recordEquipmentEventInTransaction(
      port.db,
      { ...event, eventAt: minute(i).toISOString() },
      { recordedById: null },
      { now: minute(i + 1) },
    );
  }
  return boxes;
}

/**
 * The container port world (two terminals, YSP4 with its SMDG code, WGQ1 without; a depot;
 * MSC AURORA with its curated IMO) with equipment events of three containers, the times of
 * its port calls, and a served Harbor.
 */
export async function buildDcsaFeedPort(target: TestDbTarget): Promise<DcsaFeedPort> {
  const port = await buildPort(target);
  const p = port.db.prisma;
  const boxes = await recordThreeBoxes(port);
  // The calls' times, each written with the moment it changed (the visits domain's writes
  // stamp updatedAt the same way).
  const callChanged = { ysp4: minute(10), wgq1: minute(3), noImo: minute(20) };
  await p.vesselVisit.update({
    where: { id: port.visits.ysp4 },
    data: {
      eta: hour(30),
      predictedEta: hour(31),
      ata: hour(32),
      etd: hour(50),
      atd: hour(51),
      updatedAt: callChanged.ysp4,
    },
  });
  await p.vesselVisit.update({
    where: { id: port.visits.wgq1 },
    data: { eta: hour(40), etd: hour(60), updatedAt: callChanged.wgq1 },
  });
  const portRow = await p.port.findUniqueOrThrow({ where: { unlocode: 'CNSHA' } });
  const unnamed = await p.vessel.create({ data: { mmsi: 413000111, aisName: 'HAI XUN 01' } });
  const noImo = await p.vesselVisit.create({
    data: {
      vesselId: unnamed.id,
      portId: portRow.id,
      terminalId: port.terminals.ysp4,
      eta: hour(70),
      updatedAt: callChanged.noImo,
    },
  });
  const cancelled = await p.vesselVisit.create({
    data: {
      vesselId: unnamed.id,
      portId: portRow.id,
      status: 'CANCELLED',
      eta: hour(80),
      updatedAt: minute(30),
    },
  });
  const keys = {
    port: (await createApiKey(port, port.users.portAdmin, { name: 'SHPA feed' })).key,
    lgft: (
      await createApiKey(port, port.users.portAdmin, {
        name: 'LGFT feed',
        organizationId: port.organizations.lgft.id,
      })
    ).key,
  };
  const { app } = testApp({
    db: port.db,
    logger: pino({ level: 'silent' }),
    sessionTtlMs: 3_600_000,
    cookieSecure: false,
  });
  const { base, close } = await serve(app);
  return {
    ...port,
    boxes,
    calls: {
      ysp4: port.visits.ysp4,
      wgq1: port.visits.wgq1,
      noImo: noImo.id,
      cancelled: cancelled.id,
    },
    callChanged,
    keys,
    base,
    close,
  };
}
