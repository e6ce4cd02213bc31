/**
 * Straight-alpha `colour` over `below` in floating point, rounded per channel: the formula
 * the pixel canvas's whole-number blends are checked against (tests only).
 */
export function referenceOver(colour: number, below: number): number {
  const alpha = colour >>> 24;
  if (alpha === 255 || below >>> 24 === 0) return colour;
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
