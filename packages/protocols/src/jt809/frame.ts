// JT/T 809 framing. Section numbers of the standard are not cited in this folder: the text of
// JT/T 809-2011 was not at hand, so clauses are named by their subject. Every layout and constant
// here was checked against the published test vectors of github.com/SmallChi/JT809 (see
// jt809.test.ts for which file each comes from).
import { Reader, Writer } from './bytes.ts';
import { type Jt809EncryptKeys, jt809Crypt } from './crypto.ts';
import { Jt809DecodeError } from './errors.ts';

/** Which edition of the standard a link speaks; the bytes do not say, so the caller must. */
export type Jt809Edition = '2011' | '2019';

/**
 * Message header (数据头). 2011: MSG_LENGTH DWORD, MSG_SN DWORD, MSG_ID WORD,
 * MSG_GNSSCENTERID DWORD, VERSION_FLAG BYTES[3], ENCRYPT_FLAG BYTE, ENCRYPT_KEY DWORD (22 bytes).
 * 2019 appends TIME: UTC seconds since 1970 as 8 bytes (30 bytes). MSG_LENGTH is not kept: it is
 * computed when encoding and checked when decoding.
 */
export type Jt809Header = {
  edition: Jt809Edition;
  /** MSG_ID: the business data type (业务数据类型), e.g. 0x1001. */
  messageId: number;
  /** MSG_SN: message serial number. */
  serial: number;
  /** MSG_GNSSCENTERID: the lower platform's access code, assigned by the upper platform. */
  gnssCenterId: number;
  /** VERSION_FLAG: protocol version, [1, 0, 0] for v1.0.0. */
  version: [number, number, number];
  /** ENCRYPT_FLAG: 0 plain body, 1 body encrypted with the cipher in crypto.ts. */
  encryptFlag: number;
  /** ENCRYPT_KEY: the cipher's seed for this message. */
  encryptKey: number;
  /** 2019 only: the sending time (UTC, whole seconds); null for 2011. */
  time: Date | null;
};

export const HEAD_FLAG = 0x5b;
export const TAIL_FLAG = 0x5d;
const ESCAPE_5A = 0x5a;
const ESCAPE_5E = 0x5e;

/** Header length in bytes, by edition. */
export const HEADER_BYTES: Record<Jt809Edition, number> = { '2011': 22, '2019': 30 };

/**
 * Undoes the escaping of the bytes between the head and tail flags:
 * 0x5a 0x01 → 0x5b, 0x5a 0x02 → 0x5a, 0x5e 0x01 → 0x5d, 0x5e 0x02 → 0x5e.
 * Any other byte after 0x5a or 0x5e is an error.
 */
export function unescapeFrame(bytes: Uint8Array, from = 0, to = bytes.length): Uint8Array {
  let first = -1;
  for (let i = from; i < to; i++) {
    if (bytes[i] === ESCAPE_5A || bytes[i] === ESCAPE_5E) {
      first = i;
      break;
    }
  }
  if (first < 0) return bytes.subarray(from, to);
  const out = new Uint8Array(to - from);
  let length = 0;
  for (let i = from; i < to; i++) {
    const byte = bytes[i] as number;
    if (byte !== ESCAPE_5A && byte !== ESCAPE_5E) {
      out[length++] = byte;
      continue;
    }
    const next = i + 1 < to ? (bytes[++i] as number) : undefined;
    if (next === 0x01) out[length++] = byte === ESCAPE_5A ? HEAD_FLAG : TAIL_FLAG;
    else if (next === 0x02) out[length++] = byte;
    else
      throw new Jt809DecodeError(
        'escape',
        `0x${byte.toString(16)} followed by ${next === undefined ? 'nothing' : `0x${next.toString(16)}`}`,
      );
  }
  return out.subarray(0, length);
}

/** Escapes a frame's content (header, body, CRC) and wraps it in the 0x5b / 0x5d flags. */
export function escapeFrame(content: Uint8Array): Uint8Array {
  const out = new Uint8Array(content.length * 2 + 2);
  let length = 0;
  out[length++] = HEAD_FLAG;
  for (const byte of content) {
    if (byte === HEAD_FLAG) {
      out[length++] = ESCAPE_5A;
      out[length++] = 0x01;
    } else if (byte === ESCAPE_5A) {
      out[length++] = ESCAPE_5A;
      out[length++] = 0x02;
    } else if (byte === TAIL_FLAG) {
      out[length++] = ESCAPE_5E;
      out[length++] = 0x01;
    } else if (byte === ESCAPE_5E) {
      out[length++] = ESCAPE_5E;
      out[length++] = 0x02;
    } else out[length++] = byte;
  }
  out[length++] = TAIL_FLAG;
  return out.slice(0, length);
}

const CRC_TABLE = Uint16Array.from({ length: 256 }, (_, byte) => {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
  return crc & 0xffff;
});

/**
 * The frame's CRC code: CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no
 * reflection, no final XOR) over the unescaped header and body, flags excluded.
 */
export function crc16(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let crc = 0xffff;
  for (let i = from; i < to; i++)
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >> 8) ^ (bytes[i] as number)) & 0xff] as number)) & 0xffff;
  return crc;
}

/** A frame split into header and body bytes. */
export type Jt809RawFrame = {
  header: Jt809Header;
  body: Uint8Array;
  /** True when the header says the body is encrypted and no keys were given to decrypt it. */
  encrypted: boolean;
};

/**
 * Reads one wire frame, 0x5b ... 0x5d included: unescapes it, checks MSG_LENGTH (the whole
 * unescaped frame, both flags included) and the CRC, reads the header and, when ENCRYPT_FLAG is 1
 * and `keys` are given, decrypts the body.
 */
export function readFrame(
  frame: Uint8Array,
  edition: Jt809Edition = '2011',
  keys?: Jt809EncryptKeys,
): Jt809RawFrame {
  if (frame[0] !== HEAD_FLAG || frame[frame.length - 1] !== TAIL_FLAG || frame.length < 2)
    throw new Jt809DecodeError('frame', 'a frame starts with 0x5b and ends with 0x5d');
  const content = unescapeFrame(frame, 1, frame.length - 1);
  const headerBytes = HEADER_BYTES[edition];
  if (content.length < headerBytes + 2)
    throw new Jt809DecodeError(
      'frame',
      `frame of ${content.length + 2} bytes is shorter than a ${edition} header and CRC`,
    );
  const crcAt = content.length - 2;
  const expected = ((content[crcAt] as number) << 8) | (content[crcAt + 1] as number);
  const actual = crc16(content, 0, crcAt);
  if (expected !== actual)
    throw new Jt809DecodeError(
      'crc',
      `CRC code is 0x${expected.toString(16)}, computed 0x${actual.toString(16)}`,
    );
  const r = new Reader(content, 0, crcAt);
  const length = r.dword('msgLength');
  if (length !== content.length + 2)
    throw new Jt809DecodeError(
      'msgLength',
      `header says a ${length}-byte frame, frame holds ${content.length + 2}`,
    );
  const serial = r.dword('msgSn');
  const messageId = r.word('msgId');
  const gnssCenterId = r.dword('msgGnssCenterId');
  const version: [number, number, number] = [
    r.byte('versionFlag'),
    r.byte('versionFlag'),
    r.byte('versionFlag'),
  ];
  const encryptFlag = r.byte('encryptFlag');
  const encryptKey = r.dword('encryptKey');
  const time = edition === '2019' ? new Date(r.qword('time') * 1000) : null;
  const header: Jt809Header = {
    edition,
    messageId,
    serial,
    gnssCenterId,
    version,
    encryptFlag,
    encryptKey,
    time,
  };
  const body = r.slice(r.remaining, 'body');
  if (encryptFlag === 1) {
    if (!keys) return { header, body, encrypted: true };
    return { header, body: jt809Crypt(body, keys, encryptKey), encrypted: false };
  }
  return { header, body, encrypted: false };
}

/**
 * Header, body and CRC, escaped and flagged: the bytes to put on the wire. When the header's
 * ENCRYPT_FLAG is 1 the body is encrypted first, which needs `keys`.
 */
export function writeFrame(
  header: Jt809Header,
  body: Uint8Array,
  keys?: Jt809EncryptKeys,
): Uint8Array {
  let payload = body;
  if (header.encryptFlag === 1) {
    if (!keys) throw new RangeError('ENCRYPT_FLAG is 1 but no encryption keys were given');
    payload = jt809Crypt(body, keys, header.encryptKey);
  }
  const is2019 = header.edition === '2019';
  const w = new Writer()
    .dword(1 + HEADER_BYTES[header.edition] + payload.length + 2 + 1)
    .dword(header.serial)
    .word(header.messageId)
    .dword(header.gnssCenterId)
    .byte(header.version[0])
    .byte(header.version[1])
    .byte(header.version[2])
    .byte(header.encryptFlag)
    .dword(header.encryptKey);
  if (is2019) {
    if (!header.time) throw new RangeError('a 2019 header needs its time');
    w.qword(Math.floor(header.time.getTime() / 1000));
  }
  w.bytes(payload);
  const crc = crc16(w.done());
  w.word(crc);
  return escapeFrame(w.done());
}
