import { describe, expect, it } from 'vitest';
import { BRIDGE, explain, isOnYangshan, roadEstimate, straightKm } from './routing.ts';

// Zone centres from the seed (packages/db/src/seed/shanghai.ts).
const YSP4_GATE = { lat: 30.6245, lon: 122.016 };
const YSP1 = { lat: 30.63, lon: 122.08 };
const DHB_GATE = { lat: 30.8705, lon: 121.9055 };
const WGQ1 = { lat: 31.36, lon: 121.59 };

describe('road estimates around Shanghai', () => {
  it('classifies the seed zones: Yangshan on the islands, Luchaogang and Waigaoqiao on the mainland', () => {
    expect([YSP4_GATE, YSP1, BRIDGE.islandEnd].map(isOnYangshan)).toEqual([true, true, true]);
    expect([DHB_GATE, WGQ1, BRIDGE.mainlandEnd].map(isOnYangshan)).toEqual([false, false, false]);
  });

  it('measures the bridge ends about 30 km apart, which the 32.5 km bridge spans', () => {
    const ends = straightKm(BRIDGE.mainlandEnd, BRIDGE.islandEnd);
    expect(ends).toBeGreaterThan(27);
    expect(ends).toBeLessThan(BRIDGE.lengthKm);
  });

  it('routes a mainland-to-island leg over the bridge, never across the water', () => {
    const estimate = roadEstimate(DHB_GATE, YSP4_GATE);
    expect(estimate.viaBridge).toBe(true);
    expect(estimate.bridgeKm).toBe(32.5);
    // Luchaogang gate is ~2 km from the bridge end: about 2.6 km of mainland road.
    expect(estimate.mainlandKm).toBeCloseTo(straightKm(DHB_GATE, BRIDGE.mainlandEnd) * 1.3, 6);
    expect(estimate.distanceKm).toBeGreaterThan(estimate.straightLineKm);
    // 2.6 km urban (5.2 min) + 32.5 km at 60 (32.5 min) + ~3.9 km island at 30 (~7.9 min).
    expect(estimate.etaMinutes).toBeGreaterThan(40);
    expect(estimate.etaMinutes).toBeLessThan(50);
    expect(explain(estimate)).toMatch(
      /^via the Donghai Bridge: mainland roads 2\.\d km, Donghai Bridge 32\.5 km/,
    );
  });

  it('is symmetric and needs no bridge between two island points', () => {
    const there = roadEstimate(YSP1, YSP4_GATE);
    expect(there.viaBridge).toBe(false);
    expect(there.distanceKm).toBeCloseTo(there.straightLineKm * 1.2, 6);
    expect(roadEstimate(YSP4_GATE, YSP1).etaMinutes).toBeCloseTo(there.etaMinutes, 6);
  });

  it('drives mainland legs with the detour factor, urban first and then expressway', () => {
    const estimate = roadEstimate(DHB_GATE, WGQ1);
    expect(estimate.viaBridge).toBe(false);
    expect(estimate.distanceKm).toBeCloseTo(estimate.straightLineKm * 1.3, 6);
    const expected = (5 / 30 + (estimate.distanceKm - 5) / 60) * 60;
    expect(estimate.etaMinutes).toBeCloseTo(expected, 6);
    expect(explain(estimate)).toMatch(/^no bridge: mainland roads/);
  });
});
