/**
 * A sprite's pixels, read once from its canvas: RGBA packed in a Uint32Array (little-endian
 * ABGR, as ImageData's bytes read on every platform browsers run on), and for each row the
 * first and last column that is not fully transparent.
 */
export type SpritePixels = {
  width: number;
  height: number;
  pixels: Uint32Array;
  rowStart: Int16Array;
  rowEnd: Int16Array;
};

export function spritePixels(width: number, height: number, rgba: Uint8ClampedArray): SpritePixels {
  const pixels = new Uint32Array(
    rgba.buffer.slice(rgba.byteOffset, rgba.byteOffset + width * height * 4),
  );
  const rowStart = new Int16Array(height).fill(width);
  const rowEnd = new Int16Array(height).fill(-1);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if ((pixels[y * width + x] ?? 0) >>> 24 !== 0) {
        rowStart[y] = Math.min(rowStart[y] ?? width, x);
        rowEnd[y] = x;
      }
  return { width, height, pixels, rowStart, rowEnd };
}

/**
 * A frame's pixels, composed in JavaScript and handed to the canvas in one putImageData.
 * Without a GPU, Chromium spends far longer on ten thousand drawImage calls (each a recorded
 * paint operation, rasterised later) than this loop takes to copy as many small sprites
 * (bench/map-draw.ts). A sprite stamped at the same place as the same sprite already there
 * in this frame is skipped: zoomed out, thousands of trucks share a few hundred pixels.
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
      this.frame = 0;
    } else {
      this.pixels.fill(0);
    }
    this.frame++;
  }

  /** Copies sprite number `spriteId` with its top left corner at (left, top), blending its edges. */
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
        const alpha = colour >>> 24;
        if (alpha === 0) continue;
        const below = target[targetRow + x] ?? 0;
        if (alpha === 255 || below >>> 24 === 0) target[targetRow + x] = colour;
        else target[targetRow + x] = over(colour, alpha, below);
      }
    }
  }

  /** Hands the frame to a canvas context. */
  end(context: CanvasRenderingContext2D): void {
    if (this.image) context.putImageData(this.image, 0, 0);
  }

  /** The frame's pixel at (x, y), packed as in SpritePixels (for tests). */
  pixelAt(x: number, y: number): number {
    return this.pixels[y * this.width + x] ?? 0;
  }
}

/** `colour` (alpha `alpha`) over `below`, both straight (not premultiplied) RGBA. */
function over(colour: number, alpha: number, below: number): number {
  const belowAlpha = ((below >>> 24) * (255 - alpha)) / 255;
  const outAlpha = alpha + belowAlpha;
  const channel = (shift: number) =>
    Math.round(
      (((colour >>> shift) & 255) * alpha + ((below >>> shift) & 255) * belowAlpha) / outAlpha,
    );
  return (
    ((Math.round(outAlpha) << 24) | (channel(16) << 16) | (channel(8) << 8) | channel(0)) >>> 0
  );
}
