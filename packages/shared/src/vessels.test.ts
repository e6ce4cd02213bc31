import { describe, expect, it } from 'vitest';
import { CreateVesselInput, isValidImo } from './vessels.ts';

describe('IMO ship identification numbers', () => {
  // IMO Resolution A.1117(30) worked example: 9 0 7 4 7 2 → 9×7+0×6+7×5+4×4+7×3+2×2 = 139, check digit 9.
  it('accepts the published example 9074729', () => expect(isValidImo(9074729)).toBe(true));
  it('refuses a wrong check digit', () => expect(isValidImo(9074728)).toBe(false));
  it('accepts EVER DIADEM, IMO 9134270 (gpsd AIS sample, message type 5)', () =>
    expect(isValidImo(9134270)).toBe(true));
  it('refuses numbers that are not 7 digits', () => {
    expect(isValidImo(907472)).toBe(false);
    expect(isValidImo(90747290)).toBe(false);
  });
});

describe('CreateVesselInput', () => {
  it('names the field that is wrong', () => {
    const result = CreateVesselInput.safeParse({ mmsi: 12345, imo: 9074728 });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['mmsi', 'imo']);
  });
  it('upper-cases the flag and drops empty text', () => {
    expect(CreateVesselInput.parse({ mmsi: 477123400, flag: 'hk', callSign: ' ' })).toEqual({
      mmsi: 477123400,
      flag: 'HK',
      callSign: undefined,
    });
  });
});
