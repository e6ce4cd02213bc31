import { testDbTargets } from '@harbor/db/testing';
import { DcsaEquipmentEventsResponse, DcsaError } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../../test/serve.ts';
import { testApp } from '../../../test/services.ts';
import { boxNumber, buildPort, type TestPort } from '../../../test/worlds/container-port.ts';
import { recordThreeBoxes } from '../../../test/worlds/dcsa-feed.ts';
import { createApiKey } from '../auth/api-keys.ts';

const T0 = Date.parse('2026-11-20T00:00:00.000Z');
const minute = (i: number) => new Date(T0 + i * 60_000).toISOString();
/** The same instant in Shanghai's local time, as DCSA's eventDateTime gives it. */
const shanghai = (i: number) =>
  `${new Date(T0 + i * 60_000 + 8 * 3_600_000).toISOString().slice(0, -1)}+08:00`;

describe.each(testDbTargets())('DCSA GET /v2/events on %s', (target) => {
  let port: TestPort;
  let base: string;
  let close: () => Promise<void>;
  let key: string;
  const x = boxNumber('MSC', 900001);
  const y = boxNumber('CSQ', 900002);
  const z = boxNumber('TGH', 900003);

  beforeAll(async () => {
    port = await buildPort(target);
    // Recorded with a fixed clock: event i is created at T0 + i + 1 minutes, happened a minute before.
    await recordThreeBoxes(port);
    // The port authority's key: every container's events (other organizations' keys see
    // the containers they handle: sharing.int.test.ts).
    key = (await createApiKey(port, port.users.portAdmin, { name: 'SHPA feed' })).key;
    const { app } = testApp({
      db: port.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
    });
    ({ base, close } = await serve(app));
  });
  afterAll(async () => {
    await close();
    await port.db.drop();
  });

  const get = (
    query: string,
    headers: Record<string, string> = { authorization: `Bearer ${key}` },
  ) => fetch(`${base}/v2/events${query}`, { headers });
  const events = async (query: string) => {
    const response = await get(query);
    expect(response.status).toBe(200);
    return {
      body: DcsaEquipmentEventsResponse.parse(await response.json()),
      headers: response.headers,
    };
  };

  it('refuses a request without a valid API key with 401 and a DCSA error body', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-api-key': 'hbk_not-a-key' },
      { authorization: 'Bearer nope' },
    ];
    for (const headers of attempts) {
      const response = await get('', headers);
      expect(response.status).toBe(401);
      const error = DcsaError.parse(await response.json());
      expect(error).toMatchObject({
        httpMethod: 'GET',
        requestUri: '/v2/events',
        statusCode: 401,
        statusCodeText: 'Unauthorized',
      });
    }
    expect((await get('', { 'x-api-key': key })).status).toBe(200);
  });

  it('serves equipment events in DCSA shape, oldest created first', async () => {
    const { body, headers } = await events('');
    expect(headers.get('api-version')).toBe('2.2.0');
    expect(headers.get('current-page')).toBe('/v2/events');
    expect(headers.get('next-page')).toBeNull();
    expect(
      body.map((event) => [
        event.equipmentReference,
        event.equipmentEventTypeCode,
        event.eventCreatedDateTime,
      ]),
    ).toEqual([
      [x, 'GTIN', minute(1)],
      [x, 'LOAD', minute(2)],
      [y, 'DISC', minute(3)],
      [y, 'STRP', minute(4)],
      [z, 'GTIN', minute(5)],
    ]);
    expect(body[0]).toMatchObject({
      eventType: 'EQUIPMENT',
      eventClassifierCode: 'ACT',
      eventDateTime: shanghai(0),
      ISOEquipmentCode: '42G1',
      emptyIndicatorCode: 'LADEN',
      // YSP4 is Yangshan phase IV, SMDG's SIPGSD; Harbor's own code is no code list's.
      eventLocation: {
        locationName: 'Yangshan IV',
        UNLocationCode: 'CNSHA',
        facilityCode: 'SIPGSD',
        facilityCodeListProvider: 'SMDG',
      },
    });
    expect(body[0]?.eventDateTime).toBe('2026-11-20T08:00:00.000+08:00');
    expect(body[0]?.transportCall).toBeUndefined();
    expect(body[1]?.transportCall).toEqual({
      transportCallID: port.visits.ysp4,
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
    });
    // WGQ1 has no SMDG code in the world: named, on the UN/LOCODE only.
    expect(body[2]?.transportCall).toMatchObject({
      otherFacility: 'Waigaoqiao I',
      location: { locationName: 'Waigaoqiao I', UNLocationCode: 'CNSHA' },
    });
    expect(body[2]?.transportCall).not.toHaveProperty('facilityCode');
    expect(body[3]).toMatchObject({
      emptyIndicatorCode: 'EMPTY',
      eventLocation: { locationName: 'Waigaoqiao I', UNLocationCode: 'CNSHA' },
    });
    expect(body[3]?.eventLocation).not.toHaveProperty('facilityCode');
    // A depot: named, on the port's UN/LOCODE; its code is no SMDG terminal code.
    expect(body[4]?.eventLocation).toEqual({ locationName: 'LCG-DEPOT', UNLocationCode: 'CNSHA' });
  });

  it('filters by equipmentReference, equipmentEventTypeCode, eventType and eventCreatedDateTime ranges', async () => {
    const refs = async (query: string) =>
      (await events(query)).body.map(
        (event) => `${event.equipmentReference.slice(0, 3)}:${event.equipmentEventTypeCode}`,
      );
    expect(await refs(`?equipmentReference=${y}`)).toEqual(['CSQ:DISC', 'CSQ:STRP']);
    expect(await refs('?equipmentEventTypeCode=GTIN,DISC')).toEqual([
      'MSC:GTIN',
      'CSQ:DISC',
      'TGH:GTIN',
    ]);
    expect(await refs(`?equipmentEventTypeCode=GTIN&equipmentReference=${z}`)).toEqual([
      'TGH:GTIN',
    ]);
    expect(
      await refs(`?eventCreatedDateTime:gte=${minute(2)}&eventCreatedDateTime:lt=${minute(4)}`),
    ).toEqual(['MSC:LOAD', 'CSQ:DISC']);
    expect(
      await refs(`?eventCreatedDateTime:gt=${minute(2)}&eventCreatedDateTime:lte=${minute(4)}`),
    ).toEqual(['CSQ:DISC', 'CSQ:STRP']);
    expect(await refs(`?eventCreatedDateTime:eq=${minute(5)}`)).toEqual(['TGH:GTIN']);
    expect(
      await refs(`?eventCreatedDateTime=${encodeURIComponent('2026-11-20T08:01:00+08:00')}`),
    ).toEqual(['MSC:GTIN']);
    expect(await refs('?eventType=SHIPMENT')).toEqual([]);
    expect(await refs('?eventType=SHIPMENT,EQUIPMENT')).toHaveLength(5);
  });

  /** The `cursor` of a page's Next-Page link (DCSA_DOMAIN's paging header), or null. */
  const nextCursor = (headers: Headers) => {
    const link = headers.get('next-page');
    return link ? new URL(link, base).searchParams.get('cursor') : null;
  };

  it('pages with limit and the Next-Page link, whose cursor carries the filters', async () => {
    const first = await events('?limit=2&equipmentEventTypeCode=GTIN,DISC,LOAD');
    expect(first.body.map((event) => event.equipmentEventTypeCode)).toEqual(['GTIN', 'LOAD']);
    const cursor = nextCursor(first.headers);
    expect(cursor).toBeTruthy();
    expect(first.headers.get('next-page')).toBe(`/v2/events?cursor=${cursor}&limit=2`);
    expect(first.headers.get('first-page')).toBeNull();
    const second = await events(`?cursor=${cursor}&limit=2`);
    expect(
      second.body.map((event) => [event.equipmentReference, event.equipmentEventTypeCode]),
    ).toEqual([
      [y, 'DISC'],
      [z, 'GTIN'],
    ]);
    expect(second.headers.get('current-page')).toBe(`/v2/events?cursor=${cursor}&limit=2`);
    // The filtered events ran out exactly at this page: no next page.
    expect(second.headers.get('next-page')).toBeNull();
    // The first page again, by its link: the same filters from the start.
    const firstLink = String(second.headers.get('first-page'));
    expect(firstLink).toMatch(/^\/v2\/events\?cursor=/);
    const again = await events(firstLink.slice('/v2/events'.length));
    expect(again.body.map((event) => event.eventID)).toEqual(first.body.map((e) => e.eventID));
    const byOne = await events('?limit=4');
    const rest = await events(`?cursor=${nextCursor(byOne.headers)}&limit=4`);
    expect(rest.body.map((event) => event.equipmentReference)).toEqual([z]);
    expect(rest.headers.get('next-page')).toBeNull();
  });

  it('sorts by eventCreatedDateTime either way, and pages the same way back', async () => {
    const newest = await events('?sort=eventCreatedDateTime:DESC&limit=3');
    expect(newest.body.map((event) => event.eventCreatedDateTime)).toEqual([
      minute(5),
      minute(4),
      minute(3),
    ]);
    const older = await events(`?cursor=${nextCursor(newest.headers)}&limit=3`);
    expect(older.body.map((event) => event.eventCreatedDateTime)).toEqual([minute(2), minute(1)]);
    // A field none of Harbor's events carries sorts nothing.
    const unsorted = await events('?sort=carrierBookingReference:DESC');
    expect(unsorted.body.map((event) => event.eventCreatedDateTime)).toEqual(
      [1, 2, 3, 4, 5].map(minute),
    );
  });

  it('gives a limit past the page size a full page and the rest on the next', async () => {
    const page = await events('?limit=5000');
    expect(page.body).toHaveLength(5);
    expect(page.headers.get('next-page')).toBeNull();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit is a whole number'],
    ['limit=2147483648', 'limit'],
    ['eventCreatedDateTime:gte=yesterday', 'eventCreatedDateTime:gte'],
    ['equipmentEventTypeCode=GTIN,FLY', 'equipmentEventTypeCode.1'],
    ['eventType=CARGO', 'eventType.0'],
    ['transportDocumentID=not-a-uuid', 'transportDocumentID'],
    ['vesselIMONumber=12345678', 'vesselIMONumber'],
    ['carrierBookingRef=ABC123', 'carrierBookingRef'],
    ['limit=1&limit=2', 'limit'],
    ['cursor=not-a-cursor', 'cursor is not one this server gave out'],
    ['sort=eventDateTime:DESC', 'eventCreatedDateTime only, not eventDateTime'],
    ['sort=eventCreatedDateTime:UP', 'is not field, field:ASC or field:DESC'],
  ])('answers 400 with a DCSA error body for %s', async (query, message) => {
    const response = await get(`?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('api-version')).toBe('2.2.0');
    const error = DcsaError.parse(await response.json());
    expect(error.statusCodeText).toBe('Bad Request');
    expect(error.errors.map((sub) => sub.message).join('; ')).toContain(message);
  });

  it.each([
    'shipmentEventTypeCode=DRFT',
    'documentTypeCode=BKG',
    'carrierBookingReference=ABC709951',
    'bookingReference=ABC709951',
    `transportDocumentID=${'9679a405-3316-42a5-8533-aba000f5689c'}`,
    'transportDocumentReference=TD1',
    'scheduleID=9679a405-3316-42a5-8533-aba000f5689c',
    'carrierServiceCode=FE1',
  ])('answers an empty page for %s: Harbor holds no such data', async (query) => {
    expect((await events(`?${query}`)).body).toEqual([]);
  });

  it('serves an OpenAPI 3.1 document generated from the same contracts', async () => {
    const response = await fetch(`${base}/v2/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        { get: { parameters: { name: string }[]; responses: Record<string, unknown> } }
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    const operation = document.paths['/v2/events']?.get;
    expect(operation?.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining([
        'equipmentReference',
        'eventType',
        'equipmentEventTypeCode',
        'transportEventTypeCode',
        'eventCreatedDateTime',
        'limit',
        'cursor',
        'sort',
      ]),
    );
    expect(Object.keys(operation?.responses ?? {})).toEqual(['200', '400', '401', '429', '500']);
    // Every $ref points at a component the document defines.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas).toHaveProperty(String(ref).split('/').at(-1) ?? '');
    }
    expect(document.components.schemas).toHaveProperty('equipmentEvent');
    expect(document.components.schemas).toHaveProperty('transportEvent');
  });
});
