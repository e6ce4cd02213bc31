import { type BcdMemo, Reader, Writer } from './bytes.ts';
import { Jt808DecodeError } from './errors.ts';

export type Jt808Version = 'V2013' | 'V2019';

/** Message header, JT/T 808-2013 §4.4.3 and JT/T 808-2019 §4.4.3 (tables 2-4). */
export type Jt808Header = {
  messageId: number;
  version: Jt808Version;
  /** 2019 only: the protocol version byte (1 for the first 2019 edition); 0 for 2013. */
  protocolVersion: number;
  /** BCD terminal phone number: 12 digits (2013) or 20 digits (2019). */
  terminalPhone: string;
  /** Message serial number, counting from 0 per sender. */
  serial: number;
  /** Body encryption: 0 none, 1 RSA (bit 10 of the body properties). */
  encryption: number;
  subpackage: { total: number; index: number } | null;
};

const FLAG = 0x7e;
const ESCAPE = 0x7d;
/** Largest body the 10-bit length field allows. */
export const MAX_BODY = 1023;

/** Whether `bytes[from..to)` holds an escape (0x7d), i.e. differs from its unescaped content. */
export function hasEscape(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  const first = bytes.indexOf(ESCAPE, from);
  return first >= 0 && first < to;
}

/**
 * Undoes the escaping of §4.4.1 (0x7d 0x02 → 0x7e, 0x7d 0x01 → 0x7d) for the bytes
 * between two 0x7e flags.
 */
export function unescapeFrame(bytes: Uint8Array, from = 0, to = bytes.length): Uint8Array {
  if (!hasEscape(bytes, from, to)) return bytes.subarray(from, to);
  const out = new Uint8Array(to - from);
  let length = 0;
  for (let i = from; i < to; i++) {
    const byte = bytes[i] as number;
    if (byte !== ESCAPE) {
      out[length++] = byte;
      continue;
    }
    const next = bytes[++i];
    if (next === 0x02) out[length++] = FLAG;
    else if (next === 0x01) out[length++] = ESCAPE;
    else
      throw new Jt808DecodeError(
        'escape',
        `0x7d followed by ${next === undefined ? 'nothing' : `0x${next.toString(16)}`}`,
      );
  }
  return out.subarray(0, length);
}

/** Escapes a frame's content and wraps it in 0x7e flags, into an array of exactly that size. */
export function escapeFrame(content: Uint8Array): Uint8Array {
  let escapes = 0;
  for (const byte of content) if (byte === FLAG || byte === ESCAPE) escapes++;
  const out = new Uint8Array(content.length + escapes + 2);
  escapeInto(content, content.length, out, 0);
  return out;
}

/**
 * `content[0..length)` escaped and wrapped in 0x7e flags, written into `out` from `at` (room
 * for twice the content and the flags is the caller's); returns where it ends.
 */
export function escapeInto(
  content: Uint8Array,
  length: number,
  out: Uint8Array,
  at: number,
): number {
  let end = at;
  out[end++] = FLAG;
  for (let i = 0; i < length; i++) {
    const byte = content[i] as number;
    if (byte === FLAG) {
      out[end++] = ESCAPE;
      out[end++] = 0x02;
    } else if (byte === ESCAPE) {
      out[end++] = ESCAPE;
      out[end++] = 0x01;
    } else out[end++] = byte;
  }
  out[end++] = FLAG;
  return end;
}

/** Check code: XOR of every byte of header and body (§4.4.4). */
export function checkCode(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let code = 0;
  for (let i = from; i < to; i++) code ^= bytes[i] as number;
  return code;
}

/** Splits an unescaped frame (header, body, check code) after verifying the check code and lengths. */
export function readFrame(content: Uint8Array): { header: Jt808Header; body: Uint8Array } {
  const reader = frameReader(content, 0, content.length);
  const header = readHeader(reader);
  return { header, body: reader.rest() };
}

/**
 * A reader over the frame whose unescaped content (header, body, check code) is
 * `bytes[from..to)`, once its check code and length are verified; it ends before the check
 * code. `readHeader` reads the header from it, then the body follows.
 */
export function frameReader(bytes: Uint8Array, from: number, to: number): Reader {
  if (to - from < 13)
    throw new Jt808DecodeError('frame', `frame of ${to - from} bytes is shorter than any header`);
  const expected = bytes[to - 1] as number;
  const actual = checkCode(bytes, from, to - 1);
  if (expected !== actual) {
    throw new Jt808DecodeError(
      'checkCode',
      `check code is 0x${expected.toString(16)}, computed 0x${actual.toString(16)}`,
    );
  }
  return new Reader(bytes, from, to - 1);
}

/**
 * The header at a frame reader's start; checks that the body's length is what remains.
 * `phones`: the phone of a connection's last frame, for its next ones.
 */
export function readHeader(reader: Reader, phones?: BcdMemo): Jt808Header {
  const messageId = reader.word('messageId');
  const properties = reader.word('bodyProperties');
  const is2019 = (properties & 0x4000) !== 0;
  const protocolVersion = is2019 ? reader.byte('protocolVersion') : 0;
  const terminalPhone = reader.bcd(is2019 ? 10 : 6, 'terminalPhone', phones);
  const serial = reader.word('serial');
  const subpackage =
    (properties & 0x2000) !== 0
      ? { total: reader.word('packageTotal'), index: reader.word('packageIndex') }
      : null;
  const bodyLength = properties & 0x03ff;
  if (reader.remaining !== bodyLength) {
    throw new Jt808DecodeError(
      'bodyLength',
      `header says a ${bodyLength}-byte body, frame holds ${reader.remaining}`,
    );
  }
  return {
    messageId,
    version: is2019 ? 'V2019' : 'V2013',
    protocolVersion,
    terminalPhone,
    serial,
    encryption: (properties >> 10) & 0x07,
    subpackage,
  };
}

/** Header, body and check code, escaped and flagged: the bytes to put on the wire. */
export function writeFrame(header: Jt808Header, body: Uint8Array): Uint8Array {
  if (body.length > MAX_BODY)
    throw new RangeError(`a body of ${body.length} bytes needs sub-packaging (max ${MAX_BODY})`);
  const is2019 = header.version === 'V2019';
  const properties =
    body.length |
    ((header.encryption & 0x07) << 10) |
    (header.subpackage ? 0x2000 : 0) |
    (is2019 ? 0x4000 : 0);
  const w = new Writer().word(header.messageId).word(properties);
  if (is2019) w.byte(header.protocolVersion);
  w.bcd(header.terminalPhone, is2019 ? 10 : 6).word(header.serial);
  if (header.subpackage) w.word(header.subpackage.total).word(header.subpackage.index);
  w.bytes(body);
  const content = w.done();
  const withCode = new Uint8Array(content.length + 1);
  withCode.set(content);
  withCode[content.length] = checkCode(content);
  return escapeFrame(withCode);
}
