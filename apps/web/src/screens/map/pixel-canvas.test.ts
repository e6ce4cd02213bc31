import { describe, expect, it } from 'vitest';
import { PixelCanvas, spritePixels } from './pixel-canvas.ts';

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
});
