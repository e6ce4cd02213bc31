import { describe, expect, it } from 'vitest';
import examples from '../test/fixtures/iso6346-examples.json' with { type: 'json' };
import {
  ContainerNumberSchema,
  computeCheckDigit,
  containerLengthFeet,
  containerNumberProblem,
  IsoSizeTypeSchema,
  isValidContainerNumber,
  parseContainerNumber,
} from './iso6346.ts';

describe('ISO 6346 container numbers (published examples)', () => {
  it.each(examples.valid)('%s is valid', (number) => {
    expect(isValidContainerNumber(number)).toBe(true);
  });

  it.each(examples.invalidCheckDigit)(
    '$number has the wrong check digit',
    ({ number, expected }) => {
      expect(isValidContainerNumber(number)).toBe(false);
      expect(containerNumberProblem(number)).toMatchObject({ kind: 'checkDigit', expected });
    },
  );

  it.each(examples.invalidShape)('"%s" is refused for its shape', (number) => {
    expect(isValidContainerNumber(number)).toBe(false);
    expect(containerNumberProblem(number)?.kind).toBe('shape');
  });

  it('computes the Annex A example digit by digit', () => {
    // C=13 S=30 Q=28 U=32, weights 1,2,4,...,512: sum 6185, 6185 mod 11 = 3
    expect(computeCheckDigit('CSQU305438')).toBe(3);
  });

  it('maps a remainder of 10 to check digit 0', () => {
    // Find a serial whose weighted sum is 10 mod 11 and check the rule on it.
    const serial = Array.from({ length: 1000 }, (_, i) => `ABCU${String(i).padStart(6, '0')}`).find(
      (candidate) => {
        let sum = 0;
        const values = [10, 12, 13, 32];
        for (let i = 0; i < 10; i++)
          sum += (i < 4 ? (values[i] ?? 0) : Number(candidate[i])) * 2 ** i;
        return sum % 11 === 10;
      },
    );
    expect(serial).toBeDefined();
    expect(computeCheckDigit(serial ?? '')).toBe(0);
  });

  it('parses owner code, category, serial and check digit', () => {
    expect(parseContainerNumber('tolu 473478-7')).toEqual({
      ownerCode: 'TOL',
      categoryIdentifier: 'U',
      serialNumber: '473478',
      checkDigit: 7,
    });
    expect(() => parseContainerNumber('CSQU3054384')).toThrow(/check digit of CSQU305438 is 3/);
  });

  it('the zod schema normalises and names the expected digit', () => {
    expect(ContainerNumberSchema.parse(' csqu 3054383 ')).toBe('CSQU3054383');
    const result = ContainerNumberSchema.safeParse('CSQU3054384');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('check digit of CSQU305438 is 3, not 4');
  });
});

describe('ISO 6346 size-type codes', () => {
  it.each([
    ['22G1', 20],
    ['42G1', 40],
    ['45R1', 40],
    ['L5G1', 45],
  ])('%s is %i ft', (code, feet) => {
    expect(IsoSizeTypeSchema.parse(code)).toBe(code);
    expect(containerLengthFeet(code)).toBe(feet);
  });

  it('refuses malformed codes', () => {
    expect(IsoSizeTypeSchema.safeParse('2G1').success).toBe(false);
    expect(IsoSizeTypeSchema.safeParse('22g').success).toBe(false);
  });
});
