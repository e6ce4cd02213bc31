import { describe, expect, it } from 'vitest';
import { rotationStep } from './sprites.ts';

describe('rotationStep', () => {
  it('rounds a rotation to its 5° sprite, wrapping at 360°', () => {
    expect(rotationStep(0)).toBe(0);
    expect(rotationStep(2.4)).toBe(0);
    expect(rotationStep(2.6)).toBe(1);
    expect(rotationStep(90)).toBe(18);
    expect(rotationStep(358)).toBe(0);
    expect(rotationStep(-5)).toBe(71);
  });
});
