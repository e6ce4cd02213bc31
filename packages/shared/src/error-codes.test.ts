import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode } from './error-codes.ts';

describe('error codes', () => {
  it('are unique, each a subject and what happened in kebab-case, one dot between', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
  });

  it('tells a known code from anything else', () => {
    expect(isErrorCode('vehicle.not-found')).toBe(true);
    expect(isErrorCode('vehicle.gone')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});
