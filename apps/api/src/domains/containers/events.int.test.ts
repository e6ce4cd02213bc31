import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTrpcError } from '../../../test/fixtures.ts';
import { boxNumber, buildPort, type TestPort } from '../../../test/worlds/container-port.ts';
import { recordEquipmentEvent, recordEquipmentEventInTransaction } from './events.ts';

describe.each(testDbTargets())('equipment events on %s', (target) => {
  let port: TestPort;
  beforeAll(async () => {
    port = await buildPort(target);
  });
  afterAll(() => port.db.drop());

  const refused = async (
    call: Promise<unknown>,
    code: 'BAD_REQUEST' | 'CONFLICT',
    message: string | RegExp,
  ) => {
    const error = await expectTrpcError(call, code);
    expect(error.message).toMatch(message);
  };

  it('follows a container through gate in, yard, load, discharge and gate out', async () => {
    const number = boxNumber('MSC', 100001);
    const gateIn = await port.record({
      containerNumber: number,
      isoSizeType: '42G1',
      eventType: 'GTIN',
      terminalId: port.terminals.ysp4,
      zoneId: port.zones.ysp4Gate,
      slot: { yardBlockId: port.blocks.y01, bay: 1, row: 1, tier: 1 },
    });
    expect(gateIn.state).toMatchObject({
      place: 'TERMINAL',
      terminalCode: 'YSP4',
      yardBlockCode: 'Y01',
      bay: 1,
      row: 1,
      tier: 1,
      emptyIndicator: 'LADEN',
      lastEventType: 'GTIN',
    });
    const arrivedAt = gateIn.state.arrivedAt;
    expect(arrivedAt).toBe(gateIn.event.eventAt);
    expect(gateIn.event).toMatchObject({
      zoneId: port.zones.ysp4Gate,
      yardBlockId: port.blocks.y01,
    });
    // A 40-ft unit holds two 20-ft slots.
    expect(
      await port.db.prisma.yardSlot.count({ where: { containerId: gateIn.state.containerId } }),
    ).toBe(2);

    const pick = await port.record({ containerNumber: number, eventType: 'PICK' });
    expect(pick.state).toMatchObject({ place: 'TERMINAL', yardBlockId: null, arrivedAt });
    expect(pick.event).toMatchObject({ yardBlockId: port.blocks.y01, bay: 1, tier: 1 });
    const drop = await port.record({
      containerNumber: number,
      eventType: 'DROP',
      slot: { yardBlockId: port.blocks.y02, bay: 3, row: 1, tier: 1 },
    });
    expect(drop.state).toMatchObject({ yardBlockCode: 'Y02', bay: 3, arrivedAt });

    const load = await port.record({
      containerNumber: number,
      eventType: 'LOAD',
      vesselVisitId: port.visits.ysp4,
    });
    expect(load.state).toMatchObject({
      place: 'VESSEL',
      vesselVisitId: port.visits.ysp4,
      terminalId: null,
      arrivedAt: null,
    });
    expect(load.event.terminalId).toBe(port.terminals.ysp4);
    expect(
      await port.db.prisma.yardSlot.count({ where: { containerId: gateIn.state.containerId } }),
    ).toBe(0);

    await refused(
      port.record({ containerNumber: number, eventType: 'DISC', vesselVisitId: port.visits.wgq1 }),
      'CONFLICT',
      `cannot DISC ${number}: it is on VESSEL MSC AURORA voyage FE546W`,
    );
    const disc = await port.record({
      containerNumber: number,
      eventType: 'DISC',
      vesselVisitId: port.visits.ysp4,
    });
    expect(disc.state).toMatchObject({
      place: 'TERMINAL',
      terminalCode: 'YSP4',
      arrivedAt: disc.event.eventAt,
    });

    const gateOut = await port.record({
      containerNumber: number,
      eventType: 'GTOT',
      terminalId: port.terminals.ysp4,
    });
    expect(gateOut.state).toMatchObject({
      place: 'OUTSIDE',
      terminalId: null,
      arrivedAt: null,
      dwellHours: null,
    });
    await refused(
      port.record({ containerNumber: number, eventType: 'LOAD', vesselVisitId: port.visits.ysp4 }),
      'CONFLICT',
      new RegExp(
        `^cannot LOAD ${number}: it must be in the terminal of the vessel visit; it is OUTSIDE \\(gated out at YSP4 at .*\\)$`,
      ),
    );
  });

  it('refuses impossible sequences with the container and its place in the message', async () => {
    const number = boxNumber('CSQ', 200002);
    await refused(
      port.record({ containerNumber: number, eventType: 'GTIN', terminalId: port.terminals.ysp4 }),
      'BAD_REQUEST',
      `Harbor has never seen ${number}: give its isoSizeType`,
    );
    await refused(
      port.record({
        containerNumber: number,
        isoSizeType: '22G1',
        eventType: 'GTOT',
        terminalId: port.terminals.ysp4,
      }),
      'CONFLICT',
      `cannot GTOT ${number}: it is OUTSIDE (never seen in the port)`,
    );
    await refused(
      port.record({ containerNumber: number, isoSizeType: '22G1', eventType: 'PICK' }),
      'CONFLICT',
      'it must be in a yard slot',
    );
    await port.record({
      containerNumber: number,
      isoSizeType: '22G1',
      eventType: 'GTIN',
      terminalId: port.terminals.ysp4,
      emptyIndicator: 'EMPTY',
    });
    await refused(
      port.record({ containerNumber: number, eventType: 'GTIN', terminalId: port.terminals.wgq1 }),
      'CONFLICT',
      `cannot GTIN ${number}: it is in TERMINAL YSP4 (not in a yard slot)`,
    );
    await refused(
      port.record({ containerNumber: number, eventType: 'GTOT', terminalId: port.terminals.wgq1 }),
      'CONFLICT',
      `cannot GTOT ${number}: it is in TERMINAL YSP4`,
    );
    await refused(
      port.record({ containerNumber: number, eventType: 'LOAD', vesselVisitId: port.visits.wgq1 }),
      'CONFLICT',
      'it must be in the terminal of the vessel visit',
    );
    await refused(
      port.record({ containerNumber: number, eventType: 'DROP' }),
      'BAD_REQUEST',
      'DROP needs a slot',
    );
    await refused(
      port.record({
        containerNumber: number,
        eventType: 'DROP',
        slot: { yardBlockId: port.blocks.w01, bay: 1, row: 1, tier: 1 },
      }),
      'BAD_REQUEST',
      'yard block W01 is in terminal WGQ1',
    );
    await refused(
      port.record({ containerNumber: number, eventType: 'STRP' }),
      'CONFLICT',
      'it must be LADEN, it is EMPTY',
    );
    await refused(
      port.record({ containerNumber: number, eventType: 'PICK', emptyIndicator: 'LADEN' }),
      'CONFLICT',
      'it must be in a yard slot',
    );
    await refused(
      port.record({ containerNumber: number, isoSizeType: '45G1', eventType: 'INSP' }),
      'CONFLICT',
      `${number} is a 22G1, not a 45G1`,
    );
    const stuffed = await port.record({ containerNumber: number, eventType: 'STUF' });
    expect(stuffed.state.emptyIndicator).toBe('LADEN');
    expect(stuffed.event.emptyIndicator).toBe('LADEN');
    await refused(
      port.record({ containerNumber: number, eventType: 'STUF' }),
      'CONFLICT',
      'it must be EMPTY, it is LADEN',
    );
    await refused(
      port.record({
        containerNumber: number,
        eventType: 'GTOT',
        terminalId: port.terminals.ysp4,
        emptyIndicator: 'EMPTY',
      }),
      'CONFLICT',
      'it is LADEN; only STUF and STRP change that',
    );
  });

  it('a facility outside the terminals: gate in at a depot, strip, gate out', async () => {
    const number = boxNumber('TGH', 300003);
    await refused(
      port.record({
        containerNumber: number,
        isoSizeType: 'L5G1',
        eventType: 'GTIN',
        zoneId: port.zones.berth,
      }),
      'BAD_REQUEST',
      'zone YSP4-B1 is a BERTH inside a terminal',
    );
    const atDepot = await port.record({
      containerNumber: number,
      isoSizeType: 'L5G1',
      eventType: 'GTIN',
      zoneId: port.zones.depot,
    });
    expect(atDepot.state).toMatchObject({
      place: 'FACILITY',
      zoneCode: 'LCG-DEPOT',
      terminalId: null,
    });
    await refused(
      port.record({ containerNumber: number, eventType: 'GTIN', zoneId: port.zones.warehouse }),
      'CONFLICT',
      `cannot GTIN ${number}: it is at FACILITY LCG-DEPOT`,
    );
    const stripped = await port.record({
      containerNumber: number,
      eventType: 'STRP',
      zoneId: port.zones.depot,
    });
    expect(stripped.state).toMatchObject({
      emptyIndicator: 'EMPTY',
      arrivedAt: atDepot.state.arrivedAt,
    });
    await refused(
      port.record({ containerNumber: number, eventType: 'GTOT', zoneId: port.zones.warehouse }),
      'CONFLICT',
      'it is at FACILITY LCG-DEPOT',
    );
    const out = await port.record({
      containerNumber: number,
      eventType: 'GTOT',
      zoneId: port.zones.depot,
    });
    expect(out.state.place).toBe('OUTSIDE');
  });

  it('refuses out-of-order and future ACT events; stores PLN and EST without moving', async () => {
    const number = boxNumber('OOL', 400004);
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    const caller = port.as('portAdmin').containers;
    await caller.recordEvent({
      containerNumber: number,
      isoSizeType: '22G1',
      eventType: 'GTIN',
      emptyIndicator: 'LADEN',
      eventAt: at(5),
      terminalId: port.terminals.ysp4,
    });
    await refused(
      caller.recordEvent({
        containerNumber: number,
        eventType: 'GTOT',
        eventAt: at(6),
        terminalId: port.terminals.ysp4,
      }),
      'CONFLICT',
      /^cannot GTOT OOLU4000044?\d?: its last event \(GTIN at .*\) is later than/,
    );
    await refused(
      caller.recordEvent({
        containerNumber: number,
        eventType: 'GTOT',
        eventAt: at(-1),
        terminalId: port.terminals.ysp4,
      }),
      'BAD_REQUEST',
      'is in the future',
    );
    const planned = await caller.recordEvent({
      containerNumber: number,
      eventType: 'LOAD',
      eventClassifier: 'PLN',
      eventAt: at(-24),
      vesselVisitId: port.visits.wgq1,
    });
    expect(planned.event.eventClassifier).toBe('PLN');
    expect(planned.state).toMatchObject({
      place: 'TERMINAL',
      terminalCode: 'YSP4',
      lastEventType: 'GTIN',
    });
    expect(planned.state.dwellHours).toBeCloseTo(5, 0);
  });

  it('refuses the remaining impossible moves; INSP, RSEA and RMVD leave the container where it is', async () => {
    const number = boxNumber('EGH', 450005);
    await refused(
      port.record({
        containerNumber: number,
        isoSizeType: '22G1',
        eventType: 'STUF',
        emptyIndicator: 'EMPTY',
      }),
      'CONFLICT',
      `cannot STUF ${number}: it is OUTSIDE (never seen in the port)`,
    );
    const slot = { yardBlockId: port.blocks.w01, bay: 2, row: 2, tier: 1 };
    await port.record({
      containerNumber: number,
      isoSizeType: '22G1',
      eventType: 'DISC',
      vesselVisitId: port.visits.wgq1,
      slot,
    });
    await refused(
      port.record({ containerNumber: number, eventType: 'DROP', slot: { ...slot, bay: 3 } }),
      'CONFLICT',
      `cannot DROP ${number}: it must be in a terminal and not in a yard slot; it is in TERMINAL WGQ1 (at W01 bay 2 row 2 tier 1)`,
    );
    await refused(
      port.record({ containerNumber: number, eventType: 'DISC', vesselVisitId: port.visits.wgq1 }),
      'CONFLICT',
      `cannot DISC ${number}: it is in TERMINAL WGQ1`,
    );
    await refused(
      port.record({ containerNumber: number, eventType: 'PICK', slot }),
      'BAD_REQUEST',
      'only GTIN, DISC and DROP take a yard slot',
    );
    const error = await expectTrpcError(
      port.record({ containerNumber: number, eventType: 'INSP', vehicleId: port.terminals.ysp4 }),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(
      new RegExp(`^cannot INSP ${number}: .*vehicleId.* names nothing Harbor knows$`),
    );
    for (const eventType of ['INSP', 'RSEA', 'RMVD'] as const) {
      const { state, event } = await port.record({ containerNumber: number, eventType });
      expect(state).toMatchObject({
        place: 'TERMINAL',
        yardBlockCode: 'W01',
        bay: 2,
        lastEventType: eventType,
      });
      expect(event.terminalId).toBe(port.terminals.wgq1);
    }
  });

  it('records inside a caller-opened transaction with the dispatch job, and rolls back with it', async () => {
    const number = boxNumber('HLX', 500005);
    const input = {
      containerNumber: number,
      isoSizeType: '22G1',
      eventType: 'GTIN',
      emptyIndicator: 'EMPTY',
      eventAt: new Date().toISOString(),
      zoneId: port.zones.warehouse,
    } as const;
    await expect(
      port.db.prisma.$transaction(async (tx) => {
        await recordEquipmentEvent(tx, input, { recordedById: null });
        throw new Error('the job update failed');
      }),
    ).rejects.toThrow('the job update failed');
    expect(await port.db.prisma.container.findUnique({ where: { number } })).toBeNull();
    const { event, state } = await recordEquipmentEventInTransaction(port.db, input, {
      recordedById: null,
    });
    expect(event).toMatchObject({ recordedById: null, dispatchJobId: null, eventType: 'GTIN' });
    expect(state).toMatchObject({ containerNumber: number, place: 'FACILITY', zoneCode: 'LG-WH' });
  });
});
