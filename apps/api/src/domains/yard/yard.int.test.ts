import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_USERS, expectFieldError, expectTrpcError } from '../../../test/fixtures.ts';
import { boxNumber, buildPort, type TestPort } from '../../../test/worlds/container-port.ts';
import { recordEquipmentEvent } from '../containers/events.ts';

class RolledBack extends Error {}

describe.each(testDbTargets())('yard on %s', (target) => {
  let port: TestPort;
  const n = {
    a: boxNumber('MSC', 800001),
    b: boxNumber('MSC', 800002),
    c: boxNumber('MSC', 800003),
    d: boxNumber('MSC', 800004),
    e: boxNumber('MSC', 800005),
  };
  beforeAll(async () => {
    port = await buildPort(target);
    const y01 = port.blocks.y01;
    const y02 = port.blocks.y02;
    const gateIn = (
      containerNumber: string,
      isoSizeType: string,
      yardBlockId: string,
      bay: number,
      row: number,
      tier: number,
      emptyIndicator: 'EMPTY' | 'LADEN' = 'LADEN',
    ) =>
      port.record({
        containerNumber,
        isoSizeType,
        eventType: 'GTIN',
        emptyIndicator,
        terminalId: port.terminals.ysp4,
        slot: { yardBlockId, bay, row, tier },
      });
    // Y01 row 1: a 40-ft A on bays 1+2, a 20-ft C on top of it at bay 1, a 20-ft B at bay 3.
    await gateIn(n.a, '42G1', y01, 1, 1, 1);
    await gateIn(n.b, '22G1', y01, 3, 1, 1, 'EMPTY');
    await gateIn(n.c, '22G1', y01, 1, 1, 2);
    // Y02 (2 tiers): bay 1 stacked full.
    await gateIn(n.d, '22G1', y02, 1, 1, 1);
    await gateIn(n.e, '22G1', y02, 1, 1, 2);
  });
  afterAll(() => port.db.drop());

  it.each(ALL_USERS)(
    '%s reads the blocks of a terminal with capacity and utilisation',
    async (user) => {
      const blocks = await port.as(user).yard.blocks({ terminalId: port.terminals.ysp4 });
      expect(
        blocks.map((block) => [
          block.code,
          block.capacityTeu,
          block.groundSlots,
          block.occupiedTeu,
          block.containers,
          block.utilisation,
        ]),
      ).toEqual([
        ['Y01', 36, 12, 4, 3, 0.1111],
        ['Y02', 8, 4, 2, 2, 0.25],
      ]);
    },
  );

  it('gives a block grid: every occupied slot with its container, a 40-ft unit in two slots', async () => {
    // Port staff see every number (another organization's are hidden: sharing.int.test.ts).
    const grid = await port.as('portViewer').yard.block({ yardBlockId: port.blocks.y01 });
    expect(grid.block).toMatchObject({ code: 'Y01', bays: 6, rows: 2, tiers: 3 });
    expect(
      grid.slots.map((slot) => [
        slot.bay,
        slot.row,
        slot.tier,
        slot.containerNumber,
        slot.lengthFeet,
        slot.emptyIndicator,
        slot.isFirstBay,
      ]),
    ).toEqual([
      [1, 1, 1, n.a, 40, 'LADEN', true],
      [1, 1, 2, n.c, 20, 'LADEN', true],
      [2, 1, 1, n.a, 40, 'LADEN', false],
      [3, 1, 1, n.b, 20, 'EMPTY', true],
    ]);
    await expectTrpcError(
      port.as('portViewer').yard.block({ yardBlockId: port.terminals.ysp4 }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      port.as(null).yard.block({ yardBlockId: port.blocks.y01 }),
      'UNAUTHORIZED',
    );
  });

  it('finds free slots for a 20-ft unit: on top of each stack, never above the top tier', async () => {
    const free = await port
      .as('lgftViewer')
      .yard.freeSlots({ yardBlockId: port.blocks.y01, lengthFeet: 20, limit: 100 });
    const spots = free.map((slot) => `${slot.bay}.${slot.row}.${slot.tier}`);
    expect(spots).toEqual([
      '1.1.3',
      '1.2.1',
      '2.1.2',
      '2.2.1',
      '3.1.2',
      '3.2.1',
      '4.1.1',
      '4.2.1',
      '5.1.1',
      '5.2.1',
      '6.1.1',
      '6.2.1',
    ]);
    const y02 = await port
      .as('lgftViewer')
      .yard.freeSlots({ yardBlockId: port.blocks.y02, lengthFeet: 20 });
    expect(y02.map((slot) => `${slot.bay}.${slot.row}.${slot.tier}`)).toEqual([
      '2.1.1',
      '3.1.1',
      '4.1.1',
    ]);
    const firstTwo = await port
      .as('lgftViewer')
      .yard.freeSlots({ terminalId: port.terminals.ysp4, lengthFeet: 20, limit: 2 });
    expect(firstTwo.map((slot) => slot.yardBlockCode)).toEqual(['Y01', 'Y01']);
    await expectFieldError(port.as('portViewer').yard.freeSlots({ lengthFeet: 20 }), 'yardBlockId');
  });

  it('finds free slots for a 40-ft unit where it really can go (each tried, then rolled back)', async () => {
    const free = await port
      .as('portViewer')
      .yard.freeSlots({ terminalId: port.terminals.ysp4, lengthFeet: 40, limit: 100 });
    expect(
      free.map((slot) => `${slot.yardBlockCode}.${slot.bay}.${slot.row}.${slot.tier}`),
    ).toEqual(['Y01.1.2.1', 'Y01.3.2.1', 'Y01.5.1.1', 'Y01.5.2.1', 'Y02.3.1.1']);
    const probe = boxNumber('HLX', 800099);
    await port.record({
      containerNumber: probe,
      isoSizeType: '42G1',
      eventType: 'GTIN',
      terminalId: port.terminals.ysp4,
    });
    const eventAt = new Date().toISOString();
    for (const slot of free) {
      const attempt = port.db.prisma.$transaction(async (tx) => {
        const { state } = await recordEquipmentEvent(
          tx,
          { containerNumber: probe, eventType: 'DROP', eventAt, slot },
          { recordedById: null },
        );
        expect(state).toMatchObject({
          yardBlockId: slot.yardBlockId,
          bay: slot.bay,
          tier: slot.tier,
        });
        throw new RolledBack();
      });
      await expect(attempt).rejects.toBeInstanceOf(RolledBack);
    }
    // Not suggested, and indeed refused: bay 1 row 1 tier 2 holds C; bays 3+4 row 1 are uneven.
    for (const [bay, tier] of [
      [1, 2],
      [3, 2],
      [3, 1],
    ] as const) {
      await expectTrpcError(
        port.as('portOperator').containers.recordEvent({
          containerNumber: probe,
          eventType: 'DROP',
          eventAt,
          slot: { yardBlockId: port.blocks.y01, bay, row: 1, tier },
        }),
        'CONFLICT',
      );
    }
  });

  it('sums occupancy per terminal and block', async () => {
    const occupancy = await port.as('dhclDispatcher').yard.occupancy({});
    expect(
      occupancy.map((terminal) => [
        terminal.terminalCode,
        terminal.capacityTeu,
        terminal.occupiedTeu,
        terminal.containers,
        terminal.utilisation,
      ]),
    ).toEqual([
      ['WGQ1', 16, 0, 0, 0],
      ['YSP4', 44, 6, 5, 0.1364],
    ]);
    const ysp4 = await port
      .as('dhclDispatcher')
      .yard.occupancy({ terminalId: port.terminals.ysp4 });
    expect(ysp4[0]?.blocks.map((block) => [block.code, block.occupiedTeu])).toEqual([
      ['Y01', 4],
      ['Y02', 2],
    ]);
    await expectTrpcError(port.as(null).yard.occupancy({}), 'UNAUTHORIZED');
  });
});
