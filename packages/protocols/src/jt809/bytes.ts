import { decodeGbk, encodeGbk } from '../jt808/gbk.ts';
import { Jt809DecodeError } from './errors.ts';

/**
 * A bounds-checked big-endian reader over one message body (JT/T 809-2011, data types clause:
 * WORD and DWORD go most significant byte first).
 */
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
      throw new Jt809DecodeError(field, `${field} needs ${count} bytes, ${this.remaining} left`);
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

  /** An 8-byte unsigned number; exact up to 2^53. */
  qword(field: string): number {
    const high = this.dword(field);
    return high * 0x1_0000_0000 + this.dword(field);
  }

  slice(count: number, field: string): Uint8Array {
    const at = this.take(count, field);
    return this.bytes.subarray(at, at + count);
  }

  /** A fixed-width GBK text field (the standard's fixed-length "OCTET STRING", GBK text), 0x00 padding removed. */
  text(count: number, field: string): string {
    return textOf(this.slice(count, field));
  }

  /**
   * A variable-length GBK text field led by its length in bytes as a DWORD (INFO_LENGTH and
   * INFO_CONTENT, MSG_LENGTH and MSG_CONTENT): every byte is text, nothing is trimmed.
   */
  prefixedText(lengthField: string, field: string): string {
    return decodeGbk(this.slice(this.dword(lengthField), field));
  }

  /** Throws unless every byte has been read: a known body with bytes left over is malformed. */
  done(field: string): void {
    if (this.remaining !== 0)
      throw new Jt809DecodeError(field, `${this.remaining} byte(s) left after ${field}`);
  }
}

/** A fixed-width GBK field with its 0x00 padding (on either side) removed. */
export function textOf(bytes: Uint8Array): string {
  let start = 0;
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  while (start < end && bytes[start] === 0) start++;
  return decodeGbk(bytes.subarray(start, end));
}

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

  qword(value: number): this {
    return this.dword(Math.floor(value / 0x1_0000_0000)).dword(value % 0x1_0000_0000);
  }

  bytes(value: Uint8Array): this {
    this.room(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
    return this;
  }

  /**
   * Fixed-width GBK text, right-padded with 0x00 to `count` bytes. Text that does not fit is
   * refused rather than cut (a cut could split a two-byte GBK character).
   */
  text(value: string, count: number, field: string): this {
    const encoded = encodeGbk(value);
    if (encoded.length > count)
      throw new RangeError(`${field} takes ${count} bytes, "${value}" needs ${encoded.length}`);
    this.bytes(encoded);
    for (let i = encoded.length; i < count; i++) this.byte(0);
    return this;
  }

  /** GBK text as a DWORD byte count and then the bytes (the reverse of Reader.prefixedText). */
  prefixedText(value: string): this {
    const encoded = encodeGbk(value);
    return this.dword(encoded.length).bytes(encoded);
  }

  done(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += (byte < 16 ? '0' : '') + byte.toString(16);
  return hex;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean))
    throw new Jt809DecodeError('hex', 'not an even run of hex digits');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
