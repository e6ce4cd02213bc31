import { computeCheckDigit, normalizeContainerNumber } from '@harbor/shared';

/**
 * Where a container number being typed stands: nothing yet, still being typed, the wrong
 * shape, complete with the wrong check digit (and the right one), or valid.
 */
export type NumberInputState =
  | { status: 'empty'; value: '' }
  | { status: 'short'; value: string }
  | { status: 'shape'; value: string }
  | { status: 'checkDigit'; value: string; expected: number }
  | { status: 'valid'; value: string };

/** A prefix someone may still complete into a number: letters, then U/J/Z, then digits. */
const PARTIAL = /^[A-Z]{0,3}$|^[A-Z]{3}[UJZ][0-9]{0,6}$/;
const FIRST_TEN = /^[A-Z]{3}[UJZ][0-9]{6}$/;

/** Upper-cases what was typed (dropping spaces and separators) and checks it as ISO 6346. */
export function checkNumberInput(typed: string): NumberInputState {
  const value = normalizeContainerNumber(typed);
  if (value === '') return { status: 'empty', value: '' };
  if (value.length < 11) return { status: PARTIAL.test(value) ? 'short' : 'shape', value };
  const firstTen = value.slice(0, 10);
  const last = value.slice(10);
  if (value.length > 11 || !FIRST_TEN.test(firstTen) || !/^[0-9]$/.test(last)) {
    return { status: 'shape', value };
  }
  const expected = computeCheckDigit(firstTen);
  if (expected !== Number(last)) return { status: 'checkDigit', value, expected };
  return { status: 'valid', value };
}

/** Whether the input should be marked invalid (`aria-invalid`): wrong shape or check digit. */
export function isInvalidInput(state: NumberInputState): boolean {
  return state.status === 'shape' || state.status === 'checkDigit';
}
