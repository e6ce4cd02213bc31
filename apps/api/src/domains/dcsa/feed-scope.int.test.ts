import { testDbTargets } from '@harbor/db/testing';
import { DcsaEquipmentEventsResponse } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../../test/serve.ts';
import { testApp } from '../../../test/services.ts';
import { buildSharingPort, type SharingPort } from '../../../test/worlds/container-sharing.ts';

describe.each(testDbTargets())('DCSA feed scoped per API key on %s', (target) => {
  let port: SharingPort;
  let base: string;
  let close: () => Promise<void>;
  const keys: Record<'port' | 'dhcl' | 'lgft' | 'terminal', string> = {
    port: '',
    dhcl: '',
    lgft: '',
    terminal: '',
  };

  beforeAll(async () => {
    port = await buildSharingPort(target);
    const name = 'feed';
    keys.port = (await port.as('portAdmin').apiKeys.create({ name })).key;
    keys.dhcl = (await port.as('dhclAdmin').apiKeys.create({ name })).key;
    // LGFT has no ADMIN in the test world: the port's admin issues its key.
    const lgft = port.organizations.lgft.id;
    keys.lgft = (await port.as('portAdmin').apiKeys.create({ name, organizationId: lgft })).key;
    keys.terminal = (await port.asTerminal('ADMIN').apiKeys.create({ name })).key;
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

  /** Every page of the feed for a key: [container, event type] in feed order. */
  const feed = async (key: string, query = '') => {
    const seen: [string, string][] = [];
    let url = `${base}/v2/events?limit=2${query}`;
    for (;;) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
      const page = DcsaEquipmentEventsResponse.parse(await response.json());
      for (const event of page) seen.push([event.equipmentReference, event.equipmentEventTypeCode]);
      const next = response.headers.get('next-page');
      if (!next) return seen;
      url = `${base}${next}`;
    }
  };
  const boxes = (events: [string, string][]) => [...new Set(events.map(([box]) => box))].sort();

  it('serves each organization the events of the containers it handles; the port all', async () => {
    const { dhclJob, dhclGate, dhclOut, shared, stray } = port.box;
    expect(await feed(keys.port)).toEqual([
      [dhclJob, 'DISC'],
      [dhclGate, 'GTIN'],
      [dhclOut, 'GTIN'],
      [dhclOut, 'GTOT'],
      [shared, 'GTIN'],
      [stray, 'DISC'],
    ]);
    expect(await feed(keys.dhcl)).toEqual([
      [dhclJob, 'DISC'],
      [dhclGate, 'GTIN'],
      [dhclOut, 'GTIN'],
      [dhclOut, 'GTOT'],
      [shared, 'GTIN'],
    ]);
    expect(await feed(keys.lgft)).toEqual([[shared, 'GTIN']]);
    expect(boxes(await feed(keys.terminal))).toEqual([dhclGate, dhclOut].sort());
    expect(await feed(keys.lgft, `&equipmentReference=${stray}`)).toEqual([]);
  });

  it('a DCSA_FEED grant widens a key to the whole feed; ALL_CONTAINERS alone does not', async () => {
    const admin = port.as('portAdmin').containerGrants;
    const organizationId = port.organizations.lgft.id;
    await admin.grant({ organizationId, scope: 'ALL_CONTAINERS' });
    expect(boxes(await feed(keys.lgft))).toEqual([port.box.shared]);
    await admin.grant({ organizationId, scope: 'DCSA_FEED', reason: 'port community system' });
    expect(boxes(await feed(keys.lgft))).toEqual(Object.values(port.box).sort());
    await admin.revoke({ organizationId, scope: 'DCSA_FEED' });
    expect(boxes(await feed(keys.lgft))).toEqual([port.box.shared]);
    await admin.revoke({ organizationId, scope: 'ALL_CONTAINERS' });
  });
});
