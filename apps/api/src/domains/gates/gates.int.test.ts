import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTrpcError } from '../../../test/fixtures.ts';
import { at, buildDispatchWorld, type DispatchWorld, iso } from '../../../test/worlds/dispatch.ts';
import { punctualityOf } from './service.ts';

// Truck appointments at Yangshan IV's gates, on the dispatch tests' clock (T0 08:00 UTC): the
// terminal publishes its capacity, companies book hours, and each truck's gate-zone entry
// (the geofence events the tracker stores) says how it kept its slot.
describe('punctuality', () => {
  const slot = Date.parse('2026-11-25T10:00:00Z');
  const min = 60_000;
  it('is early before the half hour of grace, on time within the hour, late after it', () => {
    expect(punctualityOf(slot, slot - 31 * min, slot)).toBe('EARLY');
    expect(punctualityOf(slot, slot - 30 * min, slot)).toBe('ON_TIME');
    expect(punctualityOf(slot, slot + 59 * min, slot)).toBe('ON_TIME');
    expect(punctualityOf(slot, slot + 60 * min, slot)).toBe('LATE');
  });
  it('is a no-show three hours after the slot began with no arrival, pending before', () => {
    expect(punctualityOf(slot, null, slot + 179 * min)).toBe('PENDING');
    expect(punctualityOf(slot, null, slot + 180 * min)).toBe('NO_SHOW');
  });
});

describe.each(testDbTargets())('truck appointments on %s', (target) => {
  let world: DispatchWorld;
  let ysp4: string;
  let ysp3: string;
  let gateZone: string;
  const trucks: Record<string, string> = {};
  const truck = (plate: string) => trucks[plate] as string;

  /** A truck driving into a zone (as the tracker stores it). */
  const enters = (phone: string, zoneId: string, minutes: number) =>
    world.db.prisma.geofenceEvent.create({
      data: {
        zoneId,
        assetKind: 'VEHICLE',
        assetKey: phone,
        transition: 'ENTER',
        at: at(minutes),
        lat: 30.62,
        lon: 122.07,
      },
    });

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    const terminals = await world.db.prisma.terminal.findMany();
    ysp4 = terminals.find((t) => t.code === 'YSP4')?.id as string;
    ysp3 = terminals.find((t) => t.code === 'YSP3')?.id as string;
    gateZone = (await world.db.prisma.zone.findFirstOrThrow({ where: { code: 'YSP4-GATE' } })).id;
    // The seed publishes every terminal's capacity; Yangshan IV stops taking import pick-ups.
    await world.db.prisma.gateCapacity.update({
      where: { terminalId_moveKind: { terminalId: ysp4, moveKind: 'IMPORT_PICK_UP' } },
      data: { trucksPerHour: 0 },
    });
    for (const plate of ['沪D12345', '沪D23456', '沪E45678'])
      trucks[plate] = (await world.vehicle(plate)).id;
    // 沪D23456 gets a terminal of its own (the seed gives it none).
    await world.db.prisma.device.create({
      data: {
        terminalPhone: '013916001002',
        vehicleId: truck('沪D23456'),
        organizationId: world.organizations.dhcl.id,
      },
    });
  });
  afterAll(() => world.db.drop());

  it('lets the port authority or the terminal operator publish gate capacity, no one else', async () => {
    const set = { terminalId: ysp4, moveKind: 'EXPORT_DROP_OFF', trucksPerHour: 2 } as const;
    expect(await world.with('portAdmin').gates.setCapacity(set)).toEqual(set);
    await expectTrpcError(world.with('dhclAdmin').gates.setCapacity(set), 'FORBIDDEN');
    await expectTrpcError(world.with('dhclDispatcher').gates.setCapacity(set), 'FORBIDDEN');
    await world
      .with('portOperator')
      .gates.setCapacity({ ...set, moveKind: 'EMPTY', trucksPerHour: 5 });
    expect(await world.with('lgftViewer').gates.capacity({ terminalId: ysp4 })).toEqual([
      set,
      { terminalId: ysp4, moveKind: 'IMPORT_PICK_UP', trucksPerHour: 0 },
      { terminalId: ysp4, moveKind: 'EMPTY', trucksPerHour: 5 },
    ]);
  });

  it('books hours up to the capacity, one truck one booking an hour, and frees a place on cancelling', async () => {
    const dhcl = world.with('dhclDispatcher');
    const book = (
      plate: string,
      hour: number,
      caller = dhcl,
      moveKind = 'EXPORT_DROP_OFF' as const,
    ) =>
      caller.gates.book({
        vehicleId: truck(plate),
        terminalId: ysp4,
        moveKind,
        slotStart: iso(hour * 60),
      });
    const first = await book('沪D12345', 2);
    expect(first).toMatchObject({
      status: 'BOOKED',
      slotStart: iso(120),
      vehicle: { plate: '沪D12345' },
      arrivedAt: null,
      punctuality: 'PENDING',
    });
    const second = await book('沪D23456', 2);
    const lgft = world.with('lgftDispatcher');
    const full = await expectTrpcError(book('沪E45678', 2, lgft), 'CONFLICT');
    expect(full.message).toBe('that hour is fully booked');
    // The same truck twice in one hour, at another terminal too.
    await world.with('portAdmin').gates.setCapacity({
      terminalId: ysp3,
      moveKind: 'EXPORT_DROP_OFF',
      trucksPerHour: 9,
    });
    await expectTrpcError(
      dhcl.gates.book({
        vehicleId: truck('沪D12345'),
        terminalId: ysp3,
        moveKind: 'EXPORT_DROP_OFF',
        slotStart: iso(120),
      }),
      'CONFLICT',
    );
    // Not on the hour; an hour over; a kind the terminal takes no bookings for; another
    // company's truck; a viewer.
    await expectTrpcError(
      dhcl.gates.book({
        vehicleId: truck('沪D12345'),
        terminalId: ysp4,
        moveKind: 'EXPORT_DROP_OFF',
        slotStart: iso(150),
      }),
      'BAD_REQUEST',
    );
    await expectTrpcError(book('沪D12345', -1), 'BAD_REQUEST');
    await expectTrpcError(book('沪D12345', 4, dhcl, 'IMPORT_PICK_UP' as never), 'BAD_REQUEST');
    await expectTrpcError(book('沪E45678', 3), 'NOT_FOUND');
    await expectTrpcError(book('沪D12345', 3, world.with('dhclViewer')), 'FORBIDDEN');

    // Cancelled, its place goes to the other company's truck.
    await expectTrpcError(lgft.gates.cancel({ id: second.id }), 'NOT_FOUND');
    expect(await dhcl.gates.cancel({ id: second.id })).toMatchObject({ status: 'CANCELLED' });
    expect(await book('沪E45678', 2, lgft)).toMatchObject({ status: 'BOOKED' });
    expect(first.id).not.toBe(second.id);
  });

  it('gives the last place to one of two bookings racing for it', async () => {
    await world.with('portAdmin').gates.setCapacity({
      terminalId: ysp3,
      moveKind: 'EMPTY',
      trucksPerHour: 1,
    });
    const attempt = (plate: string, caller: ReturnType<DispatchWorld['with']>) =>
      caller.gates
        .book({
          vehicleId: truck(plate),
          terminalId: ysp3,
          moveKind: 'EMPTY',
          slotStart: iso(6 * 60),
        })
        .then(
          () => 'booked',
          (error: { code?: string }) => error.code,
        );
    const outcomes = await Promise.all([
      attempt('沪D23456', world.with('dhclDispatcher')),
      attempt('沪E45678', world.with('lgftDispatcher')),
    ]);
    expect(outcomes.sort()).toEqual(['CONFLICT', 'booked']);
  });

  it('tells early, on time, late and no-show from the trucks’ gate entries, and shows each company its own', async () => {
    const dhcl = world.with('dhclDispatcher');
    const slot = (plate: string, hour: number) =>
      dhcl.gates.book({
        vehicleId: truck(plate),
        terminalId: ysp4,
        moveKind: 'EMPTY',
        slotStart: iso(hour * 60),
      });
    const onTime = await slot('沪D12345', 4); // 12:00
    const early = await slot('沪D23456', 4);
    const late = await slot('沪D12345', 5); // 13:00
    const noShow = await slot('沪D23456', 1); // 09:00
    await enters('013916001001', gateZone, 4 * 60 - 10); // 11:50
    await enters('013916001002', gateZone, 3 * 60); // 11:00
    await enters('013916001001', gateZone, 6 * 60 + 20); // 14:20
    // At 15:00, as the terminal looks back on the day.
    const later = world.with('dhclDispatcher', { now: () => at(7 * 60) });
    const listed = await later.gates.appointments({
      from: iso(0),
      to: iso(12 * 60),
      terminalId: ysp4,
    });
    const byId = new Map(listed.map((a) => [a.id, a]));
    expect(byId.get(onTime.id)).toMatchObject({ punctuality: 'ON_TIME', arrivedAt: iso(230) });
    expect(byId.get(early.id)).toMatchObject({ punctuality: 'EARLY', arrivedAt: iso(180) });
    expect(byId.get(late.id)).toMatchObject({ punctuality: 'LATE', arrivedAt: iso(380) });
    expect(byId.get(noShow.id)).toMatchObject({ punctuality: 'NO_SHOW', arrivedAt: null });
    // Another company sees none of DHCL's; the port authority sees them all.
    const lgftSees = await world
      .with('lgftViewer')
      .gates.appointments({ from: iso(0), to: iso(720) });
    expect(lgftSees.every((a) => a.organizationId === world.organizations.lgft.id)).toBe(true);
    expect(lgftSees.length).toBeGreaterThan(0);
    const portSees = await world
      .with('portViewer')
      .gates.appointments({ from: iso(0), to: iso(720) });
    expect(portSees.map((a) => a.id)).toEqual(expect.arrayContaining([onTime.id, noShow.id]));
    await expectTrpcError(
      dhcl.gates.appointments({ from: iso(0), to: iso(8 * 24 * 60) }),
      'BAD_REQUEST',
    );

    // The terminal's gate load by hour: capacity, booked, and how many of them came.
    const load = await later.gates.load({ terminalId: ysp4, from: iso(0), to: iso(7 * 60) });
    const hour = (h: number, moveKind: string) =>
      load.find((l) => l.hourStart === iso(h * 60) && l.moveKind === moveKind);
    expect(hour(4, 'EMPTY')).toEqual({
      hourStart: iso(240),
      moveKind: 'EMPTY',
      capacity: 5,
      booked: 2,
      arrived: 2,
    });
    expect(hour(1, 'EMPTY')).toMatchObject({ booked: 1, arrived: 0 });
    expect(hour(2, 'EXPORT_DROP_OFF')).toMatchObject({ capacity: 2, booked: 2 });
    expect(load).toHaveLength(7 * 3);

    // By company: DHCL's four EMPTY bookings at YSP4 above, and the earlier ones of the day.
    const byCompany = await world
      .with('portViewer', { now: () => at(7 * 60) })
      .gates.punctuality({ from: iso(0), to: iso(12 * 60), terminalId: ysp4 });
    const dhclRow = byCompany.find((row) => row.organizationId === world.organizations.dhcl.id);
    // Booked at YSP4: 沪D12345 at 10:00 (export), and the four above.
    expect(dhclRow).toMatchObject({
      organizationName: 'Donghai Container Logistics',
      booked: 5,
      early: 1,
      onTime: 1,
      late: 1,
      noShow: 2,
      pending: 0,
    });
    expect(
      (await later.gates.punctuality({ from: iso(0), to: iso(720) })).map((r) => r.organizationId),
    ).toEqual([world.organizations.dhcl.id]);
  });

  it('takes the gate’s GTIN record as the arrival of a truck whose terminal was silent', async () => {
    const lgft = world.with('lgftDispatcher');
    const booked = await lgft.gates.book({
      vehicleId: truck('沪E45678'),
      terminalId: ysp4,
      moveKind: 'EMPTY',
      slotStart: iso(9 * 60), // 17:00
    });
    const container = await world.db.prisma.container.findFirstOrThrow();
    const gateIn = (minutes: number, eventClassifier: 'ACT' | 'EST') =>
      world.db.prisma.equipmentEvent.create({
        data: {
          containerId: container.id,
          eventType: 'GTIN',
          eventClassifier,
          emptyIndicator: 'EMPTY',
          eventAt: at(minutes),
          terminalId: ysp4,
          vehicleId: truck('沪E45678'),
        },
      });
    // An estimate is not an arrival; the actual gate-in at 17:25 is.
    await gateIn(9 * 60 - 50, 'EST');
    await gateIn(9 * 60 + 25, 'ACT');
    const [listed] = await world
      .with('lgftViewer', { now: () => at(12 * 60) })
      .gates.appointments({ from: iso(9 * 60), to: iso(10 * 60), terminalId: ysp4 });
    expect(listed).toMatchObject({
      id: booked.id,
      arrivedAt: iso(9 * 60 + 25),
      punctuality: 'ON_TIME',
    });
  });

  it('shows the queue at the gate: the trucks in its approach now, each company only its own', async () => {
    const approach = (
      await world.db.prisma.zone.findFirstOrThrow({ where: { code: 'YSP4-GATE-Q' } })
    ).id;
    const exits = (phone: string, minutes: number) =>
      world.db.prisma.geofenceEvent.create({
        data: {
          zoneId: approach,
          assetKind: 'VEHICLE',
          assetKey: phone,
          transition: 'EXIT',
          at: at(minutes),
          lat: 30.62,
          lon: 122.07,
        },
      });
    // 10:00: 沪D12345 (booked 10:00 above) queues from 09:40; 沪E45678 queued and went through;
    // 沪D23456 came at 09:50.
    await enters('013916001001', approach, 100);
    await enters('013816002001', approach, 90);
    await exits('013816002001', 95);
    await enters('013916001002', approach, 110);
    const now = () => at(120);
    const port = await world.with('portViewer', { now }).gates.queue({ terminalId: ysp4 });
    expect(port).toMatchObject({ count: 2, longestWaitS: 20 * 60, averageWaitS: 15 * 60 });
    expect(port.trucks.map((t) => t.plate)).toEqual(['沪D12345', '沪D23456']);
    expect(port.trucks[0]?.slotStart).toBe(iso(120));
    expect(port.booked).toBe(port.trucks.filter((t) => t.slotStart !== null).length);
    // Another company counts the queue but sees none of DHCL's trucks in it.
    const lgft = await world.with('lgftViewer', { now }).gates.queue({ terminalId: ysp4 });
    expect(lgft).toMatchObject({ count: 2, trucks: [] });
    const dhcl = await world.with('dhclViewer', { now }).gates.queue({ terminalId: ysp4 });
    expect(dhcl.trucks).toHaveLength(2);
    // Before anyone came, no queue.
    const early = await world
      .with('portViewer', { now: () => at(80) })
      .gates.queue({ terminalId: ysp4 });
    expect(early).toMatchObject({ count: 0, longestWaitS: 0, trucks: [] });
  });

  it('takes a job for a booking or a terminal command only when it is that truck’s', async () => {
    const dhcl = world.with('dhclDispatcher');
    const job = await dhcl.dispatch.create({
      reference: 'GATE-JOB-1',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'YSBZ-WH1',
      windowStart: iso(0),
      windowEnd: iso(120),
    });
    await dhcl.dispatch.assign({ id: job.id, vehicleId: truck('沪D12345') });
    const booking = await expectTrpcError(
      dhcl.gates.book({
        vehicleId: truck('沪D23456'),
        terminalId: ysp4,
        moveKind: 'EMPTY',
        slotStart: iso(11 * 60),
        jobId: job.id,
      }),
      'BAD_REQUEST',
    );
    expect(booking.cause).toMatchObject({ code: 'job.other-truck', params: { plate: '沪D23456' } });
    const command = await expectTrpcError(
      dhcl.vehicles.sendCommand({
        vehicleId: truck('沪D23456'),
        command: { kind: 'TAKE_PHOTO', channelId: 1 },
        jobId: job.id,
      }),
      'BAD_REQUEST',
    );
    expect(command.cause).toMatchObject({ code: 'job.other-truck' });
    // The job's own truck books with it.
    const own = await dhcl.gates.book({
      vehicleId: truck('沪D12345'),
      terminalId: ysp4,
      moveKind: 'EMPTY',
      slotStart: iso(11 * 60),
      jobId: job.id,
    });
    expect(own.dispatchJobId).toBe(job.id);
  });
});
