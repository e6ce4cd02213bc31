import { testDbTargets } from '@harbor/db/testing';
import type { SearchContainersInput } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  expectFieldError,
  expectTrpcError,
  type UserKey,
} from '../../../test/fixtures.ts';
import { fullView, statusOnly } from '../../../test/worlds/container-port.ts';
import { buildSharingPort, type SharingPort } from '../../../test/worlds/container-sharing.ts';

type Caller = ReturnType<SharingPort['as']>;
type Box = keyof SharingPort['box'];
const ALL: Box[] = ['dhclJob', 'dhclGate', 'dhclOut', 'shared', 'stray'];
/** What each organization handles (test/worlds/container-sharing.ts): its jobs, its trucks, its terminals. */
const HANDLES = {
  port: ALL,
  dhcl: ['dhclJob', 'dhclGate', 'dhclOut', 'shared'],
  lgft: ['shared'],
  terminal: ['dhclGate', 'dhclOut'],
  shippingLine: [],
} as const satisfies Record<string, readonly Box[]>;
type Viewer = keyof typeof HANDLES;
const viewerOf = (user: UserKey): Viewer =>
  user.startsWith('port') ? 'port' : user.startsWith('dhcl') ? 'dhcl' : 'lgft';

describe.each(testDbTargets())('containers shared by the port authority on %s', (target) => {
  let port: SharingPort;
  beforeAll(async () => {
    port = await buildSharingPort(target);
  });
  afterAll(() => port.db.drop());

  const callerOf = (viewer: Viewer | UserKey): Caller => {
    if (viewer === 'terminal') return port.asTerminal('VIEWER');
    if (viewer === 'shippingLine') return port.asShippingLine();
    if (viewer === 'port' || viewer === 'dhcl' || viewer === 'lgft')
      return port.as(`${viewer}Viewer`);
    return port.as(viewer);
  };
  const numbers = (boxes: readonly Box[]) => boxes.map((box) => port.box[box]).sort();
  const searched = async (caller: Caller, input: SearchContainersInput | object = {}) =>
    (await caller.containers.search({ limit: 100, ...input })).items.map((item) => item.number);
  /** The boxes among `boxes` the viewer handles, as sorted numbers. */
  const seenOf = (viewer: Viewer, boxes: readonly Box[]) =>
    numbers(boxes.filter((box) => (HANDLES[viewer] as readonly Box[]).includes(box)));

  it.each(ALL_USERS)(
    '%s lists and searches only the containers its organization handles',
    async (user) => {
      const viewer = viewerOf(user);
      const caller = port.as(user);
      expect(await searched(caller)).toEqual(numbers(HANDLES[viewer]));
      // What it lists it also reads in full.
      for (const box of HANDLES[viewer]) {
        const view = await caller.containers.get({ number: port.box[box] });
        expect(fullView(view).events.length, box).toBeGreaterThan(0);
      }
      const filters: [object, Box[]][] = [
        [{ numberPrefix: 'MSCU71' }, ['dhclJob', 'dhclGate', 'stray']],
        [{ terminalId: port.terminals.wgq1 }, ['dhclJob', 'shared', 'stray']],
        [{ yardBlockId: port.blocks.w01 }, ['dhclJob', 'shared', 'stray']],
        [{ vesselVisitId: port.visits.wgq1 }, ['dhclJob', 'stray']],
        [{ place: 'OUTSIDE' }, ['dhclOut']],
        [{ numberPrefix: port.box.stray }, ['stray']],
      ];
      for (const [filter, boxes] of filters)
        expect(await searched(caller, filter), JSON.stringify(filter)).toEqual(
          seenOf(viewer, boxes),
        );
      const overDwell = await caller.containers.overDwell({ hours: 24 });
      const inYard: Box[] = ['dhclJob', 'dhclGate', 'shared', 'stray'];
      expect(overDwell.map((item) => item.number).sort()).toEqual(seenOf(viewer, inYard));
      const dwell = await caller.dashboards.dwell({ limitHours: 24, top: 100 });
      expect(dwell.top.map((item) => item.containerNumber).sort()).toEqual(seenOf(viewer, inYard));
      expect(dwell.count).toBe(seenOf(viewer, inYard).length);
    },
  );

  it('a terminal operator lists the containers that are or were at its terminals; a shipping line none', async () => {
    expect(await searched(callerOf('terminal'))).toEqual(numbers(HANDLES.terminal));
    expect(await searched(callerOf('shippingLine'))).toEqual([]);
    expect(await callerOf('shippingLine').containers.overDwell({ hours: 0 })).toEqual([]);
  });

  it.each(ALL_USERS)(
    '%s gets a container it does not handle by its exact number: status only',
    async (user) => {
      const viewer = viewerOf(user);
      const view = await port.as(user).containers.get({ number: port.box.stray });
      if (viewer === 'port') {
        expect(fullView(view).events.map((event) => event.eventType)).toEqual(['DISC']);
        return;
      }
      const status = statusOnly(view);
      expect(Object.keys(status).sort()).toEqual(['access', 'isoSizeType', 'number', 'status']);
      expect(status).toMatchObject({ number: port.box.stray, isoSizeType: '22G1' });
      expect(status.status).toEqual({
        place: 'TERMINAL',
        terminalId: port.terminals.wgq1,
        terminalCode: 'WGQ1',
        zoneId: null,
        zoneCode: null,
        vesselVisitId: null,
        lastEventType: 'DISC',
        lastEventAt: expect.any(String),
      });
      // No history, slot, block, truck, job or person: none of them appears anywhere.
      const text = JSON.stringify(view);
      for (const hidden of ['events', port.blocks.w01, 'W01', port.users.portOperator.id])
        expect(text).not.toContain(hidden);
    },
  );

  it('a competitor of the company that handles it gets its status only, without the trucks or jobs', async () => {
    for (const box of ['dhclJob', 'dhclGate', 'dhclOut'] as const) {
      const view = await port.as('lgftDispatcher').containers.get({ number: port.box[box] });
      const text = JSON.stringify(statusOnly(view));
      for (const hidden of [port.trucks.dhcl, port.jobs.dhclJob, port.blocks.y01, 'events'])
        expect(text).not.toContain(hidden);
    }
    const out = statusOnly(
      await port.as('lgftViewer').containers.get({ number: port.box.dhclOut }),
    );
    expect(out.status).toMatchObject({ place: 'OUTSIDE', lastEventType: 'GTOT' });
    expect(
      statusOnly(await callerOf('shippingLine').containers.get({ number: port.box.dhclGate }))
        .status,
    ).toMatchObject({ place: 'TERMINAL', terminalCode: 'YSP4', lastEventType: 'GTIN' });
    expect(
      statusOnly(await callerOf('terminal').containers.get({ number: port.box.stray })).status,
    ).toMatchObject({ place: 'TERMINAL', terminalCode: 'WGQ1' });
  });

  it('the full history of a container shows only the viewer’s own trucks, jobs and people', async () => {
    const eventOf = async (viewer: Viewer) => {
      const container = fullView(
        await callerOf(viewer).containers.get({ number: port.box.shared }),
      );
      expect(container.events).toHaveLength(1);
      const [event] = container.events;
      return [event?.vehicleId, event?.dispatchJobId, event?.recordedById];
    };
    expect(await eventOf('port')).toEqual([
      port.trucks.lgft,
      port.jobs.lgftShared,
      port.users.portOperator.id,
    ]);
    expect(await eventOf('lgft')).toEqual([port.trucks.lgft, port.jobs.lgftShared, null]);
    expect(await eventOf('dhcl')).toEqual([null, null, null]);
    // Gated out on DHCL's truck: DHCL sees its truck; the terminal operator sees the box, not it.
    const onTruck = async (viewer: Viewer) =>
      fullView(await callerOf(viewer).containers.get({ number: port.box.dhclOut })).state.vehicleId;
    expect(await onTruck('dhcl')).toBe(port.trucks.dhcl);
    expect(await onTruck('port')).toBe(port.trucks.dhcl);
    expect(await onTruck('terminal')).toBeNull();
    const [summary] = (await callerOf('terminal').containers.search({ place: 'OUTSIDE' })).items;
    expect(summary).toMatchObject({ number: port.box.dhclOut, state: { vehicleId: null } });
  });

  it('the yard grid shows the viewer’s containers by number, the others’ slots as occupied only', async () => {
    const slotsOf = async (viewer: Viewer, yardBlockId: string) =>
      (await callerOf(viewer).yard.block({ yardBlockId })).slots.map((slot) => [
        `${slot.bay}-${slot.row}-${slot.tier}`,
        slot.containerNumber,
        slot.emptyIndicator,
        slot.lengthFeet,
      ]);
    const { dhclJob, shared, stray } = port.box;
    expect(await slotsOf('port', port.blocks.w01)).toEqual([
      ['1-1-1', dhclJob, 'LADEN', 20],
      ['1-2-1', stray, 'LADEN', 20],
      ['3-1-1', shared, 'LADEN', 20],
    ]);
    expect(await slotsOf('dhcl', port.blocks.w01)).toEqual([
      ['1-1-1', dhclJob, 'LADEN', 20],
      ['1-2-1', null, null, 20],
      ['3-1-1', shared, 'LADEN', 20],
    ]);
    expect(await slotsOf('lgft', port.blocks.w01)).toEqual([
      ['1-1-1', null, null, 20],
      ['1-2-1', null, null, 20],
      ['3-1-1', shared, 'LADEN', 20],
    ]);
    expect(await slotsOf('shippingLine', port.blocks.w01)).toEqual([
      ['1-1-1', null, null, 20],
      ['1-2-1', null, null, 20],
      ['3-1-1', null, null, 20],
    ]);
    expect(await slotsOf('terminal', port.blocks.y01)).toEqual([
      ['1-1-1', port.box.dhclGate, 'LADEN', 20],
    ]);
    // Occupancy stays a port-wide figure for everyone.
    const blocks = await callerOf('shippingLine').yard.blocks({ terminalId: port.terminals.wgq1 });
    expect(blocks.find((block) => block.code === 'W01')?.containers).toBe(3);
  });

  it('a port admin grant widens an organization to every container, and its revocation narrows it again', async () => {
    const admin = port.as('portAdmin').containerGrants;
    const lgft = port.organizations.lgft.id;
    const grant = await admin.grant({
      organizationId: lgft,
      scope: 'ALL_CONTAINERS',
      reason: 'customs broker mandate 2026-118',
    });
    expect(grant).toMatchObject({
      organizationId: lgft,
      organizationCode: 'LGFT',
      scope: 'ALL_CONTAINERS',
      reason: 'customs broker mandate 2026-118',
      grantedById: port.users.portAdmin.id,
      revokedAt: null,
      isActive: true,
    });
    expect(await searched(callerOf('lgft'))).toEqual(numbers(ALL));
    const stray = fullView(
      await port.as('lgftDispatcher').containers.get({ number: port.box.stray }),
    );
    expect(stray.events.map((event) => event.eventType)).toEqual(['DISC']);
    // Every container, but still not DHCL's truck.
    const out = fullView(await port.as('lgftViewer').containers.get({ number: port.box.dhclOut }));
    expect(out.state.vehicleId).toBeNull();
    expect(out.events.map((event) => event.vehicleId)).toEqual([null, null]);
    const grid = await callerOf('lgft').yard.block({ yardBlockId: port.blocks.w01 });
    expect(grid.slots.every((slot) => slot.containerNumber !== null)).toBe(true);
    // Nobody else is widened by it.
    expect(await searched(callerOf('dhcl'))).toEqual(numbers(HANDLES.dhcl));

    const revoked = await admin.revoke({ organizationId: lgft, scope: 'ALL_CONTAINERS' });
    expect(revoked).toMatchObject({
      isActive: false,
      revokedById: port.users.portAdmin.id,
      revokedAt: expect.any(String),
    });
    expect(await searched(callerOf('lgft'))).toEqual(numbers(HANDLES.lgft));
    statusOnly(await port.as('lgftDispatcher').containers.get({ number: port.box.stray }));
    await expectTrpcError(
      admin.revoke({ organizationId: lgft, scope: 'ALL_CONTAINERS' }),
      'NOT_FOUND',
    );
  });

  it.each([...ALL_USERS, 'terminal', 'shippingLine'] as const)(
    'only a port authority ADMIN grants and revokes (%s)',
    async (who) => {
      const grants = callerOf(who).containerGrants;
      const input = { organizationId: port.organizations.lgft.id, scope: 'DCSA_FEED' } as const;
      if (who !== 'portAdmin') {
        await expectTrpcError(grants.grant(input), 'FORBIDDEN');
        await expectTrpcError(grants.revoke(input), 'FORBIDDEN');
        expect(
          await port.db.prisma.containerAccessGrant.count({ where: { revokedAt: null } }),
        ).toBe(0);
        return;
      }
      await expectTrpcError(
        grants.grant({ ...input, organizationId: port.organizations.port.id }),
        'BAD_REQUEST',
      );
      await expectTrpcError(
        grants.grant({ ...input, organizationId: '00000000-0000-4000-8000-000000000000' }),
        'NOT_FOUND',
      );
      await expectFieldError(
        grants.grant({ ...input, scope: 'EVERYTHING' as 'DCSA_FEED' }),
        'scope',
      );
      await expectTrpcError(grants.revoke(input), 'NOT_FOUND');
    },
  );

  it('grants are visible to port admins and to the organization itself', async () => {
    const admin = port.as('portAdmin').containerGrants;
    const { dhcl, lgft } = port.organizations;
    await admin.grant({ organizationId: lgft.id, scope: 'DCSA_FEED' });
    await admin.grant({ organizationId: dhcl.id, scope: 'ALL_CONTAINERS' });
    await admin.revoke({ organizationId: dhcl.id, scope: 'ALL_CONTAINERS' });
    const scopes = (grants: { organizationCode: string; scope: string; isActive: boolean }[]) =>
      grants.map((grant) => [grant.organizationCode, grant.scope, grant.isActive]);
    expect(scopes(await admin.list())).toEqual([['LGFT', 'DCSA_FEED', true]]);
    // LGFT's revoked ALL_CONTAINERS grant is the one of the test above.
    expect(scopes(await admin.list({ includeRevoked: true }))).toEqual([
      ['DHCL', 'ALL_CONTAINERS', false],
      ['LGFT', 'ALL_CONTAINERS', false],
      ['LGFT', 'DCSA_FEED', true],
    ]);
    expect(scopes(await admin.list({ organizationId: dhcl.id, includeRevoked: true }))).toEqual([
      ['DHCL', 'ALL_CONTAINERS', false],
    ]);
    expect(scopes(await port.as('lgftViewer').containerGrants.list())).toEqual([
      ['LGFT', 'DCSA_FEED', true],
    ]);
    expect(await port.as('dhclDispatcher').containerGrants.list()).toEqual([]);
    expect(await port.as('portOperator').containerGrants.list()).toEqual([]);
    await expectTrpcError(
      port.as('dhclAdmin').containerGrants.list({ organizationId: lgft.id }),
      'FORBIDDEN',
    );
    await expectTrpcError(port.as(null).containerGrants.list(), 'UNAUTHORIZED');
    await admin.revoke({ organizationId: lgft.id, scope: 'DCSA_FEED' });
  });
});
