import jpeg from 'jpeg-js';

const WIDTH = 320;
const HEIGHT = 240;

/**
 * What a simulated truck's cab camera sees when the platform asks for a photo (JT/T 808
 * 0x8801): a road under a sky, lane marks and the trailer's container ahead in a colour of
 * its own truck, the light by the hour. A real JPEG of a few kilobytes, so that its upload
 * goes in sub-packages as a terminal's does.
 */
export function cameraPhoto(truckSeed: number, at: Date): Uint8Array {
  const hour = at.getUTCHours() + 8; // Shanghai
  const daylight = Math.max(0.25, Math.sin((Math.PI * ((hour % 24) - 5)) / 14));
  const hue = (truckSeed * 47) % 360;
  const [boxR, boxG, boxB] = hsl(hue, 0.55, 0.45);
  const data = Buffer.alloc(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      let rgb: [number, number, number];
      const horizon = HEIGHT * 0.45;
      if (y < horizon) {
        const t = y / horizon;
        rgb = [120 + 60 * t, 160 + 50 * t, 230 - 20 * t];
      } else {
        const depth = (y - horizon) / (HEIGHT - horizon);
        const laneHalf = 8 + depth * 120;
        const isMark =
          Math.abs(x - WIDTH / 2) < 2 + depth * 4 && Math.floor((y + truckSeed) / 12) % 2 === 0;
        const isRoad = Math.abs(x - WIDTH / 2) < laneHalf * 1.6;
        rgb = isMark ? [235, 235, 220] : isRoad ? [95, 95, 100] : [90, 130, 70];
      }
      const isBox = x > 120 && x < 200 && y > 70 && y < 130;
      if (isBox)
        rgb = (x - 120) % 10 < 2 ? [boxR * 0.7, boxG * 0.7, boxB * 0.7] : [boxR, boxG, boxB];
      // A little sensor noise keeps the picture from compressing to nothing.
      const noise = ((x * 7919 + y * 104_729 + truckSeed) % 13) - 6;
      const at4 = (y * WIDTH + x) * 4;
      data[at4] = clamp(rgb[0] * daylight + noise);
      data[at4 + 1] = clamp(rgb[1] * daylight + noise);
      data[at4 + 2] = clamp(rgb[2] * daylight + noise);
      data[at4 + 3] = 255;
    }
  }
  return new Uint8Array(jpeg.encode({ data, width: WIDTH, height: HEIGHT }, 60).data);
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

function hsl(h: number, s: number, l: number): [number, number, number] {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] =
    h < 60
      ? [c, x, 0]
      : h < 120
        ? [x, c, 0]
        : h < 180
          ? [0, c, x]
          : h < 240
            ? [0, x, c]
            : h < 300
              ? [x, 0, c]
              : [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}
