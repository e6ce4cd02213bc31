import { describe, expect, it } from 'vitest';
import { demoFleet, MAX_DEMO_FLEET } from './demo-fleet.ts';
import { PlateSchema } from './vehicles.ts';

describe('the demo fleet', () => {
  it('numbers every truck with a valid plate and a unique 12-digit terminal, up to its maximum', () => {
    const fleet = demoFleet(MAX_DEMO_FLEET);
    expect(new Set(fleet.map((truck) => truck.plate)).size).toBe(MAX_DEMO_FLEET);
    expect(new Set(fleet.map((truck) => truck.terminalPhone)).size).toBe(MAX_DEMO_FLEET);
    for (const truck of [fleet[0], fleet[1], fleet.at(-1)]) {
      expect(PlateSchema.parse(truck?.plate)).toBe(truck?.plate);
      expect(truck?.terminalPhone).toMatch(/^\d{12}$/);
    }
    expect(fleet.slice(0, 2)).toEqual([
      { organization: 'DHCL', plate: '沪DF00001', terminalPhone: '013917000001' },
      { organization: 'LGFT', plate: '沪EF00002', terminalPhone: '013917000002' },
    ]);
  });

  it('refuses a size its numbering cannot hold', () => {
    expect(() => demoFleet(MAX_DEMO_FLEET + 1)).toThrow(RangeError);
    expect(() => demoFleet(-1)).toThrow(RangeError);
  });
});
