import { seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import type { Alert, Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type UserKey,
  type World,
} from '../../../test/fixtures.ts';
import { testContext } from '../../../test/services.ts';
import { loadFenceZones } from '../../pipeline/fence-zones.ts';
import { type FenceZone, GeofenceEngine } from '../../pipeline/geofence-engine.ts';
import { createCaller } from '../../runtime/app-router.ts';
import { LiveTopics } from '../positions/live-topics.ts';
import { AlertMonitor } from './monitor.ts';

const T0 = Date.parse('2026-11-25T02:00:00Z');
const min = (minutes: number) => new Date(T0 + minutes * 60_000);
// Seeded terminals: a DHCL and an LGFT truck of the demo data.
const DHCL_TRUCK = '013916001001';
const LGFT_TRUCK = '013816002001';
const VESSEL = '477266900';

describe.each(testDbTargets())('alerts and alert rules on %s', (target) => {
  let world: World;
  let zones: FenceZone[];
  let live: LiveTopics;
  let monitor: AlertMonitor;
  let geofence: GeofenceEngine;
  const heard: Alert[] = [];
  const owners = new Map<string, string>();

  function centreOf(code: string) {
    const zone = zones.find((z) => z.code === code) as FenceZone;
    const ring = zone.polygon.coordinates[0]?.slice(0, -1) ?? [];
    return {
      lon: ring.reduce((sum, p) => sum + (p[0] ?? 0), 0) / ring.length,
      lat: ring.reduce((sum, p) => sum + (p[1] ?? 0), 0) / ring.length,
    };
  }

  const fix = (
    assetKind: Fix['assetKind'],
    assetKey: string,
    minutes: number,
    where: { lat: number; lon: number },
    speedKnots: number,
    status: string | null = null,
  ): Fix => ({
    assetKind,
    assetKey,
    fixAt: min(minutes),
    receivedAt: min(minutes),
    ...where,
    speedKnots,
    courseDeg: null,
    headingDeg: null,
    altitudeM: null,
    status,
    source: assetKind === 'VESSEL' ? 'AIS' : 'JT808',
  });

  function newMonitor() {
    return new AlertMonitor({
      db: world.db,
      alerts: live.alerts,
      zones,
      ownerOf: (kind, key) => (kind === 'VEHICLE' ? (owners.get(key) ?? null) : null),
      now: () => min(0),
    });
  }

  /** What the tracker does after a committed batch. */
  const observe = (...fixes: Fix[]) =>
    monitor.observe(fixes, geofence.updateBatch(fixes).transitions);

  /** A caller whose context has the running monitor and live topics, as the HTTP server gives it. */
  const as = (user: UserKey) =>
    createCaller(
      testContext({
        db: world.db,
        user: world.users[user],
        live,
        alertMonitor: monitor,
        now: () => min(100),
      }),
    );

  /** How many database operations `call` made, through a caller whose client counts them. */
  async function countQueries(call: (as: ReturnType<typeof createCaller>) => Promise<unknown>) {
    let count = 0;
    const prisma = world.db.prisma.$extends({
      query: {
        async $allOperations({ args, query }) {
          count++;
          return query(args);
        },
      },
    }) as typeof world.db.prisma;
    const user = world.users.portOperator;
    await call(
      createCaller(testContext({ db: { ...world.db, prisma }, user, now: () => min(100) })),
    );
    return count;
  }

  beforeAll(async () => {
    world = await buildWorld(target);
    // The seed finds the organizations by code and adds the port, devices and alert rules.
    await seed(world.db);
    for (const device of await world.db.prisma.device.findMany())
      owners.set(device.terminalPhone, device.organizationId);
    zones = (await loadFenceZones(world.db)).zones;
    live = new LiveTopics();
    live.alerts.subscribe((alert) => heard.push(alert));
    geofence = new GeofenceEngine(zones);
    monitor = newMonitor();
    await monitor.start();
  });
  afterAll(() => world.db.drop());

  it('stores and streams a truck speeding in a yard block, for its own company only', async () => {
    const block = centreOf('YSP4-Y01');
    await observe(fix('VEHICLE', DHCL_TRUCK, 0, block, 8), fix('VEHICLE', LGFT_TRUCK, 0, block, 8));
    const raised = await observe(fix('VEHICLE', DHCL_TRUCK, 1, block, 25));
    expect(raised.map((a) => [a.kind, a.assetKey, a.organizationId])).toEqual([
      ['SPEEDING', DHCL_TRUCK, world.organizations.dhcl.id],
    ]);
    expect(heard.map((a) => a.id)).toContain(raised[0]?.id);
    const stored = await world.db.prisma.alert.findUniqueOrThrow({
      where: { id: raised[0]?.id ?? '' },
      include: { rule: true, zone: true },
    });
    expect(stored.rule?.name).toBe('Truck over the limit in a terminal');
    expect(stored.zone?.code).toBe('YSP4-Y01');
    expect(stored.raisedAt).toEqual(min(1));

    const listed = (user: UserKey) =>
      as(user)
        .alerts.list({ kind: 'SPEEDING' })
        .then((page) => page.items.map((a) => a.assetKey));
    expect(await listed('dhclViewer')).toEqual([DHCL_TRUCK]);
    expect(await listed('lgftDispatcher')).toEqual([]);
    expect(await listed('portOperator')).toEqual([DHCL_TRUCK]);
  });

  it('names the truck by its plate, the zone and the rule, and tells a truck’s speed in km/h', async () => {
    const [alert] = (await as('dhclDispatcher').alerts.list({ kind: 'SPEEDING' })).items;
    expect(alert?.asset).toEqual({
      kind: 'VEHICLE',
      key: DHCL_TRUCK,
      plate: '沪D12345',
      name: null,
      mmsi: null,
    });
    expect(alert?.zone).toMatchObject({ code: 'YSP4-Y01', name: expect.any(String) });
    expect(alert?.rule).toMatchObject({ name: 'Truck over the limit in a terminal' });
    // 25 kn is the 46.3 km/h the terminal reported; the block posts 25 km/h for trucks.
    expect(alert?.data).toMatchObject({ speedKmh: 46.3, limitKmh: 25 });
    expect(alert?.message).toBe('Truck 013916001001 at 46.3 km/h in YSP4-Y01 (limit 25 km/h)');
    // The live stream carried the same names.
    expect(heard.find((item) => item.id === alert?.id)?.asset?.plate).toBe('沪D12345');
  });

  it('reads the names of a page in a fixed number of queries, however many alerts it holds', async () => {
    const org = world.organizations.port.id;
    const rows = Array.from({ length: 30 }, (_, i) => ({
      organizationId: org,
      kind: 'SPEEDING' as const,
      severity: 'INFO' as const,
      assetKind: (i % 2 === 0 ? 'VESSEL' : 'VEHICLE') as 'VESSEL' | 'VEHICLE',
      assetKey: i % 2 === 0 ? VESSEL : DHCL_TRUCK,
      message: 'many',
      raisedAt: min(-500 - i),
    }));
    await world.db.prisma.alert.createMany({ data: rows });
    const list = (limit: number) =>
      countQueries((caller) => caller.alerts.list({ limit, assetKind: 'VESSEL' }));
    expect(await list(15)).toBe(await list(1));
    const page = await as('portOperator').alerts.list({ limit: 1, assetKind: 'VESSEL' });
    expect(page.items[0]?.asset).toEqual({
      kind: 'VESSEL',
      key: VESSEL,
      plate: null,
      name: 'COSCO SHIPPING UNIVERSE',
      mmsi: VESSEL,
    });
  });

  it('lets a dispatcher acknowledge their own alerts with a comment, once; viewers and other companies cannot', async () => {
    const open = (await as('dhclDispatcher').alerts.list({ acknowledged: false })).items;
    const [alert] = open;
    if (!alert) throw new Error('expected an open alert');
    const ids = [alert.id];
    await expectTrpcError(as('dhclViewer').alerts.acknowledge({ ids }), 'FORBIDDEN');
    await expectTrpcError(as('lgftDispatcher').alerts.acknowledge({ ids }), 'NOT_FOUND');
    await expectFieldError(as('dhclDispatcher').alerts.acknowledge({ ids: [] }), 'ids');
    await expectFieldError(
      as('dhclDispatcher').alerts.acknowledge({ ids, comment: 'x'.repeat(501) }),
      'comment',
    );
    heard.length = 0;
    const result = await as('dhclDispatcher').alerts.acknowledge({
      ids,
      comment: '  driver told to slow down  ',
    });
    expect(result.alreadyAcknowledged).toEqual([]);
    expect(result.acknowledged).toEqual([
      expect.objectContaining({
        id: alert.id,
        acknowledgedAt: min(100).toISOString(),
        acknowledgedById: world.users.dhclDispatcher.id,
        acknowledgedBy: {
          id: world.users.dhclDispatcher.id,
          name: world.users.dhclDispatcher.name,
        },
        acknowledgeComment: 'driver told to slow down',
      }),
    ]);
    expect(heard).toEqual(result.acknowledged);
    // Again: nothing changes, and the answer says it was done before.
    const again = await as('dhclAdmin').alerts.acknowledge({ ids, comment: 'me too' });
    expect(again).toEqual({ acknowledged: [], alreadyAcknowledged: ids });
    const [listed] = (await as('dhclViewer').alerts.list({ acknowledged: true })).items;
    expect(listed).toMatchObject({ id: alert.id, acknowledgeComment: 'driver told to slow down' });
    expect((await as('dhclViewer').alerts.list({ acknowledged: false })).items).toEqual([]);
  });

  it('acknowledges many in one transaction: one unseen id and none is acknowledged', async () => {
    const make = (organizationId: string, minutes: number) =>
      world.db.prisma.alert.create({
        data: {
          organizationId,
          kind: 'DWELL',
          severity: 'INFO',
          message: 'bulk',
          raisedAt: min(minutes),
        },
      });
    const mine = [
      await make(world.organizations.dhcl.id, 50),
      await make(world.organizations.dhcl.id, 51),
    ];
    const theirs = await make(world.organizations.lgft.id, 52);
    const ids = mine.map((row) => row.id);
    await expectTrpcError(
      as('dhclDispatcher').alerts.acknowledge({ ids: [...ids, theirs.id] }),
      'NOT_FOUND',
    );
    expect(
      await world.db.prisma.alert.count({ where: { id: { in: ids }, acknowledgedAt: null } }),
    ).toBe(2);
    await as('dhclAdmin').alerts.acknowledge({ ids: [ids[0] as string] });
    const result = await as('dhclDispatcher').alerts.acknowledge({ ids: [...ids, ...ids] });
    expect(result.acknowledged.map((a) => a.id)).toEqual([ids[1]]);
    expect(result.alreadyAcknowledged).toEqual([ids[0]]);
    // Port staff acknowledge any organization's.
    const port = await as('portOperator').alerts.acknowledge({ ids: [theirs.id] });
    expect(port.acknowledged.map((a) => a.acknowledgeComment)).toEqual([null]);
    await expectFieldError(
      as('portOperator').alerts.acknowledge({
        ids: Array.from({ length: 501 }, () => theirs.id),
      }),
      'ids',
    );
  });

  it('counts the open alerts raised since the user last opened the alerts', async () => {
    const raise = (organizationId: string, minutes: number) =>
      world.db.prisma.alert.create({
        data: {
          organizationId,
          kind: 'DWELL',
          severity: 'INFO',
          message: 'unread',
          raisedAt: min(minutes),
        },
      });
    await as('lgftViewer').alerts.markSeen();
    expect(
      await world.db.prisma.user.findUniqueOrThrow({ where: { id: world.users.lgftViewer.id } }),
    ).toMatchObject({
      alertsSeenAt: min(100),
    });
    expect(await as('lgftViewer').alerts.unreadCount()).toEqual({ count: 0 });
    const older = await raise(world.organizations.lgft.id, 99);
    await raise(world.organizations.lgft.id, 101);
    const acknowledged = await raise(world.organizations.lgft.id, 102);
    await raise(world.organizations.dhcl.id, 103);
    await as('lgftDispatcher').alerts.acknowledge({ ids: [acknowledged.id] });
    // Only the LGFT one raised after minute 100 and still open.
    expect(await as('lgftViewer').alerts.unreadCount()).toEqual({ count: 1 });
    expect(older.raisedAt < min(100)).toBe(true);
    // Port staff see every organization's: the DHCL and the LGFT one since they last looked.
    await world.db.prisma.user.update({
      where: { id: world.users.portOperator.id },
      data: { alertsSeenAt: min(100) },
    });
    expect(await as('portOperator').alerts.unreadCount()).toEqual({ count: 2 });
    // Opened later, nothing is unread.
    const later = createCaller(
      testContext({
        db: world.db,
        user: world.users.lgftViewer,
        live,
        alertMonitor: monitor,
        now: () => min(200),
      }),
    );
    await later.alerts.markSeen();
    expect(await later.alerts.unreadCount()).toEqual({ count: 0 });
  });

  it('marks read only the alerts the screen showed, and never moves the mark back', async () => {
    const raise = (minutes: number) =>
      world.db.prisma.alert.create({
        data: {
          organizationId: world.organizations.lgft.id,
          kind: 'DWELL',
          severity: 'INFO',
          message: 'unread',
          raisedAt: min(minutes),
        },
      });
    const at = (minutes: number) =>
      createCaller(
        testContext({
          db: world.db,
          user: world.users.lgftViewer,
          live,
          alertMonitor: monitor,
          now: () => min(minutes),
        }),
      );
    const seenAt = async () =>
      (await world.db.prisma.user.findUniqueOrThrow({ where: { id: world.users.lgftViewer.id } }))
        .alertsSeenAt;
    await world.db.prisma.user.update({
      where: { id: world.users.lgftViewer.id },
      data: { alertsSeenAt: null },
    });
    await raise(110.5);
    await raise(120.5);
    // The screen showed the alert of minute 110.5; the call reaches the api at minute 130,
    // after the one of minute 120.5 was raised: that one is still unread.
    await at(130).alerts.markSeen({ upTo: min(110.5).toISOString() });
    expect(await seenAt()).toEqual(min(110.5));
    const { count } = await at(130).alerts.unreadCount();
    await at(130).alerts.markSeen({ upTo: min(120.5).toISOString() });
    expect(await seenAt()).toEqual(min(120.5));
    expect(await at(130).alerts.unreadCount()).toEqual({ count: count - 1 });
    // A late call for an earlier view does not bring read alerts back.
    await at(140).alerts.markSeen({ upTo: min(105).toISOString() });
    expect(await seenAt()).toEqual(min(120.5));
    // Nor does a screen whose clock runs ahead mark what has not yet been raised.
    await at(140).alerts.markSeen({ upTo: min(500).toISOString() });
    expect(await seenAt()).toEqual(min(140));
    await at(141).alerts.markSeen();
    expect(await seenAt()).toEqual(min(141));
    await expectFieldError(at(142).alerts.markSeen({ upTo: 'yesterday' }), 'upTo');
  });

  it('raises AIS silence on the clock and does not raise it again after a restart while it is open', async () => {
    await observe(
      fix('VESSEL', VESSEL, 0, { lat: 30.45, lon: 122.45 }, 14, 'UNDER_WAY_USING_ENGINE'),
    );
    expect(await monitor.sweep(min(9))).toEqual([]);
    const silent = await monitor.sweep(min(11));
    expect(silent.map((a) => [a.kind, a.assetKey, a.organizationId])).toEqual([
      ['AIS_SILENCE', VESSEL, world.organizations.port.id],
    ]);
    const restarted = newMonitor();
    await restarted.start({
      latest: [
        {
          assetKind: 'VESSEL',
          assetKey: VESSEL,
          fixAt: min(0).toISOString(),
          speedKnots: 14,
          status: 'UNDER_WAY_USING_ENGINE',
        },
      ],
    });
    expect(await restarted.sweep(min(20))).toEqual([]);
  });

  it('knows a truck met after a restart is already in its yard block, from the geofences', async () => {
    const block = centreOf('YSP4-Y01');
    const zone = zones.find((z) => z.code === 'YSP4-Y01') as FenceZone;
    const truck = DHCL_TRUCK;
    // A restarted tracker: the geofence engine restored the truck inside the block since
    // minute 40; no ENTER comes again, yet its speeding there is still an alert.
    const restarted = new AlertMonitor({
      db: world.db,
      alerts: live.alerts,
      zones,
      ownerOf: (kind, key) => (kind === 'VEHICLE' ? (owners.get(key) ?? null) : null),
      now: () => min(0),
      zonesIn: (kind, key) =>
        kind === 'VEHICLE' && key === truck
          ? [{ id: zone.id, enteredAtMs: min(40).getTime() }]
          : [],
    });
    await restarted.start();
    const raised = await restarted.observe([fix('VEHICLE', truck, 50, block, 25)], []);
    expect(raised.map((a) => [a.kind, a.assetKey, a.zoneId])).toEqual([
      ['SPEEDING', truck, zone.id],
    ]);
  });

  it('sweeps only the assets its tracker consumes, and catches up on those it takes over', async () => {
    const ship = '413955501';
    const underway = { speedKnots: 14, status: 'UNDER_WAY_USING_ENGINE' };
    // This tracker last heard the ship at minute 0; another tracker, owning it meanwhile,
    // stored its positions up to minute 30.
    const here = newMonitor();
    await here.start({
      latest: [{ assetKind: 'VESSEL', assetKey: ship, fixAt: min(0).toISOString(), ...underway }],
    });
    await world.db.prisma.latestPosition.create({
      data: {
        assetKind: 'VESSEL',
        assetKey: ship,
        fixAt: min(30),
        receivedAt: min(30),
        lat: 30.45,
        lon: 122.45,
        ...underway,
        source: 'AIS',
      },
    });
    let owned = false;
    here.restrictTo((kind, key) => owned || !(kind === 'VESSEL' && key === ship));
    // Not its asset: no alert, however long it has not heard it.
    expect((await here.sweep(min(35))).filter((a) => a.assetKey === ship)).toEqual([]);
    // Taken over: it knows the ship was heard at minute 30, so not silent at 35, silent at 41.
    owned = true;
    await here.takeOver((kind, key) => kind === 'VESSEL' && key === ship);
    expect((await here.sweep(min(35))).filter((a) => a.assetKey === ship)).toEqual([]);
    expect((await here.sweep(min(41))).map((a) => [a.kind, a.assetKey])).toEqual([
      ['AIS_SILENCE', ship],
    ]);
  });

  it('validates rule settings by kind, scopes rules to their organization, and applies a new rule at once', async () => {
    await expectTrpcError(
      as('dhclViewer').alertRules.create({
        name: 'x',
        kind: 'DWELL',
        params: { zoneKinds: ['GATE'], maxMinutes: 10 },
      } as never),
      'FORBIDDEN',
    );
    await expectFieldError(
      as('dhclDispatcher').alertRules.create({
        name: 'Long stop at a depot',
        kind: 'DWELL',
        params: { zoneKinds: ['DEPOT'], maxMinutes: 0 },
      } as never),
      'params.maxMinutes',
    );
    await expectFieldError(
      as('dhclDispatcher').alertRules.create({
        name: 'Unknown kind',
        kind: 'ROUTE_DEVIATION',
        params: {},
      } as never),
      'kind',
    );
    const created = await as('dhclDispatcher').alertRules.create({
      name: 'Long stop at a depot',
      kind: 'DWELL',
      params: { zoneKinds: ['DEPOT'], maxMinutes: 5 },
    } as never);
    expect(created).toMatchObject({
      organizationId: world.organizations.dhcl.id,
      enabled: true,
      severity: 'WARNING',
      params: { zoneKinds: ['DEPOT'], assetKinds: ['VESSEL', 'VEHICLE'], maxMinutes: 5 },
    });
    expect((await as('lgftDispatcher').alertRules.list()).map((r) => r.id)).not.toContain(
      created.id,
    );
    await expectTrpcError(
      as('lgftDispatcher').alertRules.update({ id: created.id, enabled: false }),
      'NOT_FOUND',
    );
    await expectFieldError(
      as('dhclDispatcher').alertRules.update({ id: created.id, params: { silenceMinutes: 5 } }),
      'params.maxMinutes',
    );
    // A rule watches zones named by id or by kind: one of the two.
    await expectFieldError(
      as('dhclDispatcher').alertRules.update({ id: created.id, params: { maxMinutes: 5 } }),
      'params.zoneKinds',
    );

    // The running monitor reloaded: a DHCL truck at the Luchaogang depot for 6 minutes.
    const depot = centreOf('LCG-DEPOT');
    await observe(fix('VEHICLE', DHCL_TRUCK, 200, depot, 0));
    const dwell = await observe(fix('VEHICLE', DHCL_TRUCK, 206, depot, 0));
    expect(dwell.map((a) => [a.ruleId, a.kind, a.data?.minutes])).toEqual([
      [created.id, 'DWELL', 6],
    ]);

    // Switched off, the rule raises nothing more; deleted, its alerts stay.
    await as('dhclAdmin').alertRules.update({ id: created.id, enabled: false });
    await observe(fix('VEHICLE', DHCL_TRUCK, 210, { lat: 30.45, lon: 122.45 }, 30));
    await observe(fix('VEHICLE', DHCL_TRUCK, 211, depot, 0));
    expect(await observe(fix('VEHICLE', DHCL_TRUCK, 230, depot, 0))).toEqual([]);
    await as('dhclAdmin').alertRules.delete({ id: created.id });
    const kept = await world.db.prisma.alert.findUniqueOrThrow({
      where: { id: dwell[0]?.id ?? '' },
    });
    expect(kept.ruleId).toBeNull();
  });

  it('skips and counts a stored rule whose settings no longer validate', async () => {
    await world.db.prisma.alertRule.create({
      data: {
        organizationId: world.organizations.lgft.id,
        name: 'Broken',
        kind: 'DWELL',
        params: { zoneKinds: ['NOT_A_ZONE_KIND'], maxMinutes: -1 },
      },
    });
    const valid = await world.db.prisma.alertRule.count({ where: { enabled: true } });
    expect(await monitor.reloadRules()).toBe(valid - 1);
    expect(monitor.stats.invalidRules).toBe(1);
  });
});
