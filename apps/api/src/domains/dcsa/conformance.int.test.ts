import { testDbTargets } from '@harbor/db/testing';
import { DcsaEventsResponse } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentErrors,
  eventsValidator,
  type Parameter,
  publishedSpec,
  type SpecDocument,
} from '../../../test/dcsa-spec.ts';
import { buildDcsaFeedPort, type DcsaFeedPort, minute } from '../../../test/worlds/dcsa-feed.ts';

/**
 * Harbor's DCSA face against DCSA's published Track & Trace 2.2.0 OpenAPI (vendored in
 * test/fixtures/dcsa-tnt-2.2): real answers of `GET /v2/events` for every event type Harbor
 * emits, every query parameter, the paging headers, the error bodies and `/v2/openapi.json`.
 * Each check lists the validator's complaints, so a failure names the deviation.
 */
const dcsa = publishedSpec();
type Dcsa = Awaited<ReturnType<typeof eventsValidator>>;

describe.each(testDbTargets())('DCSA T&T 2.2.0 conformance on %s', (target) => {
  let port: DcsaFeedPort;
  let spec: Dcsa;
  let harborDocument: SpecDocument;
  let harbor: Dcsa;

  beforeAll(async () => {
    port = await buildDcsaFeedPort(target);
    spec = await eventsValidator(dcsa, { closed: true });
    harborDocument = (await (await fetch(`${port.base}/v2/openapi.json`)).json()) as SpecDocument;
    harbor = await eventsValidator(harborDocument, { closed: false });
  });
  afterAll(async () => {
    await port.close();
    await port.db.drop();
  });

  const get = (pathAndQuery: string, key = port.keys.port) =>
    fetch(`${port.base}${pathAndQuery}`, { headers: { authorization: `Bearer ${key}` } });

  /** A request DCSA allows, Harbor's 200 answer, and that answer checked against both documents. */
  async function conformingPage(query: string) {
    expect(spec.requestErrors(query), `the test's own request ${query}`).toEqual([]);
    const response = await get(`/v2/events${query ? `?${query}` : ''}`);
    const body: unknown = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(spec.responseErrors(200, response.headers, body), `DCSA: ${query}`).toEqual([]);
    expect(harbor.responseErrors(200, response.headers, body), `Harbor: ${query}`).toEqual([]);
    return { events: DcsaEventsResponse.parse(body), headers: response.headers };
  }

  it('holds DCSA and Harbor documents to the OpenAPI specification itself', async () => {
    expect(dcsa.openapi).toBe('3.0.3');
    expect(await documentErrors(dcsa)).toEqual([]);
    expect(harborDocument.openapi).toBe('3.1.0');
    expect(await documentErrors(harborDocument)).toEqual([]);
  });

  it('answers with every kind of event Harbor emits, each as DCSA defines it', async () => {
    const { events } = await conformingPage('');
    // Not a vacuous pass: the page holds each shape the validation has to see.
    const transport = events.filter((event) => event.eventType === 'TRANSPORT');
    expect(
      transport.map((event) => `${event.transportEventTypeCode}:${event.eventClassifierCode}`),
    ).toEqual(expect.arrayContaining(['ARRI:PLN', 'ARRI:EST', 'ARRI:ACT', 'DEPA:PLN', 'DEPA:ACT']));
    expect(transport.some((event) => event.transportCall.vessel === undefined)).toBe(true);
    expect(transport.some((event) => event.transportCall.facilityCode === 'SIPGSD')).toBe(true);
    expect(transport.some((event) => event.transportCall.otherFacility === 'Waigaoqiao I')).toBe(
      true,
    );
    const equipment = events.filter((event) => event.eventType === 'EQUIPMENT');
    expect(equipment.map((event) => event.equipmentEventTypeCode).sort()).toEqual(
      ['DISC', 'GTIN', 'GTIN', 'LOAD', 'STRP'].sort(),
    );
    expect(equipment.some((event) => event.transportCall?.vessel?.vesselIMONumber)).toBe(true);
    expect(equipment.some((event) => event.eventLocation?.facilityCodeListProvider)).toBe(true);
    expect(equipment.some((event) => event.eventLocation?.locationName === 'LCG-DEPOT')).toBe(true);
  });

  it('has a validator that sees deviations: it is no vacuous pass', async () => {
    const response = await get('/v2/events?limit=1000');
    const body = (await response.json()) as Record<string, unknown>[];
    const arrival = body.find((event) => event.transportEventTypeCode === 'ARRI');
    const gateIn = body.find((event) => event.eventLocation !== undefined);
    if (!arrival || !gateIn) throw new Error('the world has an arrival and a located event');
    const deviations: [string, Record<string, unknown>][] = [
      ['an undeclared field', { ...gateIn, ISOEquipmentCodes: '42G1' }],
      [
        'an undeclared nested field',
        { ...gateIn, eventLocation: { UNLocationCode: 'CNSHA', facilityCodeProvider: 'SMDG' } },
      ],
      [
        'a code list DCSA does not name',
        {
          ...gateIn,
          eventLocation: {
            UNLocationCode: 'CNSHA',
            facilityCode: 'YSP4',
            facilityCodeListProvider: 'HARBOR',
          },
        },
      ],
      [
        'a facility code too long',
        {
          ...gateIn,
          eventLocation: {
            UNLocationCode: 'CNSHA',
            facilityCode: 'YANGSHAN4',
            facilityCodeListProvider: 'SMDG',
          },
        },
      ],
      [
        'a vessel without its IMO number',
        {
          ...arrival,
          transportCall: {
            transportCallID: 'x',
            modeOfTransport: 'VESSEL',
            vessel: { vesselName: 'MSC AURORA' },
          },
        },
      ],
      ['a transport event without its code', { ...arrival, transportEventTypeCode: undefined }],
      ['a time without a date', { ...arrival, eventDateTime: '08:00' }],
    ];
    for (const [what, event] of deviations) {
      expect(spec.responseErrors(200, response.headers, [event]), what).not.toEqual([]);
    }
    const noCurrentPage = new Headers(response.headers);
    noCurrentPage.delete('current-page');
    expect(spec.responseErrors(200, noCurrentPage, body)).not.toEqual([]);
  });

  it.each([
    'eventType=EQUIPMENT',
    'eventType=TRANSPORT',
    'eventType=SHIPMENT,TRANSPORT,EQUIPMENT',
    'eventType=SHIPMENT',
    'shipmentEventTypeCode=RECE,DRFT',
    'documentTypeCode=SHI,TRD',
    'carrierBookingReference=ABC709951',
    'bookingReference=ABC709951',
    'transportDocumentID=9679a405-3316-42a5-8533-aba000f5689c',
    'transportDocumentReference=TDREF1',
    'transportEventTypeCode=ARRI,DEPA',
    'transportEventTypeCode=DEPA',
    'scheduleID=9679a405-3316-42a5-8533-aba000f5689c',
    'transportCallID=CALL-ID',
    'vesselIMONumber=9776171',
    'carrierVoyageNumber=FE546W',
    'exportVoyageNumber=FE547W',
    'carrierServiceCode=FE1',
    'UNLocationCode=CNSHA',
    'UNLocationCode=FRPAR',
    'equipmentEventTypeCode=GTIN,GTOT',
    'equipmentReference=APZU4812090',
    `eventCreatedDateTime=${encodeURIComponent(minute(1).toISOString())}`,
    `eventCreatedDateTime:gte=${encodeURIComponent('2026-11-20T08:02:00+08:00')}`,
    `eventCreatedDateTime:gt=${encodeURIComponent(minute(2).toISOString())}&eventCreatedDateTime:lt=${encodeURIComponent(minute(20).toISOString())}`,
    `eventCreatedDateTime:lte=${encodeURIComponent(minute(4).toISOString())}`,
    `eventCreatedDateTime:eq=${encodeURIComponent(minute(5).toISOString())}`,
    'limit=1',
    'limit=100000',
    'sort=eventCreatedDateTime:DESC',
    'sort=carrierBookingReference:DESC',
  ])('accepts %s as DCSA declares it and answers as DCSA defines', async (query) => {
    await conformingPage(query.replace('CALL-ID', port.calls.ysp4));
  });

  it('accepts the API-Version request header DCSA declares', async () => {
    const headers = { 'API-Version': '2' };
    expect(spec.requestErrors('', headers)).toEqual([]);
    const response = await fetch(`${port.base}/v2/events`, {
      headers: { ...headers, authorization: `Bearer ${port.keys.port}` },
    });
    expect(response.status).toBe(200);
    expect(spec.responseErrors(200, response.headers, await response.json())).toEqual([]);
  });

  it('pages with the paging headers DCSA defines, every page conforming', async () => {
    const all = (await conformingPage('')).events.map((event) => event.eventID);
    const seen: string[] = [];
    let query = 'limit=2';
    for (let page = 0; page < 20; page++) {
      const { events, headers } = await conformingPage(query);
      seen.push(...events.map((event) => event.eventID));
      expect(headers.get('current-page')).toBe(`/v2/events?${query}`);
      if (page > 0) expect(headers.get('first-page')).toMatch(/^\/v2\/events\?cursor=/);
      const next = headers.get('next-page');
      if (!next) break;
      query = next.slice('/v2/events?'.length);
    }
    expect(seen).toEqual(all);
  });

  it.each([
    ['limit=0'],
    ['limit=ten'],
    ['eventType=CARGO'],
    ['equipmentEventTypeCode=GTIN,FLY'],
    ['transportEventTypeCode=BERTH'],
    ['eventCreatedDateTime:gte=yesterday'],
    ['transportDocumentID=not-a-uuid'],
    ['vesselIMONumber=97761710'],
    ['UNLocationCode=CNSHAX'],
    ['eventCreatedDateTime:since=2026-11-20T00:00:00Z'],
    ['bookingRef=ABC'],
  ])('refuses %s, which DCSA does not allow, with its error body', async (query) => {
    expect(spec.requestErrors(query)).not.toEqual([]);
    const response = await get(`/v2/events?${query}`);
    expect(response.status).toBe(400);
    const body: unknown = await response.json();
    expect(spec.responseErrors(400, response.headers, body)).toEqual([]);
    expect(harbor.responseErrors(400, response.headers, body)).toEqual([]);
  });

  it('refuses a request without a key with its error body', async () => {
    const response = await fetch(`${port.base}/v2/events`);
    expect(response.status).toBe(401);
    const body: unknown = await response.json();
    expect(spec.responseErrors(401, response.headers, body)).toEqual([]);
    expect(harbor.responseErrors(401, response.headers, body)).toEqual([]);
  });

  /** A schema reduced to what constrains a value, DCSA's $refs resolved. */
  function constraints(schema: Record<string, unknown>): Record<string, unknown> {
    const ref = schema.$ref;
    const resolved =
      typeof ref === 'string'
        ? (dcsa.components.schemas[ref.split('/').at(-1) ?? ''] ?? {})
        : schema;
    const kept: Record<string, unknown> = {};
    for (const key of ['type', 'format', 'maxLength', 'minimum', 'maximum', 'enum']) {
      if (resolved[key] !== undefined) kept[key] = resolved[key];
    }
    // int32 says the maximum already.
    if (kept.format === 'int32' && kept.maximum === 2_147_483_647) delete kept.maximum;
    if (resolved.items) kept.items = constraints(resolved.items as Record<string, unknown>);
    return kept;
  }
  const shape = (parameter: Parameter) => ({
    in: parameter.in,
    required: parameter.required ?? false,
    // OpenAPI's defaults for a query or header parameter: form and exploded, simple.
    style: parameter.style ?? (parameter.in === 'query' ? 'form' : 'simple'),
    explode: parameter.explode ?? parameter.in === 'query',
    deprecated: parameter.deprecated ?? false,
    schema: constraints(parameter.schema),
  });

  it("declares in /v2/openapi.json DCSA's parameters, headers and version, as DCSA does", () => {
    const ours = harbor.operation;
    const theirs = spec.operation;
    expect(harborDocument).toMatchObject({ info: { version: '2.2.0' } });
    const byName = (parameters: Parameter[]) =>
      Object.fromEntries(parameters.map((parameter) => [parameter.name, shape(parameter)]));
    expect(byName(ours.parameters)).toEqual(byName(theirs.parameters));
    /** The 200 answer's headers and whether each is required, DCSA's `$ref`s resolved. */
    const headers = (document: SpecDocument, operation: Dcsa['operation']) =>
      Object.fromEntries(
        Object.entries(operation.responses['200']?.headers ?? {}).map(([name, header]) => {
          const resolved = header.$ref
            ? document.components.headers?.[header.$ref.split('/').at(-1) ?? '']
            : header;
          return [name, resolved?.required ?? false];
        }),
      );
    expect(headers(harborDocument, ours)).toEqual(headers(dcsa, theirs));
    expect(headers(dcsa, theirs)).toMatchObject({ 'Current-Page': true });
    // DCSA answers errors as `default`; Harbor names the statuses it uses, all errors.
    expect(Object.keys(theirs.responses)).toEqual(['200', 'default']);
    expect(Object.keys(ours.responses).filter((status) => status !== '200')).toEqual(
      expect.arrayContaining(['400', '401']),
    );
    for (const status of Object.keys(ours.responses)) {
      expect(status === '200' || Number(status) >= 400).toBe(true);
    }
  });
});
