import { testDbTargets } from '@harbor/db/testing';
import { ContainerPlaceSchema, DcsaEquipmentEventsResponse } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTrpcError } from '../fixtures.ts';
import { serve } from '../serve.ts';
import { testApp } from '../services.ts';
import { buildSharingPort, type SharingPort } from '../worlds/container-sharing.ts';

/**
 * LGFT, a trucking company, tries to learn about the containers its competitor DHCL
 * handles (test/worlds/container-sharing.ts): through every list, search, grid and dashboard of the app, by
 * guessing numbers, through its API key's DCSA feed and with cursors it did not earn.
 */
describe.each(testDbTargets())('a competitor browsing containers on %s', (target) => {
  let port: SharingPort;
  let base: string;
  let close: () => Promise<void>;
  let lgftKey: string;
  let portKey: string;
  /** DHCL's boxes LGFT has no business with; `shared` it moved itself, `stray` is nobody's. */
  let foreign: string[];

  beforeAll(async () => {
    port = await buildSharingPort(target);
    const admin = port.as('portAdmin').apiKeys;
    const organizationId = port.organizations.lgft.id;
    lgftKey = (await admin.create({ name: 'LGFT TMS', organizationId })).key;
    portKey = (await admin.create({ name: 'port community system' })).key;
    foreign = [port.box.dhclJob, port.box.dhclGate, port.box.dhclOut, port.box.stray];
    const { app } = testApp({
      db: port.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
    });
    ({ base, close } = await serve(app));
  });
  afterAll(async () => {
    await close?.();
    await port.db.drop();
  });

  it('finds none of the competitor’s containers through any list, filter, grid or dashboard', async () => {
    const lgft = port.as('lgftDispatcher');
    const seen = new Set<string>();
    const terminals = await lgft.port.terminals();
    const blocks = (
      await Promise.all(terminals.map((t) => lgft.yard.blocks({ terminalId: t.id })))
    ).flat();
    const visits = (await lgft.visits.list({ limit: 100 })).items;
    const filters: object[] = [
      {},
      ...['M', 'MS', 'MSC', 'MSCU', 'MSCU71', 'O', 'OOLU', 'C', 'CSQU'].map((numberPrefix) => ({
        numberPrefix,
      })),
      ...foreign.map((number) => ({ numberPrefix: number })),
      ...terminals.map((terminal) => ({ terminalId: terminal.id })),
      ...blocks.map((block) => ({ yardBlockId: block.id })),
      ...visits.map((visit) => ({ vesselVisitId: visit.id })),
      ...ContainerPlaceSchema.options.map((place) => ({ place })),
    ];
    for (const filter of filters) {
      // One item a page, to the end: paging never reaches past what the company may see.
      let cursor: string | undefined;
      do {
        const page = await lgft.containers.search({ ...filter, limit: 1, cursor });
        for (const item of page.items) seen.add(item.number);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    for (const item of await lgft.containers.overDwell({ hours: 0, limit: 500 }))
      seen.add(item.number);
    for (const item of (await lgft.dashboards.dwell({ limitHours: 0.01, top: 100 })).top)
      seen.add(item.containerNumber);
    for (const block of blocks)
      for (const slot of (await lgft.yard.block({ yardBlockId: block.id })).slots)
        if (slot.containerNumber) seen.add(slot.containerNumber);
    expect([...seen]).toEqual([port.box.shared]);
  });

  it('pages from a competitor’s container id exactly as from a made-up one', async () => {
    const lgft = port.as('lgftDispatcher');
    const ids = await port.db.prisma.container.findMany({
      where: { number: { in: foreign } },
      select: { id: true },
    });
    const madeUp = await lgft.containers.search({ cursor: crypto.randomUUID(), limit: 50 });
    expect(madeUp).toEqual({ items: [], nextCursor: null });
    for (const { id } of ids)
      expect(await lgft.containers.search({ cursor: id, limit: 50 })).toEqual(madeUp);
  });

  it('gets a competitor’s container by its exact number as a status, never its history, trucks or jobs', async () => {
    const lgft = port.as('lgftViewer');
    for (const number of foreign) {
      for (const typed of [
        number,
        number.toLowerCase(),
        `${number.slice(0, 4)} ${number.slice(4)}`,
      ]) {
        const view = await lgft.containers.get({ number: typed });
        expect(view.access).toBe('STATUS');
        const text = JSON.stringify(view);
        for (const secret of [
          '"events"',
          port.trucks.dhcl,
          port.jobs.dhclJob,
          port.jobs.dhclShared,
          port.users.portOperator.id,
          port.blocks.w01,
          port.blocks.y01,
        ])
          expect(text, `${typed} leaks ${secret}`).not.toContain(secret);
      }
    }
  });

  it('cannot grant itself (or anyone) wider access', async () => {
    const organizationId = port.organizations.lgft.id;
    for (const caller of [
      port.as('lgftDispatcher'),
      port.as('dhclAdmin'),
      port.as('portOperator'),
      port.asTerminal('ADMIN'),
    ])
      for (const scope of ['ALL_CONTAINERS', 'DCSA_FEED'] as const)
        await expectTrpcError(caller.containerGrants.grant({ organizationId, scope }), 'FORBIDDEN');
    const found = await port.as('lgftDispatcher').containers.search({ limit: 100 });
    expect(found.items.map((item) => item.number)).toEqual([port.box.shared]);
  });

  const page = async (key: string, query: string) => {
    const response = await fetch(`${base}/v2/events${query}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    return {
      // The world's port calls have no times, so the feed holds equipment events only.
      references: DcsaEquipmentEventsResponse.parse(await response.json()).map(
        (event) => event.equipmentReference,
      ),
      // DCSA's Next-Page header is a link; its `cursor` is the next page's.
      cursor: new URL(response.headers.get('next-page') ?? '/', base).searchParams.get('cursor'),
    };
  };

  it('its API key reads only its own containers’ events from the DCSA feed', async () => {
    expect((await page(lgftKey, '?limit=1000')).references).toEqual([port.box.shared]);
    for (const number of foreign) {
      const asked = await page(lgftKey, `?equipmentReference=${number}`);
      expect(asked.references).toEqual([]);
    }
    const byType = await page(
      lgftKey,
      '?equipmentEventTypeCode=DISC,GTIN,GTOT&eventType=EQUIPMENT',
    );
    expect(byType.references).toEqual([port.box.shared]);
  });

  it('a cursor from the port’s feed does not carry the port’s view to its key', async () => {
    const first = await page(portKey, '?limit=1');
    expect(first.references).toEqual([port.box.dhclJob]);
    expect(first.cursor).not.toBeNull();
    const replayed = await page(lgftKey, `?limit=1000&cursor=${first.cursor}`);
    expect(replayed.references).toEqual([port.box.shared]);
  });

  it('a revoked DCSA grant closes the feed again, even mid-way through a cursor', async () => {
    const admin = port.as('portAdmin').containerGrants;
    const grant = { organizationId: port.organizations.lgft.id, scope: 'DCSA_FEED' } as const;
    await admin.grant(grant);
    const first = await page(lgftKey, '?limit=1');
    expect(first.references).toEqual([port.box.dhclJob]);
    await admin.revoke(grant);
    const rest = await page(lgftKey, `?limit=1000&cursor=${first.cursor}`);
    expect(rest.references).toEqual([port.box.shared]);
  });
});
