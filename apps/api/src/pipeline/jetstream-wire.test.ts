import type { Fix } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { fixesOfWire, wireGroup } from './jetstream-fix-bus.ts';

const FIX: Fix = {
  assetKind: 'VEHICLE',
  assetKey: '013800138000',
  fixAt: new Date('2026-12-06T02:00:00.123Z'),
  receivedAt: new Date('2026-12-06T02:00:01.456Z'),
  lat: 30.62,
  lon: 122.07,
  speedKnots: 32.4,
  courseDeg: 90,
  headingDeg: null,
  altitudeM: 10,
  status: 'ACC_ON',
  source: 'JT808',
};

describe('fixes on the JetStream bus', () => {
  it('carry their times as milliseconds and come back as they went', () => {
    const text = wireGroup([FIX]);
    expect(JSON.parse(text)[0]).toMatchObject({ fixAt: 1796522400123, receivedAt: 1796522401456 });
    expect(fixesOfWire(text)).toEqual([FIX]);
  });

  it('read groups written with ISO times, as before', () => {
    expect(fixesOfWire(JSON.stringify([FIX]))).toEqual([FIX]);
  });

  it('refuse what is not a JSON array of objects', () => {
    for (const text of ['{', '{"a":1}', '[1]', '[null]', '"x"'])
      expect(fixesOfWire(text)).toBeNull();
  });
});
