/** NMEA 0183 checksum: XOR of every character between the start delimiter and '*' (IEC 61162-1 §7.2.3). */
export function nmeaChecksum(text: string, from = 0, to = text.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum ^= text.charCodeAt(i);
  return sum;
}

export function hex2(value: number): string {
  return (value < 16 ? '0' : '') + value.toString(16).toUpperCase();
}

/** Value of two hex digits at `at`, or -1. */
export function readHex2(text: string, at: number): number {
  const high = hexDigit(text.charCodeAt(at));
  const low = hexDigit(text.charCodeAt(at + 1));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}
