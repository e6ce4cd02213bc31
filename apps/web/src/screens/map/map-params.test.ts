import { describe, expect, it } from 'vitest';
import { parseAsset, parseAt, REPLAY_AROUND_MS, replayWindow } from './map-params.ts';

describe('the map URL of an alert', () => {
  it('reads the asset and the moment', () => {
    expect(parseAsset('VESSEL:413000001')).toEqual({
      id: 'VESSEL:413000001',
      kind: 'VESSEL',
      assetKey: '413000001',
    });
    expect(parseAsset('VEHICLE:013917000003')?.kind).toBe('VEHICLE');
    expect(parseAsset('SHIP:1')).toBeNull();
    expect(parseAsset('VESSEL:<script>')).toBeNull();
    expect(parseAsset(null)).toBeNull();
    expect(parseAt('2026-11-25T08:00:00.000Z')).toBe(Date.UTC(2026, 10, 25, 8));
    expect(parseAt('yesterday')).toBeNull();
    expect(parseAt(null)).toBeNull();
  });

  it('replays half an hour either side of the moment, never past now', () => {
    const atMs = Date.UTC(2026, 10, 25, 8);
    expect(replayWindow(atMs, atMs + 3 * REPLAY_AROUND_MS)).toEqual({
      from: '2026-11-25T07:30:00.000Z',
      to: '2026-11-25T08:30:00.000Z',
    });
    expect(replayWindow(atMs, atMs + 5 * 60_000)).toEqual({
      from: '2026-11-25T07:30:00.000Z',
      to: '2026-11-25T08:05:00.000Z',
    });
    // A moment just now still gives a period that ends after it starts.
    expect(Date.parse(replayWindow(atMs, atMs).to)).toBeGreaterThan(atMs);
  });
});
