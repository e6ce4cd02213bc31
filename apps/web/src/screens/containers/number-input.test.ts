import { describe, expect, it } from 'vitest';
import { checkNumberInput, isInvalidInput } from './number-input.ts';

describe('checkNumberInput (typing a container number)', () => {
  it('is empty before anything is typed', () => {
    expect(checkNumberInput('  ')).toEqual({ status: 'empty', value: '' });
  });

  it('is short while a plausible number is still being typed', () => {
    for (const typed of ['C', 'CSQ', 'CSQU', 'CSQU305438']) {
      const state = checkNumberInput(typed);
      expect(state.status).toBe('short');
      expect(isInvalidInput(state)).toBe(false);
    }
  });

  it('flags a prefix that can never become a number', () => {
    expect(checkNumberInput('CSQX').status).toBe('shape');
    expect(checkNumberInput('12').status).toBe('shape');
    expect(checkNumberInput('CSQU30543833').status).toBe('shape');
    expect(isInvalidInput(checkNumberInput('CSQU3A'))).toBe(true);
  });

  it('gives the expected check digit when the 11th character is wrong', () => {
    const state = checkNumberInput('CSQU3054384');
    expect(state).toEqual({ status: 'checkDigit', value: 'CSQU3054384', expected: 3 });
    expect(isInvalidInput(state)).toBe(true);
  });

  it('accepts a valid number', () => {
    expect(checkNumberInput('CSQU3054383')).toEqual({ status: 'valid', value: 'CSQU3054383' });
    expect(checkNumberInput('TOLU4734787').status).toBe('valid');
  });

  it('upper-cases lowercase input and drops separators', () => {
    expect(checkNumberInput('csqu 305438-3')).toEqual({ status: 'valid', value: 'CSQU3054383' });
    expect(checkNumberInput('tolu4734780')).toEqual({
      status: 'checkDigit',
      value: 'TOLU4734780',
      expected: 7,
    });
    expect(checkNumberInput('csq')).toEqual({ status: 'short', value: 'CSQ' });
  });
});
