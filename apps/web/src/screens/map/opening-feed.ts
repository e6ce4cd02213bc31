import type { Position } from '@harbor/shared';
import L from 'leaflet';
import type { LiveHandlers } from '../../live/connection.ts';
import { type BoundingBox, bboxKey, followedBox } from './viewport.ts';

type Unsubscribable = { unsubscribe(): void };
type Subscribe = (box: BoundingBox, handlers: LiveHandlers<Position[]>) => Unsubscribable;

/** The map's padding around the opening view (FitOnce), pixels on each side. */
const FIT_PADDING_PX = 20;
/**
 * Beside the map on a wide screen (the shell's navigation, the content's padding, the asset
 * list) and above and below it (the shell's header, the padding, the toolbar), as measured
 * in a 1440×900 window. A guess that is some pixels off still opens on the same zoom.
 */
const BESIDE_MAP_PX = 564;
const ABOVE_MAP_PX = 128;
/** The asset list, folded away: its width less the folded button's. */
const LIST_PX = 272;
/** As AssetList: at this width and below, the list starts folded away. */
const LIST_FOLDED_UP_TO_PX = 1024;
/** An opening feed the map has not taken by then is closed (the user went elsewhere). */
const UNCLAIMED_MS = 15_000;

/** The map's size on a window of this size, as the screen's layout gives it (a guess). */
export function mapSizeFor(window: { width: number; height: number }): { x: number; y: number } {
  const beside = window.width <= LIST_FOLDED_UP_TO_PX ? BESIDE_MAP_PX - LIST_PX : BESIDE_MAP_PX;
  return {
    x: Math.max(200, window.width - beside),
    y: Math.max(200, window.height - ABOVE_MAP_PX),
  };
}

/**
 * The box the map will follow once it has fitted `view` into a map of `size` pixels: the
 * view as Leaflet's `fitBounds` shows it (the largest whole zoom at which it fits, centred),
 * grown as `followedBox` grows a visible area. Computed before the map exists, so that the
 * live subscription can start while the screen is still being built.
 */
export function predictedBox(view: BoundingBox, size: { x: number; y: number }): BoundingBox {
  const crs = L.CRS.EPSG3857;
  const southWest = L.latLng(view.minLat, view.minLon);
  const northEast = L.latLng(view.maxLat, view.maxLon);
  const spanAt0 = crs.latLngToPoint(northEast, 0).subtract(crs.latLngToPoint(southWest, 0));
  const room = { x: size.x - 2 * FIT_PADDING_PX, y: size.y - 2 * FIT_PADDING_PX };
  const scale = Math.min(room.x / Math.abs(spanAt0.x), room.y / Math.abs(spanAt0.y));
  const zoom = Math.floor(Math.log2(scale));
  const centre = crs
    .latLngToPoint(southWest, zoom)
    .add(crs.latLngToPoint(northEast, zoom))
    .divideBy(2);
  const half = L.point(size.x / 2, size.y / 2);
  const topLeft = crs.pointToLatLng(centre.subtract(half), zoom);
  const bottomRight = crs.pointToLatLng(centre.add(half), zoom);
  return followedBox(null, {
    south: bottomRight.lat,
    west: topLeft.lng,
    north: topLeft.lat,
    east: bottomRight.lng,
  });
}

/**
 * A live subscription opened before anyone listens: what it hears is kept, and handed in
 * order to the handlers that take it over (`attach`). An error before then spoils it.
 */
export class OpeningFeed {
  private readonly held: ((handlers: LiveHandlers<Position[]>) => void)[] = [];
  private handlers: LiveHandlers<Position[]> | null = null;
  private readonly subscription: Unsubscribable;
  private isClosed = false;
  isFailed = false;

  constructor(
    readonly box: BoundingBox,
    subscribe: Subscribe,
  ) {
    this.subscription = subscribe(box, {
      onStarted: () => this.pass((h) => h.onStarted?.()),
      onData: (data) => this.pass((h) => h.onData(data)),
      onError: (error) => {
        if (!this.handlers) this.isFailed = true;
        this.pass((h) => h.onError(error));
      },
      onConnectionStateChange: (state) => this.pass((h) => h.onConnectionStateChange?.(state)),
    });
  }

  private pass(event: (handlers: LiveHandlers<Position[]>) => void): void {
    if (this.handlers) event(this.handlers);
    else if (!this.isClosed) this.held.push(event);
  }

  /** From now on `handlers` hear the subscription, starting with everything it heard so far. */
  attach(handlers: LiveHandlers<Position[]>): Unsubscribable {
    this.handlers = handlers;
    for (const event of this.held.splice(0)) event(handlers);
    return { unsubscribe: () => this.close() };
  }

  close(): void {
    this.isClosed = true;
    this.handlers = null;
    this.held.length = 0;
    this.subscription.unsubscribe();
  }
}

let pending: OpeningFeed | null = null;
let isClaimed = false;

/**
 * Opens the map's first subscription, for the box it will follow once it opens on `view`
 * (guessed from the window's size), unless the map has already started without it.
 */
export function openFeed(view: BoundingBox, subscribe: Subscribe): void {
  if (isClaimed || pending) return;
  const size = mapSizeFor({ width: window.innerWidth, height: window.innerHeight });
  const feed = new OpeningFeed(predictedBox(view, size), subscribe);
  pending = feed;
  setTimeout(() => {
    if (pending !== feed) return;
    pending = null;
    feed.close();
  }, UNCLAIMED_MS);
}

/**
 * The box of the feed opened for the map, if one is open and sound, asked when the map first
 * knows its view; from then on no other opens (the map follows its own viewport).
 */
export function openingBox(): BoundingBox | null {
  isClaimed = true;
  if (pending?.isFailed) {
    pending.close();
    pending = null;
  }
  return pending?.box ?? null;
}

/** The opening feed for `box`, taken over by its caller; any other is closed. */
export function takeFeed(box: BoundingBox): OpeningFeed | null {
  const feed = pending;
  pending = null;
  if (!feed) return null;
  if (!feed.isFailed && bboxKey(feed.box) === bboxKey(box)) return feed;
  feed.close();
  return null;
}
