import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { jpegFrame } from './jpeg-frame.ts';

const photo = (width: number, height: number) =>
  new Uint8Array(
    jpeg.encode({ data: Buffer.alloc(width * height * 4, 0x80), width, height }, 80).data,
  );

describe('jpegFrame', () => {
  it('reads the frame of a real JPEG, also with a trailer after its end', () => {
    const bytes = photo(64, 48);
    expect(jpegFrame(bytes)).toEqual({ width: 64, height: 48, components: 3 });
    const trailer = new Uint8Array([...bytes, ...new TextEncoder().encode('SEFT trailer')]);
    expect(jpegFrame(trailer)).toEqual({ width: 64, height: 48, components: 3 });
  });

  it('refuses what is not a whole JPEG', () => {
    const bytes = photo(64, 48);
    // Cut off in the upload: no end of image.
    expect(jpegFrame(bytes.subarray(0, bytes.length - 2))).toBeNull();
    expect(jpegFrame(bytes.subarray(0, 200))).toBeNull();
    // Start and end markers with nothing between: no frame.
    expect(jpegFrame(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
    expect(jpegFrame(new TextEncoder().encode('<html>not a photo</html>'))).toBeNull();
    expect(jpegFrame(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBeNull();
    expect(jpegFrame(new Uint8Array())).toBeNull();
    // A segment whose length runs past the end.
    expect(jpegFrame(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 0xff, 0xd9]))).toBeNull();
  });

  it('refuses a frame of no pixels, and a scan before any frame', () => {
    const sof = (width: number, height: number) => [
      0xff,
      0xc0,
      0x00,
      0x0b,
      0x08,
      height >> 8,
      height & 0xff,
      width >> 8,
      width & 0xff,
      0x01,
      0x01,
      0x11,
      0x00,
    ];
    const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
    const scan = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56];
    const end = [0xff, 0xd9];
    const file = (...parts: number[][]) => new Uint8Array([0xff, 0xd8, ...parts.flat()]);
    expect(jpegFrame(file(sof(8, 8), sos, scan, end))).toEqual({
      width: 8,
      height: 8,
      components: 1,
    });
    expect(jpegFrame(file(sof(0, 8), sos, scan, end))).toBeNull();
    expect(jpegFrame(file(sos, scan, end))).toBeNull();
  });
});
