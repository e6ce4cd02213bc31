import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bodyOf,
  bytesToHex,
  type CipherKeys,
  crc16,
  decodeBody,
  decodeFrame,
  decodeSubBody,
  encodeExchangeRequest,
  encodeFrame,
  encodeInspection,
  encodeLoginResponse,
  encodePlatformMessage,
  encodeVehicleText,
  encodeVerifyCode,
  escapeContent,
  FrameSplitter,
  gbkEncode,
  hexToBytes,
  jt809Cipher,
  platformEnvelope,
  type SuperiorOptions,
  subBodyOf,
  TestSuperiorPlatform,
  unescapeContent,
  vehicleEnvelope,
} from './jt809-superior.ts';

// Published vectors, from the public repository SmallChi/JT809 (src/JT809.Protocol.Test/...).

// JT809Packages/JT809_0x1001PackageTest.cs: 2011 login, MsgSN 133, EncryptKey 9999, access code,
// user and password 20180920, down link 127.0.0.1:809.
const LOGIN_2011 =
  '5B000000480000008510010133EFB8010000000000270F0133EFB832303138303932303132372E302E302E31000000000000000000000000000000000000000000000003296A915D';

// JT809Packages/JT809_0x1001EncryptPackageTest.cs: the same login encrypted, EncryptKey 256178,
// M1 30000000, IA1 20000000, IC1 20000000.
const LOGIN_2011_ENCRYPTED =
  '5B000000480000008510010133EFB8010000010003E8B2D37D9CC4900C77DC78F8676527D8AE12243CFB64CC2FBA619AEFAD33ACCB3256F67BFF19DF33097841098665703FE36E5D';
const SMALLCHI_KEYS: CipherKeys = { m1: 30000000, ia1: 20000000, ic1: 20000000 };

// JT809SubMessageBody/JT809_0x1200_0x1201Test.cs Test3: 2011 registration, 49 bytes of data.
const REGISTRATION_2011 =
  '5b00000067000000611200000003f30100000000036871bea948454e333137000000000000000000000000000412010000003100000000000000313031310000000000003730313131000000000000000000000000000000313230323939353533353735327d5d';

// JT809SubMessageBody/JT809_0x1200_0x1201Test.cs Test_2019_3: 2019 registration of 粤A12345
// (blue), MsgSN 1666, access code 20190708, version 1.0.0, EncryptKey 9999, TIME 2020-04-26
// 12:02:00 Beijing time; the 0x5E in TIME is escaped (5E02).
const REGISTRATION_2019 =
  '5B000000AC000006821200013415F4010000000000270F000000005E02A507B8D4C1413132333435000000000000000000000000000112010000006E31313131313131313131003131313131313131313100313131313131313100000000000000000000000000000000000000000000313233343536373839000000000000313131313141410000000000000000000000000000000000000000000000323232323232323232323232006D7A5D';

// JT809SubMessageBody/JT809_0x1200_0x1202Test.cs Test_2019_6: a 2019 0x1202 whose GNSS_DATA is a
// 2011-style record without its ENCRYPT byte (35 bytes).
const POSITION_2019 =
  '5B000000930000000112000098968701000000000368710000000068DA5772B2E2CAD4B1A8BEAF000000000000000000000000000112020000005500000000231D0907E911362B06B35071021117160000000000006D7F007B00B00004000300000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000DE6E5D';

// JT809SubMessageBody/JT809_0x1200_0x1205Test.cs and JT809_0x1200_0x1206Test.cs: 2019 answers to
// start / stop exchange, SourceDataType 1024, SourceMsgSN 1024, then a DataLength of 0.
const START_ACK_2019 =
  '5B00000044000004571200000004570101010000000000000000004EBC924FB2E2CAD43131313100000000000000000000000000041205040000000400000000001B735D';
const STOP_ACK_2019 =
  '5B00000044000004571200000004570101010000000000000000004EBC924FB2E2CAD431313131000000000000000000000000000412060400000004000000000063895D';

// JT809MessageBody/GuoJian001Test.cs ("大兄弟提供"): frames of a platform in service, 2019, with
// its cipher keys. 3: a plain 0x9300 / 0x9301 inspection; 2: an encrypted one; 11: an encrypted
// 0x1007. That platform leaves a 0x5A unescaped when no 01 / 02 follows it (SmallChi's reader
// keeps such bytes), hence lenientEscapes for 2 and 11.
const GUOJIAN_KEYS: CipherKeys = { m1: 56107078, ia1: 37382110, ic1: 50361430 };
const GUOJIAN_INSPECTION =
  '5b0000005c00000006930000000000000000000000000000000000689eadf193010000003402b2e24230313834340000000000000000000000000a0000001900000016c6bdcca8b2e9b8dac7ebc7f3cac7b7f1cac7c8cbc0e017f05d';
const GUOJIAN_INSPECTION_ENCRYPTED =
  '5b0000005c000000499300042c1d810000000100003b8900000000689e195830a40dc885a2cba573c5afb5408a3a5f9087119a5ae184960d1cf378d127390c0bebff775835fddd57d380539049899afc4d7dfd057684e9c6156a1e5d';
const GUOJIAN_DISCONNECT_ENCRYPTED =
  '5b00000023000000011007052df12c0000000100003b890000000068be43c6a3d0275d';

const hex = (bytes: Uint8Array) => bytesToHex(bytes);
const body = (edition: '2011' | '2019', messageId: number, hexBody: string) =>
  decodeBody(edition, messageId, hexToBytes(hexBody));
const sub = (edition: '2011' | '2019', dataType: number, hexData: string) =>
  decodeSubBody(edition, dataType, hexToBytes(hexData));

describe('the test superior platform codec, against SmallChi/JT809 published frames', () => {
  it('computes CRC-16/CCITT-FALSE (catalogue check value of "123456789": 0x29B1)', () => {
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });

  it('reads and writes the 2011 0x1001 login frame', () => {
    const frame = decodeFrame(hexToBytes(LOGIN_2011), '2011');
    expect(frame.header).toEqual({
      length: 72,
      sn: 133,
      messageId: 0x1001,
      gnssCenterId: 20180920,
      version: [1, 0, 0],
      encryptFlag: 0,
      encryptKey: 9999,
      time: null,
    });
    expect(frame.body).toEqual({
      userId: 20180920,
      password: '20180920',
      gnssCenterId: null,
      downLinkIp: '127.0.0.1',
      downLinkPort: 809,
    });
    expect(hex(encodeFrame('2011', frame.header, frame.bodyBytes))).toBe(LOGIN_2011);
  });

  it('reads the 2019 0x1001 body, with MSG_GNSSCENTERID after the password', () => {
    // JT809MessageBody/JT809_0x1001Test.cs Test_2019_1 / Test_2019_2
    expect(
      body(
        '2019',
        0x1001,
        '0133EFB8323031383039323002A7DD233132372E302E302E3100000000000000000000000000000000000000000000000329',
      ),
    ).toEqual({
      userId: 20180920,
      password: '20180920',
      gnssCenterId: 44555555,
      downLinkIp: '127.0.0.1',
      downLinkPort: 809,
    });
  });

  it('writes and reads the 0x1002, 0x9001 and 0x9002 bodies', () => {
    // JT809MessageBody/JT809_0x1002Test.cs: result 0 (成功), verify code 54456
    expect(hex(encodeLoginResponse(0, 54456))).toBe('000000D4B8');
    expect(body('2011', 0x1002, '000000D4B8')).toEqual({ result: 0, verifyCode: 54456 });
    // JT809MessageBody/JT809_0x9001Test.cs: verify code 45454
    expect(hex(encodeVerifyCode(45454))).toBe('0000B18E');
    expect(body('2011', 0x9001, '0000B18E')).toEqual({ verifyCode: 45454 });
    // JT809MessageBody/JT809_0x9002Test.cs: result 0
    expect(body('2011', 0x9002, '00')).toEqual({ result: 0 });
  });

  it('reads the 2011 0x1202 position record, in a 0x1200', () => {
    // JT809SubMessageBody/JT809_0x1200_0x1202Test.cs Test1 / Test2
    const record = '00130707DC0F0F0F07EF4D80017018400032003300000096002D002D0000000300000101';
    const expected = {
      edition: '2011',
      encrypt: 0,
      year: 2012,
      month: 7,
      day: 19,
      hour: 15,
      minute: 15,
      second: 15,
      lon: 133.123456,
      lat: 24.123456,
      lonMicro: 133123456,
      latMicro: 24123456,
      speedKmh: 50,
      recorderSpeedKmh: 51,
      mileageKm: 150,
      direction: 45,
      altitude: 45,
      state: 3,
      alarm: 257,
    };
    expect(sub('2011', 0x1202, record)).toEqual({ position: expected });
    const envelope = vehicleEnvelope('沪A12345', 2, 0x1202, hexToBytes(record));
    expect(hex(envelope.subarray(0, 2))).toBe('BBA6'); // 沪 in GBK
    expect(decodeBody('2011', 0x1200, envelope)).toEqual({
      plate: '沪A12345',
      plateColor: 2,
      dataType: 0x1202,
      dataLength: 36,
      data: { position: expected },
    });
  });

  it('reads 0x1203 batches, 2011 and 2019', () => {
    // JT809SubMessageBody/JT809_0x1200_0x1203Test.cs Test2 and Test_2019_2
    const batch2011 = sub(
      '2011',
      0x1203,
      '0300130707DC0F0F0F07EF4D80017018400032003300000096002D002D000000030000010100130707DC10101007EF4D80017018400032003300000096002D002D000000030000010100130707DC11111107EF4D80017018400032003300000096002D002D0000000300000101',
    );
    expect(batch2011).toMatchObject({ count: 3 });
    const times = (batch2011 as { positions: { hour: number; minute: number }[] }).positions.map(
      (p) => [p.hour, p.minute],
    );
    expect(times).toEqual([
      [15, 15],
      [16, 16],
      [17, 17],
    ]);
    const batch2019 = sub(
      '2019',
      0x1203,
      '0201000000003131313131313131313131000000013232323232323232323232000000023333333333333333333333000000030100000000313131313131313131313100000001323232323232323232323200000002333333333333333333333300000003',
    );
    expect(batch2019).toMatchObject({ count: 2 });
    for (const position of (batch2019 as { positions: unknown[] }).positions)
      expect(position).toMatchObject({
        edition: '2019',
        encrypt: 1,
        gnssData: '',
        location: null,
        platforms: [
          { platformId: '11111111111', alarm: 1 },
          { platformId: '22222222222', alarm: 2 },
          { platformId: '33333333333', alarm: 3 },
        ],
      });
  });

  it('reads the 2019 0x1202 record with a JT/T 808 0x0200 body as GNSS_DATA', () => {
    // JT809SubMessageBody/JT809_0x1200_0x1202Test.cs Test_2019_4: alarm 1, status 2, lat
    // 12222222, lon 132444444, altitude 40, speed 60 (1/10 km/h), 2018-07-15 10:10:10, mileage
    // item 0x01 = 100, oil item 0x02 = 55.
    const data = sub(
      '2019',
      0x1202,
      '0100000026000000010000000200BA7F0E07E4F11C0028003C000018071510101001040000006402020037313131313131313131313100000001323232323232323232323200000002333333333333333333333300000003',
    );
    expect(data).toEqual({
      position: {
        edition: '2019',
        encrypt: 1,
        gnssData: '000000010000000200BA7F0E07E4F11C0028003C000018071510101001040000006402020037',
        location: {
          alarm: 1,
          status: 2,
          lat: 12.222222,
          lon: 132.444444,
          latMicro: 12222222,
          lonMicro: 132444444,
          altitude: 40,
          speedKmh: 6,
          direction: 0,
          year: 2018,
          month: 7,
          day: 15,
          hour: 10,
          minute: 10,
          second: 10,
          extras: [
            { id: 0x01, value: '00000064' },
            { id: 0x02, value: '0037' },
          ],
        },
        legacy: null,
        platforms: [
          { platformId: '11111111111', alarm: 1 },
          { platformId: '22222222222', alarm: 2 },
          { platformId: '33333333333', alarm: 3 },
        ],
      },
    });
  });

  it('reads a whole 2019 0x1200 / 0x1202 frame (TIME, GBK plate, 35-byte GNSS_DATA)', () => {
    const frame = decodeFrame(hexToBytes(POSITION_2019), '2019');
    expect(frame.header).toEqual({
      length: 147,
      sn: 1,
      messageId: 0x1200,
      gnssCenterId: 10000007,
      version: [1, 0, 0],
      encryptFlag: 0,
      encryptKey: 223345,
      time: 0x68da5772,
    });
    expect(frame.body).toMatchObject({
      plate: '测试报警',
      plateColor: 1,
      dataType: 0x1202,
      dataLength: 85,
    });
    // No expected values are published with this frame; these are its bytes read as a 2011
    // record: 2025-09-29 17:54:43, lon 0x06B35071, lat 0x02111716, mileage 0x6D7F...
    expect(subBodyOf(frame, 0x1202)?.position).toMatchObject({
      edition: '2019',
      encrypt: 0,
      location: null,
      legacy: {
        year: 2025,
        month: 9,
        day: 29,
        hour: 17,
        minute: 54,
        second: 43,
        lonMicro: 112414833,
        latMicro: 34674454,
        speedKmh: 0,
        mileageKm: 28031,
        direction: 123,
        altitude: 176,
        state: 0x40003,
        alarm: 1,
      },
    });
    expect(hex(encodeFrame('2019', frame.header, frame.bodyBytes))).toBe(POSITION_2019);
  });

  it('reads and writes the 2011 and 2019 0x1201 registration frames', () => {
    const old = decodeFrame(hexToBytes(REGISTRATION_2011), '2011');
    expect(old.header).toMatchObject({ sn: 0x61, messageId: 0x1200, gnssCenterId: 1011 });
    expect(old.body).toEqual({
      plate: '京HEN317',
      plateColor: 4,
      dataType: 0x1201,
      dataLength: 49,
      data: {
        platformId: '1011',
        producerId: '70111',
        terminalModel: '',
        terminalModelBytes: 8,
        imei: null,
        terminalId: '',
        simNumber: '120299553575',
      },
    });

    const frame = decodeFrame(hexToBytes(REGISTRATION_2019), '2019');
    expect(frame.header).toEqual({
      length: 172,
      sn: 1666,
      messageId: 0x1200,
      gnssCenterId: 20190708,
      version: [1, 0, 0],
      encryptFlag: 0,
      encryptKey: 9999,
      time: Date.UTC(2020, 3, 26, 4, 2, 0) / 1000,
    });
    expect(frame.body).toEqual({
      plate: '粤A12345',
      plateColor: 1,
      dataType: 0x1201,
      dataLength: 110,
      data: {
        platformId: '1111111111',
        producerId: '1111111111',
        terminalModel: '11111111',
        terminalModelBytes: 30,
        imei: '123456789',
        terminalId: '11111AA',
        simNumber: '222222222222',
      },
    });
    expect(hex(gbkEncode('粤A12345'))).toBe('D4C1413132333435');
    expect(hex(encodeFrame('2019', frame.header, frame.bodyBytes))).toBe(REGISTRATION_2019);
  });

  it('runs the body cipher as published, and reads and writes the encrypted 0x1001 frame', () => {
    // JT809Encrypt/JT809EncryptTest.cs: 01..07 with key 256178 → "D3 4C 70 78 A7 3A 41"
    const plain = hexToBytes('01020304050607');
    const secret = jt809Cipher(plain, 256178, SMALLCHI_KEYS);
    expect(hex(secret)).toBe('D34C7078A73A41');
    expect(hex(jt809Cipher(secret, 256178, SMALLCHI_KEYS))).toBe('01020304050607');

    const frame = decodeFrame(hexToBytes(LOGIN_2011_ENCRYPTED), '2011', SMALLCHI_KEYS);
    expect(frame.header).toMatchObject({
      length: 72,
      sn: 133,
      gnssCenterId: 20180920,
      encryptFlag: 1,
      encryptKey: 256178,
    });
    expect(frame.body).toEqual(decodeFrame(hexToBytes(LOGIN_2011), '2011').body);
    expect(hex(encodeFrame('2011', frame.header, frame.bodyBytes, SMALLCHI_KEYS))).toBe(
      LOGIN_2011_ENCRYPTED,
    );
    expect(decodeFrame(hexToBytes(LOGIN_2011_ENCRYPTED), '2011').body).toMatchObject({
      encrypted: true,
    });
  });

  it('writes a platform in service’s 2019 inspection frame byte for byte, and decrypts its encrypted twin', () => {
    const published = decodeFrame(hexToBytes(GUOJIAN_INSPECTION), '2019');
    expect(published.header).toEqual({
      length: 92,
      sn: 6,
      messageId: 0x9300,
      gnssCenterId: 0,
      version: [0, 0, 0],
      encryptFlag: 0,
      encryptKey: 0,
      time: 0x689eadf1,
    });
    const inspection = {
      objectType: 2,
      objectId: '测B01844',
      answerTime: 10,
      infoId: 25,
      infoContent: '平台查岗请求是否是人类',
    };
    expect(published.body).toEqual({ dataType: 0x9301, dataLength: 52, data: inspection });
    const written = platformEnvelope(
      0x9301,
      encodeInspection('2019', { ...inspection, question: inspection.infoContent }),
    );
    expect(hex(encodeFrame('2019', published.header, written)).toLowerCase()).toBe(
      GUOJIAN_INSPECTION,
    );

    const encrypted = decodeFrame(hexToBytes(GUOJIAN_INSPECTION_ENCRYPTED), '2019', GUOJIAN_KEYS, {
      lenientEscapes: true,
    });
    expect(encrypted.header).toMatchObject({ encryptFlag: 1, encryptKey: 0x3b89, sn: 0x49 });
    expect(encrypted.body).toEqual({ dataType: 0x9301, dataLength: 52, data: inspection });
    expect(() =>
      decodeFrame(hexToBytes(GUOJIAN_INSPECTION_ENCRYPTED), '2019', GUOJIAN_KEYS),
    ).toThrow(/bad escape/);

    const notice = decodeFrame(hexToBytes(GUOJIAN_DISCONNECT_ENCRYPTED), '2019', GUOJIAN_KEYS, {
      lenientEscapes: true,
    });
    expect(notice.messageId).toBe(0x1007);
    expect(notice.body).toEqual({ errorCode: 0 });
  });

  it('writes the downlink sub-business data as published', () => {
    // JT809SubMessageBody/JT809_0x9200_0x9205Test.cs and JT809_0x9200_0x9206Test.cs: reason 2
    expect(hex(encodeExchangeRequest(2))).toBe('02');
    expect(sub('2011', 0x9205, '02')).toEqual({ reasonCode: 2 });
    expect(sub('2011', 0x9206, '02')).toEqual({ reasonCode: 2 });
    // JT809SubMessageBody/JT809_0x9300_0x9301Test.cs Test3 / Test4 (2019): type 2, "smallchi",
    // ANSWER_TIME 0, INFO_ID 3344, "reply"
    const question = { objectType: 2, objectId: 'smallchi', infoId: 3344, question: 'reply' };
    const inspection2019 = '02736D616C6C6368690000000000000000000000000000000D10000000057265706C79';
    expect(hex(encodeInspection('2019', { ...question, answerTime: 0 }))).toBe(inspection2019);
    expect(sub('2019', 0x9301, inspection2019)).toEqual({
      objectType: 2,
      objectId: 'smallchi',
      answerTime: 0,
      infoId: 3344,
      infoContent: 'reply',
    });
    // 2011: the layout in the comment of that file's Test1 (OBJECT_TYPE, OBJECT_ID 12, INFO_ID,
    // INFO_LENGTH, INFO_CONTENT), as other 2011 implementations have it; SmallChi's current
    // formatter leaves OBJECT_TYPE and OBJECT_ID out of 2011.
    expect(hex(encodeInspection('2011', question))).toBe(
      '02736D616C6C6368690000000000000D10000000057265706C79',
    );
    // JT809SubMessageBody/JT809_0x9300_0x9302Test.cs: type 0, "afdasf3", 1234, 下级平台所属单一平台
    const message = {
      objectType: 0,
      objectId: 'afdasf3',
      infoId: 1234,
      text: '下级平台所属单一平台',
    };
    const messageHex =
      '00616664617366330000000000000004D200000014CFC2BCB6C6BDCCA8CBF9CAF4B5A5D2BBC6BDCCA8';
    expect(hex(encodePlatformMessage(message))).toBe(messageHex);
    expect(sub('2011', 0x9302, messageHex)).toEqual({
      objectType: 0,
      objectId: 'afdasf3',
      infoId: 1234,
      infoContent: '下级平台所属单一平台',
    });
    // JT809SubMessageBody/JT809_0x9500_0x9503Test.cs: sequence 333, priority 1, 汉_sfdf3dfs
    const textHex = '0000014D010000000BBABA5F7366646633646673';
    expect(hex(encodeVehicleText({ sequence: 333, priority: 1, text: '汉_sfdf3dfs' }))).toBe(
      textHex,
    );
    expect(sub('2011', 0x9503, textHex)).toEqual({
      msgSequence: 333,
      priority: 1,
      content: '汉_sfdf3dfs',
    });
  });

  it('reads the lower platform’s answers, 2011 and 2019', () => {
    // JT809SubMessageBody/JT809_0x1300_0x1301Test.cs
    expect(sub('2011', 0x1301, '01313131000000000000000000000004D200000006323268613232')).toEqual({
      objectType: 1,
      objectId: '111',
      infoId: 1234,
      responder: null,
      responderTel: null,
      sourceDataType: null,
      sourceMsgSn: null,
      infoContent: '22ha22',
    });
    expect(
      sub(
        '2019',
        0x1301,
        '01736D616C6C636869000000000000000031323334353637383930310000000000000000003131310000000000000000000000000000000000006F0000006300000006323268613232',
      ),
    ).toEqual({
      objectType: 1,
      objectId: '111',
      infoId: null,
      responder: 'smallchi',
      responderTel: '12345678901',
      sourceDataType: 111,
      sourceMsgSn: 99,
      infoContent: '22ha22',
    });
    // JT809SubMessageBody/JT809_0x1300_0x1302Test.cs
    expect(sub('2011', 0x1302, '000004D2')).toEqual({
      infoId: 1234,
      sourceDataType: null,
      sourceMsgSn: null,
    });
    expect(sub('2019', 0x1302, '00990000000B')).toEqual({
      infoId: null,
      sourceDataType: 0x99,
      sourceMsgSn: 11,
    });
    // JT809SubMessageBody/JT809_0x1500_0x1503Test.cs
    expect(sub('2011', 0x1503, '0000270F00')).toEqual({
      msgId: 9999,
      sourceDataType: null,
      sourceMsgSn: null,
      result: 0,
    });
    expect(sub('2019', 0x1503, '00630000000B00')).toEqual({
      msgId: null,
      sourceDataType: 99,
      sourceMsgSn: 11,
      result: 0,
    });
    // 0x1205 / 0x1206 (2019 frames above): 测试1111, colour 4 in the bytes
    for (const [frameHex, dataType] of [
      [START_ACK_2019, 0x1205],
      [STOP_ACK_2019, 0x1206],
    ] as const) {
      const frame = decodeFrame(hexToBytes(frameHex), '2019');
      expect(frame.header).toMatchObject({ sn: 1111, gnssCenterId: 1111, version: [1, 1, 1] });
      expect(frame.body).toEqual({
        plate: '测试1111',
        plateColor: 4,
        dataType,
        dataLength: 0,
        data: { sourceDataType: 1024, sourceMsgSn: 1024, layout: 'smallchi' },
      });
    }
  });

  it('cuts a stream into frames across chunks', () => {
    const splitter = new FrameSplitter();
    const stream = hexToBytes(`00${LOGIN_2011}${REGISTRATION_2019}`);
    const cut = 100;
    const frames = [
      ...splitter.push(stream.subarray(0, cut)),
      ...splitter.push(stream.subarray(cut)),
    ];
    expect(frames.map(hex)).toEqual([LOGIN_2011, REGISTRATION_2019]);
    expect(splitter.junk).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// On sockets: a raw client built from the published frames above.

/** A TCP peer that reads whole frames (0x5B ... 0x5D) in order, event-driven. */
class RawPeer {
  private buffer = new Uint8Array(0);
  private waiting: (() => void) | null = null;
  private ended = false;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => {
      const joined = new Uint8Array(this.buffer.length + chunk.length);
      joined.set(this.buffer);
      joined.set(chunk, this.buffer.length);
      this.buffer = joined;
      this.waiting?.();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  async next(): Promise<Uint8Array> {
    for (;;) {
      const start = this.buffer.indexOf(0x5b);
      const end = start < 0 ? -1 : this.buffer.indexOf(0x5d, start);
      if (end >= 0) {
        const frame = this.buffer.slice(start, end + 1);
        this.buffer = this.buffer.slice(end + 1);
        return frame;
      }
      if (this.ended) throw new Error('connection closed before a whole frame');
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
      this.waiting = null;
    }
  }

  write(frame: Uint8Array): void {
    this.socket.write(frame);
  }
}

/**
 * A published 2011 frame's unescaped header with MSG_ID, the body (and so MSG_LENGTH) and the
 * down-link port changed as asked, CRC recomputed (crc16 gives the published CRCs above).
 */
function fromPublished(
  published: string,
  change: { messageId?: number; body?: string; downLinkPort?: number },
): Uint8Array {
  const frame = hexToBytes(published);
  const content = unescapeContent(frame.subarray(1, frame.length - 1)).subarray(0, -2);
  const header = content.slice(0, 22);
  let payload: Uint8Array = content.slice(22);
  if (change.body !== undefined) payload = hexToBytes(change.body);
  if (change.downLinkPort !== undefined) {
    // DOWN_LINK_PORT, the last WORD of a 2011 0x1001 body
    payload[payload.length - 2] = change.downLinkPort >> 8;
    payload[payload.length - 1] = change.downLinkPort & 0xff;
  }
  const view = new DataView(header.buffer);
  view.setUint32(0, 1 + 22 + payload.length + 3);
  if (change.messageId !== undefined) view.setUint16(8, change.messageId);
  const whole = Uint8Array.from([...header, ...payload]);
  const crc = crc16(whole);
  return Uint8Array.from([
    0x5b,
    ...escapeContent(Uint8Array.from([...whole, crc >> 8, crc & 0xff])),
    0x5d,
  ]);
}

/** A server standing in for the lower platform's sub-link port: its first connection. */
async function subLinkServer(): Promise<{ server: Server; port: number; peer: Promise<RawPeer> }> {
  const server = createServer();
  const peer = new Promise<RawPeer>((resolve) =>
    server.once('connection', (s) => resolve(new RawPeer(s))),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, peer };
}

async function rawClient(port: number): Promise<RawPeer> {
  const socket = tcpConnect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return new RawPeer(socket);
}

// The values in LOGIN_2011.
const PUBLISHED_LOGIN: SuperiorOptions = {
  edition: '2011',
  userId: 20180920,
  password: '20180920',
  gnssCenterId: 20180920,
  verifyCode: 54456,
};

describe('the test superior platform on sockets', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function superior(options: SuperiorOptions): Promise<[TestSuperiorPlatform, number]> {
    const platform = new TestSuperiorPlatform(options);
    const port = await platform.start();
    cleanup.push(() => platform.close());
    return [platform, port];
  }

  async function client(port: number): Promise<RawPeer> {
    const peer = await rawClient(port);
    cleanup.push(() => peer.socket.destroy());
    return peer;
  }

  it('logs the published 0x1001 in, opens the sub link with 0x9001, and serves both links', async () => {
    const [platform, port] = await superior(PUBLISHED_LOGIN);
    const down = await subLinkServer();
    cleanup.push(() => new Promise((resolve) => down.server.close(resolve)));
    const main = await client(port);

    main.write(fromPublished(LOGIN_2011, { downLinkPort: down.port }));
    const answer = decodeFrame(await main.next(), '2011');
    expect(answer.messageId).toBe(0x1002);
    expect(answer.body).toEqual({ result: 0, verifyCode: 54456 });
    expect(answer.header).toMatchObject({
      gnssCenterId: 20180920,
      version: [1, 0, 0],
      encryptFlag: 0,
    });
    expect(platform.logins).toBe(1);
    expect(platform.mainConnections).toBe(1);
    const login = await platform.waitFor((f) => f.messageId === 0x1001, 'the 0x1001');
    expect(login.link).toBe('main');
    expect(bodyOf(login, 0x1001)).toMatchObject({ userId: 20180920, downLinkPort: down.port });

    const subPeer = await down.peer;
    cleanup.push(() => subPeer.socket.destroy());
    const subLogin = decodeFrame(await subPeer.next(), '2011');
    expect(subLogin.messageId).toBe(0x9001);
    expect(subLogin.body).toEqual({ verifyCode: 54456 });
    expect(subLogin.header.gnssCenterId).toBe(20180920);
    expect(subLogin.header.sn).toBeGreaterThan(answer.header.sn);

    // 0x9002 result 0 (JT809MessageBody/JT809_0x9002Test.cs) under the published header
    subPeer.write(fromPublished(LOGIN_2011, { messageId: 0x9002, body: '00' }));
    await platform.waitForSubLink();
    expect(platform.subLoginResults).toEqual([0]);

    const sn = platform.startExchange('沪A12345', 2, 2);
    const start = decodeFrame(await subPeer.next(), '2011');
    expect(start.header.sn).toBe(sn);
    expect(start.body).toEqual({
      plate: '沪A12345',
      plateColor: 2,
      dataType: 0x9205,
      dataLength: 1,
      data: { reasonCode: 2 },
    });
    expect(hex(start.bodyBytes).startsWith('BBA6413132333435')).toBe(true);

    const beat = platform.subHeartbeat();
    const keepAlive = decodeFrame(await subPeer.next(), '2011');
    expect(keepAlive.messageId).toBe(0x9005);
    subPeer.write(fromPublished(LOGIN_2011, { messageId: 0x9006, body: '' }));
    expect(await beat).toBe(keepAlive.header.sn);

    main.write(fromPublished(LOGIN_2011, { messageId: 0x1005, body: '' }));
    expect(decodeFrame(await main.next(), '2011').messageId).toBe(0x1006);

    // With the sub link down, requests go on the main link.
    platform.closeSub();
    const inspectSn = platform.inspect({
      objectType: 1,
      objectId: '20180920',
      infoId: 7,
      question: '请回答',
    });
    const inspection = decodeFrame(await main.next(), '2011');
    expect(inspection.header.sn).toBe(inspectSn);
    expect(subBodyOf(inspection, 0x9301)).toEqual({
      objectType: 1,
      objectId: '20180920',
      answerTime: null,
      infoId: 7,
      infoContent: '请回答',
    });
    expect(platform.errors).toEqual([]);
  });

  it.each([
    ['the password', 4, { password: '20180921' }],
    ['the user', 3, { userId: 20180921 }],
    ['the access code', 2, { gnssCenterId: 20180921 }],
  ])('refuses a login when %s differs: 0x1002 result %i', async (_what, result, change) => {
    const [platform, port] = await superior({ ...PUBLISHED_LOGIN, ...change });
    const main = await client(port);
    main.write(hexToBytes(LOGIN_2011));
    const answer = decodeFrame(await main.next(), '2011');
    expect(answer.body).toEqual({ result, verifyCode: 0 });
    expect(platform.logins).toBe(0);
    expect(platform.subLinkUp).toBe(false);
  });

  it('refuses every login with the code set by refuseLogins', async () => {
    const [platform, port] = await superior(PUBLISHED_LOGIN);
    platform.refuseLogins(5);
    const main = await client(port);
    main.write(hexToBytes(LOGIN_2011));
    expect(decodeFrame(await main.next(), '2011').body).toEqual({ result: 5, verifyCode: 0 });
    expect(platform.logins).toBe(0);
  });

  it('reads the published encrypted 0x1001 with its keys and answers encrypted', async () => {
    const [platform, port] = await superior({ ...PUBLISHED_LOGIN, keys: SMALLCHI_KEYS });
    const main = await client(port);
    main.write(hexToBytes(LOGIN_2011_ENCRYPTED));
    const frame = await main.next();
    expect(decodeFrame(frame, '2011').body).toMatchObject({ encrypted: true });
    const answer = decodeFrame(frame, '2011', SMALLCHI_KEYS);
    expect(answer.header.encryptFlag).toBe(1);
    expect(answer.body).toEqual({ result: 0, verifyCode: 54456 });
    const login = await platform.waitFor((f) => f.messageId === 0x1001, 'the 0x1001');
    expect(login.header).toMatchObject({ encryptFlag: 1, encryptKey: 256178 });
    expect(bodyOf(login, 0x1001)).toMatchObject({ password: '20180920', downLinkPort: 809 });
  });
});
