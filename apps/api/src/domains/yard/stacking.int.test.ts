import { testDbTargets } from '@harbor/db/testing';
import type { YardSlotInput } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTrpcError } from '../../../test/fixtures.ts';
import {
  boxNumber,
  buildPort,
  fullView,
  type TestPort,
} from '../../../test/worlds/container-port.ts';

describe.each(testDbTargets())('yard stacking on %s', (target) => {
  let port: TestPort;
  let serial = 700000;
  beforeAll(async () => {
    port = await buildPort(target);
  });
  afterAll(() => port.db.drop());

  /** A new container gated in at YSP4, in `slot` if given. */
  async function gateIn(isoSizeType: string, slot?: YardSlotInput) {
    const number = boxNumber('CSQ', ++serial);
    await port.record({
      containerNumber: number,
      isoSizeType,
      eventType: 'GTIN',
      terminalId: port.terminals.ysp4,
      ...(slot ? { slot } : {}),
    });
    return number;
  }
  const at = (bay: number, row: number, tier: number, yardBlockId = port.blocks.y01) => ({
    yardBlockId,
    bay,
    row,
    tier,
  });
  const refused = async (
    call: Promise<unknown>,
    code: 'BAD_REQUEST' | 'CONFLICT',
    message: string,
  ) => {
    expect((await expectTrpcError(call, code)).message).toContain(message);
  };

  it('refuses slots outside the block, above the top tier, and 40-ft units on an even bay or past the end', async () => {
    const twenty = await gateIn('22G1');
    await refused(
      port.record({ containerNumber: twenty, eventType: 'DROP', slot: at(7, 1, 1) }),
      'BAD_REQUEST',
      'Y01 bay 7 row 1 tier 1 is outside block Y01 (6 bays × 2 rows × 3 tiers)',
    );
    await refused(
      port.record({ containerNumber: twenty, eventType: 'DROP', slot: at(1, 3, 1) }),
      'BAD_REQUEST',
      'is outside block Y01',
    );
    await refused(
      port.record({ containerNumber: twenty, eventType: 'DROP', slot: at(1, 1, 4) }),
      'BAD_REQUEST',
      'tier 4 is above the top tier 3 of Y01',
    );
    const forty = await gateIn('42G1');
    await refused(
      port.record({ containerNumber: forty, eventType: 'DROP', slot: at(2, 1, 1) }),
      'BAD_REQUEST',
      'a 40/45-ft unit stands on an odd bay (1, 3, 5, ...) and covers the next; bay 2 is even',
    );
    // Y02 has 4 bays: a 40-ft unit on bay 3 covers 3 and 4, fine; there is no bay 5 + 6.
    await refused(
      port.record({
        containerNumber: forty,
        eventType: 'DROP',
        slot: at(5, 1, 1, port.blocks.y02),
      }),
      'BAD_REQUEST',
      'Y02 bay 5 row 1 tier 1 is outside block Y02',
    );
  });

  it('refuses floating containers and taken slots; a 40-ft unit needs support under both bays', async () => {
    const a = await gateIn('22G1', at(1, 2, 1));
    const floating = await gateIn('22G1');
    await refused(
      port.record({ containerNumber: floating, eventType: 'DROP', slot: at(3, 2, 2) }),
      'CONFLICT',
      'nothing stands under Y01 bay 3 row 2 tier 2; a container cannot float',
    );
    await refused(
      port.record({ containerNumber: floating, eventType: 'DROP', slot: at(1, 2, 1) }),
      'CONFLICT',
      `Y01 bay 1 row 2 tier 1 is taken by ${a}`,
    );
    const forty = await gateIn('L5G1');
    // Only bay 1 has a container under it: bay 2 would float.
    await refused(
      port.record({ containerNumber: forty, eventType: 'DROP', slot: at(1, 2, 2) }),
      'CONFLICT',
      'nothing stands under Y01 bay 2 row 2 tier 2',
    );
    await gateIn('22G1', at(2, 2, 1));
    const onTop = await port.record({
      containerNumber: forty,
      eventType: 'DROP',
      slot: at(1, 2, 2),
    });
    expect(onTop.state).toMatchObject({ yardBlockCode: 'Y01', bay: 1, row: 2, tier: 2 });
    // A 20-ft unit may go on top of the 40-ft one, and is taken by it at bay 2 tier 2.
    await refused(
      port.record({ containerNumber: floating, eventType: 'DROP', slot: at(2, 2, 2) }),
      'CONFLICT',
      `Y01 bay 2 row 2 tier 2 is taken by ${forty}`,
    );
    await port.record({ containerNumber: floating, eventType: 'DROP', slot: at(2, 2, 3) });

    // Those under another cannot be picked, loaded or gated out.
    await refused(
      port.record({ containerNumber: a, eventType: 'PICK' }),
      'CONFLICT',
      `cannot PICK ${a}: ${a} is under ${forty} at tier 2`,
    );
    await refused(
      port.record({ containerNumber: a, eventType: 'LOAD', vesselVisitId: port.visits.ysp4 }),
      'CONFLICT',
      `${a} is under ${forty} at tier 2`,
    );
    await refused(
      port.record({ containerNumber: forty, eventType: 'GTOT', terminalId: port.terminals.ysp4 }),
      'CONFLICT',
      `cannot GTOT ${forty}: ${forty} is under ${floating} at tier 3`,
    );
    // From the top down, it works; the freed slots take a new container.
    await port.record({
      containerNumber: floating,
      eventType: 'GTOT',
      terminalId: port.terminals.ysp4,
    });
    await port.record({ containerNumber: forty, eventType: 'PICK' });
    const picked = await port.record({ containerNumber: a, eventType: 'PICK' });
    expect(picked.state).toMatchObject({ place: 'TERMINAL', yardBlockId: null, bay: null });
    expect(
      await port.db.prisma.yardSlot.count({
        where: { yardBlockId: port.blocks.y01, row: 2, tier: { gt: 1 } },
      }),
    ).toBe(0);
  });

  it('two DROPs into the same slot at once: exactly one wins, the other is CONFLICT', async () => {
    const first = await gateIn('22G1');
    const second = await gateIn('22G1');
    const slot = at(1, 1, 1, port.blocks.y02);
    const caller = port.as('portOperator').containers;
    const eventAt = new Date().toISOString();
    const results = await Promise.allSettled([
      caller.recordEvent({ containerNumber: first, eventType: 'DROP', eventAt, slot }),
      caller.recordEvent({ containerNumber: second, eventType: 'DROP', eventAt, slot }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [loser] = results.filter((result) => result.status === 'rejected');
    expect((loser as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect((loser as PromiseRejectedResult).reason.message).toMatch(
      /Y02 bay 1 row 1 tier 1 (is taken by|was just taken)/,
    );
    const slots = await port.db.prisma.yardSlot.findMany({
      where: { yardBlockId: port.blocks.y02, bay: 1, row: 1 },
    });
    expect(slots).toHaveLength(1);
  });

  it('two events for one container at once serialise: one gate-out wins', async () => {
    const number = await gateIn('22G1');
    const caller = port.as('portOperator').containers;
    const eventAt = new Date().toISOString();
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        caller.recordEvent({
          containerNumber: number,
          eventType: 'GTOT',
          eventAt,
          terminalId: port.terminals.ysp4,
        }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const events = fullView(await port.as('portViewer').containers.get({ number }));
    expect(events.events.map((event) => event.eventType)).toEqual(['GTIN', 'GTOT']);
  });
});
