/** What a JPEG's frame header (SOFn) says of the picture. */
export type JpegFrame = { width: number; height: number; components: number };

// Markers without a length (ITU-T T.81 table B.1): TEM and the restart markers RST0-7.
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
// Start of frame: SOF0-3, SOF5-7, SOF9-11, SOF13-15 (C4 is DHT, C8 JPG, CC DAC).
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

/**
 * The frame of a JPEG file, or null when the bytes are not one: SOI first, then marker
 * segments (T.81 B.1.1) with a frame header naming a picture of at least a pixel before the
 * first scan, scans of entropy-coded data (an FF in them is stuffed as FF 00 or is a restart
 * marker), up to EOI. Bytes after the EOI are allowed: some phones append their own trailer.
 * A walk over the markers only, never a decode, so an 8 MB photo costs a few milliseconds;
 * a photo cut off in the upload has no EOI and is refused.
 */
export function jpegFrame(bytes: Uint8Array): JpegFrame | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  let frame: JpegFrame | null = null;
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    // Any number of FF fill bytes may precede a marker (T.81 B.1.1.2).
    while (bytes[at] === 0xff) at++;
    const marker = bytes[at];
    at++;
    if (marker === undefined) return null;
    if (marker === EOI) return frame;
    if (isStandalone(marker)) continue;
    if (at + 2 > bytes.length) return null;
    const length = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
    if (length < 2 || at + length > bytes.length) return null;
    if (isStartOfFrame(marker)) {
      if (length < 8) return null;
      const height = ((bytes[at + 3] ?? 0) << 8) | (bytes[at + 4] ?? 0);
      const width = ((bytes[at + 5] ?? 0) << 8) | (bytes[at + 6] ?? 0);
      const components = bytes[at + 7] ?? 0;
      if (width === 0 || height === 0 || components === 0) return null;
      frame = { width, height, components };
    }
    at += length;
    if (marker === SOS) {
      if (!frame) return null;
      at = endOfScan(bytes, at);
    }
  }
  return null;
}

/** Where the entropy-coded data starting at `from` ends: at the next marker that is not RSTn. */
function endOfScan(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    at = bytes.indexOf(0xff, at);
    if (at < 0 || at + 1 >= bytes.length) return bytes.length;
    const next = bytes[at + 1] ?? 0;
    // A stuffed FF (FF 00) or a restart marker is part of the scan; anything else (fill
    // bytes included) starts the next marker.
    if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) return at;
    at += 2;
  }
}
