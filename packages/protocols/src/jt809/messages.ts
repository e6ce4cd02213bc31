import { Reader, toHex, Writer } from './bytes.ts';
import type { Jt809EncryptKeys } from './crypto.ts';
import { Jt809DecodeError } from './errors.ts';
import { type Jt809Edition, type Jt809Header, readFrame, writeFrame } from './frame.ts';

/**
 * A vehicle position record of JT/T 809-2011 (车辆定位信息), 36 bytes: the numbers exactly as
 * sent, nothing scaled, so that a record re-encodes to the same bytes. The date and time carry
 * no time zone (in practice Beijing time).
 */
export type Jt809Position = {
  /** ENCRYPT: 0 plain, 1 coordinates encrypted with the national survey bureau's plug-in. */
  encrypt: number;
  day: number;
  month: number;
  /** Four-digit year (a WORD). */
  year: number;
  hour: number;
  minute: number;
  second: number;
  /** LON: longitude in units of 1e-6 degree. */
  lonMicroDeg: number;
  /** LAT: latitude in units of 1e-6 degree. */
  latMicroDeg: number;
  /** VEC1: satellite (GNSS terminal) speed, km/h. */
  speedKmh: number;
  /** VEC2: driving recorder speed, km/h. */
  recorderSpeedKmh: number;
  /** VEC3: total mileage, km. */
  mileageKm: number;
  /** DIRECTION: 0-359 degrees clockwise from north. */
  direction: number;
  /** ALTITUDE: metres. */
  altitude: number;
  /** STATE: vehicle status bits, as JT/T 808 status. */
  state: number;
  /** ALARM: alarm bits, as JT/T 808 alarm flags. */
  alarm: number;
};

/**
 * A vehicle position record of JT/T 809-2019: ENCRYPT BYTE, GNSS_DATA (a DWORD length, then that
 * many bytes), then three platform ids (11 bytes each) with an alarm DWORD each. GNSS_DATA is kept
 * as bytes: the published samples carry a JT/T 808 0x0200 body in one and a 2011-style position
 * without its encrypt byte in another.
 */
export type Jt809Position2019 = {
  encrypt: number;
  gnssData: Uint8Array;
  platforms: [Jt809PlatformAlarm, Jt809PlatformAlarm, Jt809PlatformAlarm];
};
export type Jt809PlatformAlarm = { platformId: string; alarm: number };

/**
 * The sub-business of 0x1200 (主链路车辆动态信息交换业务), by sub-business type.
 */
export type Jt809VehicleDynamic =
  /**
   * 0x1201 vehicle registration (上传车辆注册信息). 2011: platform id 11, producer id 11, terminal
   * model 8 (20 in the widely used "supplement" layout; the data length tells them apart: 49 or
   * 61), terminal id 7, SIM number 12. 2019: 11, 11, model 30, IMEI 15, terminal id 30, SIM 13.
   */
  | {
      subType: 0x1201;
      platformId: string;
      producerId: string;
      terminalModel: string;
      /** Width of the terminal model field on the wire: 8 or 20 (2011), 30 (2019). */
      terminalModelBytes: number;
      /** 2019 only: the communication module's IMEI; null for 2011. */
      imei: string | null;
      terminalId: string;
      /** SIM card number; 2011 pads a short number on the left with '0' digits. */
      simNumber: string;
    }
  /** 0x1202 real-time vehicle position (实时上传车辆定位信息). */
  | { subType: 0x1202; position: Jt809Position | Jt809Position2019 }
  /** 0x1203 automatic re-send of positions (车辆定位信息自动补报): a BYTE count, then the records. */
  | { subType: 0x1203; positions: (Jt809Position | Jt809Position2019)[] }
  /**
   * A sub-business Harbor does not interpret: everything after DATA_TYPE, DATA_LENGTH included,
   * written back verbatim.
   */
  | { subType: number; dataHex: string; other: true };

/** Message bodies, by business data type (MSG_ID). */
export type Jt809Body =
  /**
   * 0x1001 main link login request (主链路登录请求): USERID DWORD, PASSWORD 8, DOWN_LINK_IP 32,
   * DOWN_LINK_PORT WORD; 2019 adds MSG_GNSSCENTERID DWORD after the password.
   */
  | {
      messageId: 0x1001;
      userId: number;
      password: string;
      /** 2019 only; null for 2011 (a 2019 encode writes 0 for null). */
      gnssCenterId: number | null;
      downLinkIp: string;
      downLinkPort: number;
    }
  /**
   * 0x1002 main link login response: result 0 ok, 1 IP address wrong, 2 access code wrong,
   * 3 user not registered, 4 password wrong, 5 resources short (try later), 6 other (2019: 0xff
   * other); VERIFY_CODE DWORD.
   */
  | { messageId: 0x1002; result: number; verifyCode: number }
  /** 0x1003 main link logout request (主链路注销请求): USERID DWORD, PASSWORD 8. */
  | { messageId: 0x1003; userId: number; password: string }
  /**
   * Empty bodies: 0x1004 main link logout response, 0x1005 / 0x1006 main link keep-alive request
   * and response, 0x9004 sub link logout response, 0x9005 / 0x9006 sub link keep-alive request
   * and response.
   */
  | { messageId: 0x1004 | 0x1005 | 0x1006 | 0x9004 | 0x9005 | 0x9006 }
  /** 0x1007 main link disconnect notice (主链路断开通知): 0 main link broken, 1 other. */
  | { messageId: 0x1007; errorCode: number }
  /** 0x1008 lower platform closing both links (下级平台主动关闭主从链路通知): 0 gateway restart, 1 other. */
  | { messageId: 0x1008; reasonCode: number }
  /** 0x9001 sub link login request and 0x9003 sub link logout request: VERIFY_CODE DWORD. */
  | { messageId: 0x9001 | 0x9003; verifyCode: number }
  /** 0x9002 sub link login response: 0 ok, 1 verify code wrong, 2 resources short, 3 other. */
  | { messageId: 0x9002; result: number }
  /**
   * 0x9007 sub link disconnect notice (2011: 0 cannot reach the lower platform's IP and port,
   * 1 link broken, 2 other; 2019 calls it an error code: 0 link broken, 1 other) and 0x9008 upper
   * platform closing the links (0 gateway restart, 1 other): one BYTE each.
   */
  | { messageId: 0x9007 | 0x9008; reasonCode: number }
  /**
   * 0x1200 vehicle dynamic information exchange: VEHICLE_NO 21 (GBK), VEHICLE_COLOR BYTE,
   * DATA_TYPE WORD (sub-business type), DATA_LENGTH DWORD, then the sub-business data.
   */
  | { messageId: 0x1200; plate: string; plateColor: number; data: Jt809VehicleDynamic }
  /** A message Harbor does not interpret, or an encrypted body it had no keys for. */
  | { messageId: number; bodyHex: string; other: true };

export type Jt809Message = { header: Jt809Header; body: Jt809Body };

export type Jt809DecodeOptions = {
  /** The link's edition; 2011 unless said. */
  edition?: Jt809Edition;
  /** The cipher constants, to read bodies whose ENCRYPT_FLAG is 1. */
  keys?: Jt809EncryptKeys;
};

/**
 * Decodes one wire frame, 0x5b ... 0x5d included. An encrypted body without `keys` comes back as
 * `other` with the ciphertext in bodyHex.
 */
export function decodeJt809Frame(
  frame: Uint8Array,
  options: Jt809DecodeOptions = {},
): Jt809Message {
  const { header, body, encrypted } = readFrame(frame, options.edition ?? '2011', options.keys);
  if (encrypted)
    return { header, body: { messageId: header.messageId, bodyHex: toHex(body), other: true } };
  return { header, body: decodeJt809Body(header, body) };
}

/** Decodes a message body given its header (the body already decrypted). */
export function decodeJt809Body(header: Jt809Header, body: Uint8Array): Jt809Body {
  const r = new Reader(body);
  const decoded = readBody(header, r);
  if (!('other' in decoded)) r.done(`0x${header.messageId.toString(16)} body`);
  return decoded;
}

function readBody(header: Jt809Header, r: Reader): Jt809Body {
  const is2019 = header.edition === '2019';
  const id = header.messageId;
  switch (id) {
    case 0x1001: {
      const userId = r.dword('userId');
      const password = r.text(8, 'password');
      const gnssCenterId = is2019 ? r.dword('msgGnssCenterId') : null;
      return {
        messageId: id,
        userId,
        password,
        gnssCenterId,
        downLinkIp: r.text(32, 'downLinkIp'),
        downLinkPort: r.word('downLinkPort'),
      };
    }
    case 0x1002:
      return { messageId: id, result: r.byte('result'), verifyCode: r.dword('verifyCode') };
    case 0x1003:
      return { messageId: id, userId: r.dword('userId'), password: r.text(8, 'password') };
    case 0x1004:
    case 0x1005:
    case 0x1006:
    case 0x9004:
    case 0x9005:
    case 0x9006:
      return { messageId: id };
    case 0x1007:
      return { messageId: id, errorCode: r.byte('errorCode') };
    case 0x1008:
      return { messageId: id, reasonCode: r.byte('reasonCode') };
    case 0x9001:
    case 0x9003:
      return { messageId: id, verifyCode: r.dword('verifyCode') };
    case 0x9002:
      return { messageId: id, result: r.byte('result') };
    case 0x9007:
    case 0x9008:
      return { messageId: id, reasonCode: r.byte('reasonCode') };
    case 0x1200: {
      const plate = r.text(21, 'vehicleNo');
      const plateColor = r.byte('vehicleColor');
      const subType = r.word('dataType');
      if (subType < 0x1201 || subType > 0x1203) {
        // Kept whole, DATA_LENGTH included: some sub-businesses (2019 0x1205 and 0x1206 in the
        // published samples) are sent without it.
        const dataHex = toHex(r.slice(r.remaining, 'data'));
        return { messageId: id, plate, plateColor, data: { subType, dataHex, other: true } };
      }
      const length = r.dword('dataLength');
      const data = new Reader(r.bytes, r.offset, r.offset + length);
      r.slice(length, 'data');
      return { messageId: id, plate, plateColor, data: readVehicleDynamic(subType, data, is2019) };
    }
    default:
      return { messageId: id, bodyHex: toHex(r.slice(r.remaining, 'body')), other: true };
  }
}

function readVehicleDynamic(subType: number, r: Reader, is2019: boolean): Jt809VehicleDynamic {
  const field = `0x${subType.toString(16)} data`;
  let data: Jt809VehicleDynamic;
  switch (subType) {
    case 0x1201: {
      let terminalModelBytes = 30;
      if (!is2019) {
        if (r.remaining === 49) terminalModelBytes = 8;
        else if (r.remaining === 61) terminalModelBytes = 20;
        else
          throw new Jt809DecodeError(
            'dataLength',
            `0x1201 data is 49 or 61 bytes in 2011, not ${r.remaining}`,
          );
      }
      const platformId = r.text(11, 'platformId');
      const producerId = r.text(11, 'producerId');
      const terminalModel = r.text(terminalModelBytes, 'terminalModelType');
      const imei = is2019 ? r.text(15, 'imei') : null;
      data = {
        subType,
        platformId,
        producerId,
        terminalModel,
        terminalModelBytes,
        imei,
        terminalId: r.text(is2019 ? 30 : 7, 'terminalId'),
        simNumber: r.text(is2019 ? 13 : 12, 'terminalSimCode'),
      };
      break;
    }
    case 0x1202:
      data = { subType, position: readPosition(r, is2019) };
      break;
    case 0x1203: {
      const count = r.byte('gnssCount');
      const positions: (Jt809Position | Jt809Position2019)[] = [];
      for (let i = 0; i < count; i++) positions.push(readPosition(r, is2019));
      data = { subType, positions };
      break;
    }
    default:
      throw new Jt809DecodeError('dataType', `${field}: not a sub-business read here`);
  }
  r.done(field);
  return data;
}

function readPosition(r: Reader, is2019: boolean): Jt809Position | Jt809Position2019 {
  if (is2019) {
    const encrypt = r.byte('encrypt');
    // Copied: the frame's bytes belong to the stream decoder's buffer.
    const gnssData = new Uint8Array(r.slice(r.dword('gnssDataLength'), 'gnssData'));
    const platform = (): Jt809PlatformAlarm => ({
      platformId: r.text(11, 'platformId'),
      alarm: r.dword('alarm'),
    });
    return { encrypt, gnssData, platforms: [platform(), platform(), platform()] };
  }
  return {
    encrypt: r.byte('encrypt'),
    day: r.byte('day'),
    month: r.byte('month'),
    year: r.word('year'),
    hour: r.byte('hour'),
    minute: r.byte('minute'),
    second: r.byte('second'),
    lonMicroDeg: r.dword('lon'),
    latMicroDeg: r.dword('lat'),
    speedKmh: r.word('vec1'),
    recorderSpeedKmh: r.word('vec2'),
    mileageKm: r.dword('vec3'),
    direction: r.word('direction'),
    altitude: r.word('altitude'),
    state: r.dword('state'),
    alarm: r.dword('alarm'),
  };
}

/** A message's wire bytes: body, then header and CRC, encrypted when ENCRYPT_FLAG is 1, escaped. */
export function encodeJt809Frame(
  header: Jt809Header,
  body: Jt809Body,
  keys?: Jt809EncryptKeys,
): Uint8Array {
  if (body.messageId !== header.messageId)
    throw new RangeError(
      `body is 0x${body.messageId.toString(16)}, header says 0x${header.messageId.toString(16)}`,
    );
  return writeFrame(header, encodeJt809Body(header.edition, body), keys);
}

/** encodeJt809Frame for a decoded message. */
export function encodeJt809Message(message: Jt809Message, keys?: Jt809EncryptKeys): Uint8Array {
  return encodeJt809Frame(message.header, message.body, keys);
}

/** A message body's bytes, without header, CRC or encryption. */
export function encodeJt809Body(edition: Jt809Edition, body: Jt809Body): Uint8Array {
  const w = new Writer();
  const is2019 = edition === '2019';
  if ('other' in body) return w.bytes(hexBytes(body.bodyHex)).done();
  switch (body.messageId) {
    case 0x1001:
      w.dword(body.userId).text(body.password, 8, 'password');
      if (is2019) w.dword(body.gnssCenterId ?? 0);
      w.text(body.downLinkIp, 32, 'downLinkIp').word(body.downLinkPort);
      break;
    case 0x1002:
      w.byte(body.result).dword(body.verifyCode);
      break;
    case 0x1003:
      w.dword(body.userId).text(body.password, 8, 'password');
      break;
    case 0x1004:
    case 0x1005:
    case 0x1006:
    case 0x9004:
    case 0x9005:
    case 0x9006:
      break;
    case 0x1007:
      w.byte(body.errorCode);
      break;
    case 0x1008:
      w.byte(body.reasonCode);
      break;
    case 0x9001:
    case 0x9003:
      w.dword(body.verifyCode);
      break;
    case 0x9002:
      w.byte(body.result);
      break;
    case 0x9007:
    case 0x9008:
      w.byte(body.reasonCode);
      break;
    case 0x1200: {
      w.text(body.plate, 21, 'vehicleNo').byte(body.plateColor).word(body.data.subType);
      if ('other' in body.data) w.bytes(hexBytes(body.data.dataHex));
      else {
        const data = encodeVehicleDynamic(body.data, is2019);
        w.dword(data.length).bytes(data);
      }
      break;
    }
  }
  return w.done();
}

function encodeVehicleDynamic(data: Jt809VehicleDynamic, is2019: boolean): Uint8Array {
  const w = new Writer();
  if ('other' in data) return w.bytes(hexBytes(data.dataHex)).done();
  switch (data.subType) {
    case 0x1201: {
      w.text(data.platformId, 11, 'platformId').text(data.producerId, 11, 'producerId');
      if (is2019) {
        w.text(data.terminalModel, 30, 'terminalModelType').text(data.imei ?? '', 15, 'imei');
        w.text(data.terminalId, 30, 'terminalId').text(data.simNumber, 13, 'terminalSimCode');
      } else {
        if (data.terminalModelBytes !== 8 && data.terminalModelBytes !== 20)
          throw new RangeError('a 2011 terminal model field is 8 or 20 bytes');
        w.text(data.terminalModel, data.terminalModelBytes, 'terminalModelType');
        w.text(data.terminalId, 7, 'terminalId');
        w.text(data.simNumber.padStart(12, '0'), 12, 'terminalSimCode');
      }
      break;
    }
    case 0x1202:
      writePosition(w, data.position, is2019);
      break;
    case 0x1203:
      if (data.positions.length > 0xff) throw new RangeError('at most 255 positions in a 0x1203');
      w.byte(data.positions.length);
      for (const position of data.positions) writePosition(w, position, is2019);
      break;
  }
  return w.done();
}

function writePosition(w: Writer, p: Jt809Position | Jt809Position2019, is2019: boolean): void {
  if ('gnssData' in p) {
    if (!is2019) throw new RangeError('a 2019 position record in a 2011 message');
    w.byte(p.encrypt).dword(p.gnssData.length).bytes(p.gnssData);
    for (const platform of p.platforms)
      w.text(platform.platformId, 11, 'platformId').dword(platform.alarm);
    return;
  }
  if (is2019) throw new RangeError('a 2011 position record in a 2019 message');
  w.byte(p.encrypt).byte(p.day).byte(p.month).word(p.year);
  w.byte(p.hour).byte(p.minute).byte(p.second);
  w.dword(p.lonMicroDeg).dword(p.latMicroDeg);
  w.word(p.speedKmh).word(p.recorderSpeedKmh).dword(p.mileageKm);
  w.word(p.direction).word(p.altitude).dword(p.state).dword(p.alarm);
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
