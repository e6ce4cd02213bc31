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
   * 0x1205 / 0x1206, the answers to 0x9205 / 0x9206 (启动 / 结束车辆定位信息交换应答). 2011: no data,
   * DATA_LENGTH 0. 2019: SOURCE_DATA_TYPE WORD and SOURCE_MSG_SN DWORD (the request's sub-business
   * type and MSG_SN), then DATA_LENGTH DWORD, always 0, after them: the one published 2019 frame
   * of each (supplied by a user of SmallChi/JT809, JT809_0x1200_0x1205Test.cs / _0x1206Test.cs)
   * puts the two source fields straight after DATA_TYPE and DATA_LENGTH (0) last, and
   * SmallChi/JT809 reads the 2019 table so. Other orders (DATA_LENGTH 10 or 6 first) are
   * refused, as is a 2011 body without DATA_LENGTH.
   */
  | {
      subType: 0x1205 | 0x1206;
      /** 2019 only: SOURCE_DATA_TYPE, normally 0x9205 / 0x9206; null for 2011 (0 when encoded). */
      sourceDataType: number | null;
      /** 2019 only: SOURCE_MSG_SN, the request's MSG_SN; null for 2011 (0 when encoded). */
      sourceMsgSn: number | null;
    }
  | Jt809OtherSubBusiness;

/**
 * A sub-business Harbor does not interpret: everything after DATA_TYPE, DATA_LENGTH included,
 * written back verbatim.
 */
export type Jt809OtherSubBusiness = { subType: number; dataHex: string; other: true };

/**
 * The sub-business of 0x9200 (从链路车辆动态信息交换业务), by sub-business type. The outer layout is
 * that of 0x1200, except that the 2019 0x9201 carries no VEHICLE_NO and VEHICLE_COLOR.
 */
export type Jt809VehicleDynamicDown =
  /**
   * 0x9201, 2019 only (车辆注册信息应答): SOURCE_DATA_TYPE WORD, SOURCE_MSG_SN DWORD (the 0x1201
   * answered), RESULT BYTE: 0 registered with a remark, 1 approved and registered, 2 information
   * wrong, 3 not approved. A 2011 0x9201, or one sent with a plate, is kept as `other`.
   */
  | { subType: 0x9201; sourceDataType: number; sourceMsgSn: number; result: number }
  /** 0x9202 position exchanged by the upper platform (交换车辆定位信息): one record, as in 0x1202. */
  | { subType: 0x9202; position: Jt809Position | Jt809Position2019 }
  /**
   * 0x9205 start exchanging a vehicle's positions (启动车辆定位信息交换请求): REASON_CODE BYTE,
   * 0 entered the area, 1 set by hand, 2 emergency position return, 3 other. 0x9206 stop
   * (结束车辆定位信息交换请求): 0 left the area, 1 stopped by hand, 2 emergency monitoring over,
   * 3 vehicle offline, 4 other. The same single byte in 2011 and 2019.
   */
  | { subType: 0x9205 | 0x9206; reasonCode: number }
  | Jt809OtherSubBusiness;

/** The sub-business of 0x1300 (主链路平台间信息交互业务), by sub-business type. */
export type Jt809PlatformInfo =
  /**
   * 0x1301 answer to a post check (平台查岗应答). 2011: OBJECT_TYPE BYTE, OBJECT_ID 12, INFO_ID
   * DWORD, INFO_LENGTH DWORD, INFO_CONTENT (GBK). 2019: OBJECT_TYPE, RESPONDER 16,
   * RESPONDER_TEL 20, OBJECT_ID 20, SOURCE_DATA_TYPE WORD, SOURCE_MSG_SN DWORD, INFO_LENGTH,
   * INFO_CONTENT: no INFO_ID.
   */
  | {
      subType: 0x1301;
      /** OBJECT_TYPE, as in the 0x9301 answered. */
      objectType: number;
      /** 2019 only: RESPONDER, who answered; null for 2011 (empty when encoded). */
      responder: string | null;
      /** 2019 only: RESPONDER_TEL, their phone number; null for 2011 (empty when encoded). */
      responderTel: string | null;
      /** OBJECT_ID, 12 bytes (2011) or 20 (2019). */
      objectId: string;
      /** 2011 only: INFO_ID of the 0x9301 answered; null for 2019 (0 when encoded). */
      infoId: number | null;
      /** 2019 only: SOURCE_DATA_TYPE (0x9301); null for 2011 (0 when encoded). */
      sourceDataType: number | null;
      /** 2019 only: SOURCE_MSG_SN, the 0x9301's MSG_SN; null for 2011 (0 when encoded). */
      sourceMsgSn: number | null;
      /** INFO_CONTENT: the answer. */
      infoContent: string;
    }
  /**
   * 0x1302 answer to a platform message (下发平台间报文应答). 2011: INFO_ID DWORD. 2019:
   * SOURCE_DATA_TYPE WORD, SOURCE_MSG_SN DWORD, no INFO_ID.
   */
  | {
      subType: 0x1302;
      /** 2011 only: INFO_ID of the 0x9302 answered; null for 2019 (0 when encoded). */
      infoId: number | null;
      /** 2019 only: SOURCE_DATA_TYPE (0x9302); null for 2011 (0 when encoded). */
      sourceDataType: number | null;
      /** 2019 only: SOURCE_MSG_SN; null for 2011 (0 when encoded). */
      sourceMsgSn: number | null;
    }
  | Jt809OtherSubBusiness;

/** The sub-business of 0x9300 (从链路平台间信息交互业务), by sub-business type. */
export type Jt809PlatformInfoDown =
  /**
   * 0x9301 post check (平台查岗请求). 2011: OBJECT_TYPE BYTE, OBJECT_ID 12, INFO_ID DWORD,
   * INFO_LENGTH DWORD, INFO_CONTENT (GBK); some 2011 senders leave OBJECT_TYPE and OBJECT_ID
   * out (SmallChi/JT809 writes it so since 2020), which INFO_LENGTH tells apart. 2019:
   * OBJECT_TYPE, OBJECT_ID 20, ANSWER_TIME BYTE, INFO_ID, INFO_LENGTH, INFO_CONTENT.
   */
  | {
      subType: 0x9301;
      /**
       * OBJECT_TYPE: 1 the connected lower platform, 2 one operator under it, 3 all its
       * operators; null when a 2011 sender left OBJECT_TYPE and OBJECT_ID out.
       */
      objectType: number | null;
      /**
       * OBJECT_ID, 12 bytes (2011) or 20 (2019): for type 1 the platform's area code and id, for
       * type 2 the operator's licence number; null with objectType.
       */
      objectId: string | null;
      /** 2019 only: ANSWER_TIME, the time allowed to answer (查岗应答时限); null for 2011. */
      answerTime: number | null;
      /** INFO_ID, to quote in the 0x1301 answer. */
      infoId: number;
      /** INFO_CONTENT: the question. */
      infoContent: string;
    }
  /**
   * 0x9302 platform message (下发平台间报文请求): OBJECT_TYPE BYTE, OBJECT_ID, INFO_ID DWORD,
   * INFO_LENGTH DWORD, INFO_CONTENT (GBK). OBJECT_ID is 12 bytes in both editions in
   * SmallChi/JT809; a 2019 body whose INFO_LENGTH only fits a 20-byte OBJECT_ID (its 2019 width
   * in 0x9301 and 0x1301) is read with that width.
   */
  | {
      subType: 0x9302;
      /** OBJECT_TYPE: 0-9, which platforms or operators the message is for. */
      objectType: number;
      objectId: string;
      /** Width of OBJECT_ID on the wire: 12, or 20 (2019 only). */
      objectIdBytes: number;
      /** INFO_ID, to quote in the 0x1302 answer. */
      infoId: number;
      /** INFO_CONTENT: the message. */
      infoContent: string;
    }
  | Jt809OtherSubBusiness;

/** The sub-business of 0x1500 (主链路车辆监管业务), by sub-business type. */
export type Jt809VehicleControl =
  /**
   * 0x1503 answer to a text for a vehicle (下发车辆报文应答). 2011: MSG_ID DWORD (the 0x9503's
   * MSG_SEQUENCE), RESULT BYTE. 2019: SOURCE_DATA_TYPE WORD, SOURCE_MSG_SN DWORD, RESULT, no
   * MSG_ID. RESULT: 0 sent to the vehicle, 1 failed.
   */
  | {
      subType: 0x1503;
      /** 2011 only: MSG_ID; null for 2019 (0 when encoded). */
      msgId: number | null;
      /** 2019 only: SOURCE_DATA_TYPE (0x9503); null for 2011 (0 when encoded). */
      sourceDataType: number | null;
      /** 2019 only: SOURCE_MSG_SN; null for 2011 (0 when encoded). */
      sourceMsgSn: number | null;
      result: number;
    }
  | Jt809OtherSubBusiness;

/** The sub-business of 0x9500 (从链路车辆监管业务), by sub-business type. */
export type Jt809VehicleControlDown =
  /**
   * 0x9503 text for a vehicle (下发车辆报文请求), the same in 2011 and 2019: MSG_SEQUENCE DWORD,
   * MSG_PRIORITY BYTE (0 urgent, 1 normal), MSG_LENGTH DWORD, MSG_CONTENT (GBK).
   */
  | { subType: 0x9503; msgSequence: number; msgPriority: number; msgContent: string }
  | Jt809OtherSubBusiness;

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
   * 0x9101 count of positions received (接收车辆定位信息数量通知): DYNAMIC_INFO_TOTAL DWORD, then
   * START_TIME and END_TIME as UTC seconds since 1970 in 8 bytes each; the same in 2011 and 2019.
   */
  | { messageId: 0x9101; dynamicInfoTotal: number; startTime: Date; endTime: Date }
  /**
   * 0x1200 vehicle dynamic information exchange: VEHICLE_NO 21 (GBK), VEHICLE_COLOR BYTE,
   * DATA_TYPE WORD (sub-business type), DATA_LENGTH DWORD, then the sub-business data.
   */
  | { messageId: 0x1200; plate: string; plateColor: number; data: Jt809VehicleDynamic }
  /**
   * 0x9200, the upper platform's side of it: the same layout, except that the 2019 0x9201 starts
   * at DATA_TYPE (no VEHICLE_NO, no VEHICLE_COLOR).
   */
  | {
      messageId: 0x9200;
      /** VEHICLE_NO; null exactly for the 2019 0x9201. */
      plate: string | null;
      /** VEHICLE_COLOR; null exactly for the 2019 0x9201. */
      plateColor: number | null;
      data: Jt809VehicleDynamicDown;
    }
  /** 0x1300 platform information exchange: DATA_TYPE WORD, DATA_LENGTH DWORD, then the data. */
  | { messageId: 0x1300; data: Jt809PlatformInfo }
  /** 0x9300, the upper platform's side: the same layout. */
  | { messageId: 0x9300; data: Jt809PlatformInfoDown }
  /** 0x1500 vehicle supervision: VEHICLE_NO 21, VEHICLE_COLOR, DATA_TYPE, DATA_LENGTH, data. */
  | { messageId: 0x1500; plate: string; plateColor: number; data: Jt809VehicleControl }
  /** 0x9500, the upper platform's side: the same layout. */
  | { messageId: 0x9500; plate: string; plateColor: number; data: Jt809VehicleControlDown }
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
    case 0x9101:
      return {
        messageId: id,
        dynamicInfoTotal: r.dword('dynamicInfoTotal'),
        startTime: readUtc(r, 'startTime'),
        endTime: readUtc(r, 'endTime'),
      };
    case 0x1200: {
      const plate = r.text(21, 'vehicleNo');
      const plateColor = r.byte('vehicleColor');
      const data = readSubBusiness(r, KNOWN_0x1200, (t, d) => readVehicleDynamic(t, d, is2019));
      return { messageId: id, plate, plateColor, data };
    }
    case 0x9200: {
      // The 2019 0x9201 starts at DATA_TYPE. A GBK plate cannot start 92 01 (0x01 is no GBK
      // trail byte), so the first two bytes tell.
      const bare =
        is2019 && r.remaining >= 2 && r.bytes[r.offset] === 0x92 && r.bytes[r.offset + 1] === 0x01;
      const plate = bare ? null : r.text(21, 'vehicleNo');
      const plateColor = bare ? null : r.byte('vehicleColor');
      const known = bare ? [0x9201] : KNOWN_0x9200;
      const data = readSubBusiness(r, known, (t, d) => readVehicleDynamicDown(t, d, is2019));
      return { messageId: id, plate, plateColor, data };
    }
    case 0x1300:
      return {
        messageId: id,
        data: readSubBusiness(r, KNOWN_0x1300, (t, d) => readPlatformInfo(t, d, is2019)),
      };
    case 0x9300:
      return {
        messageId: id,
        data: readSubBusiness(r, KNOWN_0x9300, (t, d) => readPlatformInfoDown(t, d, is2019)),
      };
    case 0x1500: {
      const plate = r.text(21, 'vehicleNo');
      const plateColor = r.byte('vehicleColor');
      const data = readSubBusiness(r, [0x1503], (t, d) => readVehicleControl(t, d, is2019));
      return { messageId: id, plate, plateColor, data };
    }
    case 0x9500: {
      const plate = r.text(21, 'vehicleNo');
      const plateColor = r.byte('vehicleColor');
      const data = readSubBusiness(r, [0x9503], readVehicleControlDown);
      return { messageId: id, plate, plateColor, data };
    }
    default:
      return { messageId: id, bodyHex: toHex(r.slice(r.remaining, 'body')), other: true };
  }
}

const KNOWN_0x1200 = [0x1201, 0x1202, 0x1203, 0x1205, 0x1206];
const KNOWN_0x9200 = [0x9202, 0x9205, 0x9206];
const KNOWN_0x1300 = [0x1301, 0x1302];
const KNOWN_0x9300 = [0x9301, 0x9302];

/**
 * DATA_TYPE, then the sub-business: read by `read` when it is one of `known` (`read` is handed
 * the body's reader at DATA_LENGTH and must read to its end), else kept whole, DATA_LENGTH
 * included.
 */
function readSubBusiness<T>(
  r: Reader,
  known: readonly number[],
  read: (subType: number, r: Reader) => T,
): T | Jt809OtherSubBusiness {
  const subType = r.word('dataType');
  if (!known.includes(subType))
    return { subType, dataHex: toHex(r.slice(r.remaining, 'data')), other: true };
  return read(subType, r);
}

/**
 * DATA_LENGTH and a reader over exactly that many bytes after it. A DATA_LENGTH longer than what
 * follows fails here; a shorter one leaves bytes over, which decodeJt809Body refuses.
 */
function dataOf(r: Reader): Reader {
  const length = r.dword('dataLength');
  const data = new Reader(r.bytes, r.offset, r.offset + length);
  r.slice(length, 'data');
  return data;
}

function subField(subType: number): string {
  return `0x${subType.toString(16)} data`;
}

/**
 * Whether INFO_ID sits `at` bytes into what is left of `r`: the INFO_LENGTH after it then counts
 * exactly the bytes that follow.
 */
function infoFits(r: Reader, at: number): boolean {
  if (r.remaining < at + 8) return false;
  return new Reader(r.bytes, r.offset + at + 4, r.end).dword('infoLength') === r.remaining - at - 8;
}

function readVehicleDynamic(subType: number, body: Reader, is2019: boolean): Jt809VehicleDynamic {
  const field = subField(subType);
  if (is2019 && (subType === 0x1205 || subType === 0x1206)) {
    // 2019: the source fields come before DATA_LENGTH, which is 0 (see the type).
    const sourceDataType = body.word('sourceDataType');
    const sourceMsgSn = body.dword('sourceMsgSn');
    const length = body.dword('dataLength');
    if (length !== 0)
      throw new Jt809DecodeError(
        'dataLength',
        `${field}: DATA_LENGTH after the source fields is ${length}, not 0`,
      );
    return { subType, sourceDataType, sourceMsgSn };
  }
  const r = dataOf(body);
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
    case 0x1205:
    case 0x1206:
      // 2011: no data.
      data = { subType, sourceDataType: null, sourceMsgSn: null };
      break;
    default:
      throw new Jt809DecodeError('dataType', `${field}: not a sub-business read here`);
  }
  r.done(field);
  return data;
}

function readVehicleDynamicDown(
  subType: number,
  body: Reader,
  is2019: boolean,
): Jt809VehicleDynamicDown {
  const field = subField(subType);
  const r = dataOf(body);
  let data: Jt809VehicleDynamicDown;
  switch (subType) {
    case 0x9201:
      data = {
        subType,
        sourceDataType: r.word('sourceDataType'),
        sourceMsgSn: r.dword('sourceMsgSn'),
        result: r.byte('result'),
      };
      break;
    case 0x9202:
      data = { subType, position: readPosition(r, is2019) };
      break;
    case 0x9205:
    case 0x9206:
      data = { subType, reasonCode: r.byte('reasonCode') };
      break;
    default:
      throw new Jt809DecodeError('dataType', `${field}: not a sub-business read here`);
  }
  r.done(field);
  return data;
}

function readPlatformInfo(subType: number, body: Reader, is2019: boolean): Jt809PlatformInfo {
  const field = subField(subType);
  const r = dataOf(body);
  let data: Jt809PlatformInfo;
  switch (subType) {
    case 0x1301: {
      const objectType = r.byte('objectType');
      const responder = is2019 ? r.text(16, 'responder') : null;
      const responderTel = is2019 ? r.text(20, 'responderTel') : null;
      const objectId = r.text(is2019 ? 20 : 12, 'objectId');
      const infoId = is2019 ? null : r.dword('infoId');
      const sourceDataType = is2019 ? r.word('sourceDataType') : null;
      const sourceMsgSn = is2019 ? r.dword('sourceMsgSn') : null;
      data = {
        subType,
        objectType,
        responder,
        responderTel,
        objectId,
        infoId,
        sourceDataType,
        sourceMsgSn,
        infoContent: r.prefixedText('infoLength', 'infoContent'),
      };
      break;
    }
    case 0x1302: {
      const infoId = is2019 ? null : r.dword('infoId');
      const sourceDataType = is2019 ? r.word('sourceDataType') : null;
      const sourceMsgSn = is2019 ? r.dword('sourceMsgSn') : null;
      data = { subType, infoId, sourceDataType, sourceMsgSn };
      break;
    }
    default:
      throw new Jt809DecodeError('dataType', `${field}: not a sub-business read here`);
  }
  r.done(field);
  return data;
}

function readPlatformInfoDown(
  subType: number,
  body: Reader,
  is2019: boolean,
): Jt809PlatformInfoDown {
  const field = subField(subType);
  const r = dataOf(body);
  let data: Jt809PlatformInfoDown;
  switch (subType) {
    case 0x9301: {
      let objectType: number | null = null;
      let objectId: string | null = null;
      let answerTime: number | null = null;
      if (is2019) {
        objectType = r.byte('objectType');
        objectId = r.text(20, 'objectId');
        answerTime = r.byte('answerTime');
      } else if (infoFits(r, 13) || !infoFits(r, 0)) {
        // The standard's layout; also taken when neither fits, so that the error names it.
        objectType = r.byte('objectType');
        objectId = r.text(12, 'objectId');
      }
      const infoId = r.dword('infoId');
      const infoContent = r.prefixedText('infoLength', 'infoContent');
      data = { subType, objectType, objectId, answerTime, infoId, infoContent };
      break;
    }
    case 0x9302: {
      const objectType = r.byte('objectType');
      const objectIdBytes = is2019 && !infoFits(r, 12) && infoFits(r, 20) ? 20 : 12;
      const objectId = r.text(objectIdBytes, 'objectId');
      const infoId = r.dword('infoId');
      const infoContent = r.prefixedText('infoLength', 'infoContent');
      data = { subType, objectType, objectId, objectIdBytes, infoId, infoContent };
      break;
    }
    default:
      throw new Jt809DecodeError('dataType', `${field}: not a sub-business read here`);
  }
  r.done(field);
  return data;
}

function readVehicleControl(subType: number, body: Reader, is2019: boolean): Jt809VehicleControl {
  const field = subField(subType);
  const r = dataOf(body);
  if (subType !== 0x1503)
    throw new Jt809DecodeError('dataType', `${field}: not a sub-business read here`);
  const msgId = is2019 ? null : r.dword('msgId');
  const sourceDataType = is2019 ? r.word('sourceDataType') : null;
  const sourceMsgSn = is2019 ? r.dword('sourceMsgSn') : null;
  const data: Jt809VehicleControl = {
    subType,
    msgId,
    sourceDataType,
    sourceMsgSn,
    result: r.byte('result'),
  };
  r.done(field);
  return data;
}

function readVehicleControlDown(subType: number, body: Reader): Jt809VehicleControlDown {
  const field = subField(subType);
  const r = dataOf(body);
  if (subType !== 0x9503)
    throw new Jt809DecodeError('dataType', `${field}: not a sub-business read here`);
  const data: Jt809VehicleControlDown = {
    subType,
    msgSequence: r.dword('msgSequence'),
    msgPriority: r.byte('msgPriority'),
    msgContent: r.prefixedText('msgLength', 'msgContent'),
  };
  r.done(field);
  return data;
}

/** An 8-byte UTC time, seconds since 1970. */
function readUtc(r: Reader, field: string): Date {
  return new Date(r.qword(field) * 1000);
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
    case 0x9101:
      w.dword(body.dynamicInfoTotal);
      writeUtc(w, body.startTime);
      writeUtc(w, body.endTime);
      break;
    case 0x1200:
    case 0x1500:
    case 0x9500:
      w.text(body.plate, 21, 'vehicleNo').byte(body.plateColor);
      writeSubBusiness(w, body.data, is2019);
      break;
    case 0x9200: {
      const bare = !('other' in body.data) && body.data.subType === 0x9201;
      if (bare && !is2019) throw new RangeError('0x9201 is a 2019 sub-business');
      if (bare !== (body.plate === null) || bare !== (body.plateColor === null))
        throw new RangeError('a 0x9200 has a plate and colour unless it is the 2019 0x9201');
      if (body.plate !== null) w.text(body.plate, 21, 'vehicleNo').byte(body.plateColor ?? 0);
      writeSubBusiness(w, body.data, is2019);
      break;
    }
    case 0x1300:
    case 0x9300:
      writeSubBusiness(w, body.data, is2019);
      break;
  }
  return w.done();
}

type KnownSubBusiness = Exclude<
  | Jt809VehicleDynamic
  | Jt809VehicleDynamicDown
  | Jt809PlatformInfo
  | Jt809PlatformInfoDown
  | Jt809VehicleControl
  | Jt809VehicleControlDown,
  Jt809OtherSubBusiness
>;

/** DATA_TYPE, DATA_LENGTH and the data (or a kept sub-business's bytes, as they came). */
function writeSubBusiness(
  w: Writer,
  data: KnownSubBusiness | Jt809OtherSubBusiness,
  is2019: boolean,
): void {
  w.word(data.subType);
  if ('other' in data) {
    w.bytes(hexBytes(data.dataHex));
    return;
  }
  if (is2019 && (data.subType === 0x1205 || data.subType === 0x1206)) {
    // 2019: the source fields, then DATA_LENGTH 0 (see Jt809VehicleDynamic).
    w.word(data.sourceDataType ?? 0)
      .dword(data.sourceMsgSn ?? 0)
      .dword(0);
    return;
  }
  const bytes = encodeSubBusiness(data, is2019);
  w.dword(bytes.length).bytes(bytes);
}

function encodeSubBusiness(data: KnownSubBusiness, is2019: boolean): Uint8Array {
  const w = new Writer();
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
    case 0x9202:
      writePosition(w, data.position, is2019);
      break;
    case 0x1203:
      if (data.positions.length > 0xff) throw new RangeError('at most 255 positions in a 0x1203');
      w.byte(data.positions.length);
      for (const position of data.positions) writePosition(w, position, is2019);
      break;
    case 0x1205:
    case 0x1206:
      // 2011: no data (2019 is written by writeSubBusiness).
      break;
    case 0x9201:
      w.word(data.sourceDataType).dword(data.sourceMsgSn).byte(data.result);
      break;
    case 0x9205:
    case 0x9206:
      w.byte(data.reasonCode);
      break;
    case 0x1301:
      w.byte(data.objectType);
      if (is2019) {
        w.text(data.responder ?? '', 16, 'responder').text(
          data.responderTel ?? '',
          20,
          'responderTel',
        );
        w.text(data.objectId, 20, 'objectId');
        w.word(data.sourceDataType ?? 0).dword(data.sourceMsgSn ?? 0);
      } else w.text(data.objectId, 12, 'objectId').dword(data.infoId ?? 0);
      w.prefixedText(data.infoContent);
      break;
    case 0x1302:
      if (is2019) w.word(data.sourceDataType ?? 0).dword(data.sourceMsgSn ?? 0);
      else w.dword(data.infoId ?? 0);
      break;
    case 0x9301:
      if (is2019) {
        w.byte(data.objectType ?? 0).text(data.objectId ?? '', 20, 'objectId');
        w.byte(data.answerTime ?? 0);
      } else if (data.objectType !== null || data.objectId !== null)
        w.byte(data.objectType ?? 0).text(data.objectId ?? '', 12, 'objectId');
      w.dword(data.infoId).prefixedText(data.infoContent);
      break;
    case 0x9302:
      if (data.objectIdBytes !== 12 && !(is2019 && data.objectIdBytes === 20))
        throw new RangeError('a 0x9302 OBJECT_ID is 12 bytes (or 20 in 2019)');
      w.byte(data.objectType).text(data.objectId, data.objectIdBytes, 'objectId');
      w.dword(data.infoId).prefixedText(data.infoContent);
      break;
    case 0x1503:
      if (is2019) w.word(data.sourceDataType ?? 0).dword(data.sourceMsgSn ?? 0);
      else w.dword(data.msgId ?? 0);
      w.byte(data.result);
      break;
    case 0x9503:
      w.dword(data.msgSequence).byte(data.msgPriority).prefixedText(data.msgContent);
      break;
  }
  return w.done();
}

/** An 8-byte UTC time, whole seconds since 1970. */
function writeUtc(w: Writer, time: Date): void {
  w.qword(Math.floor(time.getTime() / 1000));
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
