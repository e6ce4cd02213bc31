import { hashPassword, type Role } from '@harbor/db';
import type { TestDbTarget } from '@harbor/db/testing';
import type { Fix, SessionUser } from '@harbor/shared';
import { toSessionUser } from '../../src/domains/auth/session.ts';
import type { Services } from '../../src/edges/trpc/context.ts';
import { writeFixes } from '../../src/pipeline/fix-store.ts';
import { createCaller } from '../../src/runtime/app-router.ts';
import type { UserKey } from '../fixtures.ts';
import { buildDispatchWorld, type DispatchWorld, T0 } from './dispatch.ts';
import { contextFor, type LiveSide, liveSide, startHarborServices } from './harbor-services.ts';

/**
 * The seeded Port of Shanghai (dispatch.ts: the test world plus the seed) seen by one user of
 * every kind of organization and role, for the visibility table: the port authority, the
 * terminal operator SIPG (which runs every seeded terminal), the trucking companies DHCL and
 * LGFT, a shipping line with no trucks, jobs or terminals, and nobody logged in. DHCL and
 * LGFT each own a truck with a position and a track, a driver with a shift, a job naming a
 * container their truck gated in, an alert, an alert rule, an API key, an invitation and a
 * message to the truck; the port has an alert of its own (no organization), a vessel is on
 * the map, and a truck whose terminal nobody registered reports too.
 */
export const PASSWORD = 'correct horse battery';
export { T0 };

export type OrgKey = 'port' | 'sipg' | 'dhcl' | 'lgft' | 'line';
/** An organization the test did not seed (made by a mutation), or none. */
export type Owner = OrgKey | 'other' | null;

const EXTRA_USERS = {
  sipgAdmin: ['sipg', 'ADMIN'],
  sipgOperator: ['sipg', 'PORT_OPERATOR'],
  sipgViewer: ['sipg', 'VIEWER'],
  lineViewer: ['line', 'VIEWER'],
} as const satisfies Record<string, readonly [OrgKey, Role]>;

const FIXTURE_ORG: Record<UserKey, OrgKey> = {
  portAdmin: 'port',
  portOperator: 'port',
  portViewer: 'port',
  dhclAdmin: 'dhcl',
  dhclDispatcher: 'dhcl',
  dhclViewer: 'dhcl',
  lgftDispatcher: 'lgft',
  lgftViewer: 'lgft',
};

export type ViewerKey = 'anonymous' | UserKey | keyof typeof EXTRA_USERS;
export type Who = {
  key: ViewerKey;
  org: OrgKey | null;
  role: Role | null;
  user: SessionUser | null;
};

/** Trucks by terminal phone: the seed's two with devices, and one nobody registered. */
export const PHONES = { dhcl: '013916001001', lgft: '013816002001', unregistered: '013700000009' };
/** Seeded containers: each company's job names one, its truck gated it into YSP1 (SIPG's). */
export const BOXES = {
  dhcl: 'CSQU3054383',
  lgft: 'TCNU7200794',
  untouched: ['TOLU4734787', 'GYOU4047990'],
};
export const YANGSHAN = { minLat: 30.55, minLon: 121.95, maxLat: 30.7, maxLon: 122.15 };
/** When the seeded trucks moved (fixes every 10 minutes) and went through the gate. */
export const TRACK = { from: new Date(T0.getTime() - 3_600_000), to: T0 };
export const GATE_IN_AT = new Date(T0.getTime() - 50 * 3_600_000);

export type Owned = {
  truck: string;
  driver: string;
  job: string;
  alert: string;
  rule: string;
  apiKey: string;
  invitation: string;
};

export type VisibilityWorld = DispatchWorld & {
  viewers: Who[];
  orgIds: Record<OrgKey, string>;
  dhcl: Owned;
  lgft: Owned;
  /** An alert of the whole port: no organization owns it. */
  portAlert: string;
  vessel: { id: string; mmsi: string };
  terminal: { id: string; yardBlockId: string };
  visitId: string;
  services: Services;
  live: LiveSide;
  /** A caller acting as `who` with every service of a running Harbor (see contextFor). */
  caller(who: Who, signal?: AbortSignal): ReturnType<typeof createCaller>;
  /** The test's name for an organization id. */
  ownerOf(organizationId: string | null): Owner;
};

/** A fix of an asset at `at`, received when it was taken. */
export function fixOf(assetKind: Fix['assetKind'], assetKey: string, at: Date, lat = 30.62): Fix {
  return {
    assetKind,
    assetKey,
    fixAt: at,
    receivedAt: at,
    lat,
    lon: 122.05,
    speedKnots: 8,
    courseDeg: 90,
    headingDeg: null,
    altitudeM: null,
    status: null,
    source: assetKind === 'VESSEL' ? 'AIS' : 'JT808',
  };
}

export async function buildVisibilityWorld(target: TestDbTarget): Promise<VisibilityWorld> {
  const world = await buildDispatchWorld(target, await hashPassword(PASSWORD));
  const p = world.db.prisma;
  const orgId = async (code: string) =>
    (await p.organization.findUniqueOrThrow({ where: { code } })).id;
  const line = await p.organization.create({
    data: { code: 'COSL', name: 'COSCO Shipping Lines', kind: 'SHIPPING_LINE' },
  });
  const orgIds: Record<OrgKey, string> = {
    port: world.organizations.port.id,
    sipg: await orgId('SIPG'),
    dhcl: world.organizations.dhcl.id,
    lgft: world.organizations.lgft.id,
    line: line.id,
  };
  const ownerOf = (id: string | null): Owner =>
    id === null
      ? null
      : ((Object.keys(orgIds) as OrgKey[]).find((org) => orgIds[org] === id) ?? 'other');

  const viewers: Who[] = [{ key: 'anonymous', org: null, role: null, user: null }];
  for (const [key, user] of Object.entries(world.users) as [UserKey, SessionUser][])
    viewers.push({ key, org: FIXTURE_ORG[key], role: user.role, user });
  for (const [key, [org, role]] of Object.entries(EXTRA_USERS) as [
    keyof typeof EXTRA_USERS,
    (typeof EXTRA_USERS)[keyof typeof EXTRA_USERS],
  ][]) {
    const row = await p.user.create({
      data: {
        organizationId: orgIds[org],
        email: `${key.toLowerCase()}@test.harbor.local`,
        name: key,
        role,
        passwordHash: 'not-a-login-hash',
      },
      include: { organization: true },
    });
    viewers.push({ key, org, role, user: toSessionUser(row) });
  }

  const terminal = await p.terminal.findFirstOrThrow({ where: { code: 'YSP1' } });
  const yardBlock = await p.yardBlock.findFirstOrThrow({
    where: { terminalId: terminal.id, code: 'Y01' },
  });
  const vessel = await p.vessel.findFirstOrThrow({ orderBy: { mmsi: 'asc' } });
  const visit = await p.vesselVisit.findFirstOrThrow();
  // The trucks' and the vessel's last hour, every 10 minutes, before the tracker's cache loads.
  const fixes: Fix[] = [];
  for (let minute = 50; minute >= 0; minute -= 10) {
    const at = new Date(T0.getTime() - minute * 60_000);
    fixes.push(
      fixOf('VEHICLE', PHONES.dhcl, at, 30.621),
      fixOf('VEHICLE', PHONES.lgft, at, 30.622),
      fixOf('VEHICLE', PHONES.unregistered, at, 30.623),
      fixOf('VESSEL', String(vessel.mmsi), at, 30.624),
    );
  }
  await writeFixes(world.db, fixes);
  const services = await startHarborServices(world.db, () => T0);
  const portOperator = createCaller(contextFor(services, world.users.portOperator));
  const zone = async (code: string) => (await p.zone.findFirstOrThrow({ where: { code } })).id;
  const zones = { gate: await zone('YSP1-GATE'), depot: await zone('LCG-DEPOT') };

  const owned = async (org: 'dhcl' | 'lgft', box: string, bay: number): Promise<Owned> => {
    const organizationId = orgIds[org];
    const { vehicleId: truck } = await p.device.findUniqueOrThrow({
      where: { terminalPhone: PHONES[org] },
    });
    if (!truck) throw new Error(`the seed gave ${org}'s terminal no truck`);
    const driver = await p.driver.findFirstOrThrow({ where: { organizationId } });
    await p.shift.create({
      data: {
        organizationId,
        driverId: driver.id,
        vehicleId: truck,
        startsAt: new Date(T0.getTime() - 3_600_000),
        endsAt: new Date(T0.getTime() + 7 * 3_600_000),
      },
    });
    const container = await p.container.findUniqueOrThrow({ where: { number: box } });
    const job = await p.dispatchJob.create({
      data: {
        organizationId,
        reference: `${org.toUpperCase()}-SEEN-1`,
        containerId: container.id,
        pickupZoneId: zones.gate,
        dropoffZoneId: zones.depot,
        windowStart: T0,
        windowEnd: new Date(T0.getTime() + 3 * 3_600_000),
        events: { create: { toStatus: 'PLANNED', at: T0, actorKind: 'USER' } },
      },
    });
    // Its truck brings the container in: the company handles it, and so does SIPG (YSP1's).
    await portOperator.containers.recordEvent({
      containerNumber: box,
      eventType: 'GTIN',
      emptyIndicator: 'LADEN',
      eventAt: GATE_IN_AT.toISOString(),
      terminalId: terminal.id,
      vehicleId: truck,
      slot: { yardBlockId: yardBlock.id, bay, row: 1, tier: 1 },
    });
    const alert = await p.alert.create({
      data: {
        organizationId,
        kind: 'SPEEDING',
        severity: 'WARNING',
        assetKind: 'VEHICLE',
        assetKey: PHONES[org],
        message: `${org} truck speeding`,
        raisedAt: new Date(T0.getTime() - 600_000),
      },
    });
    const rule = await p.alertRule.findFirstOrThrow({ where: { organizationId } });
    const apiKey = await p.apiKey.create({
      data: { organizationId, name: 'TOS', prefix: `hbk_${org}`, keyHash: `${org}-seen-key` },
    });
    const invitation = await p.userInvitation.create({
      data: {
        organizationId,
        email: `invited@${org}.example.com`,
        name: 'Invited',
        role: 'VIEWER',
        tokenHash: `${org}-seen-invitation`,
        expiresAt: new Date(T0.getTime() + 86_400_000),
        createdAt: T0,
      },
    });
    await p.terminalMessage.create({
      data: {
        organizationId,
        vehicleId: truck,
        terminalPhone: PHONES[org],
        text: `to the ${org} truck`,
        flags: 4,
      },
    });
    return {
      truck,
      driver: driver.id,
      job: job.id,
      alert: alert.id,
      rule: rule.id,
      apiKey: apiKey.id,
      invitation: invitation.id,
    };
  };
  const dhcl = await owned('dhcl', BOXES.dhcl, 1);
  const lgft = await owned('lgft', BOXES.lgft, 3);
  const portAlert = await p.alert.create({
    data: {
      kind: 'AIS_SILENCE',
      severity: 'INFO',
      message: 'a port-wide alert',
      raisedAt: new Date(T0.getTime() - 600_000),
    },
  });
  // DCSA feed only: the app's container sharing stays the handled ones.
  await p.containerAccessGrant.create({
    data: {
      organizationId: orgIds.dhcl,
      scope: 'DCSA_FEED',
      reason: 'the table sees it',
      grantedAt: T0,
    },
  });

  return {
    ...world,
    viewers,
    orgIds,
    dhcl,
    lgft,
    portAlert: portAlert.id,
    vessel: { id: vessel.id, mmsi: String(vessel.mmsi) },
    terminal: { id: terminal.id, yardBlockId: yardBlock.id },
    visitId: visit.id,
    services,
    live: liveSide(services),
    caller: (who, signal) =>
      createCaller(contextFor(services, who.user), signal ? { signal } : undefined),
    ownerOf,
  };
}
