import { describe, expect, it } from 'vitest';
import { callDecision, DEFAULT_CALL_POLICY, parseShipTypeRanges } from './call-policy.ts';

describe('which ships make port calls', () => {
  it.each([
    [{ shipType: 71, lengthM: 366 }, 'call'],
    [{ shipType: 80, lengthM: 250 }, 'call'],
    [{ shipType: 60, lengthM: 180 }, 'call'],
    [{ shipType: 52, lengthM: 31 }, 'no-call'],
    [{ shipType: 50, lengthM: 20 }, 'no-call'],
    [{ shipType: 51, lengthM: 60 }, 'no-call'],
    [{ shipType: 55, lengthM: 90 }, 'no-call'],
    [{ shipType: 31, lengthM: 35 }, 'no-call'],
    [{ shipType: 37, lengthM: 12 }, 'no-call'],
    [{ shipType: 0, lengthM: 190 }, 'call'],
    [{ shipType: null, lengthM: 40 }, 'no-call'],
    [{ shipType: null, lengthM: null }, 'unknown'],
    [{ shipType: 71, lengthM: null }, 'call'],
  ] as const)('%o: %s by default', (particulars, decision) => {
    expect(callDecision(particulars)).toBe(decision);
  });

  it('is configurable by type and size', () => {
    const policy = { shipTypes: [[70, 89]] as const, minLengthM: 100, unknownTypeMinLengthM: null };
    expect(callDecision({ shipType: 70, lengthM: 90 }, policy)).toBe('no-call');
    expect(callDecision({ shipType: 70, lengthM: null }, policy)).toBe('unknown');
    expect(callDecision({ shipType: 60, lengthM: 300 }, policy)).toBe('no-call');
    expect(callDecision({ shipType: null, lengthM: 300 }, policy)).toBe('no-call');
    expect(DEFAULT_CALL_POLICY.shipTypes).toEqual(parseShipTypeRanges('40-49,60-99'));
  });

  it('reads ranges of types and names a bad one', () => {
    expect(parseShipTypeRanges(' 70, 80-89 ')).toEqual([
      [70, 70],
      [80, 89],
    ]);
    expect(() => parseShipTypeRanges('60-100')).toThrow('"60-100"');
    expect(() => parseShipTypeRanges('89-80')).toThrow('"89-80"');
    expect(() => parseShipTypeRanges('cargo')).toThrow('"cargo"');
  });
});
