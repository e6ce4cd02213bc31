import L from 'leaflet';
import { AssetIndex, type AssetLook, viewTransform } from './asset-index.ts';
import { mapStats } from './map-stats.ts';
import { PixelCanvas } from './pixel-canvas.ts';
import type { AssetEntry, PositionStore } from './position-store.ts';
import type { SpritePixels } from './sprite-pixels.ts';
import { ROTATION_STEP_DEG, SpriteCache } from './sprites.ts';

export type { AssetLook };

const HIT_RADIUS_PX = 12;
const EDGE_PX = 16;
/**
 * The canvas reaches this fraction of the viewport beyond each side, so a drag shows assets
 * at once: the canvas moves with the map's pane and is only redrawn when the drag ends (or
 * a live redraw comes due meanwhile).
 */
const PADDING = 0.15;
/** Trails of every asset are drawn while at most this many are in view (else only the selected one's). */
const TRAILS_UP_TO = 1_500;
/**
 * Live positions (and a view being dragged) redraw the canvas at most this often. A fleet
 * of 10,000 trucks brings about a thousand positions a second: redrawn for every batch, the
 * map would spend its frames drawing. A zoomed, resized or released view redraws in the
 * next frame.
 */
export const LIVE_REDRAW_MS = 100;

/**
 * Every asset on one canvas. Positions are filed in an AssetIndex as they arrive (world
 * pixels, the base map's datum applied through the map's CRS), so a redraw scales and
 * offsets numbers and stamps each asset's pre-rendered sprite to whole pixels in a
 * PixelCanvas, handed to the canvas in one putImageData.
 * Redraws come from one requestAnimationFrame, asked for when something changed: at once
 * for a new view, at most every LIVE_REDRAW_MS for live positions and drags. A click finds
 * the nearest asset from the same arrays.
 */
export class AssetCanvasLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private frame: number | null = null;
  private liveTimer: ReturnType<typeof setTimeout> | null = null;
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private pendingSince: number | null = null;
  private unsubscribe: (() => void) | null = null;
  private lookOf: (entry: AssetEntry) => AssetLook = () => ({ shape: 'dot', colour: '#444' });
  private index: AssetIndex | null = null;
  private readonly changed = new Set<string>();
  private isLookStale = true;
  private drawnSlots = new Int32Array(1_024);
  private selectedId: string | null = null;
  private sprites: SpriteCache | null = null;
  private readonly pixelCanvas = new PixelCanvas((width, height) => new ImageData(width, height));
  private onSelect: (id: string) => void = () => {};
  private onDrawn: (count: number) => void = () => {};

  constructor(private readonly store: PositionStore) {
    super();
  }

  setLook(lookOf: (entry: AssetEntry) => AssetLook): void {
    if (lookOf === this.lookOf) return;
    this.lookOf = lookOf;
    this.isLookStale = true;
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
    map.on('moveend zoomend viewreset resize', this.schedule, this);
    map.on('move', this.scheduleLive, this);
    map.on('click', this.handleClick, this);
    map.on('mousemove', this.handleHover, this);
    this.unsubscribe = this.store.subscribe((changedIds, arrivedAt) => {
      for (const id of changedIds) this.changed.add(id);
      this.pendingSince = Math.min(this.pendingSince ?? arrivedAt, arrivedAt);
      this.scheduleLive();
    });
    this.isLookStale = true;
    this.schedule();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend viewreset resize', this.schedule, this);
    map.off('move', this.scheduleLive, this);
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

  /** The asset drawn nearest to a point of the map's container, within reach of a click. */
  assetAt(x: number, y: number): string | null {
    const map = this._map;
    const index = this.index;
    if (!map || !index) return null;
    const view = viewTransform(map, map.containerPointToLayerPoint([0, 0]));
    let best: string | null = null;
    let bestDistance = HIT_RADIUS_PX * HIT_RADIUS_PX;
    for (let slot = 0; slot < index.size; slot++) {
      const dx = (index.worldX[slot] ?? 0) * view.scale + view.offsetX - x;
      const dy = (index.worldY[slot] ?? 0) * view.scale + view.offsetY - y;
      const distance = dx * dx + dy * dy;
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = index.ids[slot] ?? null;
      }
    }
    return best;
  }

  /** Where the layer draws an asset, in the map container's pixels; null for an unknown asset. */
  containerPointOf(id: string): { x: number; y: number } | null {
    const map = this._map;
    if (!map) return null;
    const index = this.currentIndex(map);
    const slot = index.slot(id);
    if (slot === undefined) return null;
    const view = viewTransform(map, map.containerPointToLayerPoint([0, 0]));
    return {
      x: (index.worldX[slot] ?? 0) * view.scale + view.offsetX,
      y: (index.worldY[slot] ?? 0) * view.scale + view.offsetY,
    };
  }

  private handleClick(event: L.LeafletMouseEvent): void {
    const id = this.assetAt(event.containerPoint.x, event.containerPoint.y);
    if (id !== null) this.onSelect(id);
  }

  private handleHover(event: L.LeafletMouseEvent): void {
    const hit = this.assetAt(event.containerPoint.x, event.containerPoint.y) !== null;
    if (this._map) this._map.getContainer().style.cursor = hit ? 'pointer' : '';
  }

  /** The index, brought up to date with the store, the map's CRS and the looks. */
  private currentIndex(map: L.Map): AssetIndex {
    const crs = map.options.crs as L.CRS;
    if (!this.index) {
      this.index = new AssetIndex(crs, this.lookOf);
      this.index.update(this.store.values());
    } else if (this.isLookStale || this.index.currentCrs !== crs) {
      this.index.reset(crs, this.lookOf, this.store.values());
    } else if (this.changed.size > 0) {
      const entries: AssetEntry[] = [];
      for (const id of this.changed) {
        const entry = this.store.get(id);
        if (entry) entries.push(entry);
      }
      this.index.update(entries);
    }
    this.changed.clear();
    this.isLookStale = false;
    return this.index;
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
    const padX = Math.round(size.x * PADDING);
    const padY = Math.round(size.y * PADDING);
    const width = size.x + 2 * padX;
    const height = size.y + 2 * padY;
    const ratio = window.devicePixelRatio || 1;
    if (
      canvas.width !== Math.round(width * ratio) ||
      canvas.height !== Math.round(height * ratio)
    ) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const topLeft = map.containerPointToLayerPoint([-padX, -padY]);
    L.DomUtil.setPosition(canvas, topLeft);

    const index = this.currentIndex(map);
    const view = viewTransform(map, topLeft);
    const zoom = map.getZoom();
    const hullSize = zoom >= 15 ? 11 : zoom >= 13 ? 8 : 6;
    if (this.sprites?.pixelRatio !== ratio) this.sprites = new SpriteCache(ratio);
    const sprites = this.sprites;
    const pixels: SpritePixels[] = [];
    const halves: number[] = [];
    for (const look of index.looks) {
      const sprite =
        look.shape === 'dot'
          ? sprites.get('dot', look.colour, 4)
          : look.rotationDeg === null
            ? sprites.get('circle', look.colour, hullSize)
            : sprites.get('ship', look.colour, hullSize, look.rotationDeg / ROTATION_STEP_DEG);
      pixels.push(sprites.pixels(sprite.image));
      halves.push(sprite.extent / 2);
    }

    if (this.drawnSlots.length < index.size) this.drawnSlots = new Int32Array(index.size * 2);
    const drawn = this.drawnSlots;
    const { worldX, worldY, lookIndex } = index;
    const { scale, offsetX, offsetY } = view;
    let drawnCount = 0;
    let visible = 0;
    for (let slot = 0; slot < index.size; slot++) {
      const x = (worldX[slot] ?? 0) * scale + offsetX;
      const y = (worldY[slot] ?? 0) * scale + offsetY;
      if (x < -EDGE_PX || y < -EDGE_PX || x > width + EDGE_PX || y > height + EDGE_PX) continue;
      if (x >= padX && y >= padY && x <= padX + size.x && y <= padY + size.y) visible++;
      drawn[drawnCount++] = slot;
    }

    const frame = this.pixelCanvas;
    frame.begin(canvas.width, canvas.height);
    for (let i = 0; i < drawnCount; i++) {
      const slot = drawn[i] ?? 0;
      const look = lookIndex[slot] ?? 0;
      const half = halves[look] ?? 0;
      // Whole pixels: the sprite is copied, not resampled.
      frame.stamp(
        pixels[look] as SpritePixels,
        look,
        Math.round(((worldX[slot] ?? 0) * scale + offsetX - half) * ratio),
        Math.round(((worldY[slot] ?? 0) * scale + offsetY - half) * ratio),
      );
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    frame.end(context);

    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const selectedSlot = this.selectedId === null ? undefined : index.slot(this.selectedId);
    const trailed: number[] = [];
    if (drawnCount <= TRAILS_UP_TO)
      for (let i = 0; i < drawnCount; i++) trailed.push(drawn[i] ?? 0);
    else if (selectedSlot !== undefined) trailed.push(selectedSlot);
    this.drawTrails(context, index, trailed, view);
    // Trails and the selection ring lie outside the frame's pixels: the next frame clears them.
    if (trailed.length > 0 || selectedSlot !== undefined) frame.invalidate();
    if (selectedSlot !== undefined) {
      context.beginPath();
      context.arc(
        (worldX[selectedSlot] ?? 0) * scale + offsetX,
        (worldY[selectedSlot] ?? 0) * scale + offsetY,
        hullSize + 6,
        0,
        Math.PI * 2,
      );
      context.lineWidth = 3;
      context.strokeStyle = '#ff3d00';
      context.stroke();
    }

    const stats = mapStats();
    const selectedEntry = this.selectedId === null ? undefined : this.store.get(this.selectedId);
    stats.selected =
      selectedSlot === undefined || !selectedEntry
        ? null
        : {
            id: selectedEntry.id,
            lat: selectedEntry.position.lat,
            lon: selectedEntry.position.lon,
            x: (worldX[selectedSlot] ?? 0) * scale + offsetX - padX,
            y: (worldY[selectedSlot] ?? 0) * scale + offsetY - padY,
          };
    const corner = map.getPixelOrigin().add(map.containerPointToLayerPoint([0, 0]));
    stats.view = { zoom, left: corner.x, top: corner.y };
    stats.assets = visible;
    stats.draws += 1;
    const finished = performance.now();
    stats.lastDrawMs = finished - started;
    if (this.pendingSince !== null) stats.lastUpdateToPaintMs = finished - this.pendingSince;
    this.pendingSince = null;
    this.onDrawn(visible);
  }

  private drawTrails(
    context: CanvasRenderingContext2D,
    index: AssetIndex,
    slots: readonly number[],
    view: { scale: number; offsetX: number; offsetY: number },
  ): void {
    context.beginPath();
    for (const slot of slots) {
      const trail = index.trails[slot];
      if (!trail || trail.length === 0) continue;
      for (let i = 0; i < trail.length; i += 2) {
        const x = (trail[i] ?? 0) * view.scale + view.offsetX;
        const y = (trail[i + 1] ?? 0) * view.scale + view.offsetY;
        if (i === 0) context.moveTo(x, y);
        else context.lineTo(x, y);
      }
    }
    context.lineWidth = 1.5;
    context.strokeStyle = 'rgba(40, 60, 90, 0.45)';
    context.stroke();
  }
}
