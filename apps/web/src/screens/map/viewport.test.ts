import { describe, expect, it } from 'vitest';
import { bboxContains, bboxKey, followedBox, viewportToBbox } from './viewport.ts';

describe('viewportToBbox', () => {
  it('turns map bounds into the api box, rounded outwards to 4 decimals', () => {
    expect(
      viewportToBbox({ south: 30.612345, west: 122.012345, north: 30.698765, east: 122.198765 }),
    ).toEqual({
      minLat: 30.6123,
      minLon: 122.0123,
      maxLat: 30.6988,
      maxLon: 122.1988,
    });
  });

  it('pads by a share of the size on every side', () => {
    expect(viewportToBbox({ south: 30, west: 121, north: 31, east: 123 }, 0.1)).toEqual({
      minLat: 29.9,
      minLon: 120.8,
      maxLat: 31.1,
      maxLon: 123.2,
    });
  });

  it('clamps to the globe and takes every longitude when the view wraps', () => {
    expect(viewportToBbox({ south: -95, west: -200, north: 95, east: 300 })).toEqual({
      minLat: -90,
      minLon: -180,
      maxLat: 90,
      maxLon: 180,
    });
    expect(viewportToBbox({ south: 10, west: 170, north: 20, east: 190 }).minLon).toBe(-180);
  });

  it('gives the same key for the same view', () => {
    const a = viewportToBbox({ south: 30.61234, west: 122.01, north: 30.7, east: 122.2 });
    const b = viewportToBbox({ south: 30.612341, west: 122.01, north: 30.7, east: 122.2 });
    expect(bboxKey(a)).toBe(bboxKey(b));
    expect(bboxContains(a, 30.65, 122.1)).toBe(true);
    expect(bboxContains(a, 31, 122.1)).toBe(false);
  });
});

describe('followedBox', () => {
  const view = { south: 30.6, west: 122.0, north: 30.7, east: 122.2 };
  it('keeps the followed area while pans and small zooms stay inside it', () => {
    const first = followedBox(null, view);
    expect(first).toEqual({ minLat: 30.55, minLon: 121.9, maxLat: 30.75, maxLon: 122.3 });
    const panned = { south: 30.62, west: 122.05, north: 30.72, east: 122.25 };
    expect(followedBox(first, panned)).toBe(first);
    const zoomedIn = { south: 30.63, west: 122.05, north: 30.68, east: 122.15 };
    expect(followedBox(first, zoomedIn)).toBe(first);
  });

  it('follows a new area when the view leaves it or is far smaller', () => {
    const first = followedBox(null, view);
    const away = { south: 30.8, west: 122.0, north: 30.9, east: 122.2 };
    expect(followedBox(first, away)).not.toBe(first);
    const tiny = { south: 30.65, west: 122.1, north: 30.66, east: 122.11 };
    expect(followedBox(first, tiny)).not.toBe(first);
  });
});
