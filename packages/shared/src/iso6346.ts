import { z } from 'zod';

/**
 * ISO 6346 freight container identification: owner code (3 letters), equipment category
 * identifier (U freight container, J detachable freight-container-related equipment,
 * Z trailer or chassis), serial number (6 digits) and check digit (1 digit).
 */
export type EquipmentCategory = 'U' | 'J' | 'Z';

export type ContainerNumberParts = {
  ownerCode: string;
  categoryIdentifier: EquipmentCategory;
  serialNumber: string;
  checkDigit: number;
};

const SHAPE = /^[A-Z]{3}[UJZ][0-9]{6}[0-9]$/;

/**
 * ISO 6346 Annex A letter values: A = 10, then counting up but skipping the multiples of
 * 11 (11, 22, 33), so B = 12, L = 23, V = 34, Z = 38.
 */
function letterValue(letter: string): number {
  let value = 10;
  for (let code = 65; code < letter.charCodeAt(0); code++) {
    value++;
    if (value % 11 === 0) value++;
  }
  return value;
}

const LETTER_VALUES = new Map(
  Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ', (letter) => [letter, letterValue(letter)] as const),
);

/**
 * The check digit of the first ten characters (owner code, category, serial): each
 * character's value times 2^position, summed, modulo 11; a remainder of 10 gives 0.
 */
export function computeCheckDigit(firstTen: string): number {
  if (!/^[A-Z]{3}[UJZ][0-9]{6}$/.test(firstTen)) {
    throw new RangeError(`expected 3 letters, U/J/Z and 6 digits, got "${firstTen}"`);
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const char = firstTen.charAt(i);
    const value = i < 4 ? (LETTER_VALUES.get(char) ?? 0) : Number(char);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** Upper-cases and removes the spaces and separators people type (`CSQU 305438-3`). */
export function normalizeContainerNumber(input: string): string {
  return input.toUpperCase().replace(/[\s\-/.]/g, '');
}

export function isValidContainerNumber(input: string): boolean {
  const number = normalizeContainerNumber(input);
  return SHAPE.test(number) && computeCheckDigit(number.slice(0, 10)) === Number(number[10]);
}

export type ContainerNumberProblem =
  | { kind: 'shape'; message: string }
  | { kind: 'checkDigit'; message: string; expected: number };

/** Why a container number is invalid, or null when it is valid. */
export function containerNumberProblem(input: string): ContainerNumberProblem | null {
  const number = normalizeContainerNumber(input);
  if (!SHAPE.test(number)) {
    return {
      kind: 'shape',
      message:
        'a container number is 3 letters (owner code), U, J or Z (category), 6 digits and a check digit, e.g. CSQU3054383',
    };
  }
  const expected = computeCheckDigit(number.slice(0, 10));
  if (expected !== Number(number[10])) {
    return {
      kind: 'checkDigit',
      expected,
      message: `check digit of ${number.slice(0, 10)} is ${expected}, not ${number[10]}`,
    };
  }
  return null;
}

/** Splits a valid container number into its parts; throws RangeError on an invalid one. */
export function parseContainerNumber(input: string): ContainerNumberParts {
  const number = normalizeContainerNumber(input);
  const problem = containerNumberProblem(number);
  if (problem) throw new RangeError(problem.message);
  return {
    ownerCode: number.slice(0, 3),
    categoryIdentifier: number.charAt(3) as EquipmentCategory,
    serialNumber: number.slice(4, 10),
    checkDigit: Number(number[10]),
  };
}

/** A container number as typed by a person: normalised, then shape and check digit verified. */
export const ContainerNumberSchema = z
  .string()
  .transform(normalizeContainerNumber)
  .superRefine((number, ctx) => {
    const problem = containerNumberProblem(number);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: problem.message,
        params: {
          rule: problem.kind === 'checkDigit' ? 'container-check-digit' : 'container-number',
          ...(problem.kind === 'checkDigit' ? { expected: problem.expected } : {}),
        },
      });
  });

/**
 * ISO 6346 size and type code: length code, height/width code, then the two-character
 * type code (e.g. 22G1 = 20 ft, 8 ft 6 in, general purpose; 45R1 = 40 ft high cube reefer).
 */
export const IsoSizeTypeSchema = z
  .string()
  .transform((code) => code.toUpperCase())
  .pipe(
    z
      .string()
      .regex(
        /^[1-9A-HK-NP-Z][0-9A-Z][A-Z][0-9A-Z]$/,
        'expected an ISO 6346 size-type code such as 22G1 or 45G1',
      ),
  );

/** Nominal length in feet from the first character of a size-type code (ISO 6346 table 2). */
const LENGTH_FEET: Record<string, number> = {
  '1': 10,
  '2': 20,
  '3': 30,
  '4': 40,
  L: 45,
  M: 48,
  N: 49,
};

export function containerLengthFeet(isoSizeType: string): number | null {
  return LENGTH_FEET[isoSizeType.charAt(0).toUpperCase()] ?? null;
}
