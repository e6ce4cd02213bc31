import { describe, expect, it } from 'vitest';
import { positionRecord } from './positions.ts';

describe('a JT/T 809-2011 position record', () => {
  it('keeps the coordinates unsigned and says south and west in the state bits', () => {
    const fix = { fixAt: Date.parse('2026-11-25T08:01:00Z'), lat: -33.8, lon: -70.6 };
    const record = positionRecord({ ...fix, speedKnots: 0, courseDeg: 0 }, '2011', '31011500001');
    expect(record).toMatchObject({ latMicroDeg: 33_800_000, lonMicroDeg: 70_600_000 });
    expect('state' in record && record.state).toBe(0b1111);
    const north = positionRecord(
      { ...fix, lat: 30.6, lon: 122.1, speedKnots: 0, courseDeg: 0 },
      '2011',
      '31011500001',
    );
    expect('state' in north && north.state).toBe(0b11);
  });
});
