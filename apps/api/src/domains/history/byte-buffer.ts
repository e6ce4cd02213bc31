/**
 * Growable bytes written and read as LEB128 varints, zigzagged signed integers and
 * little-endian float64, for integers up to 2^53 (not only 32-bit ones).
 */

/** Bytes that end early or hold a varint no ByteWriter writes. */
export class MalformedBytesError extends Error {
  override name = 'MalformedBytesError';
}

/** An append-only byte buffer that doubles as it fills. */
export class ByteWriter {
  private bytes: Uint8Array;
  private view: DataView;
  private length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  /** Unsigned LEB128 of an integer 0..2^53; the 32-bit path covers nearly every value. */
  varint(v: number): void {
    this.reserve(8);
    let rest = v;
    while (rest > 0x7fffffff) {
      this.bytes[this.length++] = (rest % 128) | 0x80;
      rest = Math.floor(rest / 128);
    }
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[this.length++] = rest;
  }

  /** Zigzag, so that small negative numbers are small varints too; arithmetic, not 32-bit. */
  zigzag(v: number): void {
    this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  float64(x: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, x, true);
    this.length += 8;
  }

  finish(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

/**
 * Reads what ByteWriter wrote. Bytes that end early or a varint no writer makes throw
 * MalformedBytesError, which the format reading them reports as its own corruption.
 */
export class ByteReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  byte(): number {
    if (this.offset >= this.bytes.length) throw new MalformedBytesError('bytes end early');
    return this.bytes[this.offset++] as number;
  }

  varint(): number {
    // Nearly every difference a track stores fits one byte: that case skips the loop, which
    // halves the decoding of a month of fixes.
    const offset = this.offset;
    if (offset < this.bytes.length) {
      const b = this.bytes[offset] as number;
      if (b < 0x80) {
        this.offset = offset + 1;
        return b;
      }
    }
    return this.longVarint();
  }

  private longVarint(): number {
    let value = 0;
    let weight = 1;
    // 8 bytes carry 56 bits, more than the 53 of any integer the writer takes.
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      value += (b & 0x7f) * weight;
      if (b < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER)
          throw new MalformedBytesError(`a varint of ${value} is past 2^53`);
        return value;
      }
      weight *= 128;
    }
    throw new MalformedBytesError('a varint runs past 8 bytes');
  }

  zigzag(): number {
    const z = this.varint();
    // 31-bit integers (nearly all) in integer arithmetic; the rest in doubles, exact to 2^53.
    if (z <= 0x7fffffff) return (z >>> 1) ^ -(z & 1);
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  float64(): number {
    if (this.remaining < 8) throw new MalformedBytesError('bytes end early');
    const x = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return x;
  }
}
