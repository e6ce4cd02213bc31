import { assetId, type Position } from '@harbor/shared';
import { describe, expect, it, vi } from 'vitest';
import { PositionStore } from './position-store.ts';

const fix = (assetKey: string, minute: number, lat = 30 + minute / 100): Position => ({
  assetKind: 'VESSEL',
  assetKey,
  fixAt: new Date(Date.UTC(2026, 10, 25, 8, minute)).toISOString(),
  lat,
  lon: 122,
  speedKnots: 10,
  courseDeg: 90,
  headingDeg: 91,
  status: null,
  source: 'AIS',
});

describe('PositionStore', () => {
  it('applies a batch and tells listeners once with the ids that moved', () => {
    const store = new PositionStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const changed = store.applyBatch([fix('412000001', 1), fix('412000002', 1)], 123);
    expect([...changed]).toEqual(['VESSEL:412000001', 'VESSEL:412000002']);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(changed, 123);
    expect(store.size).toBe(2);
    expect(store.get(assetId('VESSEL', '412000001'))?.position.lat).toBeCloseTo(30.01);
  });

  it('ignores a fix older than or as old as the one held', () => {
    const store = new PositionStore();
    store.applyBatch([fix('412000001', 5)]);
    const listener = vi.fn();
    store.subscribe(listener);
    expect(store.applyBatch([fix('412000001', 3, 99), fix('412000001', 5, 98)]).size).toBe(0);
    expect(listener).not.toHaveBeenCalled();
    const entry = store.get('VESSEL:412000001');
    expect(entry?.position.lat).toBeCloseTo(30.05);
    expect(entry?.trail).toEqual([]);
  });

  it('keeps a bounded trail of earlier positions, oldest first', () => {
    const store = new PositionStore(3);
    for (let minute = 1; minute <= 6; minute++) store.applyBatch([fix('412000001', minute)]);
    const entry = store.get('VESSEL:412000001');
    expect(entry?.position.lat).toBeCloseTo(30.06);
    expect(entry?.trail.map((p) => p.lat)).toEqual([30.03, 30.04, 30.05]);
  });

  it('takes the newest of several fixes of one asset in one batch', () => {
    const store = new PositionStore();
    store.applyBatch([fix('412000001', 2), fix('412000001', 4), fix('412000001', 3)]);
    expect(store.get('VESSEL:412000001')?.position.lat).toBeCloseTo(30.04);
    expect(store.get('VESSEL:412000001')?.trail).toHaveLength(1);
  });

  it('stops telling a listener that unsubscribed', () => {
    const store = new PositionStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    unsubscribe();
    store.applyBatch([fix('412000001', 1)]);
    expect(listener).not.toHaveBeenCalled();
  });
});
