/**
 * A sprite's pixels, read once from its canvas: RGBA packed in a Uint32Array (little-endian
 * ABGR, as ImageData's bytes read on every platform browsers run on), and the same pixels
 * sorted for stamping (PixelCanvas): runs of fully opaque pixels, copied as they are, and the
 * translucent (antialiased) pixels, blended one by one. For clipping, each row's first and
 * last column that is not fully transparent.
 */
export type SpritePixels = {
  width: number;
  height: number;
  pixels: Uint32Array;
  rowStart: Int16Array;
  rowEnd: Int16Array;
  /** Runs of opaque pixels in a row, as (row, first column, length) triples. */
  opaqueRuns: Int16Array;
  /** Translucent pixels as (row, column) pairs, their colours in `translucentColour`. */
  translucentAt: Int16Array;
  translucentColour: Uint32Array;
};

export function spritePixels(width: number, height: number, rgba: Uint8ClampedArray): SpritePixels {
  const pixels = new Uint32Array(
    rgba.buffer.slice(rgba.byteOffset, rgba.byteOffset + width * height * 4),
  );
  const rowStart = new Int16Array(height).fill(width);
  const rowEnd = new Int16Array(height).fill(-1);
  const runs: number[] = [];
  const translucentAt: number[] = [];
  const translucentColour: number[] = [];
  for (let y = 0; y < height; y++) {
    let runFrom = -1;
    // One column past the row's end closes a run reaching the sprite's right edge.
    for (let x = 0; x <= width; x++) {
      const colour = x < width ? (pixels[y * width + x] ?? 0) : 0;
      const alpha = colour >>> 24;
      if (alpha === 255 && runFrom < 0) runFrom = x;
      if (alpha !== 255 && runFrom >= 0) {
        runs.push(y, runFrom, x - runFrom);
        runFrom = -1;
      }
      if (alpha === 0) continue;
      rowStart[y] = Math.min(rowStart[y] ?? width, x);
      rowEnd[y] = x;
      if (alpha !== 255) {
        translucentAt.push(y, x);
        translucentColour.push(colour);
      }
    }
  }
  return {
    width,
    height,
    pixels,
    rowStart,
    rowEnd,
    opaqueRuns: Int16Array.from(runs),
    translucentAt: Int16Array.from(translucentAt),
    translucentColour: Uint32Array.from(translucentColour),
  };
}

/** `colour` over `below`, both straight (not premultiplied) RGBA packed as in SpritePixels. */
export function over(colour: number, below: number): number {
  const alpha = colour >>> 24;
  const belowOpacity = below >>> 24;
  if (alpha === 255 || belowOpacity === 0) return colour;
  if (belowOpacity === 255) {
    // Over an opaque pixel (where sprites overlap, the usual case) the result is opaque and
    // each channel round((c * alpha + b * (255 - alpha)) / 255): what the general formula
    // below gives, in whole numbers (sprite-pixels.test.ts checks them). Composing
    // bench/map-draw.ts's frame of overlapping trucks took 4.3 ms with the general formula
    // (a division and three roundings per pixel), 1.4 ms with this.
    const rest = 255 - alpha;
    return (
      (0xff000000 |
        (div255(((colour >>> 16) & 255) * alpha + ((below >>> 16) & 255) * rest) << 16) |
        (div255(((colour >>> 8) & 255) * alpha + ((below >>> 8) & 255) * rest) << 8) |
        div255((colour & 255) * alpha + (below & 255) * rest)) >>>
      0
    );
  }
  const belowAlpha = (belowOpacity * (255 - alpha)) / 255;
  const outAlpha = alpha + belowAlpha;
  const mix = (shift: number) =>
    Math.round(
      (((colour >>> shift) & 255) * alpha + ((below >>> shift) & 255) * belowAlpha) / outAlpha,
    );
  return ((Math.round(outAlpha) << 24) | (mix(16) << 16) | (mix(8) << 8) | mix(0)) >>> 0;
}

/** round(n / 255) for a whole n from 0 to 255 * 255, without dividing. */
export function div255(n: number): number {
  const t = n + 128;
  return (t + (t >>> 8)) >>> 8;
}
