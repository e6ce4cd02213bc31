import { describe, expect, it } from 'vitest';
import { MAX_FIX_AHEAD_MS } from './fix-time.ts';
import { assetId, type Fix, FixSchema, fixProblem, meetsFixSchema } from './fixes.ts';

describe('assetId', () => {
  it('is the kind and the key', () => {
    expect(assetId('VESSEL', '412000001')).toBe('VESSEL:412000001');
  });
});

const RECEIVED = new Date('2026-12-06T02:00:00Z');
const VALID: Fix = {
  assetKind: 'VEHICLE',
  assetKey: '013916001001',
  fixAt: new Date('2026-12-06T01:59:30Z'),
  receivedAt: RECEIVED,
  lat: 30.87,
  lon: 121.9,
  speedKnots: 12.5,
  courseDeg: 90,
  headingDeg: null,
  altitudeM: 10,
  status: 'ACC_ON',
  source: 'JT808',
};

/** Each field's values on and around FixSchema's edges, and values of the wrong kind. */
const EDGES: { [K in keyof Fix]: unknown[] } = {
  assetKind: ['VESSEL', 'VEHICLE', 'TRAIN', '', null, undefined],
  assetKey: ['a', 'A-b_9', 'x'.repeat(32), 'x'.repeat(33), '', 'a b', '沪A', 'a:b', 7, null],
  fixAt: [
    new Date(RECEIVED.getTime() + MAX_FIX_AHEAD_MS),
    new Date(RECEIVED.getTime() + MAX_FIX_AHEAD_MS + 1),
    new Date('1980-01-06T00:00:00Z'),
    new Date('1980-01-05T23:59:59Z'),
    new Date(Number.NaN),
    RECEIVED.getTime(),
    RECEIVED.toISOString(),
    null,
  ],
  receivedAt: [new Date(Number.NaN), RECEIVED.toISOString(), null, new Date('2030-01-01')],
  lat: [-90, 90, -90.000001, 90.000001, 0, Number.NaN, Number.POSITIVE_INFINITY, '30', null],
  lon: [-180, 180, -180.000001, 180.000001, Number.NaN, Number.NEGATIVE_INFINITY, null],
  speedKnots: [null, 0, 1000, -0.01, 1000.01, Number.NaN, Number.POSITIVE_INFINITY, '1', undefined],
  courseDeg: [null, 0, 359.99, 360, -0.01, Number.NaN, undefined],
  headingDeg: [null, 0, 359.99, 360, -1, Number.NaN, undefined],
  altitudeM: [null, -1000, 100_000, -1000.5, 100_000.5, Number.NaN, undefined],
  status: [null, '', 'x'.repeat(64), 'x'.repeat(65), 5, undefined],
  source: ['AIS', 'JT808', 'HTTP', 'SIM', 'NMEA', null],
};

describe('the gateways’ check of a fix', () => {
  it('agrees with FixSchema on every rule’s edges, one field at a time and two together', () => {
    const fields = Object.keys(EDGES) as (keyof Fix)[];
    const cases: Fix[] = [VALID];
    for (const field of fields)
      for (const value of EDGES[field]) cases.push({ ...VALID, [field]: value } as Fix);
    for (const [i, a] of fields.entries())
      for (const b of fields.slice(i + 1))
        for (const x of EDGES[a])
          for (const y of EDGES[b]) cases.push({ ...VALID, [a]: x, [b]: y } as Fix);
    let refused = 0;
    for (const fix of cases) {
      const isValid = FixSchema.safeParse(fix).success;
      if (!isValid) refused++;
      expect({ fix, passes: meetsFixSchema(fix) }).toEqual({ fix, passes: isValid });
      expect(fixProblem(fix) === null).toBe(isValid);
    }
    // The edges hold both kinds: most pairs break a rule, the valid values pass.
    expect(refused).toBeGreaterThan(cases.length / 2);
    expect(refused).toBeLessThan(cases.length);
  });
});

describe('assetId, made once', () => {
  it('hands out the same id for the same asset, and tells kinds apart', () => {
    const a = assetId('VEHICLE', '013800138000');
    expect(assetId('VEHICLE', `0138001${'38000'}`)).toBe(a);
    expect(assetId('VESSEL', '013800138000')).toBe('VESSEL:013800138000');
    expect(assetId('UNKNOWN' as never, '1')).toBe('UNKNOWN:1');
  });
});
