import type { TestDbTarget } from '@harbor/db/testing';
import {
  type Container,
  type ContainerStatusOnly,
  type ContainerView,
  computeCheckDigit,
  type RecordEquipmentEventInput,
} from '@harbor/shared';
import { toSessionUser } from '../../src/domains/auth/session.ts';
import { createCaller } from '../../src/runtime/app-router.ts';
import { buildWorld, type World } from '../fixtures.ts';
import { testContext } from '../services.ts';

/** A valid ISO 6346 number: owner code + U + serial, with its check digit computed. */
export function boxNumber(owner: string, serial: number): string {
  const firstTen = `${owner}U${String(serial).padStart(6, '0')}`;
  return `${firstTen}${computeCheckDigit(firstTen)}`;
}

/** The full view of a container, or a test failure naming what came instead. */
export function fullView(view: ContainerView): Container {
  if (view.access !== 'FULL') throw new Error(`expected the full view of ${view.number}`);
  return view;
}

/** The status-only view of a container, or a test failure naming what came instead. */
export function statusOnly(view: ContainerView): ContainerStatusOnly {
  if (view.access !== 'STATUS') throw new Error(`expected the status only of ${view.number}`);
  return view;
}

const square = (lon: number, lat: number) => ({
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + 0.001, lat],
        [lon + 0.001, lat + 0.001],
        [lon, lat + 0.001],
        [lon, lat],
      ],
    ],
  },
  minLon: lon,
  minLat: lat,
  maxLon: lon + 0.001,
  maxLat: lat + 0.001,
});

export type TestPort = World & {
  terminals: { ysp4: string; wgq1: string };
  zones: { ysp4Gate: string; depot: string; warehouse: string; berth: string };
  /** Y01: 6 bays × 2 rows × 3 tiers and Y02: 4 × 1 × 2 at YSP4; W01: 4 × 2 × 2 at WGQ1. */
  blocks: { y01: string; y02: string; w01: string };
  visits: { ysp4: string; wgq1: string };
  /** Staff of the terminal operator that runs YSP4 (not WGQ1). */
  asTerminal(role: 'ADMIN' | 'PORT_OPERATOR' | 'VIEWER'): ReturnType<World['as']>;
  /** Records an event as the port operator, with a default time an hour ago plus `minute`. */
  record(
    input: Partial<RecordEquipmentEventInput> &
      Pick<RecordEquipmentEventInput, 'containerNumber' | 'eventType'>,
  ): ReturnType<ReturnType<World['as']>['containers']['recordEvent']>;
};

/** The test world plus a small port: two terminals, a gate, a depot, yard blocks, two visits. */
export async function buildPort(target: TestDbTarget): Promise<TestPort> {
  const world = await buildWorld(target);
  const p = world.db.prisma;
  const port = await p.port.create({
    data: { unlocode: 'CNSHA', name: 'Shanghai', timezone: 'Asia/Shanghai', lat: 30.6, lon: 122.1 },
  });
  const operator = await p.organization.create({
    data: { code: 'SGDT', name: 'Shanghai Guandong Terminal', kind: 'TERMINAL_OPERATOR' },
  });
  const ysp4 = await p.terminal.create({
    data: {
      portId: port.id,
      code: 'YSP4',
      // Yangshan phase IV's code in the SMDG terminal code list (packages/db seed/shanghai.ts)
      smdgCode: 'SIPGSD',
      name: 'Yangshan IV',
      operatorOrganizationId: operator.id,
    },
  });
  const wgq1 = await p.terminal.create({
    data: { portId: port.id, code: 'WGQ1', name: 'Waigaoqiao I' },
  });
  const zone = (
    code: string,
    kind: 'GATE' | 'DEPOT' | 'WAREHOUSE' | 'YARD_BLOCK' | 'BERTH',
    terminalId: string | null,
    i: number,
  ) =>
    p.zone.create({
      data: {
        portId: port.id,
        terminalId,
        code,
        name: code,
        kind,
        ...square(122 + i * 0.01, 30.6),
      },
    });
  const ysp4Gate = await zone('YSP4-GATE', 'GATE', ysp4.id, 0);
  const depot = await zone('LCG-DEPOT', 'DEPOT', null, 1);
  const warehouse = await zone('LG-WH', 'WAREHOUSE', null, 2);
  const berth = await zone('YSP4-B1', 'BERTH', ysp4.id, 3);
  const block = async (
    terminalId: string,
    code: string,
    bays: number,
    rows: number,
    tiers: number,
    i: number,
  ) => {
    const blockZone = await zone(`${code}-Z`, 'YARD_BLOCK', terminalId, 10 + i);
    return p.yardBlock.create({
      data: { terminalId, zoneId: blockZone.id, code, bays, rows, tiers },
    });
  };
  const y01 = await block(ysp4.id, 'Y01', 6, 2, 3, 0);
  const y02 = await block(ysp4.id, 'Y02', 4, 1, 2, 1);
  const w01 = await block(wgq1.id, 'W01', 4, 2, 2, 2);
  const vessel = await p.vessel.create({
    data: { mmsi: 477123400, imo: 9776171, name: 'MSC AURORA' },
  });
  const visit = (terminalId: string, voyageNumber: string) =>
    p.vesselVisit.create({
      data: { vesselId: vessel.id, portId: port.id, terminalId, voyageNumber, status: 'BERTHED' },
    });
  const visitYsp4 = await visit(ysp4.id, 'FE546W');
  const visitWgq1 = await visit(wgq1.id, 'FE547W');
  const terminalUsers = new Map<string, ReturnType<typeof toSessionUser>>();
  for (const role of ['ADMIN', 'PORT_OPERATOR', 'VIEWER'] as const) {
    const row = await p.user.create({
      data: {
        organizationId: operator.id,
        email: `sgdt-${role.toLowerCase()}@test.harbor.local`,
        name: role,
        role,
        passwordHash: 'x',
      },
      include: { organization: true },
    });
    terminalUsers.set(role, toSessionUser(row));
  }
  let clockMinutes = 0;
  return {
    ...world,
    terminals: { ysp4: ysp4.id, wgq1: wgq1.id },
    zones: { ysp4Gate: ysp4Gate.id, depot: depot.id, warehouse: warehouse.id, berth: berth.id },
    blocks: { y01: y01.id, y02: y02.id, w01: w01.id },
    visits: { ysp4: visitYsp4.id, wgq1: visitWgq1.id },
    asTerminal: (role) =>
      createCaller(testContext({ db: world.db, user: terminalUsers.get(role) ?? null })),
    record(input) {
      // Each recorded event is a minute after the previous one, starting two days ago.
      clockMinutes++;
      const eventAt = new Date(Date.now() - 48 * 3_600_000 + clockMinutes * 60_000).toISOString();
      const arrives = input.eventType === 'GTIN' || input.eventType === 'DISC';
      return world.as('portOperator').containers.recordEvent({
        eventAt,
        ...(arrives ? { emptyIndicator: 'LADEN' } : {}),
        ...input,
      });
    },
  };
}
