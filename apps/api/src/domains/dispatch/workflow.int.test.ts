import { testDbTargets } from '@harbor/db/testing';
import type { DispatchJobChange } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTrpcError } from '../../../test/fixtures.ts';
import { buildDispatchWorld, type DispatchWorld, iso } from '../../../test/worlds/dispatch.ts';
import { type JobChangeTopic, jobChangeTopic } from './job-changes.ts';

/**
 * A tracked event as a caller yields it: typed as `{ id, data }`, delivered by tRPC 11's
 * caller as the `[id, data, symbol]` envelope that the HTTP adapter unpacks.
 */
function trackedOf<T>(value: { id: string; data: T } | readonly [string, T, ...unknown[]]) {
  return 'data' in value ? value : { id: value[0], data: value[1] };
}

describe.each(testDbTargets())('dispatch workflow on %s', (target) => {
  let world: DispatchWorld;
  let hub: JobChangeTopic;
  const newJob = async (reference: string, org: 'dhcl' | 'lgft' = 'dhcl') =>
    (
      await world.with(org === 'dhcl' ? 'dhclDispatcher' : 'lgftDispatcher').dispatch.create({
        reference,
        pickupZoneCode: 'YSP4-GATE',
        dropoffZoneCode: 'LCG-DEPOT',
        windowStart: iso(0),
        windowEnd: iso(180),
      })
    ).id;

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    hub = jobChangeTopic();
  });
  afterAll(() => world.db.drop());

  it('assigns a company truck and driver: the job is ASSIGNED, the truck ON_JOB', async () => {
    const id = await newJob('WF-1');
    const truck = await world.vehicle('沪D12345');
    const driver = await world.db.prisma.driver.findFirstOrThrow({
      where: { name: '张伟 Zhang Wei' },
    });
    const job = await world
      .with('dhclDispatcher', { jobChanges: hub })
      .dispatch.assign({ id, vehicleId: truck.id, driverId: driver.id });
    expect(job).toMatchObject({
      status: 'ASSIGNED',
      vehicle: { plate: '沪D12345' },
      driver: { name: '张伟 Zhang Wei' },
    });
    const vehicle = await world.with('dhclViewer').vehicles.get({ id: truck.id });
    expect(vehicle).toMatchObject({
      status: 'ON_JOB',
      currentJob: { id, reference: 'WF-1', status: 'ASSIGNED' },
      driver: { name: '张伟 Zhang Wei' },
    });
    const detail = await world.with('dhclViewer').dispatch.get({ id });
    expect(detail.events.at(-1)).toMatchObject({
      fromStatus: 'PLANNED',
      toStatus: 'ASSIGNED',
      actorKind: 'USER',
      note: 'assigned to 沪D12345 driven by 张伟 Zhang Wei',
    });
  });

  it('refuses a truck on another active job, in maintenance, or of another company', async () => {
    const id = await newJob('WF-2');
    const dispatcher = world.with('dhclDispatcher');
    const busy = await expectTrpcError(
      dispatcher.dispatch.assign({ id, vehicleId: (await world.vehicle('沪D12345')).id }),
      'CONFLICT',
    );
    expect(busy.message).toBe('沪D12345 is on job WF-1 (ASSIGNED)');
    const repair = await world.vehicle('沪D34567');
    await dispatcher.vehicles.update({ id: repair.id, status: 'MAINTENANCE' });
    const maintenance = await expectTrpcError(
      dispatcher.dispatch.assign({ id, vehicleId: repair.id }),
      'CONFLICT',
    );
    expect(maintenance.message).toBe('沪D34567 is in maintenance');
    await dispatcher.vehicles.update({ id: repair.id, status: 'AVAILABLE' });
    const lgftTruck = await world.vehicle('沪E45678');
    await expectTrpcError(dispatcher.dispatch.assign({ id, vehicleId: lgftTruck.id }), 'NOT_FOUND');
    const lgftDriver = await world.db.prisma.driver.findFirstOrThrow({
      where: { name: '刘洋 Liu Yang' },
    });
    await expectTrpcError(
      dispatcher.dispatch.assign({ id, vehicleId: repair.id, driverId: lgftDriver.id }),
      'NOT_FOUND',
    );
  });

  it('LGFT cannot assign DHCL jobs or trucks; viewers and port staff cannot assign at all', async () => {
    const dhclJob = await newJob('WF-3');
    const lgftJob = await newJob('WF-L3', 'lgft');
    const dhclTruck = await world.vehicle('沪D23456');
    const lgftTruck = await world.vehicle('沪E56789');
    await expectTrpcError(
      world.with('lgftDispatcher').dispatch.assign({ id: dhclJob, vehicleId: lgftTruck.id }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      world.with('lgftDispatcher').dispatch.assign({ id: lgftJob, vehicleId: dhclTruck.id }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      world.with('dhclViewer').dispatch.assign({ id: dhclJob, vehicleId: dhclTruck.id }),
      'FORBIDDEN',
    );
    for (const user of ['portAdmin', 'portOperator'] as const)
      await expectTrpcError(
        world.with(user).dispatch.assign({ id: dhclJob, vehicleId: dhclTruck.id }),
        'FORBIDDEN',
      );
    const stored = await world.db.prisma.dispatchJob.findUniqueOrThrow({ where: { id: dhclJob } });
    expect(stored).toMatchObject({ status: 'PLANNED', vehicleId: null });
    const lgft = await world
      .with('lgftDispatcher')
      .dispatch.assign({ id: lgftJob, vehicleId: lgftTruck.id });
    expect(lgft.status).toBe('ASSIGNED');
  });

  it('walks the state machine by hand, one legal step at a time, and streams each change', async () => {
    // A caller's subscription is the server's async generator: each item is [event id, change].
    const open = async (user: 'dhclViewer' | 'lgftViewer') =>
      (await world.with(user, { jobChanges: hub }).dispatch.live(undefined))[
        Symbol.asyncIterator
      ]();
    const take = async (stream: Awaited<ReturnType<typeof open>>, count: number) => {
      const changes: DispatchJobChange[] = [];
      while (changes.length < count) {
        const next = await stream.next();
        if (next.done) break;
        const { id: eventId, data: change } = trackedOf(next.value);
        expect(eventId).toBe(change.event.id);
        changes.push(change);
      }
      return changes;
    };
    const dhclStream = await open('dhclViewer');
    const lgftStream = await open('lgftViewer');
    const dhclHearing = take(dhclStream, 7);
    const lgftHearing = take(lgftStream, 1);
    await expect.poll(() => hub.subscribers).toBe(2);

    const dispatcher = world.with('dhclDispatcher', { jobChanges: hub });
    const { id } = await dispatcher.dispatch.create({
      reference: 'WF-4',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: iso(0),
      windowEnd: iso(180),
    });
    await dispatcher.dispatch.assign({ id, vehicleId: (await world.vehicle('沪D23456')).id });
    for (const to of ['EN_ROUTE_PICKUP', 'AT_PICKUP', 'LOADED', 'EN_ROUTE_DROPOFF'] as const)
      expect((await dispatcher.dispatch.transition({ id, to })).status).toBe(to);
    const delivered = await dispatcher.dispatch.transition({
      id,
      to: 'DELIVERED',
      note: 'signed by the warehouse',
    });
    expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredAt: expect.any(String) });

    const detail = await world.with('portViewer').dispatch.get({ id });
    expect(detail.events.map((e) => [e.fromStatus, e.toStatus, e.actorKind])).toEqual([
      [null, 'PLANNED', 'USER'],
      ['PLANNED', 'ASSIGNED', 'USER'],
      ['ASSIGNED', 'EN_ROUTE_PICKUP', 'USER'],
      ['EN_ROUTE_PICKUP', 'AT_PICKUP', 'USER'],
      ['AT_PICKUP', 'LOADED', 'USER'],
      ['LOADED', 'EN_ROUTE_DROPOFF', 'USER'],
      ['EN_ROUTE_DROPOFF', 'DELIVERED', 'USER'],
    ]);
    expect(detail.events.at(-1)).toMatchObject({
      note: 'signed by the warehouse',
      actorUser: { name: 'dhclDispatcher' },
    });
    // The LGFT viewer's stream hears its own company's change, and nothing of DHCL's.
    await world.with('lgftDispatcher', { jobChanges: hub }).dispatch.transition({
      id: (await world.db.prisma.dispatchJob.findFirstOrThrow({ where: { reference: 'WF-L3' } }))
        .id,
      to: 'CANCELLED',
    });
    const dhclHeard = await dhclHearing;
    const lgftHeard = await lgftHearing;
    await dhclStream.return?.(undefined);
    await lgftStream.return?.(undefined);
    expect(hub.subscribers).toBe(0);
    expect(dhclHeard.map((c) => c.event.toStatus)).toEqual([
      'PLANNED',
      'ASSIGNED',
      'EN_ROUTE_PICKUP',
      'AT_PICKUP',
      'LOADED',
      'EN_ROUTE_DROPOFF',
      'DELIVERED',
    ]);
    expect(dhclHeard.every((c) => c.job.id === id)).toBe(true);
    expect(lgftHeard.map((c) => [c.job.reference, c.event.toStatus])).toEqual([
      ['WF-L3', 'CANCELLED'],
    ]);
  });

  it('refuses illegal transitions with a clear message', async () => {
    const id = await newJob('WF-5');
    const dispatcher = world.with('dhclDispatcher');
    const skip = await expectTrpcError(
      dispatcher.dispatch.transition({ id, to: 'AT_PICKUP' }),
      'BAD_REQUEST',
    );
    expect(skip.message).toBe(
      'a job cannot go from PLANNED to AT_PICKUP; from PLANNED it may go to ASSIGNED, CANCELLED, FAILED',
    );
    const assign = await expectTrpcError(
      dispatcher.dispatch.transition({ id, to: 'ASSIGNED' }),
      'BAD_REQUEST',
    );
    expect(assign.message).toContain('dispatch.assign');
    await dispatcher.dispatch.transition({ id, to: 'CANCELLED', note: 'customer cancelled' });
    const final = await expectTrpcError(
      dispatcher.dispatch.transition({ id, to: 'FAILED' }),
      'BAD_REQUEST',
    );
    expect(final.message).toBe('the job is CANCELLED: a final status never changes');
    await expectTrpcError(
      dispatcher.dispatch.assign({ id, vehicleId: (await world.vehicle('沪D34567')).id }),
      'BAD_REQUEST',
    );
  });

  it('lets only the company ADMIN or DISPATCHER change a job', async () => {
    const id = await newJob('WF-6');
    for (const user of ['dhclViewer', 'portViewer'] as const)
      await expectTrpcError(
        world.with(user).dispatch.transition({ id, to: 'CANCELLED' }),
        'FORBIDDEN',
      );
    await expectTrpcError(
      world.with('portAdmin').dispatch.transition({ id, to: 'CANCELLED' }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      world.with('lgftDispatcher').dispatch.transition({ id, to: 'CANCELLED' }),
      'NOT_FOUND',
    );
    expect((await world.with('dhclAdmin').dispatch.transition({ id, to: 'FAILED' })).status).toBe(
      'FAILED',
    );
  });
});
