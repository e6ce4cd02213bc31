import { describe, expect, it } from 'vitest';
import { canAssign, isFinal, manualTransitions, needsNote } from './transitions.ts';

describe('job transitions on the board', () => {
  it('offers the next forward step and the two ways out, never ASSIGNED (Assign does that)', () => {
    expect(manualTransitions('PLANNED')).toEqual(['CANCELLED', 'FAILED']);
    expect(manualTransitions('ASSIGNED')).toEqual(['EN_ROUTE_PICKUP', 'CANCELLED', 'FAILED']);
    expect(manualTransitions('EN_ROUTE_PICKUP')).toEqual(['AT_PICKUP', 'CANCELLED', 'FAILED']);
    expect(manualTransitions('AT_PICKUP')).toEqual(['LOADED', 'CANCELLED', 'FAILED']);
    expect(manualTransitions('LOADED')).toEqual(['EN_ROUTE_DROPOFF', 'CANCELLED', 'FAILED']);
    expect(manualTransitions('EN_ROUTE_DROPOFF')).toEqual(['DELIVERED', 'CANCELLED', 'FAILED']);
  });

  it('offers nothing for a final status', () => {
    for (const status of ['DELIVERED', 'CANCELLED', 'FAILED'] as const) {
      expect(manualTransitions(status)).toEqual([]);
      expect(isFinal(status)).toBe(true);
    }
    expect(isFinal('LOADED')).toBe(false);
  });

  it('assigns only PLANNED and ASSIGNED jobs', () => {
    expect(canAssign('PLANNED')).toBe(true);
    expect(canAssign('ASSIGNED')).toBe(true);
    expect(canAssign('EN_ROUTE_PICKUP')).toBe(false);
    expect(canAssign('DELIVERED')).toBe(false);
  });

  it('asks for a note when cancelling or failing', () => {
    expect(needsNote('CANCELLED')).toBe(true);
    expect(needsNote('FAILED')).toBe(true);
    expect(needsNote('DELIVERED')).toBe(false);
  });
});
