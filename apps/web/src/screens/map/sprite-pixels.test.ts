import { describe, expect, it } from 'vitest';
import { referenceOver } from './reference-blend.ts';
import { div255, over, spritePixels } from './sprite-pixels.ts';

describe('spritePixels', () => {
  it('sorts a sprite into opaque runs and translucent pixels', () => {
    // One row: transparent, opaque, opaque, translucent, opaque (reaching the right edge).
    const rgba = new Uint8ClampedArray([
      0, 0, 0, 0, 9, 9, 9, 255, 9, 9, 9, 255, 7, 7, 7, 100, 5, 5, 5, 255,
    ]);
    const sprite = spritePixels(5, 1, rgba);
    expect(Array.from(sprite.opaqueRuns)).toEqual([0, 1, 2, 0, 4, 1]);
    expect(Array.from(sprite.translucentAt)).toEqual([0, 3]);
    expect(Array.from(sprite.translucentColour)).toEqual([0x64070707]);
    expect([sprite.rowStart[0], sprite.rowEnd[0]]).toEqual([1, 4]);
  });
});

describe('over', () => {
  it('divides by 255 with rounding, for every product of two channels', () => {
    for (let n = 0; n <= 255 * 255; n++) if (div255(n) !== Math.round(n / 255)) expect(n).toBe(-1);
  });

  it('blends over an opaque pixel as the general formula does', () => {
    for (let alpha = 1; alpha < 255; alpha++)
      for (let c = 0; c < 256; c += 5)
        for (let b = 0; b < 256; b += 3) {
          const colour = ((alpha << 24) | (c << 16) | ((255 - c) << 8) | b) >>> 0;
          const below = (0xff000000 | (b << 16) | (c << 8) | ((c + b) & 255)) >>> 0;
          if (over(colour, below) !== referenceOver(colour, below))
            expect([colour, below]).toEqual('the same as the general formula');
        }
  });
});
