// Test vectors: every hex string below is copied from the public test suite of
// github.com/SmallChi/JT809 (src/JT809.Protocol.Test/, newest snapshot unless a commit is named);
// the comment above each names its file. Expected values are the ones those tests assert, unless
// the comment says the test only parses the frame (then the values are read off the bytes). Bodies
// said to be hand-made, or built around published bytes to break them, are not from there.
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.ts';
import { type Jt809EncryptKeys, jt809Crypt } from './crypto.ts';
import { Jt809DecodeError } from './errors.ts';
import {
  crc16,
  escapeFrame,
  type Jt809Header,
  readFrame,
  unescapeFrame,
  writeFrame,
} from './frame.ts';
import {
  decodeJt809Body,
  decodeJt809Frame,
  encodeJt809Body,
  encodeJt809Frame,
  encodeJt809Message,
  type Jt809Body,
  type Jt809Message,
} from './messages.ts';
import { Jt809StreamDecoder } from './stream-decoder.ts';

const hex = (h: string) => fromHex(h);
const upper = (b: Uint8Array) => toHex(b).toUpperCase();

const header2011 = (messageId: number, extra: Partial<Jt809Header> = {}): Jt809Header => ({
  edition: '2011',
  messageId,
  serial: 1,
  gnssCenterId: 1,
  version: [1, 0, 0],
  encryptFlag: 0,
  encryptKey: 0,
  time: null,
  ...extra,
});
const header2019 = (messageId: number): Jt809Header => ({
  ...header2011(messageId),
  edition: '2019',
  time: new Date(0),
});

/** Decodes a body and checks it encodes back to the same bytes. */
function body(h: Jt809Header, bytes: string): Jt809Body {
  const decoded = decodeJt809Body(h, hex(bytes));
  expect(upper(encodeJt809Body(h.edition, decoded))).toBe(bytes.replace(/\s+/g, '').toUpperCase());
  return decoded;
}

/** Decodes a frame and checks it encodes back to the same bytes. */
function frame(
  bytes: string,
  options: { edition?: '2011' | '2019'; keys?: Jt809EncryptKeys } = {},
): Jt809Message {
  const message = decodeJt809Frame(hex(bytes), options);
  expect(upper(encodeJt809Message(message, options.keys))).toBe(
    bytes.replace(/\s+/g, '').toUpperCase(),
  );
  return message;
}

// JT809Packages/JT809_0x1001PackageTest.cs (Test1 encodes it, Test2 decodes it)
const LOGIN_FRAME =
  '5B000000480000008510010133EFB8010000000000270F0133EFB832303138303932303132372E302E302E31000000000000000000000000000000000000000000000003296A915D';
// JT809Packages/JT809_0x1001EncryptPackageTest.cs: same login, ENCRYPT_FLAG 1, key 256178
const LOGIN_ENCRYPTED_FRAME =
  '5B000000480000008510010133EFB8010000010003E8B2D37D9CC4900C77DC78F8676527D8AE12243CFB64CC2FBA619AEFAD33ACCB3256F67BFF19DF33097841098665703FE36E5D';
const TEST_KEYS = { m1: 30000000, ia1: 20000000, ic1: 20000000 };
// Simples/Demo1.cs (Test1 encodes it): a 0x9400 frame whose body holds two bytes escaped as 5A 01
const WARN_FRAME =
  '5B000000920000068294000133EFB8010000000000270FD4C1413132333435000000000000000000000000000294010000005C010002000000005A01AC3F40123FFAA1000000005A01AC4D5001736D616C6C636869000000000000000031323334353637383930310000000000000000003132333435364071712E636F6D000000000000000000000000000000000000007AEA5D';
// JT809SubMessageBody/JT809_0x1200_0x1201Test.cs Test_2019_3 / Test_2019_4: 2019 header (its
// UTC time 0x5EA507B8 holds a 0x5E, escaped as 5E 02)
const REGISTRATION_2019_FRAME =
  '5B000000AC000006821200013415F4010000000000270F000000005E02A507B8D4C1413132333435000000000000000000000000000112010000006E31313131313131313131003131313131313131313100313131313131313100000000000000000000000000000000000000000000313233343536373839000000000000313131313141410000000000000000000000000000000000000000000000323232323232323232323232006D7A5D';

describe('JT/T 809 framing', () => {
  it('decodes and re-encodes the published login frame', () => {
    const m = frame(LOGIN_FRAME);
    expect(m.header).toEqual({
      edition: '2011',
      messageId: 0x1001,
      serial: 133,
      gnssCenterId: 20180920,
      version: [1, 0, 0],
      encryptFlag: 0,
      encryptKey: 9999,
      time: null,
    });
    expect(m.body).toEqual({
      messageId: 0x1001,
      userId: 20180920,
      password: '20180920',
      gnssCenterId: null,
      downLinkIp: '127.0.0.1',
      downLinkPort: 809,
    });
    // MSG_LENGTH 0x48 = 72 counts the whole unescaped frame, both flags included.
    expect(hex(LOGIN_FRAME).length).toBe(72);
  });

  it('encodes the login frame from fields (JT809_0x1001PackageTest.cs Test1)', () => {
    const bytes = encodeJt809Frame(
      header2011(0x1001, { serial: 133, gnssCenterId: 20180920, encryptKey: 9999 }),
      {
        messageId: 0x1001,
        userId: 20180920,
        password: '20180920',
        gnssCenterId: null,
        downLinkIp: '127.0.0.1',
        downLinkPort: 809,
      },
    );
    expect(upper(bytes)).toBe(LOGIN_FRAME);
  });

  it('lays the header out as JT809HeaderTest.cs expects', () => {
    // JT809HeaderTest.cs Test1 / Test4: MSG_LENGTH 24 (set by hand there), MSG_SN 1024, MSG_ID
    // 0x9600, center 1200, version 1.0.0 (Test4: FF AA BB), no encryption, key 0.
    const cases = [
      {
        version: [1, 0, 0] as [number, number, number],
        expected: '00000018000004009600000004B00100000000000000',
      },
      {
        version: [0xff, 0xaa, 0xbb] as [number, number, number],
        expected: '00000018000004009600000004B0FFAABB0000000000',
      },
    ];
    for (const { version, expected } of cases) {
      const wire = writeFrame(
        header2011(0x9600, { serial: 1024, gnssCenterId: 1200, version }),
        new Uint8Array(0),
      );
      const content = unescapeFrame(wire, 1, wire.length - 1);
      // Everything after MSG_LENGTH matches; ours counts the real frame (26 bytes, empty body).
      expect(upper(content.subarray(4, 22))).toBe(expected.slice(8));
      expect(upper(content.subarray(0, 4))).toBe('0000001A');
      const { header, body } = readFrame(wire);
      expect(header.version).toEqual(version);
      expect(header.messageId).toBe(0x9600);
      expect(body.length).toBe(0);
    }
  });

  it('computes the CRC as CRC-16/CCITT-FALSE', () => {
    // MessagePack/JT809MessagePackReaderTest.cs WriteCRC16Test: the login frame's CRC is 6A 91.
    const login = hex(LOGIN_FRAME);
    expect(crc16(login, 1, login.length - 3)).toBe(0x6a91);
    // JT809MessagePackReaderTest.cs DecodeTest1: CRC 0x5A4A, sent escaped as 5A 02 4A. (That frame
    // also carries bare 0x5E bytes, which the standard's escaping forbids; see below.)
    const content =
      '0000006E00000002140000000000010000000000000014020000004E31323334353637383931320001000000005E7B1E28000000005E7B1E28000000005E7B1E28B4A8413132333435000000000000000000000000000131323334353637383931320000007B00000000';
    expect(crc16(hex(content))).toBe(0x5a4a);
    // The standard check value of CRC-16/CCITT-FALSE.
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });

  it('escapes and unescapes the four special bytes', () => {
    // MessagePack/JT809MessagePackReaderTest.cs WriteCRC16Test1: 5A 01 → 5B, 5A 02 → 5A,
    // 5E 02 → 5E, 5E 01 → 5D. (Its 5E 00, passed through there, is refused here.)
    expect(upper(unescapeFrame(hex('5A01005A02485E025E01')))).toBe('5B005A485E5D');
    expect(upper(escapeFrame(hex('5B005A485E5D')))).toBe('5B5A01005A02485E025E015D');
    expect(() => unescapeFrame(hex('5A01005A02485E025E005E01'))).toThrow(Jt809DecodeError);
    expect(() => unescapeFrame(hex('5E00'))).toThrow(expect.objectContaining({ field: 'escape' }));
  });

  it('refuses the DecodeTest1 frame, whose 0x5E bytes are not escaped', () => {
    const bad =
      '5B0000006E00000002140000000000010000000000000014020000004E31323334353637383931320001000000005E7B1E28000000005E7B1E28000000005E7B1E28B4A8413132333435000000000000000000000000000131323334353637383931320000007B000000005A024A5D';
    expect(() => decodeJt809Frame(hex(bad))).toThrow(/0x5e followed by 0x7b/);
  });

  it('round-trips a frame whose body needs escaping (Simples/Demo1.cs)', () => {
    const m = frame(WARN_FRAME);
    expect(m.header.messageId).toBe(0x9400);
    expect(m.header.serial).toBe(1666);
    expect('other' in m.body).toBe(true);
  });

  it('reports a wrong CRC, a wrong MSG_LENGTH and missing flags by field', () => {
    const fieldOf = (bytes: Uint8Array) => {
      try {
        decodeJt809Frame(bytes);
      } catch (error) {
        return (error as Jt809DecodeError).field;
      }
      return 'none';
    };
    const badCrc = hex(LOGIN_FRAME);
    badCrc[badCrc.length - 2] = (badCrc[badCrc.length - 2] as number) ^ 1;
    expect(fieldOf(badCrc)).toBe('crc');
    const content = unescapeFrame(hex(LOGIN_FRAME), 1, hex(LOGIN_FRAME).length - 1).slice();
    content[3] = 0x47;
    const crc = crc16(content, 0, content.length - 2);
    content[content.length - 2] = crc >> 8;
    content[content.length - 1] = crc & 0xff;
    expect(fieldOf(escapeFrame(content))).toBe('msgLength');
    expect(fieldOf(hex(LOGIN_FRAME).subarray(1))).toBe('frame');
    expect(fieldOf(hex('5B0000001A5D'))).toBe('frame');
  });
});

describe('JT/T 809 2019 header', () => {
  it('reads the 8-byte UTC time after ENCRYPT_KEY (JT809_0x1200_0x1201Test.cs Test_2019_3/4)', () => {
    const m = frame(REGISTRATION_2019_FRAME, { edition: '2019' });
    expect(m.header).toEqual({
      edition: '2019',
      messageId: 0x1200,
      serial: 1666,
      gnssCenterId: 20190708,
      version: [1, 0, 0],
      encryptFlag: 0,
      encryptKey: 9999,
      // The test sets 2020-04-26 12:02:00 Beijing time.
      time: new Date('2020-04-26T04:02:00Z'),
    });
    expect(m.body).toEqual({
      messageId: 0x1200,
      plate: '粤A12345',
      plateColor: 1,
      data: {
        subType: 0x1201,
        platformId: '1111111111',
        producerId: '1111111111',
        terminalModel: '11111111',
        terminalModelBytes: 30,
        imei: '123456789',
        terminalId: '11111AA',
        simNumber: '222222222222',
      },
    });
  });

  it('keeps a sub-business it does not read, DATA_LENGTH included', () => {
    // JT809SubMessageBody/JT809_0x1200_0x1207Test.cs Test1 / Test2 (the data: two UTC times)
    const data = '000000005BA880B6000000005BA9016B';
    for (const h of [header2011(0x1200), header2019(0x1200)]) {
      expect(body(h, wrap(0x1207, data))).toEqual({
        messageId: 0x1200,
        plate: '粤A12345',
        plateColor: 1,
        data: { subType: 0x1207, dataHex: `00000010${data.toLowerCase()}`, other: true },
      });
    }
  });

  it('reads a 2019 0x1202 frame (JT809_0x1200_0x1202Test.cs Test_2019_6, parsed only there)', () => {
    const m = frame(
      '5B000000930000000112000098968701000000000368710000000068DA5772B2E2CAD4B1A8BEAF000000000000000000000000000112020000005500000000231D0907E911362B06B35071021117160000000000006D7F007B00B00004000300000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000DE6E5D',
      { edition: '2019' },
    );
    expect(m.header).toMatchObject({ gnssCenterId: 10000007, encryptKey: 223345 });
    expect(m.body).toMatchObject({ plate: '测试报警', plateColor: 1 });
    if (m.body.messageId !== 0x1200 || !('data' in m.body) || m.body.data.subType !== 0x1202)
      throw new Error('not a 0x1202');
    const data = m.body.data as { position: { gnssData: Uint8Array; platforms: unknown[] } };
    expect(data.position.gnssData.length).toBe(35);
    expect(data.position.platforms).toEqual([
      { platformId: '', alarm: 0 },
      { platformId: '', alarm: 0 },
      { platformId: '', alarm: 0 },
    ]);
  });
});

describe('JT/T 809 encryption', () => {
  it('matches the published cipher vector', () => {
    // JT809Encrypt/JT809EncryptTest.cs (commit 2b668f1b1f2e4fc6317ddcb343641616bcbbe94f):
    // 01..07 with key 256178 and M1 30000000, IA1 = IC1 20000000 → D3 4C 70 78 A7 3A 41.
    const plain = Uint8Array.from([1, 2, 3, 4, 5, 6, 7]);
    expect(upper(jt809Crypt(plain, TEST_KEYS, 256178))).toBe('D34C7078A73A41');
    expect(jt809Crypt(hex('D34C7078A73A41'), TEST_KEYS, 256178)).toEqual(plain);
  });

  it('decrypts and re-encrypts the published encrypted login frame', () => {
    const m = frame(LOGIN_ENCRYPTED_FRAME, { keys: TEST_KEYS });
    expect(m.header).toMatchObject({ encryptFlag: 1, encryptKey: 256178, serial: 133 });
    expect(m.body).toEqual(decodeJt809Frame(hex(LOGIN_FRAME)).body);
    // The plain login's body, encrypted, is this frame's body.
    const plainBody = readFrame(hex(LOGIN_FRAME)).body;
    const cipherBody = readFrame(hex(LOGIN_ENCRYPTED_FRAME)).body;
    expect(jt809Crypt(plainBody, TEST_KEYS, 256178)).toEqual(cipherBody);
  });

  it('keeps an encrypted body as ciphertext when no keys are given', () => {
    const m = decodeJt809Frame(hex(LOGIN_ENCRYPTED_FRAME));
    expect(m.body).toMatchObject({ messageId: 0x1001, other: true });
    // Re-encoding needs the keys too: the header still says the body is encrypted.
    expect(() => encodeJt809Message(m)).toThrow(RangeError);
    expect(() =>
      encodeJt809Frame(header2011(0x1005, { encryptFlag: 1 }), { messageId: 0x1005 }),
    ).toThrow(RangeError);
  });

  it('reads the 2019 encrypted login of Simples/Demo1.cs Test4 (key 0 counts as 1)', () => {
    // Keys M1 = IA1 = IC1 = 20240604; the test only checks that a body comes out.
    const keys = { m1: 20240604, ia1: 20240604, ic1: 20240604 };
    const m = frame(
      '5B000000540000000D10010000006601020F010000000000000000665F4D7A261313752221202726251313131313752221243D233D233D221313131313131313131313131313131313131313131313345E0191E45D',
      { edition: '2019', keys },
    );
    expect(m.header).toMatchObject({ version: [1, 2, 15], encryptFlag: 1, encryptKey: 0 });
    expect(m.body).toEqual({
      messageId: 0x1001,
      userId: 102,
      password: '123456',
      gnssCenterId: 102,
      downLinkIp: '127.0.0.1',
      downLinkPort: 10062,
    });
  });

  it('round-trips arbitrary bytes', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff);
    for (const key of [0, 1, 256178, 0xffffffff]) {
      const keys = { m1: 0xfffffff0, ia1: 0xabcdef12, ic1: 0x12345678 };
      expect(jt809Crypt(jt809Crypt(data, keys, key), keys, key)).toEqual(data);
    }
  });
});

describe('JT/T 809 link messages', () => {
  it('0x1001 body, 2011 and 2019 (JT809MessageBody/JT809_0x1001Test.cs)', () => {
    expect(
      body(
        header2011(0x1001),
        '0133EFB832303138303932303132372E302E302E3100000000000000000000000000000000000000000000000329',
      ),
    ).toMatchObject({
      userId: 20180920,
      password: '20180920',
      downLinkIp: '127.0.0.1',
      downLinkPort: 809,
    });
    expect(
      body(
        header2019(0x1001),
        '0133EFB8323031383039323002A7DD233132372E302E302E3100000000000000000000000000000000000000000000000329',
      ),
    ).toEqual({
      messageId: 0x1001,
      userId: 20180920,
      password: '20180920',
      gnssCenterId: 44555555,
      downLinkIp: '127.0.0.1',
      downLinkPort: 809,
    });
  });

  it('0x1002, 0x1003, 0x1007, 0x1008, 0x9001, 0x9002, 0x9007 bodies (JT809MessageBody/*Test.cs)', () => {
    // JT809_0x1002Test.cs
    expect(body(header2011(0x1002), '000000D4B8')).toEqual({
      messageId: 0x1002,
      result: 0,
      verifyCode: 54456,
    });
    // JT809_0x1003Test.cs
    expect(body(header2011(0x1003), '0133EFB83230313830393230')).toEqual({
      messageId: 0x1003,
      userId: 20180920,
      password: '20180920',
    });
    // JT809_0x1007Test.cs
    expect(body(header2011(0x1007), '00')).toEqual({ messageId: 0x1007, errorCode: 0 });
    // JT809_0x1008Test.cs
    expect(body(header2011(0x1008), '00')).toEqual({ messageId: 0x1008, reasonCode: 0 });
    // JT809_0x9001Test.cs
    expect(body(header2011(0x9001), '0000B18E')).toEqual({ messageId: 0x9001, verifyCode: 45454 });
    // JT809_0x9002Test.cs
    expect(body(header2011(0x9002), '00')).toEqual({ messageId: 0x9002, result: 0 });
    // JT809_0x9007Test.cs
    expect(body(header2011(0x9007), '00')).toEqual({ messageId: 0x9007, reasonCode: 0 });
  });

  it('empty keep-alive bodies (no published bytes: JT809_0x1005Test.cs only serializes)', () => {
    for (const id of [0x1004, 0x1005, 0x1006, 0x9004, 0x9005, 0x9006] as const) {
      const wire = encodeJt809Frame(header2011(id), { messageId: id });
      expect(wire.length).toBe(26);
      expect(decodeJt809Frame(wire).body).toEqual({ messageId: id });
    }
  });

  it('refuses a known body with bytes left over', () => {
    expect(() => decodeJt809Body(header2011(0x1007), hex('0000'))).toThrow(Jt809DecodeError);
  });

  it('keeps an unknown message id with its body', () => {
    const h = header2011(0x1102);
    expect(body(h, 'ABCDEF')).toEqual({ messageId: 0x1102, bodyHex: 'abcdef', other: true });
  });
});

// JT809SubMessageBody/JT809_0x1200_0x1202Test.cs Test1 / Test2
const POSITION_2011 = '00130707DC0F0F0F07EF4D80017018400032003300000096002D002D0000000300000101';
const positionAt = (hms: number) => ({
  encrypt: 0,
  day: 19,
  month: 7,
  year: 2012,
  hour: hms,
  minute: hms,
  second: hms,
  lonMicroDeg: 133123456,
  latMicroDeg: 24123456,
  speedKmh: 50,
  recorderSpeedKmh: 51,
  mileageKm: 150,
  direction: 45,
  altitude: 45,
  state: 3,
  alarm: 257,
});
/** DATA_TYPE, DATA_LENGTH (counted here) and the sub-business data, as hex. */
const sub = (subType: number, data: string) =>
  `${subType.toString(16).toUpperCase()}${(data.length / 2).toString(16).toUpperCase().padStart(8, '0')}${data}`;
/**
 * A 0x1200 body around sub-business bytes (0x9200, 0x1500 and 0x9500 have the same layout):
 * plate 粤A12345 (GBK, padded to 21 bytes) and colour 1 as in JT809MessageBody/JT809_0x1200Test.cs,
 * then DATA_TYPE and DATA_LENGTH.
 */
const PLATE = 'D4C14131323334350000000000000000000000000001';
const wrap = (subType: number, data: string) => `${PLATE}${sub(subType, data)}`;
/** Decoding throws a Jt809DecodeError. */
const refused = (h: Jt809Header, bytes: string) =>
  expect(() => decodeJt809Body(h, hex(bytes))).toThrow(Jt809DecodeError);

describe('JT/T 809 0x1200 vehicle dynamic information', () => {
  it('0x1201 registration, 2011 supplement layout (JT809MessageBody/JT809_0x1200Test.cs)', () => {
    const b = body(
      header2011(0x1200),
      'D4C1413132333435000000000000000000000000000112010000003D31313131313131313131003131313131313131313100313131313131313100000000000000000000000031313131314141323232323232323232323232',
    );
    expect(b).toEqual({
      messageId: 0x1200,
      plate: '粤A12345',
      plateColor: 1,
      data: {
        subType: 0x1201,
        platformId: '1111111111',
        producerId: '1111111111',
        terminalModel: '11111111',
        terminalModelBytes: 20,
        imei: null,
        terminalId: '11111AA',
        simNumber: '222222222222',
      },
    });
  });

  it('0x1201 registration, 2019 layout (JT809MessageBody/JT809_0x1200Test.cs Test_2019_1/2)', () => {
    const b = body(
      header2019(0x1200),
      'D4C1413132333435000000000000000000000000000112010000006E3131313131313131313100313131313131313131310031313131313131310000000000000000000000000000000000000000000031323334353637383900000000000031313131314141000000000000000000000000000000000000000000000032323232323232323232323200',
    );
    expect(b).toMatchObject({
      data: { imei: '123456789', terminalModelBytes: 30, simNumber: '222222222222' },
    });
  });

  it('0x1201 registration with the 8-byte terminal model of the 2011 text (JT809_0x1200_0x1201Test.cs Test3, parsed only there)', () => {
    // Decoded only: this sender pads text on the left with 0x00, which the encoder does not.
    const m = decodeJt809Frame(
      hex(
        '5b00000067000000611200000003f30100000000036871bea948454e333137000000000000000000000000000412010000003100000000000000313031310000000000003730313131000000000000000000000000000000313230323939353533353735327d5d',
      ),
    );
    expect(m.header).toMatchObject({ serial: 97, gnssCenterId: 1011, encryptKey: 223345 });
    expect(m.body).toEqual({
      messageId: 0x1200,
      plate: '京HEN317',
      plateColor: 4,
      data: {
        subType: 0x1201,
        platformId: '1011',
        producerId: '70111',
        terminalModel: '',
        terminalModelBytes: 8,
        imei: null,
        terminalId: '',
        simNumber: '120299553575',
      },
    });
  });

  it('0x1202 real-time position, 2011 (JT809_0x1200_0x1202Test.cs Test1/Test2)', () => {
    const b = body(header2011(0x1200), wrap(0x1202, POSITION_2011));
    expect(b).toMatchObject({ data: { subType: 0x1202, position: positionAt(15) } });
    const encoded = encodeJt809Body('2011', {
      messageId: 0x1200,
      plate: '粤A12345',
      plateColor: 1,
      data: { subType: 0x1202, position: positionAt(15) },
    });
    expect(upper(encoded).endsWith(POSITION_2011)).toBe(true);
  });

  it('0x1203 position batch, 2011 (JT809_0x1200_0x1203Test.cs Test1/Test2)', () => {
    const batch =
      '0300130707DC0F0F0F07EF4D80017018400032003300000096002D002D000000030000010100130707DC10101007EF4D80017018400032003300000096002D002D000000030000010100130707DC11111107EF4D80017018400032003300000096002D002D0000000300000101';
    const b = body(header2011(0x1200), wrap(0x1203, batch));
    expect(b).toMatchObject({
      data: { subType: 0x1203, positions: [positionAt(15), positionAt(16), positionAt(17)] },
    });
  });

  it('0x1202 and 0x1203, 2019 (JT809_0x1200_0x1202Test.cs and JT809_0x1200_0x1203Test.cs Test_2019_*)', () => {
    const record =
      '0100000000313131313131313131313100000001323232323232323232323200000002333333333333333333333300000003';
    const platforms = [
      { platformId: '11111111111', alarm: 1 },
      { platformId: '22222222222', alarm: 2 },
      { platformId: '33333333333', alarm: 3 },
    ];
    expect(body(header2019(0x1200), wrap(0x1202, record))).toMatchObject({
      data: { position: { encrypt: 1, gnssData: new Uint8Array(0), platforms } },
    });
    // With a JT/T 808 0x0200 body as GNSS_DATA (Test_2019_3 / Test_2019_4).
    const with808 =
      '0100000026000000010000000200BA7F0E07E4F11C0028003C000018071510101001040000006402020037313131313131313131313100000001323232323232323232323200000002333333333333333333333300000003';
    const b = body(header2019(0x1200), wrap(0x1202, with808));
    expect(b).toMatchObject({ data: { position: { encrypt: 1, platforms } } });
    // JT809_0x1200_0x1203Test.cs Test_2019_1 / Test_2019_2
    expect(body(header2019(0x1200), wrap(0x1203, `02${record}${record}`))).toMatchObject({
      data: { positions: [{ platforms }, { platforms }] },
    });
  });

  it('refuses a record of the wrong edition when encoding', () => {
    expect(() =>
      encodeJt809Body('2019', {
        messageId: 0x1200,
        plate: 'A',
        plateColor: 1,
        data: { subType: 0x1202, position: positionAt(1) },
      }),
    ).toThrow(RangeError);
  });
});

describe('JT/T 809 0x9200 and 0x1205 / 0x1206: position exchange set by the upper platform', () => {
  it('0x9205 / 0x9206 requests (JT809_0x9200_0x9205Test.cs / JT809_0x9200_0x9206Test.cs)', () => {
    // Both tests give the data byte 02 (0x9205: emergency position return; 0x9206: emergency
    // monitoring over). SmallChi/JT809 has no 2019 variant and no 2019 bytes: same layout.
    for (const h of [header2011(0x9200), header2019(0x9200)]) {
      expect(body(h, wrap(0x9205, '02'))).toEqual({
        messageId: 0x9200,
        plate: '粤A12345',
        plateColor: 1,
        data: { subType: 0x9205, reasonCode: 2 },
      });
      expect(body(h, wrap(0x9206, '02'))).toMatchObject({
        data: { subType: 0x9206, reasonCode: 2 },
      });
    }
    const bytes = encodeJt809Body('2011', {
      messageId: 0x9200,
      plate: '粤A12345',
      plateColor: 1,
      data: { subType: 0x9206, reasonCode: 4 },
    });
    // Hand-checked: plate 21, colour, DATA_TYPE 92 06, DATA_LENGTH 00 00 00 01, REASON_CODE 04.
    expect(upper(bytes)).toBe(`${PLATE}92060000000104`);
  });

  it('0x1205 / 0x1206 answers, 2019 (JT809_0x1200_0x1205Test.cs / JT809_0x1200_0x1206Test.cs Test1)', () => {
    // After DATA_TYPE: SOURCE_DATA_TYPE 04 00, SOURCE_MSG_SN 00 00 04 00, DATA_LENGTH 00 00 00 00.
    const frames = {
      4613: '5B00000044000004571200000004570101010000000000000000004EBC924FB2E2CAD43131313100000000000000000000000000041205040000000400000000001B735D',
      4614: '5B00000044000004571200000004570101010000000000000000004EBC924FB2E2CAD431313131000000000000000000000000000412060400000004000000000063895D',
    };
    for (const [subType, wire] of Object.entries(frames)) {
      const m = frame(wire, { edition: '2019' });
      expect(m.header).toMatchObject({ serial: 1111, gnssCenterId: 1111, version: [1, 1, 1] });
      expect(m.header.time).toEqual(new Date(0x4ebc924f * 1000));
      expect(m.body).toEqual({
        messageId: 0x1200,
        plate: '测试1111',
        plateColor: 4,
        data: { subType: Number(subType), sourceDataType: 1024, sourceMsgSn: 1024 },
      });
    }
    const bytes = encodeJt809Body('2019', {
      messageId: 0x1200,
      plate: '粤A12345',
      plateColor: 1,
      data: { subType: 0x1205, sourceDataType: 0x9205, sourceMsgSn: 7 },
    });
    // SOURCE_DATA_TYPE 92 05, SOURCE_MSG_SN 00 00 00 07, DATA_LENGTH 00 00 00 00.
    expect(upper(bytes)).toBe(`${PLATE}120592050000000700000000`);
  });

  it('0x1205 / 0x1206 answers, 2011: DATA_LENGTH 0 and no data (no published bytes)', () => {
    // SmallChi/JT809 has no 2011 vector; its 2011 writer leaves DATA_LENGTH out altogether (a side
    // effect of its 2019 fix), which is refused here.
    for (const subType of [0x1205, 0x1206] as const) {
      const bytes = encodeJt809Body('2011', {
        messageId: 0x1200,
        plate: '粤A12345',
        plateColor: 1,
        data: { subType, sourceDataType: 1, sourceMsgSn: 2 },
      });
      expect(upper(bytes)).toBe(`${PLATE}${subType.toString(16)}00000000`);
      expect(body(header2011(0x1200), upper(bytes))).toMatchObject({
        data: { subType, sourceDataType: null, sourceMsgSn: null },
      });
    }
  });

  it('refuses 0x1205 / 0x1206 bodies of another layout', () => {
    // Hand-made. 2011 without DATA_LENGTH, or with data.
    refused(header2011(0x1200), `${PLATE}1205`);
    refused(header2011(0x1200), wrap(0x1205, '00'));
    // 2019 with DATA_LENGTH first (6 or 10), with a last DATA_LENGTH that is not 0, cut short.
    refused(header2019(0x1200), `${PLATE}12050000000692050000000700000000`);
    refused(header2019(0x1200), `${PLATE}1205000000069205000000070000`);
    refused(header2019(0x1200), `${PLATE}1205920500000007000000010A`);
    refused(header2019(0x1200), `${PLATE}120592050000000700`);
  });

  it('0x9201 registration answer, 2019, sent without plate (JT809_0x9200_0x9201Test.cs Test1)', () => {
    const m = frame(
      '5B0000002F000004579200000004570101010000000000000000004EBC924F9201000000070400000004000189DA5D',
      { edition: '2019' },
    );
    // The test also asserts the colour "other": its default, since none is on the wire.
    expect(m.body).toEqual({
      messageId: 0x9200,
      plate: null,
      plateColor: null,
      data: { subType: 0x9201, sourceDataType: 1024, sourceMsgSn: 1024, result: 1 },
    });
    const data = { subType: 0x9201, sourceDataType: 0x1201, sourceMsgSn: 5, result: 1 } as const;
    const bare = { messageId: 0x9200, plate: null, plateColor: null, data } as const;
    expect(() => encodeJt809Body('2011', bare)).toThrow(RangeError);
    expect(() => encodeJt809Body('2019', { ...bare, plate: 'A', plateColor: 1 })).toThrow(
      RangeError,
    );
    expect(() =>
      encodeJt809Body('2019', { ...bare, data: { subType: 0x9205, reasonCode: 0 } }),
    ).toThrow(RangeError);
    // A 0x9201 with a plate (or any 2011 0x9201) is kept as it came (hand-made data).
    expect(body(header2019(0x9200), wrap(0x9201, '12010000000501'))).toMatchObject({
      plate: '粤A12345',
      data: { subType: 0x9201, other: true },
    });
  });

  it('0x9202 exchanged position (no published vector: the 0x1202 records of JT809_0x1200_0x1202Test.cs)', () => {
    expect(body(header2011(0x9200), wrap(0x9202, POSITION_2011))).toEqual({
      messageId: 0x9200,
      plate: '粤A12345',
      plateColor: 1,
      data: { subType: 0x9202, position: positionAt(15) },
    });
    const record2019 =
      '0100000000313131313131313131313100000001323232323232323232323200000002333333333333333333333300000003';
    expect(body(header2019(0x9200), wrap(0x9202, record2019))).toMatchObject({
      data: { subType: 0x9202, position: { encrypt: 1, gnssData: new Uint8Array(0) } },
    });
    refused(header2011(0x9200), wrap(0x9202, POSITION_2011.slice(0, -2)));
  });

  it('refuses 0x9200 bodies that are cut short or whose DATA_LENGTH disagrees', () => {
    // The published bodies above, cut or with DATA_LENGTH changed.
    refused(header2011(0x9200), wrap(0x9205, ''));
    refused(header2011(0x9200), wrap(0x9205, '0203'));
    refused(header2011(0x9200), `${PLATE}92050000000202`);
    refused(header2011(0x9200), `${PLATE}9205000000`);
    refused(header2011(0x9200), PLATE.slice(0, 20));
    refused(header2019(0x9200), '920100000007040000000400');
  });
});

describe('JT/T 809 0x9300 / 0x1300 platform information exchange', () => {
  // JT809MessageBody/GuoJian001Test.cs GuoJian001_2019_3 (a frame a user of SmallChi/JT809
  // supplied, parsed only there; the values below are read off the bytes).
  const POST_QUERY_2019_FRAME =
    '5b0000005c00000006930000000000000000000000000000000000689eadf193010000003402b2e24230313834340000000000000000000000000a0000001900000016c6bdcca8b2e9b8dac7ebc7f3cac7b7f1cac7c8cbc0e017f05d';

  it('0x9301 post check, 2019: a supplied frame (GuoJian001Test.cs GuoJian001_2019_3)', () => {
    const m = frame(POST_QUERY_2019_FRAME, { edition: '2019' });
    expect(m.header).toMatchObject({ messageId: 0x9300, serial: 6, gnssCenterId: 0 });
    expect(m.header.time).toEqual(new Date('2025-08-15T03:48:01Z'));
    expect(m.body).toEqual({
      messageId: 0x9300,
      data: {
        subType: 0x9301,
        objectType: 2,
        objectId: '测B01844',
        answerTime: 10,
        infoId: 25,
        infoContent: '平台查岗请求是否是人类',
      },
    });
  });

  it('0x9301 post check, 2019, encrypted (GuoJian001Test.cs GuoJian001_2019_2)', () => {
    // Sent with bare 0x5A bytes in the ciphertext, so the frame itself is refused; its body,
    // taken as sent and decrypted with that test's keys (key 0x3B89), is the one above.
    const wire = hex(
      '5b0000005c000000499300042c1d810000000100003b8900000000689e195830a40dc885a2cba573c5afb5408a3a5f9087119a5ae184960d1cf378d127390c0bebff775835fddd57d380539049899afc4d7dfd057684e9c6156a1e5d',
    );
    expect(() => decodeJt809Frame(wire, { edition: '2019' })).toThrow(Jt809DecodeError);
    const keys = { m1: 56107078, ia1: 37382110, ic1: 50361430 };
    const plain = jt809Crypt(wire.subarray(31, wire.length - 3), keys, 0x3b89);
    expect(plain).toEqual(readFrame(hex(POST_QUERY_2019_FRAME), '2019').body);
  });

  it('0x9301 post check, 2019 (JT809_0x9300_0x9301Test.cs Test3 / Test4)', () => {
    const data = '02736D616C6C6368690000000000000000000000000000000D10000000057265706C79';
    expect(body(header2019(0x9300), sub(0x9301, data))).toEqual({
      messageId: 0x9300,
      data: {
        subType: 0x9301,
        objectType: 2,
        objectId: 'smallchi',
        answerTime: 0,
        infoId: 3344,
        infoContent: 'reply',
      },
    });
  });

  it('0x9301 post check, 2011, with and without OBJECT_TYPE and OBJECT_ID (JT809_0x9300_0x9301Test.cs)', () => {
    // Test1 / Test2: SmallChi/JT809's 2011 layout since 2020, without them.
    expect(body(header2011(0x9300), sub(0x9301, '00000D10000000057265706C79'))).toEqual({
      messageId: 0x9300,
      data: {
        subType: 0x9301,
        objectType: null,
        objectId: null,
        answerTime: null,
        infoId: 3344,
        infoContent: 'reply',
      },
    });
    // Test1's comment: the same request with OBJECT_TYPE 2 and OBJECT_ID (12 bytes), as the 2011
    // table has it.
    const full = '02736D616C6C6368690000000000000D10000000057265706C79';
    expect(body(header2011(0x9300), sub(0x9301, full))).toMatchObject({
      data: { objectType: 2, objectId: 'smallchi', answerTime: null, infoId: 3344 },
    });
  });

  it('0x9302 platform message (JT809_0x9300_0x9302Test.cs; no 2019 bytes published)', () => {
    const data =
      '00616664617366330000000000000004D200000014CFC2BCB6C6BDCCA8CBF9CAF4B5A5D2BBC6BDCCA8';
    const expected = {
      messageId: 0x9300,
      data: {
        subType: 0x9302,
        objectType: 0,
        objectId: 'afdasf3',
        objectIdBytes: 12,
        infoId: 1234,
        infoContent: '下级平台所属单一平台',
      },
    };
    expect(body(header2011(0x9300), sub(0x9302, data))).toEqual(expected);
    expect(body(header2019(0x9300), sub(0x9302, data))).toEqual(expected);
    // Hand-made 2019 body with a 20-byte OBJECT_ID: INFO_LENGTH (5) only fits that width.
    const wide = `01${'3132333435363738393031323334353637383930'}000000070000000568656C6C6F`;
    expect(body(header2019(0x9300), sub(0x9302, wide))).toMatchObject({
      data: { objectId: '12345678901234567890', objectIdBytes: 20, infoContent: 'hello' },
    });
    refused(header2011(0x9300), sub(0x9302, wide));
  });

  it('0x1301 post check answer, 2011 and 2019 (JT809MessageBody/JT809_0x1300Test.cs)', () => {
    // Test1 / Test2
    expect(
      body(
        header2011(0x1300),
        '13010000001B01313131000000000000000000000004D200000006323268613232',
      ),
    ).toEqual({
      messageId: 0x1300,
      data: {
        subType: 0x1301,
        objectType: 1,
        responder: null,
        responderTel: null,
        objectId: '111',
        infoId: 1234,
        sourceDataType: null,
        sourceMsgSn: null,
        infoContent: '22ha22',
      },
    });
    // Test_2019_1 / Test_2019_2 (no INFO_ID in 2019: the test asserts 0, the unset value)
    expect(
      body(
        header2019(0x1300),
        '13010000004901736D616C6C636869000000000000000031323334353637383930310000000000000000003131310000000000000000000000000000000000006F0000006300000006323268613232',
      ),
    ).toEqual({
      messageId: 0x1300,
      data: {
        subType: 0x1301,
        objectType: 1,
        responder: 'smallchi',
        responderTel: '12345678901',
        objectId: '111',
        infoId: null,
        sourceDataType: 111,
        sourceMsgSn: 99,
        infoContent: '22ha22',
      },
    });
  });

  it('0x1302 platform message answer (JT809_0x1300_0x1302Test.cs)', () => {
    // Test1 / Test2
    expect(body(header2011(0x1300), sub(0x1302, '000004D2'))).toEqual({
      messageId: 0x1300,
      data: { subType: 0x1302, infoId: 1234, sourceDataType: null, sourceMsgSn: null },
    });
    // Test_2019_1 / Test_2019_2
    expect(body(header2019(0x1300), sub(0x1302, '00990000000B'))).toEqual({
      messageId: 0x1300,
      data: { subType: 0x1302, infoId: null, sourceDataType: 0x99, sourceMsgSn: 11 },
    });
  });

  it('encodes the answers a lower platform sends (hand-checked layouts)', () => {
    const answer = {
      subType: 0x1301,
      objectType: 1,
      responder: '张三',
      responderTel: '13800000000',
      objectId: '111',
      infoId: 25,
      sourceDataType: 0x9301,
      sourceMsgSn: 6,
      infoContent: '在岗',
    } as const;
    const b2011 = encodeJt809Body('2011', { messageId: 0x1300, data: answer });
    // DATA_LENGTH 0x19 = 1 + 12 + 4 + 4 + 4; 在岗 is D4 DA B8 DA in GBK.
    expect(upper(b2011)).toBe(`13010000001901${'313131'.padEnd(24, '0')}0000001900000004D4DAB8DA`);
    const b2019 = encodeJt809Body('2019', { messageId: 0x1300, data: answer });
    // DATA_LENGTH 0x47 = 1 + 16 + 20 + 20 + 2 + 4 + 4 + 4.
    expect(upper(b2019)).toBe(
      `130100000047` +
        `01${'D5C5C8FD'.padEnd(32, '0')}${'3133383030303030303030'.padEnd(40, '0')}` +
        `${'313131'.padEnd(40, '0')}93010000000600000004D4DAB8DA`,
    );
    expect(decodeJt809Body(header2019(0x1300), b2019)).toEqual({
      messageId: 0x1300,
      data: { ...answer, infoId: null },
    });
  });

  it('refuses bodies whose INFO_LENGTH or DATA_LENGTH disagrees, or that are cut short', () => {
    // The published bodies above, cut or with a length changed.
    // INFO_LENGTH 6, 5 bytes of text.
    refused(
      header2011(0x1300),
      sub(0x1301, '01313131000000000000000000000004D2000000063232686132'),
    );
    // INFO_LENGTH 4, 5 bytes of text (a byte left over).
    refused(header2011(0x9300), sub(0x9301, '00000D10000000047265706C79'));
    // DATA_LENGTH 5 over a 4-byte 0x1302, and 3 over it.
    refused(header2011(0x1300), '13020000000500000004D2');
    refused(header2011(0x1300), '1302000000030004D2');
    refused(header2019(0x1300), sub(0x1302, '0099000000'));
    refused(header2019(0x9300), sub(0x9301, '02736D616C6C636869'));
    refused(header2011(0x9300), '9301');
  });

  it('keeps other sub-businesses (hand-made 2019 0x9303 data)', () => {
    expect(body(header2019(0x9300), sub(0x9303, '0000000100000002000000005BA880B6'))).toEqual({
      messageId: 0x9300,
      data: {
        subType: 0x9303,
        dataHex: '000000100000000100000002000000005ba880b6',
        other: true,
      },
    });
  });
});

describe('JT/T 809 0x9500 / 0x1500 vehicle supervision: text to a vehicle', () => {
  it('0x9503 text request (JT809_0x9500_0x9503Test.cs; no 2019 variant or bytes published)', () => {
    const data = '0000014D010000000BBABA5F7366646633646673';
    for (const h of [header2011(0x9500), header2019(0x9500)]) {
      expect(body(h, wrap(0x9503, data))).toEqual({
        messageId: 0x9500,
        plate: '粤A12345',
        plateColor: 1,
        data: { subType: 0x9503, msgSequence: 333, msgPriority: 1, msgContent: '汉_sfdf3dfs' },
      });
    }
    // MSG_LENGTH 12, 11 bytes of text; MSG_LENGTH 10, a byte left over.
    refused(header2011(0x9500), wrap(0x9503, '0000014D010000000CBABA5F7366646633646673'));
    refused(header2011(0x9500), wrap(0x9503, '0000014D010000000ABABA5F7366646633646673'));
  });

  it('0x1503 text answer, 2011 and 2019 (JT809_0x1500_0x1503Test.cs)', () => {
    // Test1 / Test2
    expect(body(header2011(0x1500), wrap(0x1503, '0000270F00'))).toEqual({
      messageId: 0x1500,
      plate: '粤A12345',
      plateColor: 1,
      data: { subType: 0x1503, msgId: 9999, sourceDataType: null, sourceMsgSn: null, result: 0 },
    });
    // Test_2019_1 / Test_2019_2
    expect(body(header2019(0x1500), wrap(0x1503, '00630000000B00'))).toMatchObject({
      data: { subType: 0x1503, msgId: null, sourceDataType: 99, sourceMsgSn: 11, result: 0 },
    });
    refused(header2019(0x1500), wrap(0x1503, '0000270F00'));
    refused(header2011(0x1500), wrap(0x1503, '00630000000B00'));
    refused(header2011(0x1500), `${PLATE}1503000000050000270F`);
  });

  it('encodes a 0x1503 and keeps other sub-businesses (JT809_0x1500_0x1501Test.cs data)', () => {
    const bytes = encodeJt809Body('2019', {
      messageId: 0x1500,
      plate: '粤A12345',
      plateColor: 1,
      data: { subType: 0x1503, msgId: null, sourceDataType: 0x9503, sourceMsgSn: 42, result: 1 },
    });
    // DATA_LENGTH 7: SOURCE_DATA_TYPE 95 03, SOURCE_MSG_SN 00 00 00 2A, RESULT 01.
    expect(upper(bytes)).toBe(`${PLATE}15030000000795030000002A01`);
    // JT809_0x1500_0x1501Test.cs Test1 / Test2: the 2011 0x1501 data is the one byte 00.
    const other = body(header2011(0x1500), wrap(0x1501, '00'));
    expect(other).toMatchObject({ data: { subType: 0x1501, dataHex: '0000000100', other: true } });
  });
});

describe('JT/T 809 0x9101 count of positions received', () => {
  it('decodes and re-encodes JT809_0x9101Test.cs (2011; the 2019 layout is the same)', () => {
    // The test sets 2018-09-21 15:11:02 and 20:11:02 Beijing time.
    const data = '00002710000000005BA49986000000005BA4DFD6';
    for (const h of [header2011(0x9101), header2019(0x9101)]) {
      expect(body(h, data)).toEqual({
        messageId: 0x9101,
        dynamicInfoTotal: 10000,
        startTime: new Date('2018-09-21T07:11:02Z'),
        endTime: new Date('2018-09-21T12:11:02Z'),
      });
    }
    refused(header2011(0x9101), data.slice(0, -2));
    refused(header2011(0x9101), `${data}00`);
  });
});

describe('Jt809StreamDecoder', () => {
  const frames = [LOGIN_FRAME, WARN_FRAME, LOGIN_ENCRYPTED_FRAME].map(hex);
  const all = (() => {
    const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const f of frames) {
      out.set(f, at);
      at += f.length;
    }
    return out;
  })();

  it('decodes frames split at every byte', () => {
    const decoder = new Jt809StreamDecoder({ keys: TEST_KEYS });
    const results = [];
    for (let i = 0; i < all.length; i++) results.push(...decoder.push(all.subarray(i, i + 1)));
    expect(results.map((r) => r.ok && r.message.header.messageId)).toEqual([
      0x1001, 0x9400, 0x1001,
    ]);
    expect(decoder.buffered).toBe(0);
  });

  it('decodes several frames in one chunk, at every split point', () => {
    for (let cut = 0; cut <= all.length; cut++) {
      const decoder = new Jt809StreamDecoder({ keys: TEST_KEYS });
      const results = [...decoder.push(all.subarray(0, cut)), ...decoder.push(all.subarray(cut))];
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.length).toBe(3);
    }
  });

  it('keeps nothing of a chunk: read through one reused buffer, the frames decode the same', () => {
    // A reader may fill its buffer again with the next read; a Buffer's slice is a view of it.
    const whole = new Jt809StreamDecoder({ keys: TEST_KEYS }).push(all);
    for (const size of [1, 7, 30, 64]) {
      const decoder = new Jt809StreamDecoder({ keys: TEST_KEYS });
      const reused = Buffer.alloc(size);
      const results = [];
      for (let at = 0; at < all.length; at += size) {
        const chunk = all.subarray(at, at + size);
        reused.set(chunk);
        results.push(...decoder.push(reused.subarray(0, chunk.length)));
        reused.fill(0x5b);
      }
      expect(results).toEqual(whole);
    }
  });

  it('skips garbage and a cut-short frame, reporting each, then goes on', () => {
    const decoder = new Jt809StreamDecoder();
    const login = hex(LOGIN_FRAME);
    const results = [
      ...decoder.push(hex('0102035D')),
      ...decoder.push(login.subarray(0, 20)),
      ...decoder.push(login),
    ];
    expect(results.map((r) => (r.ok ? 'ok' : r.error.field))).toEqual(['frame', 'frame', 'ok']);
    expect(results[0]?.ok === false && results[0].error.message).toMatch(/4 byte/);
  });

  it('reports a bad frame and keeps the next', () => {
    const bad = hex(LOGIN_FRAME);
    bad[30] = (bad[30] as number) ^ 0xff;
    const results = new Jt809StreamDecoder().push(new Uint8Array([...bad, ...hex(LOGIN_FRAME)]));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.field))).toEqual(['crc', 'ok']);
  });

  it('bounds the bytes it holds', () => {
    const decoder = new Jt809StreamDecoder({ maxFrameBytes: 100 });
    const results = decoder.push(new Uint8Array([0x5b, ...new Uint8Array(200)]));
    expect(results.length).toBe(1);
    expect(results[0]?.ok).toBe(false);
    expect(decoder.buffered).toBe(0);
  });
});
