import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  expectFieldError,
  expectTrpcError,
  type UserKey,
} from '../../../test/fixtures.ts';
import {
  boxNumber,
  buildPort,
  fullView,
  statusOnly,
  type TestPort,
} from '../../../test/worlds/container-port.ts';

const WRITERS: UserKey[] = ['portAdmin', 'portOperator'];

describe.each(testDbTargets())('container procedures on %s', (target) => {
  let port: TestPort;
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  // Long-staying: 30 h in YSP4, moved within the yard since; short: 2 h in WGQ1; one on a vessel.
  const long = boxNumber('MSC', 610001);
  const short = boxNumber('MSC', 610002);
  const aboard = boxNumber('CMA', 610003);

  beforeAll(async () => {
    port = await buildPort(target);
    const op = port.as('portOperator').containers;
    const y01 = port.blocks.y01;
    await op.recordEvent({
      containerNumber: long,
      isoSizeType: '22G1',
      eventType: 'GTIN',
      emptyIndicator: 'LADEN',
      eventAt: hoursAgo(30),
      terminalId: port.terminals.ysp4,
      slot: { yardBlockId: y01, bay: 2, row: 1, tier: 1 },
    });
    await op.recordEvent({ containerNumber: long, eventType: 'PICK', eventAt: hoursAgo(10) });
    await op.recordEvent({
      containerNumber: long,
      eventType: 'DROP',
      eventAt: hoursAgo(9),
      slot: { yardBlockId: y01, bay: 4, row: 2, tier: 1 },
    });
    await op.recordEvent({
      containerNumber: short,
      isoSizeType: '45G1',
      eventType: 'DISC',
      emptyIndicator: 'EMPTY',
      eventAt: hoursAgo(2),
      vesselVisitId: port.visits.wgq1,
      slot: { yardBlockId: port.blocks.w01, bay: 1, row: 1, tier: 1 },
    });
    await op.recordEvent({
      containerNumber: aboard,
      isoSizeType: '42G1',
      eventType: 'GTIN',
      emptyIndicator: 'LADEN',
      eventAt: hoursAgo(20),
      terminalId: port.terminals.ysp4,
    });
    await op.recordEvent({
      containerNumber: aboard,
      eventType: 'LOAD',
      eventAt: hoursAgo(19),
      vesselVisitId: port.visits.ysp4,
    });
  });
  afterAll(() => port.db.drop());

  it.each(ALL_USERS)('%s reads a container with its current place and events', async (user) => {
    const view = await port.as(user).containers.get({ number: long.toLowerCase() });
    if (port.users[user].organization.kind !== 'PORT_AUTHORITY') {
      // Not a container the company handles: where it is, no slot, no events.
      expect(statusOnly(view).status).toMatchObject({ place: 'TERMINAL', terminalCode: 'YSP4' });
      return;
    }
    const container = fullView(view);
    expect(container.state).toMatchObject({
      place: 'TERMINAL',
      terminalCode: 'YSP4',
      yardBlockCode: 'Y01',
      bay: 4,
      row: 2,
      tier: 1,
      arrivedAt: expect.any(String),
    });
    // Dwell counts from the gate-in, not from the last yard move.
    expect(container.state.dwellHours).toBeCloseTo(30, 0);
    expect(container.events.map((event) => event.eventType)).toEqual(['GTIN', 'PICK', 'DROP']);
  });

  it.each(ALL_USERS)('%s may record events only as port ADMIN or PORT_OPERATOR', async (user) => {
    const number = boxNumber('TGH', 620000 + ALL_USERS.indexOf(user));
    const call = port.as(user).containers.recordEvent({
      containerNumber: number,
      isoSizeType: '22G1',
      eventType: 'GTIN',
      emptyIndicator: 'EMPTY',
      eventAt: hoursAgo(1),
      zoneId: port.zones.depot,
    });
    if (WRITERS.includes(user)) {
      expect((await call).state).toMatchObject({ place: 'FACILITY', containerNumber: number });
    } else {
      const error = await expectTrpcError(call, 'FORBIDDEN');
      expect(error.message).toContain('only ADMIN and PORT_OPERATOR staff');
    }
  });

  it('terminal operator staff record at their own terminal only; anonymous is UNAUTHORIZED', async () => {
    const number = boxNumber('OOL', 630001);
    const input = {
      containerNumber: number,
      isoSizeType: '22G1',
      eventType: 'GTIN',
      emptyIndicator: 'LADEN',
      eventAt: hoursAgo(1),
    } as const;
    const forbidden = await expectTrpcError(
      port
        .asTerminal('PORT_OPERATOR')
        .containers.recordEvent({ ...input, terminalId: port.terminals.wgq1 }),
      'FORBIDDEN',
    );
    expect(forbidden.message).toContain('only at the terminals your organization operates');
    await expectTrpcError(
      port
        .asTerminal('VIEWER')
        .containers.recordEvent({ ...input, terminalId: port.terminals.ysp4 }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      port.as(null).containers.recordEvent({ ...input, terminalId: port.terminals.ysp4 }),
      'UNAUTHORIZED',
    );
    const ok = await port
      .asTerminal('ADMIN')
      .containers.recordEvent({ ...input, terminalId: port.terminals.ysp4 });
    expect(ok.state).toMatchObject({ place: 'TERMINAL', terminalCode: 'YSP4' });
    expect(ok.event.recordedById).not.toBeNull();
    // Nothing was written by the refused calls: the container holds exactly one event.
    expect(fullView(await port.as('portViewer').containers.get({ number })).events).toHaveLength(1);
  });

  it('validates input at the edge with field errors', async () => {
    const op = port.as('portOperator').containers;
    const base = {
      eventType: 'GTIN',
      emptyIndicator: 'LADEN',
      eventAt: hoursAgo(1),
      terminalId: port.terminals.ysp4,
    } as const;
    expect(
      await expectFieldError(
        op.recordEvent({ ...base, containerNumber: 'CSQU3054384' }),
        'containerNumber',
      ),
    ).toEqual(['check digit of CSQU305438 is 3, not 4']);
    const sizeErrors = await expectFieldError(
      op.recordEvent({ ...base, containerNumber: boxNumber('CSQ', 640001), isoSizeType: '12G1' }),
      'isoSizeType',
    );
    expect(sizeErrors[0]).toContain('20, 40 and 45 ft');
    await expectFieldError(
      op.recordEvent({
        ...base,
        containerNumber: boxNumber('CSQ', 640001),
        eventType: 'FLY' as 'GTIN',
      }),
      'eventType',
    );
    await expectFieldError(
      op.recordEvent({ ...base, containerNumber: boxNumber('CSQ', 640001), eventAt: 'yesterday' }),
      'eventAt',
    );
    await expectFieldError(
      op.recordEvent({
        ...base,
        containerNumber: boxNumber('CSQ', 640001),
        slot: { yardBlockId: port.blocks.y01, bay: 0, row: 1, tier: 1 },
      }),
      'slot.bay',
    );
  });

  it('searches by number prefix, vessel visit, yard block, terminal and place, page by page', async () => {
    const search = port.as('portViewer').containers.search;
    const byPrefix = await search({ numberPrefix: 'msc u 61' });
    expect(byPrefix.items.map((item) => item.number)).toEqual([long, short]);
    expect(
      (await search({ vesselVisitId: port.visits.ysp4 })).items.map((item) => item.number),
    ).toEqual([aboard]);
    expect(
      (await search({ yardBlockId: port.blocks.y01 })).items.map((item) => item.number),
    ).toEqual([long]);
    expect(
      (await search({ terminalId: port.terminals.wgq1 })).items.map((item) => item.number),
    ).toEqual([short]);
    const onVessels = await search({ place: 'VESSEL' });
    expect(onVessels.items.map((item) => [item.number, item.state.vesselVisitId])).toEqual([
      [aboard, port.visits.ysp4],
    ]);
    const short2 = (await search({ numberPrefix: short })).items[0];
    expect(short2?.state).toMatchObject({
      place: 'TERMINAL',
      emptyIndicator: 'EMPTY',
      dwellHours: expect.closeTo(2, 0),
    });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.number));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining([long, short, aboard]));
    expect(new Set(seen).size).toBe(seen.length);
    await expectFieldError(search({ numberPrefix: '12AB' }), 'numberPrefix');
    await expectTrpcError(port.as(null).containers.search({}), 'UNAUTHORIZED');
  });

  it('lists containers over a dwell threshold, longest first', async () => {
    const overDwell = port.as('portOperator').containers.overDwell;
    const over24 = await overDwell({ hours: 24 });
    expect(over24.map((item) => item.number)).toEqual([long]);
    expect(over24[0]?.state.dwellHours).toBeGreaterThan(24);
    const over1 = await overDwell({ hours: 1, terminalId: port.terminals.wgq1 });
    expect(over1.map((item) => item.number)).toEqual([short]);
    expect(await overDwell({ hours: 100 })).toEqual([]);
    await expectFieldError(overDwell({ hours: -1 }), 'hours');
  });
});
