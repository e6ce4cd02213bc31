import type { Position } from '@harbor/shared';
import L from 'leaflet';
import { describe, expect, it, vi } from 'vitest';
import type { LiveHandlers } from '../../live/connection.ts';
import { mapSizeFor, OpeningFeed, predictedBox } from './opening-feed.ts';
import { type BoundingBox, followedBox } from './viewport.ts';

// Yangshan's four phases, as the terminals' zones give them (WGS-84).
const YANGSHAN: BoundingBox = { minLat: 30.59, minLon: 122.02, maxLat: 30.67, maxLon: 122.16 };

/** The bounds Leaflet shows once FitOnce has fitted `view` into a map of `size` pixels. */
function fittedBounds(view: BoundingBox, size: { x: number; y: number }) {
  const container = document.createElement('div');
  Object.defineProperty(container, 'clientWidth', { value: size.x });
  Object.defineProperty(container, 'clientHeight', { value: size.y });
  document.body.appendChild(container);
  const map = L.map(container, { zoomAnimation: false, fadeAnimation: false });
  map.setView([30.95, 121.85], 10);
  map.fitBounds(
    [
      [view.minLat, view.minLon],
      [view.maxLat, view.maxLon],
    ],
    { padding: [20, 20], animate: false },
  );
  const bounds = map.getBounds();
  map.remove();
  container.remove();
  return {
    south: bounds.getSouth(),
    west: bounds.getWest(),
    north: bounds.getNorth(),
    east: bounds.getEast(),
  };
}

const position = (assetKey: string): Position => ({
  assetKind: 'VEHICLE',
  assetKey,
  fixAt: '2026-12-05T06:00:00.000Z',
  lat: 30.63,
  lon: 122.08,
  speedKnots: 0,
  courseDeg: null,
  headingDeg: null,
  status: null,
  source: 'JT808',
});

describe('predictedBox', () => {
  it('is kept by the map once it has fitted the view, for the sizes a screen gives', () => {
    for (const window of [
      { width: 1440, height: 900 },
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 },
      { width: 1000, height: 700 },
    ]) {
      const size = mapSizeFor(window);
      const predicted = predictedBox(YANGSHAN, size);
      const visible = fittedBounds(YANGSHAN, size);
      expect(followedBox(predicted, visible)).toBe(predicted);
      // The box the map would have chosen itself, but for Leaflet's rounding to whole pixels.
      const own = followedBox(null, visible);
      expect(predicted.minLat).toBeCloseTo(own.minLat, 3);
      expect(predicted.maxLon).toBeCloseTo(own.maxLon, 3);
    }
  });

  it('is kept by the map when the guessed size is some pixels off', () => {
    const predicted = predictedBox(YANGSHAN, { x: 876, y: 772 });
    const visible = fittedBounds(YANGSHAN, { x: 860, y: 790 });
    expect(followedBox(predicted, visible)).toBe(predicted);
  });
});

describe('OpeningFeed', () => {
  function opened() {
    let source: LiveHandlers<Position[]> | undefined;
    const unsubscribe = vi.fn();
    const feed = new OpeningFeed(YANGSHAN, (_box, handlers) => {
      source = handlers;
      return { unsubscribe };
    });
    if (!source) throw new Error('not subscribed');
    return { feed, source, unsubscribe };
  }
  const listener = () => ({
    onStarted: vi.fn(),
    onData: vi.fn(),
    onError: vi.fn(),
    onConnectionStateChange: vi.fn(),
  });

  it('hands what it heard before anyone listened, in order, then what it hears', () => {
    const { feed, source } = opened();
    source.onStarted?.();
    source.onData([position('A')]);
    source.onData([position('B')]);
    const handlers = listener();
    feed.attach(handlers);
    expect(handlers.onStarted).toHaveBeenCalledOnce();
    expect(handlers.onData.mock.calls).toEqual([[[position('A')]], [[position('B')]]]);
    source.onData([position('C')]);
    expect(handlers.onData).toHaveBeenLastCalledWith([position('C')]);
  });

  it('is spoiled by an error before it is taken over, and passes later ones on', () => {
    const spoiled = opened();
    spoiled.source.onError(new Error('refused'));
    expect(spoiled.feed.isFailed).toBe(true);

    const { feed, source } = opened();
    const handlers = listener();
    feed.attach(handlers);
    source.onError(new Error('lost'));
    expect(feed.isFailed).toBe(false);
    expect(handlers.onError).toHaveBeenCalledOnce();
  });

  it('closes its subscription when its listener unsubscribes', () => {
    const { feed, source, unsubscribe } = opened();
    const handlers = listener();
    feed.attach(handlers).unsubscribe();
    expect(unsubscribe).toHaveBeenCalledOnce();
    source.onData([position('A')]);
    expect(handlers.onData).not.toHaveBeenCalled();
  });
});
