// Shared setup for the Prisma contract tests: every test builds its own rows (unique
// codes per call), so tests never depend on one another's data.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { Prisma, type PrismaClient, type ZoneKind } from '../src/generated/prisma/client.ts';

/** The models each contract file covers; a test checks together they are all of them. */
export const coreModels = [
  'Organization',
  'User',
  'Session',
  'UserInvitation',
  'PasswordReset',
  'ApiKey',
  'ContainerAccessGrant',
  'Port',
  'Terminal',
  'Zone',
  'Berth',
  'YardBlock',
  'Vessel',
  'PortCallEvent',
  'VesselVisit',
];
export const fleetAndDispatchModels = [
  'Vehicle',
  'Driver',
  'Device',
  'PositionFix',
  'LatestPosition',
  'TrackSegment',
  'TrackRetention',
  'TrackRetentionChange',
  'HistoryCompaction',
  'Container',
  'EquipmentEvent',
  'DispatchJob',
  'DispatchJobEvent',
  'GeofenceEvent',
  'AlertRule',
  'Alert',
];
export const operationsModels = [
  'ContainerState',
  'YardSlot',
  'Shift',
  'TerminalMessage',
  'TerminalMedia',
  'TerminalCommand',
  'GateCapacity',
  'TruckAppointment',
  'DeliveryPhoto',
  'SupervisionLink',
  'SupervisionLinkVehicle',
  'SupervisionRequest',
];

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

/** Prisma maps PostgreSQL's unique_violation (23505) to P2002 on both adapters. */
export async function expectUniqueViolation(write: Promise<unknown>): Promise<void> {
  const error = await write.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  expect(error).toMatchObject({ code: 'P2002' });
}

/** An organization, a port and one terminal operated by the organization. */
export async function createPortSetup(prisma: PrismaClient) {
  const suffix = uniqueSuffix();
  const organization = await prisma.organization.create({
    data: { code: `ORG-${suffix}`, name: `Organization ${suffix}`, kind: 'LOGISTICS_COMPANY' },
  });
  const port = await prisma.port.create({
    data: {
      unlocode: `T${suffix}`,
      name: 'Shanghai',
      timezone: 'Asia/Shanghai',
      lat: 31.23,
      lon: 121.47,
    },
  });
  const terminal = await prisma.terminal.create({
    data: {
      portId: port.id,
      code: 'YSP4',
      name: 'Yangshan Phase IV',
      operatorOrganizationId: organization.id,
    },
  });
  return { suffix, organization, port, terminal };
}

/** A square zone of about 100 m around Yangshan. */
export function createZone(
  prisma: PrismaClient,
  setup: { port: { id: string }; terminal: { id: string } },
  code: string,
  kind: ZoneKind,
) {
  const [minLon, minLat, maxLon, maxLat] = [122.05, 30.62, 122.051, 30.621];
  return prisma.zone.create({
    data: {
      portId: setup.port.id,
      terminalId: setup.terminal.id,
      code,
      name: `Zone ${code}`,
      kind,
      polygon: {
        type: 'Polygon',
        coordinates: [
          [
            [minLon, minLat],
            [maxLon, minLat],
            [maxLon, maxLat],
            [minLon, maxLat],
            [minLon, minLat],
          ],
        ],
      },
      minLat,
      minLon,
      maxLat,
      maxLon,
    },
  });
}
