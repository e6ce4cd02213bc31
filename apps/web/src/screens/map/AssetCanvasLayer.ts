import L from 'leaflet';
import { SpatialGrid } from './hit-test.ts';
import { mapStats } from './map-stats.ts';
import type { AssetEntry, PositionStore } from './position-store.ts';
import { containerProjection } from './projection.ts';
import { rotationStep, SpriteCache } from './sprites.ts';

/** How one asset is drawn: a hull rotated to its heading (null: unknown, a circle), or a dot. */
export type AssetLook =
  | { shape: 'ship'; colour: string; rotationDeg: number | null }
  | { shape: 'dot'; colour: string };

const HIT_RADIUS_PX = 12;
const EDGE_PX = 16;
/** Trails of every asset are drawn while at most this many are in view (else only the selected one's). */
const TRAILS_UP_TO = 1_500;
/**
 * Live positions redraw the canvas at most this often. A fleet of 10,000 trucks brings
 * about a thousand positions a second, and drawing them all takes most of a frame: redrawn
 * for every batch, the map would spend all its frames drawing and answer a drag or a click
 * late. A moved or zoomed view still redraws in the next frame.
 */
export const LIVE_REDRAW_MS = 100;

/**
 * Every asset on one canvas: the canvas covers the map's viewport, is redrawn in the next
 * animation frame after the view changes and at most every LIVE_REDRAW_MS for new positions
 * (however many came meanwhile), copies each asset's pre-rendered sprite, and files what it
 * drew in a grid so a click finds the asset under it.
 */
export class AssetCanvasLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private frame: number | null = null;
  private liveTimer: ReturnType<typeof setTimeout> | null = null;
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private pendingSince: number | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly grid = new SpatialGrid<string>();
  private lookOf: (entry: AssetEntry) => AssetLook = () => ({ shape: 'dot', colour: '#444' });
  private selectedId: string | null = null;
  private sprites: SpriteCache | null = null;
  private onSelect: (id: string) => void = () => {};
  private onDrawn: (count: number) => void = () => {};

  constructor(private readonly store: PositionStore) {
    super();
  }

  setLook(lookOf: (entry: AssetEntry) => AssetLook): void {
    this.lookOf = lookOf;
    this.schedule();
  }

  setSelected(id: string | null): void {
    this.selectedId = id;
    this.schedule();
  }

  setHandlers(handlers: {
    onSelect: (id: string) => void;
    onDrawn: (count: number) => void;
  }): void {
    this.onSelect = handlers.onSelect;
    this.onDrawn = handlers.onDrawn;
  }

  override onAdd(map: L.Map): this {
    const canvas = L.DomUtil.create('canvas', 'map-asset-canvas leaflet-zoom-hide');
    canvas.style.pointerEvents = 'none';
    map.getPane('overlayPane')?.appendChild(canvas);
    this.canvas = canvas;
    map.on('move moveend zoomend viewreset resize', this.schedule, this);
    map.on('click', this.handleClick, this);
    map.on('mousemove', this.handleHover, this);
    this.unsubscribe = this.store.subscribe((_changed, arrivedAt) => {
      this.pendingSince = Math.min(this.pendingSince ?? arrivedAt, arrivedAt);
      this.scheduleLive();
    });
    this.schedule();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('move moveend zoomend viewreset resize', this.schedule, this);
    map.off('click', this.handleClick, this);
    map.off('mousemove', this.handleHover, this);
    this.unsubscribe?.();
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    if (this.liveTimer !== null) clearTimeout(this.liveTimer);
    this.liveTimer = null;
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  /** Asks for one redraw in the next animation frame. */
  schedule(): void {
    if (this.frame !== null || !this.canvas) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.draw();
    });
  }

  /** Asks for a redraw for new positions: in the next frame, or LIVE_REDRAW_MS after the last draw. */
  private scheduleLive(): void {
    if (this.frame !== null || this.liveTimer !== null) return;
    const wait = this.lastDrawAt + LIVE_REDRAW_MS - performance.now();
    if (wait <= 0) {
      this.schedule();
      return;
    }
    this.liveTimer = setTimeout(() => {
      this.liveTimer = null;
      this.schedule();
    }, wait);
  }

  /** The asset drawn under a point of the map's container, if any. */
  assetAt(x: number, y: number): string | null {
    return this.grid.nearest(x, y, HIT_RADIUS_PX);
  }

  private handleClick(event: L.LeafletMouseEvent): void {
    const id = this.assetAt(event.containerPoint.x, event.containerPoint.y);
    if (id !== null) this.onSelect(id);
  }

  private handleHover(event: L.LeafletMouseEvent): void {
    const hit = this.assetAt(event.containerPoint.x, event.containerPoint.y) !== null;
    if (this._map) this._map.getContainer().style.cursor = hit ? 'pointer' : '';
  }

  private draw(): void {
    const map = this._map;
    const canvas = this.canvas;
    const context = canvas?.getContext('2d');
    if (!map || !canvas || !context) return;
    const started = performance.now();
    this.lastDrawAt = started;
    // This draw shows the positions a pending live redraw was waiting for.
    if (this.liveTimer !== null) clearTimeout(this.liveTimer);
    this.liveTimer = null;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
    }
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, size.x, size.y);
    this.grid.clear();

    const zoom = map.getZoom();
    const hullSize = zoom >= 15 ? 11 : zoom >= 13 ? 8 : 6;
    const project = containerProjection(map);
    const visible: AssetEntry[] = [];
    const looks: AssetLook[] = [];
    const points: number[] = [];
    let selected: { entry: AssetEntry; x: number; y: number } | null = null;
    for (const entry of this.store.values()) {
      const x = project.x(entry.position.lon);
      const y = project.y(entry.position.lat);
      if (x < -EDGE_PX || y < -EDGE_PX || x > size.x + EDGE_PX || y > size.y + EDGE_PX) continue;
      visible.push(entry);
      looks.push(this.lookOf(entry));
      points.push(x, y);
      this.grid.insert(entry.id, x, y);
      if (entry.id === this.selectedId) selected = { entry, x, y };
    }

    const trailed = visible.length <= TRAILS_UP_TO ? visible : selected ? [selected.entry] : [];
    this.drawTrails(context, map, trailed);
    this.drawAssets(context, looks, points, hullSize, ratio);
    if (selected) {
      context.beginPath();
      context.arc(selected.x, selected.y, hullSize + 6, 0, Math.PI * 2);
      context.lineWidth = 3;
      context.strokeStyle = '#ff3d00';
      context.stroke();
    }

    const stats = mapStats();
    stats.assets = visible.length;
    stats.draws += 1;
    const finished = performance.now();
    stats.lastDrawMs = finished - started;
    if (this.pendingSince !== null) stats.lastUpdateToPaintMs = finished - this.pendingSince;
    this.pendingSince = null;
    this.onDrawn(visible.length);
  }

  private drawTrails(
    context: CanvasRenderingContext2D,
    map: L.Map,
    entries: readonly AssetEntry[],
  ): void {
    const project = containerProjection(map);
    context.beginPath();
    for (const entry of entries) {
      if (entry.trail.length === 0) continue;
      entry.trail.forEach((point, i) => {
        if (i === 0) context.moveTo(project.x(point.lon), project.y(point.lat));
        else context.lineTo(project.x(point.lon), project.y(point.lat));
      });
      context.lineTo(project.x(entry.position.lon), project.y(entry.position.lat));
    }
    context.lineWidth = 1.5;
    context.strokeStyle = 'rgba(40, 60, 90, 0.45)';
    context.stroke();
  }

  private drawAssets(
    context: CanvasRenderingContext2D,
    looks: readonly AssetLook[],
    points: readonly number[],
    hullSize: number,
    ratio: number,
  ): void {
    if (this.sprites?.pixelRatio !== ratio) this.sprites = new SpriteCache(ratio);
    const sprites = this.sprites;
    context.setTransform(1, 0, 0, 1, 0, 0);
    looks.forEach((look, i) => {
      const sprite =
        look.shape === 'dot'
          ? sprites.get('dot', look.colour, 4)
          : look.rotationDeg === null
            ? sprites.get('circle', look.colour, hullSize)
            : sprites.get('ship', look.colour, hullSize, rotationStep(look.rotationDeg));
      const half = sprite.extent / 2;
      const x = points[i * 2] as number;
      const y = points[i * 2 + 1] as number;
      // Whole pixels: the sprite is copied, not resampled.
      context.drawImage(
        sprite.image,
        Math.round((x - half) * ratio),
        Math.round((y - half) * ratio),
      );
    });
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
  }
}
