import { describe, expect, it } from 'vitest';
import { positionOnTrack, presetRange } from './replay.ts';
import { occupancyByZone, occupancyColour, zonePaint } from './zone-style.ts';

describe('occupancyByZone', () => {
  const zones = [
    { id: 'z1', kind: 'YARD_BLOCK' as const, code: 'YSP1-Y01', terminalId: 't1' },
    { id: 'z2', kind: 'YARD_BLOCK' as const, code: 'YSP1-Y02', terminalId: 't1' },
    { id: 'z3', kind: 'BERTH' as const, code: 'YSP1-B01', terminalId: 't1' },
    { id: 'z4', kind: 'YARD_BLOCK' as const, code: 'WGQ1-Y01', terminalId: 't2' },
  ];

  it('matches blocks to their zones by terminal and code, from either procedure', () => {
    const byZone = occupancyByZone(zones, [
      { terminalId: 't1', blocks: [{ code: 'Y01', utilisation: 0.4 }] },
      { terminalId: 't2', blocks: [{ code: 'Y01', ratio: 0.9 }] },
    ]);
    expect([...byZone]).toEqual([
      ['z1', 0.4],
      ['z4', 0.9],
    ]);
  });

  it('colours by band and leaves blocks without figures uncoloured', () => {
    expect(occupancyColour(0.2)).not.toBe(occupancyColour(0.6));
    expect(occupancyColour(0.6)).not.toBe(occupancyColour(0.95));
    expect(zonePaint('YARD_BLOCK', undefined).fillColor).toBe('#d7ccc8');
    expect(zonePaint('YARD_BLOCK', 0.95).fillColor).toBe(occupancyColour(0.95));
  });
});

describe('positionOnTrack', () => {
  const track = [
    { lat: 30, lon: 122, atMs: 0 },
    { lat: 31, lon: 123, atMs: 1000 },
    { lat: 31, lon: 125, atMs: 3000 },
  ];
  it('interpolates between the fixes around the time and clamps to the ends', () => {
    expect(positionOnTrack(track, 500)).toEqual({ lat: 30.5, lon: 122.5, atMs: 500 });
    expect(positionOnTrack(track, 2000)).toEqual({ lat: 31, lon: 124, atMs: 2000 });
    expect(positionOnTrack(track, -10)).toBe(track[0]);
    expect(positionOnTrack(track, 9999)).toBe(track[2]);
    expect(positionOnTrack([], 0)).toBeNull();
  });

  it('gives preset ranges ending now', () => {
    const now = Date.UTC(2026, 10, 25, 12);
    expect(presetRange('6h', now)).toEqual({
      from: '2026-11-25T06:00:00.000Z',
      to: '2026-11-25T12:00:00.000Z',
    });
  });
});
