import { describe, expect, it } from 'vitest';
import { PixelCanvas } from './pixel-canvas.ts';
import { referenceOver } from './reference-blend.ts';
import { type SpritePixels, spritePixels } from './sprite-pixels.ts';

const image = (width: number, height: number) =>
  ({ width, height, data: new Uint8ClampedArray(width * height * 4) }) as ImageData;
const RED = 0xff0000ff; // opaque red, as ImageData's bytes R, G, B, A read little-endian

/** A 3×3 sprite: an opaque red cross, transparent corners. */
function cross() {
  const rgba = new Uint8ClampedArray(3 * 3 * 4);
  for (const at of [1, 3, 4, 5, 7]) rgba.set([255, 0, 0, 255], at * 4);
  return spritePixels(3, 3, rgba);
}

describe('PixelCanvas', () => {
  it('copies a sprite to whole pixels, leaving its transparent pixels alone', () => {
    const frame = new PixelCanvas(image);
    frame.begin(8, 8);
    frame.stamp(cross(), 0, 2, 3);
    expect(frame.pixelAt(3, 4)).toBe(RED);
    expect(frame.pixelAt(3, 3)).toBe(RED);
    expect(frame.pixelAt(2, 3)).toBe(0);
    expect(frame.pixelAt(5, 4)).toBe(0);
  });

  it('clips sprites at the edges and starts every frame empty', () => {
    const frame = new PixelCanvas(image);
    frame.begin(4, 4);
    frame.stamp(cross(), 0, -1, -1);
    frame.stamp(cross(), 0, 2, 2);
    expect(frame.pixelAt(0, 0)).toBe(RED);
    expect(frame.pixelAt(3, 3)).toBe(RED);
    frame.begin(4, 4);
    expect(frame.pixelAt(0, 0)).toBe(0);
  });

  it('blends a translucent pixel over what is below', () => {
    const rgba = new Uint8ClampedArray([0, 0, 255, 128]);
    const frame = new PixelCanvas(image);
    frame.begin(2, 2);
    frame.stamp(spritePixels(1, 1, new Uint8ClampedArray([255, 0, 0, 255])), 0, 0, 0);
    frame.stamp(spritePixels(1, 1, rgba), 1, 0, 0);
    const pixel = frame.pixelAt(0, 0);
    expect(pixel >>> 24).toBe(255);
    expect(pixel & 255).toBeCloseTo(127, -1);
    expect((pixel >>> 16) & 255).toBeCloseTo(128, -1);
  });

  it('draws the same picture as stamping every pixel in order, overlapping and clipped', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seeded(seed);
      const sprites = [dot(random), dot(random), patchy(random, 5, 4), patchy(random, 3, 6)];
      const frame = new PixelCanvas(image);
      // Two frames on one canvas: the second starts from what the first left to clear; the
      // first queues more stamps than the queue first holds.
      for (const stampCount of [1_500, 150]) {
        const [width, height] = [30, 22];
        const stamps = Array.from({ length: stampCount }, () => {
          const id = Math.floor(random() * sprites.length);
          return {
            id,
            left: Math.floor(random() * (width + 10)) - 8,
            top: Math.floor(random() * (height + 10)) - 8,
          };
        });
        frame.begin(width, height);
        for (const { id, left, top } of stamps)
          frame.stamp(sprites[id] as SpritePixels, id, left, top);
        const expected = stampPixelByPixel(width, height, sprites, stamps);
        const drawn = Array.from({ length: width * height }, (_, at) =>
          frame.pixelAt(at % width, Math.floor(at / width)),
        );
        expect(drawn).toEqual(Array.from(expected));
      }
    }
  });

  it("hands over the rectangle of this and the last frame's sprites, or all after invalidate()", () => {
    const frame = new PixelCanvas(image);
    const puts: number[][] = [];
    const context = {
      putImageData: (_: ImageData, ...rect: number[]) => puts.push(rect),
    } as unknown as CanvasRenderingContext2D;
    frame.begin(40, 30);
    frame.stamp(cross(), 0, 2, 3);
    frame.end(context);
    frame.begin(40, 30);
    frame.stamp(cross(), 0, 10, 20);
    frame.end(context);
    expect(frame.pixelAt(3, 4)).toBe(0);
    frame.invalidate();
    frame.begin(40, 30);
    frame.end(context);
    frame.begin(40, 30);
    frame.end(context);
    expect(puts).toEqual([
      [0, 0],
      [0, 0, 2, 3, 11, 20],
      [0, 0],
    ]);
  });
});

/** A seeded pseudo-random sequence in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const rgbaPixel = (random: () => number, alpha: number) => [
  Math.floor(random() * 256),
  Math.floor(random() * 256),
  Math.floor(random() * 256),
  alpha,
];

/** A 6×6 disc like the map's dots: an opaque middle, an antialiased rim, transparent corners. */
function dot(random: () => number) {
  const rgba = new Uint8ClampedArray(6 * 6 * 4);
  const fill = rgbaPixel(random, 255);
  for (let y = 0; y < 6; y++)
    for (let x = 0; x < 6; x++) {
      const distance = Math.hypot(x - 2.5, y - 2.5);
      if (distance < 1.8) rgba.set(fill, (y * 6 + x) * 4);
      else if (distance < 3.2)
        rgba.set(rgbaPixel(random, 20 + Math.floor(random() * 200)), (y * 6 + x) * 4);
    }
  return spritePixels(6, 6, rgba);
}

/** A sprite of random pixels: a third transparent, a third opaque, a third translucent. */
function patchy(random: () => number, width: number, height: number) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let at = 0; at < width * height; at++) {
    const kind = Math.floor(random() * 3);
    const alpha = kind === 0 ? 0 : kind === 1 ? 255 : 1 + Math.floor(random() * 254);
    rgba.set(rgbaPixel(random, alpha), at * 4);
  }
  return spritePixels(width, height, rgba);
}

/**
 * The picture PixelCanvas must draw, the plain way: every stamp in order (but a repeat of the
 * sprite already stamped at the same top left corner), every pixel blended with the general
 * formula.
 */
function stampPixelByPixel(
  width: number,
  height: number,
  sprites: SpritePixels[],
  stamps: { id: number; left: number; top: number }[],
): Uint32Array {
  const frame = new Uint32Array(width * height);
  const stampedAt = new Map<number, number>();
  for (const { id, left, top } of stamps) {
    const sprite = sprites[id] as SpritePixels;
    if (left >= width || top >= height || left + sprite.width <= 0 || top + sprite.height <= 0)
      continue;
    if (left >= 0 && top >= 0) {
      if (stampedAt.get(top * width + left) === id) continue;
      stampedAt.set(top * width + left, id);
    }
    for (let y = 0; y < sprite.height; y++)
      for (let x = 0; x < sprite.width; x++) {
        const [frameX, frameY] = [left + x, top + y];
        if (frameX < 0 || frameY < 0 || frameX >= width || frameY >= height) continue;
        const colour = sprite.pixels[y * sprite.width + x] ?? 0;
        const below = frame[frameY * width + frameX] ?? 0;
        if (colour >>> 24 !== 0) frame[frameY * width + frameX] = referenceOver(colour, below);
      }
  }
  return frame;
}
