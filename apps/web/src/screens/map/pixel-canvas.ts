import { over, type SpritePixels } from './sprite-pixels.ts';

type Box = { left: number; top: number; right: number; bottom: number };

/** A sprite laid out for a frame `frameWidth` wide: where its pixels fall from its top left. */
type PlacedSprite = {
  sprite: SpritePixels;
  frameWidth: number;
  /** (offset in the frame, offset in the sprite, length) of each opaque run. */
  runs: Int32Array;
  /** Offset in the frame of each translucent pixel (colours in sprite.translucentColour). */
  translucent: Int32Array;
  /** Offset in the frame of each pixel not wholly transparent, the translucent ones first. */
  visible: Int32Array;
  /** Offset in the frame of each opaque pixel. */
  opaque: Int32Array;
};

/**
 * A frame's pixels, composed in JavaScript and handed to the canvas in one putImageData.
 * Without a GPU, Chromium spends far longer on ten thousand drawImage calls (each a recorded
 * paint operation, rasterised later) than this takes to copy as many small sprites
 * (bench/map-draw.ts). A sprite stamped at the same place as the same sprite already there
 * in this frame is skipped: zoomed out, thousands of trucks share a few hundred pixels. The
 * other stamps are queued and composed at the end, later ones over earlier ones, leaving out
 * what a later stamp covers with opaque pixels (compose()), and only the rectangle holding
 * sprites is cleared and handed over.
 */
export class PixelCanvas {
  width = 0;
  height = 0;
  private image: ImageData | null = null;
  private pixels = new Uint32Array(0);
  /** Per pixel: the frame that last stamped a sprite's top left corner there, and which sprite. */
  private stampFrame = new Uint32Array(0);
  private stampSprite = new Int32Array(0);
  private frame = 0;
  /** Per pixel, while composing: the last queued stamp laying an opaque pixel there, or -1. */
  private coveredBy = new Int32Array(0);
  /** The stamps not composed yet: sprite, top left corner. */
  private readonly queued: PlacedSprite[] = [];
  private queuedAt = new Int32Array(2_048);
  private isShown = new Uint8Array(1_024);
  /** The rectangle (right and bottom exclusive) holding this frame's sprites, and the last frame's. */
  private stamped: Box = { left: 0, top: 0, right: 0, bottom: 0 };
  private lastStamped: Box = { left: 0, top: 0, right: 0, bottom: 0 };
  /** The canvas may hold pixels outside `lastStamped`: the next end() hands over everything. */
  private isCanvasDirty = true;
  /** By sprite number, its pixels' offsets for this frame's width. */
  private readonly placedSprites: PlacedSprite[] = [];

  constructor(private readonly createImage: (width: number, height: number) => ImageData) {}

  /** Starts a frame of this size, transparent. */
  begin(width: number, height: number): void {
    if (width !== this.width || height !== this.height || !this.image) {
      this.width = width;
      this.height = height;
      this.image = this.createImage(width, height);
      this.pixels = new Uint32Array(this.image.data.buffer);
      this.stampFrame = new Uint32Array(width * height);
      this.stampSprite = new Int32Array(width * height);
      this.coveredBy = new Int32Array(width * height);
      this.frame = 0;
      this.isCanvasDirty = true;
    } else {
      // Only the last frame's sprites are cleared, not the whole frame of 2.2 million pixels
      // (at 1440×900): a fleet in view is mostly bunched at the terminals. With the smaller
      // putImageData in end(), 0.5 ms of bench/map-draw.ts's draw went to under 0.1 ms.
      const { left, top, right, bottom } = this.stamped;
      for (let y = top; y < bottom; y++) this.pixels.fill(0, y * width + left, y * width + right);
    }
    this.queued.length = 0;
    this.lastStamped = { ...this.stamped };
    this.stamped = { left: width, top: height, right: 0, bottom: 0 };
    this.frame++;
  }

  /**
   * Says the canvas holds more than the last frame (something drawn on it after end()): the
   * next end() then hands over the whole frame, so that it is cleared.
   */
  invalidate(): void {
    this.isCanvasDirty = true;
  }

  /** Stamps sprite number `spriteId` with its top left corner at (left, top), over what is there. */
  stamp(sprite: SpritePixels, spriteId: number, left: number, top: number): void {
    const { width, height } = this;
    if (left >= width || top >= height || left + sprite.width <= 0 || top + sprite.height <= 0)
      return;
    if (left >= 0 && top >= 0) {
      const at = top * width + left;
      if (this.stampFrame[at] === this.frame && this.stampSprite[at] === spriteId) return;
      this.stampFrame[at] = this.frame;
      this.stampSprite[at] = spriteId;
    }
    const box = this.stamped;
    box.left = Math.min(box.left, Math.max(0, left));
    box.top = Math.min(box.top, Math.max(0, top));
    box.right = Math.max(box.right, Math.min(width, left + sprite.width));
    box.bottom = Math.max(box.bottom, Math.min(height, top + sprite.height));
    const count = this.queued.length;
    if (this.queuedAt.length < 2 * (count + 1)) {
      const grown = new Int32Array(this.queuedAt.length * 2);
      grown.set(this.queuedAt);
      this.queuedAt = grown;
    }
    this.queued.push(this.placed(sprite, spriteId));
    this.queuedAt[2 * count] = left;
    this.queuedAt[2 * count + 1] = top;
  }

  /**
   * Hands the frame to a canvas context: the rectangle holding this frame's sprites and the
   * last frame's (cleared), or the whole frame when the canvas holds more (invalidate()).
   */
  end(context: CanvasRenderingContext2D): void {
    this.compose();
    if (!this.image) return;
    if (this.isCanvasDirty) {
      context.putImageData(this.image, 0, 0);
      this.isCanvasDirty = false;
      return;
    }
    const left = Math.min(this.stamped.left, this.lastStamped.left);
    const top = Math.min(this.stamped.top, this.lastStamped.top);
    const right = Math.max(this.stamped.right, this.lastStamped.right);
    const bottom = Math.max(this.stamped.bottom, this.lastStamped.bottom);
    if (right > left && bottom > top)
      context.putImageData(this.image, 0, 0, left, top, right - left, bottom - top);
  }

  /** The frame's pixel at (x, y), packed as in SpritePixels (for tests). */
  pixelAt(x: number, y: number): number {
    this.compose();
    return this.pixels[y * this.width + x] ?? 0;
  }

  /**
   * Draws the queued stamps in order, leaving out what a later stamp hides: a pixel that a
   * later stamp overwrites with an opaque one ends the same whatever was drawn there before.
   * Walking the queue from the last stamp back marks, per pixel, the last stamp laying an
   * opaque pixel there; a stamp whose pixels are all marked already is hidden, and a shown
   * stamp skips its translucent pixels marked by a later stamp (its opaque ones are copied:
   * testing them costs as much). In bench/map-draw.ts's fleet (10,000 trucks bunched in
   * three places, 4,800 of them at a place of their own) two thirds of the stamps are
   * hidden: leaving them out took composing the frame from 2.0 to 1.3 ms (Chromium,
   * --disable-gpu), and skipping covered translucent pixels to 1.0 ms.
   */
  private compose(): void {
    const count = this.queued.length;
    if (count === 0) return;
    const { width, height } = this;
    const coveredBy = this.coveredBy;
    const { left, top, right, bottom } = this.stamped;
    for (let y = top; y < bottom; y++) coveredBy.fill(-1, y * width + left, y * width + right);
    if (this.isShown.length < count) this.isShown = new Uint8Array(count * 2);
    const isShown = this.isShown;
    for (let i = count - 1; i >= 0; i--) {
      const placed = this.queued[i] as PlacedSprite;
      const { sprite } = placed;
      const x = this.queuedAt[2 * i] ?? 0;
      const y = this.queuedAt[2 * i + 1] ?? 0;
      if (x < 0 || y < 0 || x + sprite.width > width || y + sprite.height > height) {
        // Clipped at the frame's edge: always drawn, and not counted as covering anything.
        isShown[i] = 1;
        continue;
      }
      const at = y * width + x;
      const visible = placed.visible;
      let isHidden = true;
      for (let n = 0; n < visible.length && isHidden; n++)
        isHidden = (coveredBy[at + (visible[n] ?? 0)] ?? -1) >= 0;
      isShown[i] = isHidden ? 0 : 1;
      if (isHidden) continue;
      const opaque = placed.opaque;
      for (let n = 0; n < opaque.length; n++) {
        const to = at + (opaque[n] ?? 0);
        if (coveredBy[to] === -1) coveredBy[to] = i;
      }
    }
    for (let i = 0; i < count; i++) {
      if (isShown[i] === 0) continue;
      const placed = this.queued[i] as PlacedSprite;
      this.draw(placed, this.queuedAt[2 * i] ?? 0, this.queuedAt[2 * i + 1] ?? 0, i);
    }
    this.queued.length = 0;
  }

  /**
   * Copies queued stamp number `queuedAs` with its top left corner at (left, top), blending
   * its translucent pixels but those a later stamp covers.
   */
  private draw(placed: PlacedSprite, left: number, top: number, queuedAs: number): void {
    const { sprite } = placed;
    const { width, height } = this;
    if (left < 0 || top < 0 || left + sprite.width > width || top + sprite.height > height) {
      this.drawClipped(sprite, left, top);
      return;
    }
    // Wholly inside the frame: opaque runs are copied and only translucent pixels blended,
    // with no per-pixel test of alpha or bounds, at offsets worked out once per sprite.
    // Against the per-row loop (drawClipped) for every sprite, composing bench/map-draw.ts's
    // frame went from 1.6 to 1.3 ms (before covered translucent pixels were skipped).
    const target = this.pixels;
    const source = sprite.pixels;
    const at = top * width + left;
    const runs = placed.runs;
    for (let i = 0; i < runs.length; i += 3) {
      let to = at + (runs[i] ?? 0);
      let from = runs[i + 1] ?? 0;
      const end = from + (runs[i + 2] ?? 0);
      while (from < end) target[to++] = source[from++] ?? 0;
    }
    const places = placed.translucent;
    const colours = sprite.translucentColour;
    const coveredBy = this.coveredBy;
    for (let i = 0; i < colours.length; i++) {
      const to = at + (places[i] ?? 0);
      if ((coveredBy[to] ?? -1) <= queuedAs) target[to] = over(colours[i] ?? 0, target[to] ?? 0);
    }
  }

  /** draw() for a sprite reaching past the frame's edges: row by row, clipped. */
  private drawClipped(sprite: SpritePixels, left: number, top: number): void {
    const { width, height } = this;
    const target = this.pixels;
    const source = sprite.pixels;
    for (let y = Math.max(0, -top); y < sprite.height; y++) {
      const row = top + y;
      if (row >= height) break;
      const first = Math.max(sprite.rowStart[y] ?? 0, -left);
      const last = Math.min(sprite.rowEnd[y] ?? -1, width - 1 - left);
      const targetRow = row * width + left;
      const sourceRow = y * sprite.width;
      for (let x = first; x <= last; x++) {
        const colour = source[sourceRow + x] ?? 0;
        if (colour >>> 24 !== 0) target[targetRow + x] = over(colour, target[targetRow + x] ?? 0);
      }
    }
  }

  /** The sprite's pixels as offsets in this frame (kept by sprite number until it changes). */
  private placed(sprite: SpritePixels, spriteId: number): PlacedSprite {
    const known = this.placedSprites[spriteId];
    if (known?.sprite === sprite && known.frameWidth === this.width) return known;
    const frameOffset = (y: number, x: number) => y * this.width + x;
    const runs = new Int32Array(sprite.opaqueRuns.length);
    const opaque: number[] = [];
    for (let i = 0; i < runs.length; i += 3) {
      const y = sprite.opaqueRuns[i] ?? 0;
      const x = sprite.opaqueRuns[i + 1] ?? 0;
      const length = sprite.opaqueRuns[i + 2] ?? 0;
      runs[i] = frameOffset(y, x);
      runs[i + 1] = y * sprite.width + x;
      runs[i + 2] = length;
      for (let n = 0; n < length; n++) opaque.push(frameOffset(y, x + n));
    }
    const translucent = new Int32Array(sprite.translucentColour.length);
    for (let i = 0; i < translucent.length; i++)
      translucent[i] = frameOffset(
        sprite.translucentAt[2 * i] ?? 0,
        sprite.translucentAt[2 * i + 1] ?? 0,
      );
    const placed = {
      sprite,
      frameWidth: this.width,
      runs,
      translucent,
      visible: Int32Array.from([...translucent, ...opaque]),
      opaque: Int32Array.from(opaque),
    };
    this.placedSprites[spriteId] = placed;
    return placed;
  }
}
