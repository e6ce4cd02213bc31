import { Jt808DecodeError } from './errors.ts';

/** A bounds-checked big-endian reader over one message body (JT/T 808 §4.2: network byte order). */
export class Reader {
  offset: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.offset = start;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private take(count: number, field: string): number {
    if (this.offset + count > this.end) {
      throw new Jt808DecodeError(field, `${field} needs ${count} bytes, ${this.remaining} left`);
    }
    const at = this.offset;
    this.offset += count;
    return at;
  }

  byte(field: string): number {
    return this.bytes[this.take(1, field)] as number;
  }

  word(field: string): number {
    const at = this.take(2, field);
    return ((this.bytes[at] as number) << 8) | (this.bytes[at + 1] as number);
  }

  dword(field: string): number {
    const at = this.take(4, field);
    const b = this.bytes;
    return (
      (((b[at] as number) << 24) |
        ((b[at + 1] as number) << 16) |
        ((b[at + 2] as number) << 8) |
        (b[at + 3] as number)) >>>
      0
    );
  }

  slice(count: number, field: string): Uint8Array {
    const at = this.take(count, field);
    return this.bytes.subarray(at, at + count);
  }

  rest(): Uint8Array {
    return this.slice(this.remaining, 'body');
  }

  /** One BCD byte as a number 0-99 (§4.2); a nibble above 9 makes it invalid (NaN-free: 255). */
  bcdByte(field: string): number {
    const byte = this.byte(field);
    const high = byte >> 4;
    const low = byte & 15;
    return high > 9 || low > 9 ? 255 : high * 10 + low;
  }

  /** BCD digits, two per byte (§4.2 BCD[n]). */
  bcd(count: number, field: string, memo?: BcdMemo): string {
    const at = this.take(count, field);
    const known = memo?.textOf(this.bytes, at, count);
    if (known !== undefined) return known;
    let digits = '';
    for (let i = at; i < at + count; i++) digits += BCD[this.bytes[i] as number];
    memo?.keep(this.bytes, at, count, digits);
    return digits;
  }
}

/**
 * The last BCD digits read, with their bytes (up to 10): a connection's frames all carry the
 * same terminal phone, and reading it afresh is a string of six to ten pieces, flattened again
 * wherever it is a key, for every report (docs/benchmarks.md, issue 20). The same string
 * comes back while the bytes are the same.
 */
export class BcdMemo {
  private readonly bytes = new Uint8Array(10);
  private count = 0;
  private text = '';

  textOf(bytes: Uint8Array, at: number, count: number): string | undefined {
    if (count !== this.count) return undefined;
    for (let i = 0; i < count; i++) if (bytes[at + i] !== this.bytes[i]) return undefined;
    return this.text;
  }

  keep(bytes: Uint8Array, at: number, count: number, text: string): void {
    if (count > this.bytes.length) return;
    this.bytes.set(bytes.subarray(at, at + count));
    this.count = count;
    this.text = text;
  }
}

const BCD = Array.from({ length: 256 }, (_, byte) => `${byte >> 4}${byte & 15}`);

/** A growable big-endian writer for the encoders. */
export class Writer {
  private buffer = new Uint8Array(64);
  length = 0;

  private room(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + count));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  byte(value: number): this {
    this.room(1);
    this.buffer[this.length++] = value & 0xff;
    return this;
  }

  word(value: number): this {
    return this.byte(value >>> 8).byte(value);
  }

  dword(value: number): this {
    return this.word(Math.floor(value / 65536) & 0xffff).word(value & 0xffff);
  }

  bytes(value: Uint8Array): this {
    this.room(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
    return this;
  }

  /** `digits` (an even count) as BCD, left-padded with zeros to `count` bytes. */
  bcd(digits: string, count: number): this {
    const padded = digits.padStart(count * 2, '0');
    for (let i = 0; i < count; i++)
      this.byte((Number(padded[i * 2]) << 4) | Number(padded[i * 2 + 1]));
    return this;
  }

  /** Fixed-width ASCII field, right-padded with 0x00 (§4.2 BYTE[n]). */
  fixed(text: string, count: number): this {
    for (let i = 0; i < count; i++) this.byte(i < text.length ? text.charCodeAt(i) : 0);
    return this;
  }

  done(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** A fixed-width ASCII field with its 0x00 (or space) padding removed. */
export function fixedText(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 32)) end--;
  let text = '';
  for (let i = 0; i < end; i++) text += String.fromCharCode(bytes[i] as number);
  return text;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += (byte < 16 ? '0' : '') + byte.toString(16);
  return hex;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean))
    throw new Jt808DecodeError('hex', 'not an even run of hex digits');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
