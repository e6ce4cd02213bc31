import { shipOutline } from './asset-style.ts';
import { type SpritePixels, spritePixels } from './sprite-pixels.ts';

/** Rotations are drawn in steps of this many degrees (one sprite per step and colour). */
export const ROTATION_STEP_DEG = 5;

export type SpriteShape = 'ship' | 'circle' | 'dot';

/** The sprite step of a rotation: 0..(360 / step - 1). */
export function rotationStep(rotationDeg: number): number {
  const steps = 360 / ROTATION_STEP_DEG;
  return ((Math.round(rotationDeg / ROTATION_STEP_DEG) % steps) + steps) % steps;
}

/**
 * Small pre-drawn images of each asset shape, colour and rotation: a frame then copies
 * one image's pixels per asset (PixelCanvas), which stays fast for thousands of assets where
 * filling as many paths does not (notably without a GPU).
 */
export class SpriteCache {
  private readonly sprites = new Map<string, HTMLCanvasElement>();
  private readonly pixelsOf = new Map<HTMLCanvasElement, SpritePixels>();

  constructor(readonly pixelRatio: number) {}

  /** The sprite and its size in CSS pixels (square, centred on the asset). */
  get(
    shape: SpriteShape,
    colour: string,
    size: number,
    step = 0,
  ): { image: HTMLCanvasElement; extent: number } {
    const extent = Math.ceil(size * 2 + 4);
    const key = `${shape}|${colour}|${size}|${step}`;
    let image = this.sprites.get(key);
    if (!image) {
      image = document.createElement('canvas');
      image.width = Math.ceil(extent * this.pixelRatio);
      image.height = image.width;
      const context = image.getContext('2d');
      if (context) {
        context.scale(this.pixelRatio, this.pixelRatio);
        context.beginPath();
        const centre = extent / 2;
        if (shape === 'ship') {
          const corners = shipOutline(centre, centre, step * ROTATION_STEP_DEG, size);
          for (const [i, [x, y]] of corners.entries()) {
            if (i === 0) context.moveTo(x, y);
            else context.lineTo(x, y);
          }
          context.closePath();
        } else {
          context.arc(centre, centre, shape === 'dot' ? 4 : size * 0.55, 0, Math.PI * 2);
        }
        context.fillStyle = colour;
        context.fill();
        context.lineWidth = 1;
        context.strokeStyle = 'rgba(0, 0, 0, 0.65)';
        context.stroke();
      }
      this.sprites.set(key, image);
    }
    return { image, extent };
  }

  /** A sprite's pixels, read from its canvas once (PixelCanvas copies them). */
  pixels(image: HTMLCanvasElement): SpritePixels {
    let pixels = this.pixelsOf.get(image);
    if (!pixels) {
      const { width, height } = image;
      const data = image.getContext('2d')?.getImageData(0, 0, width, height).data;
      pixels = spritePixels(width, height, data ?? new Uint8ClampedArray(width * height * 4));
      this.pixelsOf.set(image, pixels);
    }
    return pixels;
  }
}
