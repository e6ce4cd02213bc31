import type { TestDbTarget } from '@harbor/db/testing';
import { toSessionUser } from '../../src/domains/auth/session.ts';
import { createCaller } from '../../src/runtime/app-router.ts';
import { testContext } from '../services.ts';
import { boxNumber, buildPort, type TestPort } from './container-port.ts';

/**
 * The test port with containers handled by different organizations, for the sharing rule
 * (visibility.ts). At WGQ1 (nobody's terminal) and YSP4 (operated by SGDT):
 * - dhclJob: discharged into W01 1-1-1; a DHCL dispatch job names it.
 * - dhclGate: gated into YSP4, Y01 1-1-1, by a DHCL truck.
 * - dhclOut: gated into YSP4 and out again by a DHCL truck (OUTSIDE, on that truck).
 * - shared: gated into W01 3-1-1 by an LGFT truck on an LGFT job; a DHCL job names it too.
 * - stray: discharged into W01 1-2-1; no company's job or truck touched it.
 */
export type SharingPort = TestPort & {
  box: { dhclJob: string; dhclGate: string; dhclOut: string; shared: string; stray: string };
  trucks: { dhcl: string; lgft: string };
  jobs: { dhclJob: string; dhclShared: string; lgftShared: string };
  /** A viewer of a shipping line (no jobs, trucks or terminals in Harbor). */
  asShippingLine(): ReturnType<TestPort['as']>;
  shippingLineId: string;
};

export const SHARING_BOXES = {
  dhclJob: boxNumber('MSC', 710001),
  dhclGate: boxNumber('MSC', 710002),
  dhclOut: boxNumber('OOL', 710003),
  shared: boxNumber('CSQ', 710004),
  stray: boxNumber('MSC', 710005),
};

export async function buildSharingPort(target: TestDbTarget): Promise<SharingPort> {
  const port = await buildPort(target);
  const p = port.db.prisma;
  const box = SHARING_BOXES;
  const truck = (organizationId: string, plate: string) =>
    p.vehicle.create({ data: { organizationId, plate } });
  const dhclTruck = await truck(port.organizations.dhcl.id, '沪D71001');
  const lgftTruck = await truck(port.organizations.lgft.id, '沪E71002');
  const w01 = port.blocks.w01;

  await port.record({
    containerNumber: box.dhclJob,
    isoSizeType: '22G1',
    eventType: 'DISC',
    vesselVisitId: port.visits.wgq1,
    slot: { yardBlockId: w01, bay: 1, row: 1, tier: 1 },
  });
  await port.record({
    containerNumber: box.dhclGate,
    isoSizeType: '22G1',
    eventType: 'GTIN',
    terminalId: port.terminals.ysp4,
    vehicleId: dhclTruck.id,
    slot: { yardBlockId: port.blocks.y01, bay: 1, row: 1, tier: 1 },
  });
  await port.record({
    containerNumber: box.dhclOut,
    isoSizeType: '22G1',
    eventType: 'GTIN',
    terminalId: port.terminals.ysp4,
    vehicleId: dhclTruck.id,
  });
  await port.record({
    containerNumber: box.dhclOut,
    eventType: 'GTOT',
    terminalId: port.terminals.ysp4,
    vehicleId: dhclTruck.id,
  });
  const sharedIn = await port.record({
    containerNumber: box.shared,
    isoSizeType: '22G1',
    eventType: 'GTIN',
    terminalId: port.terminals.wgq1,
    vehicleId: lgftTruck.id,
    slot: { yardBlockId: w01, bay: 3, row: 1, tier: 1 },
  });
  await port.record({
    containerNumber: box.stray,
    isoSizeType: '22G1',
    eventType: 'DISC',
    vesselVisitId: port.visits.wgq1,
    slot: { yardBlockId: w01, bay: 1, row: 2, tier: 1 },
  });

  const containerId = async (number: string) =>
    (await p.container.findUniqueOrThrow({ where: { number } })).id;
  const job = async (organizationId: string, reference: string, number: string) =>
    p.dispatchJob.create({
      data: {
        organizationId,
        reference,
        containerId: await containerId(number),
        pickupZoneId: port.zones.ysp4Gate,
        dropoffZoneId: port.zones.depot,
        windowStart: new Date(Date.now() - 3_600_000),
        windowEnd: new Date(Date.now() + 3_600_000),
      },
    });
  const dhclJob = await job(port.organizations.dhcl.id, 'DH-1', box.dhclJob);
  const dhclShared = await job(port.organizations.dhcl.id, 'DH-2', box.shared);
  const lgftShared = await job(port.organizations.lgft.id, 'LG-1', box.shared);
  // The gate-in of `shared` was LGFT's job (as the dispatch monitor records it).
  await p.equipmentEvent.update({
    where: { id: sharedIn.event.id },
    data: { dispatchJobId: lgftShared.id },
  });

  const line = await p.organization.create({
    data: { code: 'COSL', name: 'COSCO Shipping Lines', kind: 'SHIPPING_LINE' },
  });
  const lineViewer = toSessionUser(
    await p.user.create({
      data: {
        organizationId: line.id,
        email: 'cosl-viewer@test.harbor.local',
        name: 'COSL viewer',
        role: 'VIEWER',
        passwordHash: 'x',
      },
      include: { organization: true },
    }),
  );
  return {
    ...port,
    box,
    trucks: { dhcl: dhclTruck.id, lgft: lgftTruck.id },
    jobs: { dhclJob: dhclJob.id, dhclShared: dhclShared.id, lgftShared: lgftShared.id },
    asShippingLine: () => createCaller(testContext({ db: port.db, user: lineViewer })),
    shippingLineId: line.id,
  };
}
