import { AisDecodeError } from './errors.ts';

/**
 * The payload armouring of AIVDM/AIVDO (ITU-R M.1371-5 / IEC 61162-1, as documented by
 * gpsd "AIVDM/AIVDO protocol decoding", "AIVDM/AIVDO Payload Armoring"): each character
 * carries six bits; subtract 48, and if the result is over 40 subtract 8 more. Valid
 * characters are '0'..'W' and '`'..'w'.
 */
const ARMOR_TO_SIX = new Int8Array(128).fill(-1);
for (let code = 48; code < 88; code++) ARMOR_TO_SIX[code] = code - 48;
for (let code = 96; code < 120; code++) ARMOR_TO_SIX[code] = code - 56;
const SIX_TO_ARMOR = Array.from({ length: 64 }, (_, v) =>
  String.fromCharCode(v < 40 ? v + 48 : v + 56),
);

/** Maximum payload: 5 sentences of 82 characters is well under this (1,008 bits = 168 chars). */
export const MAX_PAYLOAD_CHARS = 512;

/** 2^n for n = 0..53, so field extraction does no exponentiation. */
const POW2 = Array.from({ length: 54 }, (_, n) => 2 ** n);
const MASK = Array.from({ length: 33 }, (_, n) => (n === 32 ? 0xffffffff : 2 ** n - 1));

/** The bits of one payload, six to a symbol, read MSB first. */
export class PayloadBits {
  symbols: Uint8Array;
  /** Usable bits: six per symbol less the fill bits. */
  length: number;

  /** `symbols` must hold at least 6 zero entries past the payload, so reads past the end see zeros. */
  constructor(symbols: Uint8Array, length: number) {
    this.symbols = symbols;
    this.length = length;
  }

  /** Unsigned field of up to 32 bits at bit `start`; bits past the end read as zero. */
  uint(start: number, width: number): number {
    const symbols = this.symbols;
    const first = (start / 6) | 0;
    const last = ((start + width - 1) / 6) | 0;
    const spare = (last + 1) * 6 - start - width;
    let acc = 0;
    if (last - first < 5) {
      // At most 30 bits: plain 32-bit integer arithmetic.
      for (let i = first; i <= last; i++) acc = (acc << 6) | (symbols[i] as number);
      return (acc >>> spare) & (MASK[width] as number);
    }
    for (let i = first; i <= last; i++) acc = acc * 64 + (symbols[i] as number);
    return Math.floor(acc / (POW2[spare] as number)) % (POW2[width] as number);
  }

  /** Two's-complement signed field. */
  int(start: number, width: number): number {
    const value = this.uint(start, width);
    // From the table: `2 ** (width - 1)` with a variable width is a call to pow.
    const half = POW2[width - 1] as number;
    return value >= half ? value - 2 * half : value;
  }

  bool(start: number): boolean {
    return this.uint(start, 1) === 1;
  }

  /**
   * Six-bit ASCII text (ITU-R M.1371-5 table 47): 0-31 are '@'..'_', 32-63 are ' '..'?'.
   * Trailing '@' (padding) and spaces are stripped, as gpsd does.
   */
  text(start: number, width: number): string {
    const count = Math.min(Math.floor(width / 6), Math.floor(Math.max(0, this.length - start) / 6));
    let text = '';
    for (let i = 0; i < count; i++) {
      const value = this.uint(start + i * 6, 6);
      text += String.fromCharCode(value < 32 ? value + 64 : value);
    }
    let end = text.length;
    while (end > 0 && (text.charCodeAt(end - 1) === 64 || text.charCodeAt(end - 1) === 32)) end--;
    return end === text.length ? text : text.slice(0, end);
  }

  /** The bits from `start` to the end, as a hexadecimal string (for message types Harbor does not decode). */
  hex(start = 0): string {
    let out = '';
    for (let bit = start; bit < this.length; bit += 4) {
      out += this.uint(bit, Math.min(4, this.length - bit)).toString(16);
    }
    return out;
  }
}

/** De-armours payload characters into six-bit symbols; throws AisDecodeError on a bad character. */
export function dearmor(payload: string, fillBits: number): PayloadBits {
  return dearmorInto(new Uint8Array(payload.length + 6), payload, 0, payload.length, fillBits);
}

/**
 * De-armours `text[from, to)` into `symbols` (which must have room for the payload plus 6),
 * zeroing the 6 entries after it. The decoder reuses one buffer for every sentence.
 */
export function dearmorInto(
  symbols: Uint8Array,
  text: string,
  from: number,
  to: number,
  fillBits: number,
): PayloadBits {
  const length = to - from;
  if (length > MAX_PAYLOAD_CHARS) {
    throw new AisDecodeError(
      'payload',
      `payload of ${length} characters is longer than ${MAX_PAYLOAD_CHARS}`,
    );
  }
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(from + i);
    const value = code < 128 ? (ARMOR_TO_SIX[code] as number) : -1;
    if (value < 0)
      throw new AisDecodeError('payload', `invalid payload character '${text[from + i]}' at ${i}`);
    symbols[i] = value;
  }
  // Six stores, not fill(): fill() on a typed array is a call into the runtime.
  for (let i = length; i < length + 6; i++) symbols[i] = 0;
  return new PayloadBits(symbols, length * 6 - fillBits);
}

/** Like dearmorInto, re-pointing `bits` instead of allocating (the decoder's hot path). */
export function dearmorReusing(bits: PayloadBits, text: string, fillBits: number): PayloadBits {
  const decoded = dearmorInto(bits.symbols, text, 0, text.length, fillBits);
  bits.length = decoded.length;
  return bits;
}

/** Builds a payload bit by bit, MSB first, for the encoders. */
export class BitWriter {
  private readonly bits: number[] = [];

  uint(value: number, width: number): this {
    const clamped = Math.max(0, Math.floor(value)) % 2 ** width;
    for (let i = width - 1; i >= 0; i--) this.bits.push(Math.floor(clamped / 2 ** i) % 2);
    return this;
  }

  int(value: number, width: number): this {
    return this.uint(value < 0 ? 2 ** width + Math.round(value) : Math.round(value), width);
  }

  bool(value: boolean): this {
    return this.uint(value ? 1 : 0, 1);
  }

  /** Six-bit text padded with '@' to `width` bits; characters outside the table become '?'. */
  text(value: string, width: number): this {
    const chars = Math.floor(width / 6);
    for (let i = 0; i < chars; i++) {
      const code = i < value.length ? value.toUpperCase().charCodeAt(i) : 64;
      const six = code >= 64 && code < 96 ? code - 64 : code >= 32 && code < 64 ? code : 63;
      this.uint(six, 6);
    }
    return this;
  }

  get length(): number {
    return this.bits.length;
  }

  /** Armoured payload characters and the fill bits added to reach a whole character. */
  armor(): { payload: string; fillBits: number } {
    const fillBits = (6 - (this.bits.length % 6)) % 6;
    const padded = [...this.bits, ...new Array<number>(fillBits).fill(0)];
    let payload = '';
    for (let i = 0; i < padded.length; i += 6) {
      let value = 0;
      for (let j = 0; j < 6; j++) value = value * 2 + (padded[i + j] as number);
      payload += SIX_TO_ARMOR[value];
    }
    return { payload, fillBits };
  }
}
