import { connect, createServer, type Server, type Socket } from 'node:net';

/*
 * A JT/T 809 superior (government supervision) platform for tests of Harbor's lower-platform
 * link. Its codec is written here from the standard's layouts as published in SmallChi/JT809
 * (src/JT809.Protocol: JT809Package, JT809Header, JT809EncryptImpl, MessageBody/*,
 * SubMessageBody/*, Metadata/JT809VehiclePositionProperties*), and checked against that
 * repository's published frames in jt809-superior.test.ts. It must not use
 * @harbor/protocols: Harbor's encoder is what it checks.
 */

export type Jt809Edition = '2011' | '2019';
/** The body cipher's constants (M1, IA1, IC1); the seed is each frame's ENCRYPT_KEY. */
export type CipherKeys = { m1: number; ia1: number; ic1: number };
export type Link = 'main' | 'sub';

// ---------------------------------------------------------------------------------------------
// Bytes, GBK

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`not hex: ${hex}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out.toUpperCase();
}

const gbkDecoder = new TextDecoder('gbk');
let gbkCodes: Map<string, number> | null = null;

/**
 * Characters to their two-byte GBK codes, built once by decoding every two-byte GBK code with
 * node's own GBK decoder (lead 0x81-0xFE, trail 0x40-0xFE except 0x7F): the inverse of the
 * decoder that reads the fields, so no hand-made table.
 */
function gbkTable(): Map<string, number> {
  if (gbkCodes) return gbkCodes;
  const table = new Map<string, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const char = gbkDecoder.decode(pair);
      if (char.length === 1 && char !== '\ufffd' && !table.has(char))
        table.set(char, (lead << 8) | trail);
    }
  }
  gbkCodes = table;
  return table;
}

/** A string's GBK bytes: ASCII as is, everything else two bytes; throws on a character GBK lacks. */
export function gbkEncode(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const gbk = gbkTable().get(char);
    if (gbk === undefined) throw new Error(`'${char}' has no GBK code`);
    out.push(gbk >> 8, gbk & 0xff);
  }
  return Uint8Array.from(out);
}

/** GBK bytes to a string, as is. */
export function gbkDecode(bytes: Uint8Array): string {
  return gbkDecoder.decode(bytes);
}

/** A fixed-width text field: GBK, the zero padding (and any leading zero bytes) removed. */
function fieldText(bytes: Uint8Array): string {
  return gbkDecode(bytes).replace(/^\0+|\0+$/g, '');
}

class Reader {
  private offset = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  take(n: number, field: string): Uint8Array {
    if (n > this.remaining)
      throw new Error(`${this.what}: ${field} needs ${n} bytes, ${this.remaining} left`);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  byte(field: string): number {
    this.take(1, field);
    return this.view.getUint8(this.offset - 1);
  }

  word(field: string): number {
    this.take(2, field);
    return this.view.getUint16(this.offset - 2);
  }

  dword(field: string): number {
    this.take(4, field);
    return this.view.getUint32(this.offset - 4);
  }

  peekDword(): number | null {
    return this.remaining >= 4 ? this.view.getUint32(this.offset) : null;
  }

  text(width: number, field: string): string {
    return fieldText(this.take(width, field));
  }

  /** A DWORD length, then that many bytes of GBK text (kept whole). */
  lengthText(field: string): string {
    return gbkDecode(this.take(this.dword(`${field} length`), field));
  }

  rest(): Uint8Array {
    return this.take(this.remaining, 'rest');
  }

  done(): void {
    if (this.remaining !== 0) throw new Error(`${this.what}: ${this.remaining} bytes left over`);
  }
}

class Writer {
  private readonly out: number[] = [];

  byte(value: number): this {
    this.out.push(value & 0xff);
    return this;
  }

  word(value: number): this {
    this.out.push((value >>> 8) & 0xff, value & 0xff);
    return this;
  }

  dword(value: number): this {
    const v = value >>> 0;
    this.out.push(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
    return this;
  }

  bytes(bytes: Uint8Array): this {
    for (const b of bytes) this.out.push(b);
    return this;
  }

  /** GBK text padded with zero bytes on the right to `width`. */
  text(text: string, width: number, field: string): this {
    const bytes = gbkEncode(text);
    if (bytes.length > width) throw new Error(`${field}: '${text}' is over ${width} bytes in GBK`);
    this.bytes(bytes);
    for (let i = bytes.length; i < width; i++) this.out.push(0);
    return this;
  }

  /** A DWORD byte length, then the GBK text. */
  lengthText(text: string): this {
    const bytes = gbkEncode(text);
    return this.dword(bytes.length).bytes(bytes);
  }

  done(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

// ---------------------------------------------------------------------------------------------
// Framing: CRC, escaping, cipher, header

export const HEAD_FLAG = 0x5b;
export const TAIL_FLAG = 0x5d;

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** Escapes what lies between the head and tail flags: 5B→5A01, 5A→5A02, 5D→5E01, 5E→5E02. */
export function escapeContent(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (const b of bytes) {
    if (b === 0x5b) out.push(0x5a, 0x01);
    else if (b === 0x5a) out.push(0x5a, 0x02);
    else if (b === 0x5d) out.push(0x5e, 0x01);
    else if (b === 0x5e) out.push(0x5e, 0x02);
    else out.push(b);
  }
  return Uint8Array.from(out);
}

/**
 * Undoes escapeContent. A 0x5A or 0x5E not followed by 0x01 or 0x02 is an error, or with
 * `lenient` is kept as it is (as SmallChi's reader does, which some platforms' frames need).
 */
export function unescapeContent(bytes: Uint8Array, lenient = false): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x5b || b === 0x5d) throw new Error(`unescaped flag 0x${b.toString(16)} at ${i}`);
    if (b !== 0x5a && b !== 0x5e) {
      out.push(b);
      continue;
    }
    const next = bytes[i + 1];
    if (next === 0x01 || next === 0x02) {
      out.push(next === 0x02 ? b : b === 0x5a ? 0x5b : 0x5d);
      i++;
    } else if (lenient) out.push(b);
    else throw new Error(`bad escape 0x${b.toString(16)} ${next?.toString(16) ?? 'at the end'}`);
  }
  return Uint8Array.from(out);
}

/**
 * The body cipher (JT809EncryptImpl): for each byte, key = IA1 × (key mod M1) + IC1 in 32-bit
 * unsigned arithmetic, then the byte is xored with bits 20-27 of the key. The seed is the
 * header's ENCRYPT_KEY; a seed or M1 of 0 counts as 1. The same call decrypts.
 */
export function jt809Cipher(data: Uint8Array, encryptKey: number, keys: CipherKeys): Uint8Array {
  let key = encryptKey >>> 0 || 1;
  const m1 = keys.m1 >>> 0 || 1;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    key = (Math.imul(keys.ia1 >>> 0, key % m1) + (keys.ic1 >>> 0)) >>> 0;
    out[i] = (data[i] as number) ^ ((key >>> 20) & 0xff);
  }
  return out;
}

export type FrameHeader = {
  /** MSG_LENGTH: the whole unescaped frame, head and tail flags included. */
  length: number;
  /** MSG_SN. */
  sn: number;
  messageId: number;
  /** MSG_GNSSCENTERID: the lower platform's access code. */
  gnssCenterId: number;
  /** VERSION_FLAG, three bytes: [1, 2, 15] is v1.2.15. */
  version: [number, number, number];
  /** ENCRYPT_FLAG: 0 plain, 1 body encrypted. */
  encryptFlag: number;
  encryptKey: number;
  /** 2019 only: TIME, UTC seconds (8 bytes); null for 2011. */
  time: number | null;
};

export type OutgoingHeader = Omit<FrameHeader, 'length'>;

export function headerBytes(edition: Jt809Edition): number {
  return edition === '2019' ? 30 : 22;
}

/**
 * One wire frame: header, body (encrypted with `keys` when encryptFlag is 1), CRC over both,
 * escaped, between the flags.
 */
export function encodeFrame(
  edition: Jt809Edition,
  header: OutgoingHeader,
  body: Uint8Array,
  keys?: CipherKeys,
): Uint8Array {
  let payload = body;
  if (header.encryptFlag === 1) {
    if (!keys) throw new Error('ENCRYPT_FLAG 1 needs the cipher keys');
    payload = jt809Cipher(body, header.encryptKey, keys);
  }
  const w = new Writer();
  w.dword(1 + headerBytes(edition) + payload.length + 3);
  w.dword(header.sn).word(header.messageId).dword(header.gnssCenterId);
  w.byte(header.version[0]).byte(header.version[1]).byte(header.version[2]);
  w.byte(header.encryptFlag).dword(header.encryptKey);
  if (edition === '2019') {
    const time = header.time ?? Math.floor(Date.now() / 1000);
    w.dword(Math.floor(time / 2 ** 32)).dword(time % 2 ** 32);
  }
  w.bytes(payload);
  const content = w.done();
  const crc = crc16(content);
  const escaped = escapeContent(Uint8Array.from([...content, crc >> 8, crc & 0xff]));
  return Uint8Array.from([HEAD_FLAG, ...escaped, TAIL_FLAG]);
}

export type DecodedFrame = {
  header: FrameHeader;
  messageId: number;
  body: Jt809Body;
  /** The body's bytes, decrypted when it was encrypted and the keys were given. */
  bodyBytes: Uint8Array;
};

/**
 * Reads one wire frame (0x5B ... 0x5D): unescapes, checks MSG_LENGTH and the CRC, decrypts the
 * body when ENCRYPT_FLAG is 1 and `keys` are given, parses the body. Throws on a malformed
 * frame (a bad escape too, unless `lenientEscapes`); a body it cannot parse comes back as
 * { raw, error }.
 */
export function decodeFrame(
  frame: Uint8Array,
  edition: Jt809Edition,
  keys?: CipherKeys,
  options: { lenientEscapes?: boolean } = {},
): DecodedFrame {
  if (frame[0] !== HEAD_FLAG || frame[frame.length - 1] !== TAIL_FLAG)
    throw new Error('a frame starts with 0x5B and ends with 0x5D');
  const content = unescapeContent(frame.subarray(1, frame.length - 1), options.lenientEscapes);
  const size = headerBytes(edition);
  if (content.length < size + 2)
    throw new Error(`${content.length} bytes between the flags: too short`);
  const r = new Reader(content, 'header');
  const length = r.dword('MSG_LENGTH');
  if (length !== content.length + 2)
    throw new Error(`MSG_LENGTH ${length}, the frame is ${content.length + 2} bytes`);
  const header: FrameHeader = {
    length,
    sn: r.dword('MSG_SN'),
    messageId: r.word('MSG_ID'),
    gnssCenterId: r.dword('MSG_GNSSCENTERID'),
    version: [r.byte('VERSION_FLAG'), r.byte('VERSION_FLAG'), r.byte('VERSION_FLAG')],
    encryptFlag: r.byte('ENCRYPT_FLAG'),
    encryptKey: r.dword('ENCRYPT_KEY'),
    time: edition === '2019' ? r.dword('TIME') * 2 ** 32 + r.dword('TIME') : null,
  };
  const crcAt = content.length - 2;
  const crc = ((content[crcAt] as number) << 8) | (content[crcAt + 1] as number);
  const computed = crc16(content.subarray(0, crcAt));
  if (crc !== computed)
    throw new Error(`CRC 0x${crc.toString(16)} in the frame, 0x${computed.toString(16)} computed`);
  let bodyBytes = content.subarray(size, crcAt);
  let body: Jt809Body;
  if (header.encryptFlag === 1 && !keys) {
    body = { encrypted: true, raw: bytesToHex(bodyBytes) };
  } else {
    if (header.encryptFlag === 1 && keys)
      bodyBytes = jt809Cipher(bodyBytes, header.encryptKey, keys);
    try {
      body = decodeBody(edition, header.messageId, bodyBytes);
    } catch (error) {
      body = { raw: bytesToHex(bodyBytes), error: (error as Error).message };
    }
  }
  return { header, messageId: header.messageId, body, bodyBytes };
}

/** Cuts a byte stream into frames, 0x5B to 0x5D; bytes outside a frame are counted as junk. */
export class FrameSplitter {
  private buffer = new Uint8Array(0);
  junk = 0;

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    let data = joined;
    const frames: Uint8Array[] = [];
    for (;;) {
      const start = data.indexOf(HEAD_FLAG);
      if (start < 0) {
        this.junk += data.length;
        data = data.subarray(data.length);
        break;
      }
      this.junk += start;
      const end = data.indexOf(TAIL_FLAG, start + 1);
      const restart = data.indexOf(HEAD_FLAG, start + 1);
      if (restart >= 0 && (end < 0 || restart < end)) {
        // A head flag inside a frame: what came before it was a cut-off frame.
        this.junk += restart - start;
        data = data.subarray(restart);
        continue;
      }
      if (end < 0) {
        data = data.subarray(start);
        break;
      }
      frames.push(data.slice(start, end + 1));
      data = data.subarray(end + 1);
    }
    this.buffer = data.slice();
    return frames;
  }
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** 0x1001 main link login request (主链路登录请求). */
export type LoginRequest = {
  userId: number;
  password: string;
  /** 2019 only (MSG_GNSSCENTERID after the password); null for 2011. */
  gnssCenterId: number | null;
  downLinkIp: string;
  downLinkPort: number;
};
/** 0x1002 main link login response: result (0 ok, 2 access code, 3 user, 4 password...). */
export type LoginResponse = { result: number; verifyCode: number };
/** 0x1003 main link logout request. */
export type LogoutRequest = { userId: number; password: string };
/** 0x1004, 0x1005, 0x1006, 0x9004, 0x9005, 0x9006: no body. */
export type EmptyBody = Record<string, never>;
/** 0x1007 main link disconnect notice (sent on the sub link): ERROR_CODE. */
export type DisconnectNotice = { errorCode: number };
/** 0x1008 lower platform closing both links, 0x9007 / 0x9008: REASON_CODE. */
export type ReasonNotice = { reasonCode: number };
/** 0x9001 sub link login request and 0x9003 sub link logout request: VERIFY_CODE. */
export type VerifyCodeBody = { verifyCode: number };
/** 0x9002 sub link login response: 0 ok, 1 verify code wrong, 2 resources short, 3 other. */
export type SubLoginResponse = { result: number };

/** Vehicle exchanges 0x1200, 0x1500, 0x9200, 0x9500: plate, colour, sub-business. */
export type VehicleExchange = {
  /** VEHICLE_NO, 21 bytes GBK. */
  plate: string;
  plateColor: number;
  /** DATA_TYPE: the sub-business. */
  dataType: number;
  /** DATA_LENGTH; null when the sub-business came without one (0x1205 / 0x1206, see ExchangeAck). */
  dataLength: number | null;
  data: SubBody;
};
/** Platform exchanges 0x1300, 0x9300: no vehicle. */
export type PlatformExchange = { dataType: number; dataLength: number; data: SubBody };
export type EncryptedBody = { encrypted: true; raw: string };
/** A body not parsed here (raw hex), or one that failed to parse (with the error). */
export type RawBody = { raw: string; error?: string };

export type Jt809Body =
  | LoginRequest
  | LoginResponse
  | LogoutRequest
  | EmptyBody
  | DisconnectNotice
  | ReasonNotice
  | VerifyCodeBody
  | SubLoginResponse
  | VehicleExchange
  | PlatformExchange
  | EncryptedBody
  | RawBody;

export interface BodyById {
  0x1001: LoginRequest;
  0x1002: LoginResponse;
  0x1003: LogoutRequest;
  0x1004: EmptyBody;
  0x1005: EmptyBody;
  0x1006: EmptyBody;
  0x1007: DisconnectNotice;
  0x1008: ReasonNotice;
  0x1200: VehicleExchange;
  0x1300: PlatformExchange;
  0x1500: VehicleExchange;
  0x9001: VerifyCodeBody;
  0x9002: SubLoginResponse;
  0x9003: VerifyCodeBody;
  0x9004: EmptyBody;
  0x9005: EmptyBody;
  0x9006: EmptyBody;
  0x9007: ReasonNotice;
  0x9008: ReasonNotice;
  0x9200: VehicleExchange;
  0x9300: PlatformExchange;
  0x9500: VehicleExchange;
}

/** A 2011 vehicle position record (36 bytes), numbers decoded. */
export type Position2011 = {
  edition: '2011';
  /** ENCRYPT: 1 when the coordinates are encrypted (national survey plug-in). */
  encrypt: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** LON / LAT in degrees (the wire's 1e-6 degree units, unsigned: hemispheres are in state). */
  lon: number;
  lat: number;
  lonMicro: number;
  latMicro: number;
  /** VEC1, km/h. */
  speedKmh: number;
  /** VEC2: recorder speed, km/h. */
  recorderSpeedKmh: number;
  /** VEC3: mileage, km. */
  mileageKm: number;
  direction: number;
  altitude: number;
  state: number;
  alarm: number;
};

/** A JT/T 808 0x0200 location body, as carried in 2019 GNSS_DATA. */
export type Jt808Location = {
  alarm: number;
  status: number;
  /** Degrees, unsigned (status bits 2 and 3 give south and west). */
  lat: number;
  lon: number;
  latMicro: number;
  lonMicro: number;
  /** Metres. */
  altitude: number;
  /** The wire's 1/10 km/h, in km/h. */
  speedKmh: number;
  direction: number;
  /** BCD[6] YYMMDDhhmmss; the year as 20YY. */
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Additional information items after the basic 28 bytes: id and value hex. */
  extras: { id: number; value: string }[];
};

export type PlatformAlarm = { platformId: string; alarm: number };

/** A 2019 vehicle position record: ENCRYPT, GNSS_DATA (DWORD length + bytes), 3 × platform. */
export type Position2019 = {
  edition: '2019';
  encrypt: number;
  /** GNSS_DATA as hex. */
  gnssData: string;
  /** GNSS_DATA read as a JT/T 808 0x0200 body; null when it is not one (too short, bad time). */
  location: Jt808Location | null;
  /**
   * GNSS_DATA read as a 2011 record without its ENCRYPT byte (35 bytes), as a published 2019
   * sample carries; null for any other length.
   */
  legacy: Omit<Position2011, 'edition' | 'encrypt'> | null;
  platforms: PlatformAlarm[];
};

export type Position = Position2011 | Position2019;

/** 0x1201 vehicle registration (上传车辆注册信息). */
export type Registration = {
  platformId: string;
  producerId: string;
  terminalModel: string;
  /** 8 or 20 (2011: the data is 49 or 61 bytes), 30 (2019). */
  terminalModelBytes: number;
  /** 2019 only; null for 2011. */
  imei: string | null;
  terminalId: string;
  simNumber: string;
};
/** 0x1202 real-time position. */
export type PositionReport = { position: Position };
/** 0x1203 position re-send: GNSS_CNT, then the records. */
export type PositionBatch = { count: number; positions: Position[] };
/**
 * 0x1205 / 0x1206 answers to start / stop position exchange. 2011 has no data: `layout` is
 * 'empty' (DATA_TYPE ends the body, as SmallChi writes it) or 'length-only' (a DATA_LENGTH of
 * 0). 2019 has SOURCE_DATA_TYPE WORD and SOURCE_MSG_SN DWORD: 'standard' is DATA_LENGTH (6)
 * then those; 'smallchi' is those then a DWORD 0 (SmallChi's formatter and its published 2019
 * samples); 'no-length' is those alone.
 */
export type ExchangeAck = {
  sourceDataType: number | null;
  sourceMsgSn: number | null;
  layout: 'empty' | 'length-only' | 'standard' | 'smallchi' | 'no-length';
};
/**
 * 0x1301 answer to an inspection (平台查岗应答). 2011: OBJECT_TYPE, OBJECT_ID 12, INFO_ID,
 * INFO_LENGTH, INFO_CONTENT. 2019: OBJECT_TYPE, RESPONDER 16, RESPONDER_TEL 20, OBJECT_ID 20,
 * SOURCE_DATA_TYPE, SOURCE_MSG_SN, INFO_LENGTH, INFO_CONTENT.
 */
export type InspectionAnswer = {
  objectType: number;
  objectId: string;
  /** 2011 only. */
  infoId: number | null;
  /** 2019 only. */
  responder: string | null;
  responderTel: string | null;
  sourceDataType: number | null;
  sourceMsgSn: number | null;
  infoContent: string;
};
/** 0x1302 answer to a platform message: 2011 INFO_ID; 2019 SOURCE_DATA_TYPE, SOURCE_MSG_SN. */
export type PlatformMessageAck = {
  infoId: number | null;
  sourceDataType: number | null;
  sourceMsgSn: number | null;
};
/** 0x1503 answer to a vehicle text: 2011 MSG_ID then RESULT; 2019 SOURCE_DATA_TYPE, SOURCE_MSG_SN, RESULT. */
export type VehicleTextAck = {
  msgId: number | null;
  sourceDataType: number | null;
  sourceMsgSn: number | null;
  result: number;
};
/** 0x9205 / 0x9206 start / stop position exchange: REASON_CODE. */
export type ExchangeRequest = { reasonCode: number };
/**
 * 0x9301 inspection (平台查岗请求). 2011: OBJECT_TYPE, OBJECT_ID 12, INFO_ID, INFO_LENGTH,
 * INFO_CONTENT. 2019: OBJECT_TYPE, OBJECT_ID 20, ANSWER_TIME BYTE, INFO_ID, INFO_LENGTH,
 * INFO_CONTENT.
 */
export type InspectionRequest = {
  objectType: number;
  objectId: string;
  answerTime: number | null;
  infoId: number;
  infoContent: string;
};
/** 0x9302 platform message: OBJECT_TYPE, OBJECT_ID 12, INFO_ID, INFO_LENGTH, INFO_CONTENT. */
export type PlatformMessage = {
  objectType: number;
  objectId: string;
  infoId: number;
  infoContent: string;
};
/** 0x9503 text to a vehicle: MSG_SEQUENCE, MSG_PRIORITY, MSG_LENGTH, MSG_CONTENT. */
export type VehicleText = { msgSequence: number; priority: number; content: string };
export type RawSubBody = { raw: string };

export interface SubBodyById {
  0x1201: Registration;
  0x1202: PositionReport;
  0x1203: PositionBatch;
  0x1205: ExchangeAck;
  0x1206: ExchangeAck;
  0x1301: InspectionAnswer;
  0x1302: PlatformMessageAck;
  0x1503: VehicleTextAck;
  0x9205: ExchangeRequest;
  0x9206: ExchangeRequest;
  0x9301: InspectionRequest;
  0x9302: PlatformMessage;
  0x9503: VehicleText;
}
export type SubBody = SubBodyById[keyof SubBodyById] | RawSubBody;

/** Parses a message body (already decrypted). Unknown message ids come back as { raw }. */
export function decodeBody(edition: Jt809Edition, messageId: number, bytes: Uint8Array): Jt809Body {
  const r = new Reader(bytes, `0x${messageId.toString(16)} body`);
  const is2019 = edition === '2019';
  let body: Jt809Body;
  switch (messageId) {
    case 0x1001: {
      const userId = r.dword('USERID');
      const password = r.text(8, 'PASSWORD');
      const gnssCenterId = is2019 ? r.dword('MSG_GNSSCENTERID') : null;
      body = {
        userId,
        password,
        gnssCenterId,
        downLinkIp: r.text(32, 'DOWN_LINK_IP'),
        downLinkPort: r.word('DOWN_LINK_PORT'),
      };
      break;
    }
    case 0x1002:
      body = { result: r.byte('RESULT'), verifyCode: r.dword('VERIFY_CODE') };
      break;
    case 0x1003:
      body = { userId: r.dword('USERID'), password: r.text(8, 'PASSWORD') };
      break;
    case 0x1004:
    case 0x1005:
    case 0x1006:
    case 0x9004:
    case 0x9005:
    case 0x9006:
      body = {};
      break;
    case 0x1007:
      body = { errorCode: r.byte('ERROR_CODE') };
      break;
    case 0x1008:
    case 0x9007:
    case 0x9008:
      body = { reasonCode: r.byte('REASON_CODE') };
      break;
    case 0x9001:
    case 0x9003:
      body = { verifyCode: r.dword('VERIFY_CODE') };
      break;
    case 0x9002:
      body = { result: r.byte('RESULT') };
      break;
    case 0x1200:
    case 0x1500:
    case 0x9200:
    case 0x9500:
      body = readVehicleExchange(edition, r);
      break;
    case 0x1300:
    case 0x9300: {
      const dataType = r.word('DATA_TYPE');
      const dataLength = r.dword('DATA_LENGTH');
      body = {
        dataType,
        dataLength,
        data: decodeSubBody(edition, dataType, r.take(dataLength, 'DATA')),
      };
      break;
    }
    default:
      return { raw: bytesToHex(bytes) };
  }
  r.done();
  return body;
}

function readVehicleExchange(edition: Jt809Edition, r: Reader): VehicleExchange {
  const plate = r.text(21, 'VEHICLE_NO');
  const plateColor = r.byte('VEHICLE_COLOR');
  const dataType = r.word('DATA_TYPE');
  if (dataType === 0x1205 || dataType === 0x1206) {
    const { ack, dataLength } = readExchangeAck(edition, r);
    return { plate, plateColor, dataType, dataLength, data: ack };
  }
  const dataLength = r.dword('DATA_LENGTH');
  const data = decodeSubBody(edition, dataType, r.take(dataLength, 'DATA'));
  return { plate, plateColor, dataType, dataLength, data };
}

function readExchangeAck(
  edition: Jt809Edition,
  r: Reader,
): { ack: ExchangeAck; dataLength: number | null } {
  const left = r.remaining;
  if (edition === '2011') {
    if (left === 0)
      return {
        ack: { sourceDataType: null, sourceMsgSn: null, layout: 'empty' },
        dataLength: null,
      };
    const dataLength = r.dword('DATA_LENGTH');
    if (dataLength !== 0) throw new Error(`2011 0x1205/0x1206 DATA_LENGTH ${dataLength}, not 0`);
    return { ack: { sourceDataType: null, sourceMsgSn: null, layout: 'length-only' }, dataLength };
  }
  if (left === 10 && r.peekDword() === 6) {
    const dataLength = r.dword('DATA_LENGTH');
    const sourceDataType = r.word('SOURCE_DATA_TYPE');
    const sourceMsgSn = r.dword('SOURCE_MSG_SN');
    return { ack: { sourceDataType, sourceMsgSn, layout: 'standard' }, dataLength };
  }
  const sourceDataType = r.word('SOURCE_DATA_TYPE');
  const sourceMsgSn = r.dword('SOURCE_MSG_SN');
  if (left === 6)
    return { ack: { sourceDataType, sourceMsgSn, layout: 'no-length' }, dataLength: null };
  const dataLength = r.dword('DATA_LENGTH');
  return { ack: { sourceDataType, sourceMsgSn, layout: 'smallchi' }, dataLength };
}

/** Parses a sub-business's data (exactly DATA_LENGTH bytes). Unknown types come back as { raw }. */
export function decodeSubBody(edition: Jt809Edition, dataType: number, bytes: Uint8Array): SubBody {
  const r = new Reader(bytes, `0x${dataType.toString(16)} data`);
  const is2019 = edition === '2019';
  let data: SubBody;
  switch (dataType) {
    case 0x1201: {
      let terminalModelBytes = 30;
      if (!is2019) {
        if (bytes.length === 49) terminalModelBytes = 8;
        else if (bytes.length === 61) terminalModelBytes = 20;
        else throw new Error(`2011 0x1201 data is 49 or 61 bytes, not ${bytes.length}`);
      }
      const platformId = r.text(11, 'PLATFORM_ID');
      const producerId = r.text(11, 'PRODUCER_ID');
      const terminalModel = r.text(terminalModelBytes, 'TERMINAL_MODEL_TYPE');
      const imei = is2019 ? r.text(15, 'TERMINAL_IMEI') : null;
      data = {
        platformId,
        producerId,
        terminalModel,
        terminalModelBytes,
        imei,
        terminalId: r.text(is2019 ? 30 : 7, 'TERMINAL_ID'),
        simNumber: r.text(is2019 ? 13 : 12, 'TERMINAL_SIMCODE'),
      };
      break;
    }
    case 0x1202:
      data = { position: readPosition(edition, r) };
      break;
    case 0x1203: {
      const count = r.byte('GNSS_CNT');
      const positions: Position[] = [];
      for (let i = 0; i < count; i++) positions.push(readPosition(edition, r));
      data = { count, positions };
      break;
    }
    case 0x1301:
      if (is2019) {
        const objectType = r.byte('OBJECT_TYPE');
        const responder = r.text(16, 'RESPONDER');
        const responderTel = r.text(20, 'RESPONDER_TEL');
        const objectId = r.text(20, 'OBJECT_ID');
        const sourceDataType = r.word('SOURCE_DATA_TYPE');
        const sourceMsgSn = r.dword('SOURCE_MSG_SN');
        data = {
          objectType,
          objectId,
          infoId: null,
          responder,
          responderTel,
          sourceDataType,
          sourceMsgSn,
          infoContent: r.lengthText('INFO_CONTENT'),
        };
      } else {
        const objectType = r.byte('OBJECT_TYPE');
        const objectId = r.text(12, 'OBJECT_ID');
        const infoId = r.dword('INFO_ID');
        data = {
          objectType,
          objectId,
          infoId,
          responder: null,
          responderTel: null,
          sourceDataType: null,
          sourceMsgSn: null,
          infoContent: r.lengthText('INFO_CONTENT'),
        };
      }
      break;
    case 0x1302:
      data = is2019
        ? {
            infoId: null,
            sourceDataType: r.word('SOURCE_DATA_TYPE'),
            sourceMsgSn: r.dword('SOURCE_MSG_SN'),
          }
        : { infoId: r.dword('INFO_ID'), sourceDataType: null, sourceMsgSn: null };
      break;
    case 0x1503:
      if (is2019) {
        const sourceDataType = r.word('SOURCE_DATA_TYPE');
        const sourceMsgSn = r.dword('SOURCE_MSG_SN');
        data = { msgId: null, sourceDataType, sourceMsgSn, result: r.byte('RESULT') };
      } else {
        const msgId = r.dword('MSG_ID');
        data = { msgId, sourceDataType: null, sourceMsgSn: null, result: r.byte('RESULT') };
      }
      break;
    case 0x9205:
    case 0x9206:
      data = { reasonCode: r.byte('REASON_CODE') };
      break;
    case 0x9301: {
      const objectType = r.byte('OBJECT_TYPE');
      const objectId = r.text(is2019 ? 20 : 12, 'OBJECT_ID');
      const answerTime = is2019 ? r.byte('ANSWER_TIME') : null;
      const infoId = r.dword('INFO_ID');
      data = {
        objectType,
        objectId,
        answerTime,
        infoId,
        infoContent: r.lengthText('INFO_CONTENT'),
      };
      break;
    }
    case 0x9302: {
      const objectType = r.byte('OBJECT_TYPE');
      const objectId = r.text(12, 'OBJECT_ID');
      const infoId = r.dword('INFO_ID');
      data = { objectType, objectId, infoId, infoContent: r.lengthText('INFO_CONTENT') };
      break;
    }
    case 0x9503: {
      const msgSequence = r.dword('MSG_SEQUENCE');
      const priority = r.byte('MSG_PRIORITY');
      data = { msgSequence, priority, content: r.lengthText('MSG_CONTENT') };
      break;
    }
    default:
      return { raw: bytesToHex(bytes) };
  }
  r.done();
  return data;
}

function readRecord2011(r: Reader): Omit<Position2011, 'edition' | 'encrypt'> {
  const day = r.byte('DATE day');
  const month = r.byte('DATE month');
  const year = r.word('DATE year');
  const hour = r.byte('TIME hour');
  const minute = r.byte('TIME minute');
  const second = r.byte('TIME second');
  const lonMicro = r.dword('LON');
  const latMicro = r.dword('LAT');
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    lon: lonMicro / 1e6,
    lat: latMicro / 1e6,
    lonMicro,
    latMicro,
    speedKmh: r.word('VEC1'),
    recorderSpeedKmh: r.word('VEC2'),
    mileageKm: r.dword('VEC3'),
    direction: r.word('DIRECTION'),
    altitude: r.word('ALTITUDE'),
    state: r.dword('STATE'),
    alarm: r.dword('ALARM'),
  };
}

function readPosition(edition: Jt809Edition, r: Reader): Position {
  const encrypt = r.byte('ENCRYPT');
  if (edition === '2011') return { edition: '2011', encrypt, ...readRecord2011(r) };
  const gnss = r.take(r.dword('GNSS_DATA length'), 'GNSS_DATA');
  const platforms: PlatformAlarm[] = [];
  for (let i = 1; i <= 3; i++)
    platforms.push({ platformId: r.text(11, `PLATFORM_ID${i}`), alarm: r.dword(`ALARM${i}`) });
  let legacy: Position2019['legacy'] = null;
  if (gnss.length === 35) {
    const g = new Reader(gnss, 'GNSS_DATA');
    legacy = readRecord2011(g);
  }
  return {
    edition: '2019',
    encrypt,
    gnssData: bytesToHex(gnss),
    location: decodeJt808Location(gnss),
    legacy,
    platforms,
  };
}

/**
 * Reads a JT/T 808 0x0200 location body: alarm DWORD, status DWORD, lat DWORD, lon DWORD,
 * altitude WORD, speed WORD (1/10 km/h), direction WORD, time BCD[6] YYMMDDhhmmss, then
 * additional items (id BYTE, length BYTE, value). Null when the bytes are not one: fewer than
 * 28, or a time that is not a valid BCD date.
 */
export function decodeJt808Location(bytes: Uint8Array): Jt808Location | null {
  if (bytes.length < 28) return null;
  const bcd: number[] = [];
  for (const b of bytes.subarray(22, 28)) {
    if (b >> 4 > 9 || (b & 0x0f) > 9) return null;
    bcd.push((b >> 4) * 10 + (b & 0x0f));
  }
  const [yy, month, day, hour, minute, second] = bcd as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return null;
  const r = new Reader(bytes, 'JT/T 808 0x0200');
  const alarm = r.dword('alarm');
  const status = r.dword('status');
  const latMicro = r.dword('lat');
  const lonMicro = r.dword('lon');
  const altitude = r.word('altitude');
  const speed = r.word('speed');
  const direction = r.word('direction');
  r.take(6, 'time');
  const extras: { id: number; value: string }[] = [];
  while (r.remaining >= 2) {
    const id = r.byte('item id');
    const length = r.byte('item length');
    if (length > r.remaining) return null;
    extras.push({ id, value: bytesToHex(r.take(length, 'item')) });
  }
  if (r.remaining !== 0) return null;
  return {
    alarm,
    status,
    lat: latMicro / 1e6,
    lon: lonMicro / 1e6,
    latMicro,
    lonMicro,
    altitude,
    speedKmh: speed / 10,
    direction,
    year: 2000 + yy,
    month,
    day,
    hour,
    minute,
    second,
    extras,
  };
}

// Writers for what a superior platform sends.

/** 0x1002 body. */
export function encodeLoginResponse(result: number, verifyCode: number): Uint8Array {
  return new Writer().byte(result).dword(verifyCode).done();
}

/** 0x9001 / 0x9003 body. */
export function encodeVerifyCode(verifyCode: number): Uint8Array {
  return new Writer().dword(verifyCode).done();
}

/** A vehicle exchange body (0x9200, 0x9500): VEHICLE_NO 21, COLOR, DATA_TYPE, DATA_LENGTH, data. */
export function vehicleEnvelope(
  plate: string,
  color: number,
  dataType: number,
  data: Uint8Array,
): Uint8Array {
  const w = new Writer().text(plate, 21, 'VEHICLE_NO').byte(color).word(dataType);
  return w.dword(data.length).bytes(data).done();
}

/** A platform exchange body (0x9300): DATA_TYPE, DATA_LENGTH, data. */
export function platformEnvelope(dataType: number, data: Uint8Array): Uint8Array {
  return new Writer().word(dataType).dword(data.length).bytes(data).done();
}

/** 0x9205 / 0x9206 data: REASON_CODE. */
export function encodeExchangeRequest(reasonCode: number): Uint8Array {
  return new Writer().byte(reasonCode).done();
}

export type InspectOptions = {
  objectType: number;
  objectId: string;
  infoId: number;
  question: string;
  /** 2019 ANSWER_TIME (查岗应答时限); 10 unless said, as in a published platform's frame. */
  answerTime?: number;
};

/** 0x9301 data (see InspectionRequest for the layouts). */
export function encodeInspection(edition: Jt809Edition, o: InspectOptions): Uint8Array {
  const w = new Writer().byte(o.objectType);
  if (edition === '2019') w.text(o.objectId, 20, 'OBJECT_ID').byte(o.answerTime ?? 10);
  else w.text(o.objectId, 12, 'OBJECT_ID');
  return w.dword(o.infoId).lengthText(o.question).done();
}

export type PlatformMessageOptions = {
  objectType: number;
  objectId: string;
  infoId: number;
  text: string;
};

/** 0x9302 data: OBJECT_TYPE, OBJECT_ID 12, INFO_ID, INFO_LENGTH, INFO_CONTENT. */
export function encodePlatformMessage(o: PlatformMessageOptions): Uint8Array {
  const w = new Writer().byte(o.objectType).text(o.objectId, 12, 'OBJECT_ID');
  return w.dword(o.infoId).lengthText(o.text).done();
}

export type VehicleTextOptions = {
  plate: string;
  color: number;
  sequence: number;
  priority: number;
  text: string;
};

/** 0x9503 data: MSG_SEQUENCE, MSG_PRIORITY, MSG_LENGTH, MSG_CONTENT. */
export function encodeVehicleText(o: Omit<VehicleTextOptions, 'plate' | 'color'>): Uint8Array {
  return new Writer().dword(o.sequence).byte(o.priority).lengthText(o.text).done();
}

/** The frame's body when it is message `messageId`, else null. */
export function bodyOf<K extends keyof BodyById>(
  frame: { messageId: number; body: Jt809Body },
  messageId: K,
): BodyById[K] | null {
  if (frame.messageId !== messageId || 'raw' in frame.body) return null;
  return frame.body as BodyById[K];
}

/** The sub-business data when the frame carries sub-business `dataType`, else null. */
export function subBodyOf<K extends keyof SubBodyById>(
  frame: { messageId: number; body: Jt809Body },
  dataType: K,
): SubBodyById[K] | null {
  const body = frame.body;
  if (!('dataType' in body) || body.dataType !== dataType || 'raw' in body.data) return null;
  return body.data as SubBodyById[K];
}

// ---------------------------------------------------------------------------------------------
// The platform

export type SuperiorOptions = {
  edition: Jt809Edition;
  userId: number;
  password: string;
  /** The access code it expects in MSG_GNSSCENTERID (and, 2019, in the 0x1001 body); it sends it too. */
  gnssCenterId: number;
  verifyCode: number;
  /** When set, every frame it sends is encrypted, and it decrypts what it gets. */
  keys?: CipherKeys;
  /** VERSION_FLAG of what it sends: [1, 0, 0] unless said (SmallChi's default, both editions). */
  version?: [number, number, number];
};

export type ReceivedFrame = {
  /** Position in `frames`. */
  index: number;
  link: Link;
  header: FrameHeader;
  messageId: number;
  body: Jt809Body;
  /** The frame as received, hex. */
  hex: string;
};

export type SentFrame = { link: Link; messageId: number; sn: number; body: string };
export type LinkError = { link: Link; error: string };

type Waiter = {
  what: string;
  check: () => boolean;
  reject: (error: Error) => void;
};

/**
 * A superior platform on real sockets. The lower platform connects its main link to
 * `start()`'s port and logs in with 0x1001; on success this platform connects the sub link to
 * the DOWN_LINK_IP / DOWN_LINK_PORT of that 0x1001 and logs in there with 0x9001. Every frame
 * received on either link is kept, decoded, in `frames`; waits are on those events, with no
 * timers.
 */
export class TestSuperiorPlatform {
  readonly frames: ReceivedFrame[] = [];
  readonly sent: SentFrame[] = [];
  /** Frames that did not decode, sockets that failed. */
  readonly errors: LinkError[] = [];
  /** Main-link connections accepted so far. */
  mainConnections = 0;
  /** Successful 0x1001 logins so far. */
  logins = 0;
  /** The last successful 0x1001. */
  lastLogin: LoginRequest | null = null;
  /** Every 0x9002 result, in order. */
  readonly subLoginResults: number[] = [];

  private server: Server | null = null;
  private readonly mainSockets = new Set<Socket>();
  /** The socket of the last successful login, while open. */
  private main: Socket | null = null;
  private sub: Socket | null = null;
  private subLoggedIn = false;
  private refusal: number | null = null;
  private serial = 0;
  private waiters: Waiter[] = [];
  private closed = false;

  constructor(readonly options: SuperiorOptions) {}

  get edition(): Jt809Edition {
    return this.options.edition;
  }

  /** Whether the sub link is connected and its 0x9002 said 0. */
  get subLinkUp(): boolean {
    return this.sub !== null && this.subLoggedIn && !this.sub.destroyed;
  }

  /** Whether a logged-in main link is open. */
  get mainLinkUp(): boolean {
    return this.main !== null && !this.main.destroyed;
  }

  /** Listens on 127.0.0.1, any port; resolves the port. */
  start(): Promise<number> {
    const server = createServer((socket) => this.acceptMain(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        if (address === null || typeof address === 'string') reject(new Error('no port'));
        else resolve(address.port);
      });
    });
  }

  /** From now on answers every 0x1001 with this result (null: check the credentials again). */
  refuseLogins(result: number | null): void {
    this.refusal = result;
  }

  /** Destroys the open main-link sockets: the lower platform must reconnect and log in again. */
  closeMain(): void {
    for (const socket of this.mainSockets) socket.destroy();
    this.mainSockets.clear();
    this.main = null;
    this.notify();
  }

  /** Destroys the sub link; it stays down until `reconnectSub()` or the next successful login. */
  closeSub(): void {
    this.sub?.destroy();
    this.sub = null;
    this.subLoggedIn = false;
    this.notify();
  }

  /** Connects the sub link again to the last login's DOWN_LINK_IP / PORT and sends 0x9001. */
  reconnectSub(): void {
    if (!this.lastLogin) throw new Error('no login yet: no down-link address');
    this.connectSub(this.lastLogin);
  }

  /** Closes both links and the server; waits still pending are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    this.closeMain();
    this.closeSub();
    const pending = this.waiters;
    this.waiters = [];
    for (const waiter of pending)
      waiter.reject(new Error(`superior closed while waiting for ${waiter.what}`));
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** What the pending waits are waiting for (to tell what a timed-out test was stuck on). */
  pendingWaits(): string[] {
    return this.waiters.map((waiter) => waiter.what);
  }

  /** The first received frame (already received, or later) that matches. */
  waitFor<F extends ReceivedFrame>(
    predicate: (frame: ReceivedFrame) => frame is F,
    what: string,
  ): Promise<F>;
  waitFor(predicate: (frame: ReceivedFrame) => boolean, what: string): Promise<ReceivedFrame>;
  waitFor(predicate: (frame: ReceivedFrame) => boolean, what: string): Promise<ReceivedFrame> {
    return this.waitForFrom(0, predicate, what);
  }

  /** The first frame carrying sub-business `dataType` that `match` accepts, with its data. */
  async waitForData<K extends keyof SubBodyById>(
    dataType: K,
    what: string,
    match: (data: SubBodyById[K], frame: ReceivedFrame) => boolean = () => true,
  ): Promise<{ frame: ReceivedFrame; data: SubBodyById[K] }> {
    const frame = await this.waitFor((f) => {
      const data = subBodyOf(f, dataType);
      return data !== null && match(data, f);
    }, what);
    return { frame, data: subBodyOf(frame, dataType) as SubBodyById[K] };
  }

  /** Resolves once `n` logins have succeeded. */
  waitForLogins(n: number): Promise<void> {
    return this.waitUntil(() => this.logins >= n, `${n} logins`);
  }

  /** Resolves when the sub link is up: connected, and its 0x9002 said 0. */
  waitForSubLink(): Promise<void> {
    return this.waitUntil(() => this.subLinkUp, 'the sub link to come up (0x9002 result 0)');
  }

  /** 0x9200 / 0x9205 start position exchange for a vehicle; the serial used. */
  startExchange(plate: string, color: number, reason: number): number {
    const data = encodeExchangeRequest(reason);
    return this.downlink(0x9200, vehicleEnvelope(plate, color, 0x9205, data));
  }

  /** 0x9200 / 0x9206 stop position exchange for a vehicle; the serial used. */
  stopExchange(plate: string, color: number, reason: number): number {
    const data = encodeExchangeRequest(reason);
    return this.downlink(0x9200, vehicleEnvelope(plate, color, 0x9206, data));
  }

  /** 0x9300 / 0x9301 inspection (查岗); the serial used. */
  inspect(o: InspectOptions): number {
    return this.downlink(0x9300, platformEnvelope(0x9301, encodeInspection(this.edition, o)));
  }

  /** 0x9300 / 0x9302 message to the platform; the serial used. */
  platformMessage(o: PlatformMessageOptions): number {
    return this.downlink(0x9300, platformEnvelope(0x9302, encodePlatformMessage(o)));
  }

  /** 0x9500 / 0x9503 text to a vehicle; the serial used. */
  vehicleText(o: VehicleTextOptions): number {
    return this.downlink(0x9500, vehicleEnvelope(o.plate, o.color, 0x9503, encodeVehicleText(o)));
  }

  /** 0x9005 on the sub link; resolves with its serial when a 0x9006 comes back on it. */
  async subHeartbeat(): Promise<number> {
    const sub = this.sub;
    if (!sub || !this.subLinkUp) throw new Error('the sub link is down');
    const from = this.frames.length;
    const sn = this.sendOn(sub, 'sub', 0x9005, new Uint8Array(0));
    await this.waitForFrom(
      from,
      (f) => f.link === 'sub' && f.messageId === 0x9006,
      'a 0x9006 for the 0x9005',
    );
    return sn;
  }

  /**
   * Sends any message: on the sub link when it is up, else on the logged-in main link ('auto');
   * or on the link named. The serial used.
   */
  send(messageId: number, body: Uint8Array, link: Link | 'auto' = 'auto'): number {
    if (link === 'auto') return this.downlink(messageId, body);
    const socket = link === 'sub' ? this.sub : this.main;
    if (!socket || socket.destroyed) throw new Error(`the ${link} link is down`);
    return this.sendOn(socket, link, messageId, body);
  }

  // -------------------------------------------------------------------------------------------

  private downlink(messageId: number, body: Uint8Array): number {
    if (this.sub && this.subLinkUp) return this.sendOn(this.sub, 'sub', messageId, body);
    if (this.main && !this.main.destroyed) return this.sendOn(this.main, 'main', messageId, body);
    throw new Error(`neither link is up to send 0x${messageId.toString(16)}`);
  }

  private sendOn(socket: Socket, link: Link, messageId: number, body: Uint8Array): number {
    this.serial = (this.serial + 1) >>> 0;
    const sn = this.serial;
    const keys = this.options.keys;
    const header: OutgoingHeader = {
      sn,
      messageId,
      gnssCenterId: this.options.gnssCenterId,
      version: this.options.version ?? [1, 0, 0],
      encryptFlag: keys ? 1 : 0,
      // A different seed per frame (some bytes of which need escaping now and then).
      encryptKey: keys ? Math.imul(sn, 0x9e3779b1) >>> 0 : 0,
      time: this.edition === '2019' ? Math.floor(Date.now() / 1000) : null,
    };
    socket.write(encodeFrame(this.edition, header, body, keys));
    this.sent.push({ link, messageId, sn, body: bytesToHex(body) });
    return sn;
  }

  private acceptMain(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.mainConnections++;
    this.mainSockets.add(socket);
    this.listen(socket, 'main');
    socket.on('close', () => {
      this.mainSockets.delete(socket);
      if (this.main === socket) this.main = null;
      this.notify();
    });
    this.notify();
  }

  private connectSub(login: LoginRequest): void {
    this.sub?.destroy();
    this.subLoggedIn = false;
    const socket = connect({ host: login.downLinkIp, port: login.downLinkPort });
    this.sub = socket;
    this.listen(socket, 'sub');
    socket.on('connect', () => {
      this.sendOn(socket, 'sub', 0x9001, encodeVerifyCode(this.options.verifyCode));
    });
    socket.on('close', () => {
      if (this.sub === socket) {
        this.sub = null;
        this.subLoggedIn = false;
      }
      this.notify();
    });
  }

  private listen(socket: Socket, link: Link): void {
    const splitter = new FrameSplitter();
    socket.on('error', (error) => {
      this.errors.push({ link, error: error.message });
    });
    socket.on('data', (chunk) => {
      for (const frame of splitter.push(chunk)) this.receive(socket, link, frame);
    });
  }

  private receive(socket: Socket, link: Link, frame: Uint8Array): void {
    let decoded: DecodedFrame;
    try {
      decoded = decodeFrame(frame, this.edition, this.options.keys);
    } catch (error) {
      this.errors.push({ link, error: `${(error as Error).message}: ${bytesToHex(frame)}` });
      return;
    }
    const received: ReceivedFrame = {
      index: this.frames.length,
      link,
      header: decoded.header,
      messageId: decoded.messageId,
      body: decoded.body,
      hex: bytesToHex(frame),
    };
    if ('error' in decoded.body)
      this.errors.push({
        link,
        error: `0x${decoded.messageId.toString(16)}: ${decoded.body.error}`,
      });
    this.frames.push(received);
    this.react(socket, link, received);
    this.notify();
  }

  private react(socket: Socket, link: Link, frame: ReceivedFrame): void {
    if (this.closed) return;
    switch (frame.messageId) {
      case 0x1001: {
        const login = bodyOf(frame, 0x1001);
        if (!login) return;
        const result = this.loginResult(frame.header, login);
        if (result === 0) {
          this.logins++;
          this.lastLogin = login;
          this.main = socket;
        }
        this.sendOn(
          socket,
          link,
          0x1002,
          encodeLoginResponse(result, result === 0 ? this.options.verifyCode : 0),
        );
        if (result === 0) this.connectSub(login);
        return;
      }
      case 0x1003:
        this.sendOn(socket, link, 0x1004, new Uint8Array(0));
        return;
      case 0x1005:
        this.sendOn(socket, link, 0x1006, new Uint8Array(0));
        return;
      case 0x9002: {
        const answer = bodyOf(frame, 0x9002);
        if (!answer) return;
        this.subLoginResults.push(answer.result);
        if (link === 'sub' && socket === this.sub && answer.result === 0) this.subLoggedIn = true;
        return;
      }
    }
  }

  private loginResult(header: FrameHeader, login: LoginRequest): number {
    if (this.refusal !== null) return this.refusal;
    const o = this.options;
    if (login.userId !== o.userId) return 3;
    if (login.password !== o.password) return 4;
    if (header.gnssCenterId !== o.gnssCenterId) return 2;
    if (this.edition === '2019' && login.gnssCenterId !== o.gnssCenterId) return 2;
    return 0;
  }

  private waitForFrom(
    from: number,
    predicate: (frame: ReceivedFrame) => boolean,
    what: string,
  ): Promise<ReceivedFrame> {
    let next = from;
    let found: ReceivedFrame | null = null;
    return this.waitUntil(() => {
      while (found === null && next < this.frames.length) {
        const frame = this.frames[next++] as ReceivedFrame;
        if (predicate(frame)) found = frame;
      }
      return found !== null;
    }, what).then(() => found as ReceivedFrame);
  }

  private waitUntil(condition: () => boolean, what: string): Promise<void> {
    try {
      if (condition()) return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.closed) return Promise.reject(new Error(`superior closed: never saw ${what}`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        what,
        check: () => {
          try {
            if (!condition()) return false;
            resolve();
          } catch (error) {
            reject(error as Error);
          }
          return true;
        },
        reject,
      };
      this.waiters.push(waiter);
    });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((waiter) => !waiter.check());
  }
}
