import { testDbTargets } from '@harbor/db/testing';
import { type DcsaEvent, DcsaEventsResponse } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDcsaFeedPort, type DcsaFeedPort, minute } from '../../../test/worlds/dcsa-feed.ts';
import { transportEventId } from './transport-events.ts';

const label = (event: DcsaEvent) =>
  event.eventType === 'TRANSPORT'
    ? `${event.transportEventTypeCode}:${event.eventClassifierCode}`
    : event.equipmentEventTypeCode;

describe.each(testDbTargets())('DCSA transport events on %s', (target) => {
  let port: DcsaFeedPort;

  beforeAll(async () => {
    port = await buildDcsaFeedPort(target);
  });
  afterAll(async () => {
    await port.close();
    await port.db.drop();
  });

  const page = async (query: string, key = port.keys.port) => {
    const response = await fetch(`${port.base}/v2/events${query}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    return { events: DcsaEventsResponse.parse(await response.json()), headers: response.headers };
  };
  const labels = async (query: string, key = port.keys.port) =>
    (await page(query, key)).events.map(label);

  it("publishes each of a call's times as its DCSA event, in the port's local time", async () => {
    const { events } = await page(`?transportCallID=${port.calls.ysp4}`);
    const call = port.calls.ysp4;
    // Both kinds of the call: its transport events, and the equipment event of its vessel.
    expect(events.map(label).sort()).toEqual(
      ['LOAD', 'ARRI:PLN', 'ARRI:EST', 'ARRI:ACT', 'DEPA:PLN', 'DEPA:ACT'].sort(),
    );
    const arrival = events.find((event) => label(event) === 'ARRI:PLN');
    expect(arrival).toEqual({
      eventID: transportEventId(call, 'ARRI', 'PLN'),
      eventType: 'TRANSPORT',
      eventClassifierCode: 'PLN',
      eventCreatedDateTime: port.callChanged.ysp4.toISOString(),
      // eta: T0 + 30 h = 2026-11-21T06:00Z, 14:00 in Shanghai.
      eventDateTime: '2026-11-21T14:00:00.000+08:00',
      transportEventTypeCode: 'ARRI',
      transportCall: {
        transportCallID: call,
        carrierVoyageNumber: 'FE546W',
        exportVoyageNumber: 'FE546W',
        UNLocationCode: 'CNSHA',
        facilityCode: 'SIPGSD',
        facilityCodeListProvider: 'SMDG',
        facilityTypeCode: 'POTE',
        modeOfTransport: 'VESSEL',
        location: {
          locationName: 'Yangshan IV',
          UNLocationCode: 'CNSHA',
          facilityCode: 'SIPGSD',
          facilityCodeListProvider: 'SMDG',
        },
        vessel: { vesselIMONumber: '9776171', vesselName: 'MSC AURORA' },
      },
    });
    const times = Object.fromEntries(events.map((event) => [label(event), event.eventDateTime]));
    expect(times).toMatchObject({
      'ARRI:EST': '2026-11-21T15:00:00.000+08:00',
      'ARRI:ACT': '2026-11-21T16:00:00.000+08:00',
      'DEPA:PLN': '2026-11-22T10:00:00.000+08:00',
      'DEPA:ACT': '2026-11-22T11:00:00.000+08:00',
    });
  });

  it('keeps event ids across requests, and the ids differ by call, type and classifier', async () => {
    const first = (await page('?eventType=TRANSPORT')).events.map((event) => event.eventID);
    const again = (await page('?eventType=TRANSPORT')).events.map((event) => event.eventID);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    // Version 5 UUIDs (RFC 9562 §5.5).
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/);
  });

  it('sends no vessel without its curated IMO number, and no event of a cancelled call', async () => {
    const { events } = await page(`?transportCallID=${port.calls.noImo}`);
    expect(events.map(label)).toEqual(['ARRI:PLN']);
    const [arrival] = events;
    if (arrival?.eventType !== 'TRANSPORT') throw new Error('expected a transport event');
    expect(arrival.transportCall).not.toHaveProperty('vessel');
    expect(arrival.transportCall).not.toHaveProperty('carrierVoyageNumber');
    expect((await page(`?transportCallID=${port.calls.cancelled}`)).events).toEqual([]);
  });

  it('orders both kinds of event together and pages across them', async () => {
    const all = (await page('')).events;
    // Each created time with the events created then (within one, eventID orders them):
    // WGQ1's call changed at minute 3 with the DISC, YSP4's at 10, the call with no IMO at 20.
    const byTime = new Map<string, string[]>();
    for (const event of all) {
      const at = event.eventCreatedDateTime;
      byTime.set(at, [...(byTime.get(at) ?? []), label(event)]);
    }
    expect([...byTime].map(([at, events]) => [at, events.sort()])).toEqual([
      [minute(1).toISOString(), ['GTIN']],
      [minute(2).toISOString(), ['LOAD']],
      [minute(3).toISOString(), ['ARRI:PLN', 'DEPA:PLN', 'DISC']],
      [minute(4).toISOString(), ['STRP']],
      [minute(5).toISOString(), ['GTIN']],
      [minute(10).toISOString(), ['ARRI:ACT', 'ARRI:EST', 'ARRI:PLN', 'DEPA:ACT', 'DEPA:PLN']],
      [minute(20).toISOString(), ['ARRI:PLN']],
    ]);
    for (let i = 1; i < all.length; i++) {
      const [before, after] = [all[i - 1], all[i]];
      if (!before || !after) continue;
      expect(
        before.eventCreatedDateTime < after.eventCreatedDateTime ||
          (before.eventCreatedDateTime === after.eventCreatedDateTime &&
            before.eventID < after.eventID),
      ).toBe(true);
    }
    for (const limit of [1, 2, 3, 7]) {
      const seen: string[] = [];
      let query = `?limit=${limit}`;
      for (;;) {
        const next = await page(query);
        expect(next.events.length).toBeLessThanOrEqual(limit);
        seen.push(...next.events.map((event) => event.eventID));
        const link = next.headers.get('next-page');
        if (!link) break;
        query = link.slice('/v2/events'.length);
      }
      expect(seen).toEqual(all.map((event) => event.eventID));
    }
    const newestFirst = (await page('?sort=eventCreatedDateTime:DESC')).events;
    expect(newestFirst.map((event) => event.eventID)).toEqual(
      all.map((event) => event.eventID).reverse(),
    );
  });

  it('filters both kinds of event together', async () => {
    expect((await labels('?eventType=TRANSPORT&transportEventTypeCode=DEPA')).sort()).toEqual([
      'DEPA:ACT',
      'DEPA:PLN',
      'DEPA:PLN',
    ]);
    expect(await labels('?eventType=EQUIPMENT&transportEventTypeCode=DEPA')).toEqual([]);
    // A type's own filter leaves the other type out (EVENT_DOMAIN: "only relevant when ...").
    expect(await labels('?equipmentEventTypeCode=GTIN')).toEqual(['GTIN', 'GTIN']);
    expect(await labels('?transportEventTypeCode=ARRI&equipmentEventTypeCode=GTIN')).toEqual([]);
    expect(await labels(`?equipmentReference=${port.boxes.x}`)).toEqual(['GTIN', 'LOAD']);
    // The vessel, by its curated IMO: MSC AURORA's two calls and the LOAD and DISC of its visits.
    const aurora = await labels('?vesselIMONumber=9776171');
    expect(aurora.filter((event) => event.includes(':'))).toHaveLength(7);
    expect(aurora.filter((event) => !event.includes(':')).sort()).toEqual(['DISC', 'LOAD']);
    expect(await labels('?vesselIMONumber=1234567')).toEqual([]);
    const voyage = await labels('?exportVoyageNumber=FE547W');
    expect(voyage.sort()).toEqual(['ARRI:PLN', 'DEPA:PLN', 'DISC']);
    expect(await labels('?carrierVoyageNumber=FE547W')).toEqual(
      await labels('?exportVoyageNumber=FE547W'),
    );
    expect(await labels('?carrierVoyageNumber=FE547W&exportVoyageNumber=FE546W')).toEqual([]);
    // Every event of the world is at Shanghai (the STRP at WGQ1, where the box was discharged).
    expect(await labels('?UNLocationCode=CNSHA')).toEqual(await labels(''));
    expect(await labels('?UNLocationCode=NLRTM')).toEqual([]);
    const created = `?eventCreatedDateTime:gte=${encodeURIComponent('2026-11-20T08:05:00+08:00')}&eventCreatedDateTime:lt=${minute(20).toISOString()}`;
    expect((await labels(created)).sort()).toEqual(
      ['GTIN', 'ARRI:ACT', 'ARRI:EST', 'ARRI:PLN', 'DEPA:ACT', 'DEPA:PLN'].sort(),
    );
  });

  it("shows every key the port's schedule, as the app shows vessel visits to every user", async () => {
    // LGFT handles no container in this world: no equipment event, every transport event.
    const theirs = await labels('', port.keys.lgft);
    const ours = (await labels('?eventType=TRANSPORT')).sort();
    expect(theirs.sort()).toEqual(ours);
    expect(theirs).toHaveLength(8);
  });
});
