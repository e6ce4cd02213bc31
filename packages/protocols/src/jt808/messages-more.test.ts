import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.ts';
import { Jt808DecodeError } from './errors.ts';
import {
  checkCode,
  escapeFrame,
  type Jt808Header,
  type Jt808Version,
  readFrame,
  unescapeFrame,
} from './frame.ts';
import { location } from './location.ts';
import {
  decodeJt808Body,
  decodeJt808Frame,
  dwordParameter,
  encodeJt808Body,
  encodeJt808Message,
  JT808_PARAMETERS,
  type Jt808Body,
  type Jt808Message,
  type Jt808Parameter,
  readDwordParameter,
} from './messages.ts';

// The published vectors below are from the unit tests of the open-source SmallChi/JT808
// (src/JT808.Protocol.Test/MessageBody/JT808_0x….Test.cs); the bodies' meanings are theirs.

const header = (messageId: number, version: Jt808Version = 'V2013'): Jt808Header => ({
  messageId,
  version,
  protocolVersion: version === 'V2019' ? 1 : 0,
  terminalPhone: version === 'V2019' ? '00000000013800138000' : '013800138000',
  serial: 7,
  encryption: 0,
  subpackage: null,
});

/** The body bytes of the frame encodeJt808Message makes, which encodeJt808Body gives alone. */
function encodeBody(message: Jt808Message): string {
  const frame = encodeJt808Message(message);
  const hex = toHex(readFrame(unescapeFrame(frame, 1, frame.length - 1)).body);
  expect(toHex(encodeJt808Body(message.header.version, message.body))).toBe(hex);
  return hex;
}

/** Decodes a published body under a header of `version`, and checks it encodes back to the same bytes. */
function body(messageId: number, hex: string, version: Jt808Version = 'V2013'): Jt808Body {
  const h = header(messageId, version);
  const decoded = decodeJt808Body(h, fromHex(hex));
  expect(encodeBody({ header: h, body: decoded })).toBe(hex.toLowerCase());
  return decoded;
}

/** The body as the member of Jt808Body for `messageId` (not `other`). */
function only<Id extends number>(
  b: Jt808Body,
  messageId: Id,
): Extract<Jt808Body, { messageId: Id }> {
  if ('other' in b || b.messageId !== messageId)
    throw new Error(`expected a decoded 0x${messageId.toString(16)}, got ${JSON.stringify(b)}`);
  return b as Extract<Jt808Body, { messageId: Id }>;
}

/** Decodes a published frame and checks it encodes back to the same bytes. */
function frame(hex: string): Jt808Message {
  const message = decodeJt808Frame(fromHex(hex));
  expect(toHex(encodeJt808Message(message))).toBe(hex.toLowerCase());
  return message;
}

describe('JT/T 808 re-send requests (0x8003, 0x0005)', () => {
  it('decodes the published 0x8003 body (2013: a BYTE count)', () => {
    expect(body(0x8003, '04D20201020203')).toEqual({
      messageId: 0x8003,
      originalSerial: 1234,
      packageIds: [0x0102, 0x0203],
    });
  });

  it('counts in a WORD in 2019, for 0x8003 and 0x0005 alike', () => {
    for (const messageId of [0x8003, 0x0005]) {
      expect(body(messageId, '04D2000201020203', 'V2019')).toEqual({
        messageId,
        originalSerial: 1234,
        packageIds: [0x0102, 0x0203],
      });
    }
  });
});

describe('JT/T 808 terminal parameters (0x8103, 0x8104, 0x8106, 0x0104)', () => {
  it('decodes the published one-item 0x0104 frame', () => {
    const { header: h, body: b } = frame('7E0104000C000123456789000A00140100000001040000000A907E');
    expect(h).toMatchObject({ messageId: 0x0104, terminalPhone: '000123456789', serial: 10 });
    expect(b).toEqual({
      messageId: 0x0104,
      replySerial: 20,
      parameters: [{ id: 0x0001, value: fromHex('0000000A') }],
    });
    expect(readDwordParameter(only(b, 0x0104).parameters[0] as Jt808Parameter)).toBe(10);
  });

  it('decodes the published two-item 0x0104 frame (a DWORD and a text)', () => {
    // SmallChi/JT808 published this frame as 7E01040022…DD7E for a day in January 2019, with
    // the second item's id written twice; its own next commit (75cba29) corrected it to this.
    const { body: b } = frame(
      '7E0104001E000123456789000A00140200000001040000000A000000130D7777772E62616964752E636F6DF27E',
    );
    const { replySerial, parameters } = only(b, 0x0104);
    expect(replySerial).toBe(20);
    expect(parameters.map((p) => p.id)).toEqual([0x0001, 0x0013]);
    expect(readDwordParameter(parameters[0] as Jt808Parameter)).toBe(10);
    const text = parameters[1]?.value ?? new Uint8Array();
    expect(text.length).toBe(13);
    expect(new TextDecoder().decode(text)).toBe('www.baidu.com');
  });

  it('decodes the published 0x8103 frame, and builds it from dwordParameter', () => {
    const hex = '7E8103000A000123456789000A0100000001040000000A057E';
    const message = frame(hex);
    expect(message.header).toMatchObject({ messageId: 0x8103, serial: 10 });
    expect(message.body).toEqual({
      messageId: 0x8103,
      parameters: [{ id: 0x0001, value: fromHex('0000000A') }],
    });
    const built = encodeJt808Message({
      header: message.header,
      body: {
        messageId: 0x8103,
        parameters: [dwordParameter(JT808_PARAMETERS.heartbeatIntervalS, 10)],
      },
    });
    expect(toHex(built)).toBe(hex.toLowerCase());
  });

  it('decodes the published 0x8106 body', () => {
    expect(body(0x8106, '020000000100000002')).toEqual({
      messageId: 0x8106,
      parameterIds: [1, 2],
    });
  });

  it('has an empty 0x8104 body', () => {
    expect(body(0x8104, '')).toEqual({ messageId: 0x8104 });
  });

  it('reads and writes DWORD parameters, and refuses a value of another length', () => {
    const item = dwordParameter(JT808_PARAMETERS.maxSpeedKmh, 0xfffffffe);
    expect(item).toEqual({ id: 0x0055, value: fromHex('FFFFFFFE') });
    expect(readDwordParameter(item)).toBe(0xfffffffe);
    expect(() => readDwordParameter({ id: 0x0013, value: new Uint8Array(13) })).toThrow(
      Jt808DecodeError,
    );
  });

  it('refuses to write more items than a BYTE counts, or a value over 255 bytes', () => {
    const h = header(0x8103);
    const tooMany = Array.from({ length: 256 }, (_, i) => dwordParameter(i, i));
    expect(() =>
      encodeJt808Message({ header: h, body: { messageId: 0x8103, parameters: tooMany } }),
    ).toThrow(RangeError);
    const tooLong = [{ id: 0x0013, value: new Uint8Array(256) }];
    expect(() =>
      encodeJt808Message({ header: h, body: { messageId: 0x8103, parameters: tooLong } }),
    ).toThrow(RangeError);
  });
});

describe('JT/T 808 terminal control (0x8105)', () => {
  it('decodes the published frame with no parameters', () => {
    const { header: h, body: b } = frame('7E81050001012345678900000105087E');
    expect(h).toMatchObject({ messageId: 0x8105, terminalPhone: '012345678900', serial: 1 });
    expect(b).toEqual({ messageId: 0x8105, command: 5, parameters: '' });
  });

  it('decodes the published frame with text parameters', () => {
    // From SmallChi/JT808 before June 2021; it now writes the ports and time limit as WORDs.
    const { body: b } = frame(
      '7E8105004B012345678900000101313B544B4E616D653B544B3B544B3132333B7777772E62616964752E636F6D3B383830363B333330363B31323334353B636F64653B322E303B312E303B7777772E544B2E636F6D3B3630227E',
    );
    expect(b).toEqual({
      messageId: 0x8105,
      command: 1,
      parameters: '1;TKName;TK;TK123;www.baidu.com;8806;3306;12345;code;2.0;1.0;www.TK.com;60',
    });
  });
});

describe('JT/T 808 multimedia (0x0800, 0x0801, 0x8800, 0x8801, 0x0805)', () => {
  it('decodes the published 0x0800 body', () => {
    expect(body(0x0800, '000015C101020106')).toEqual({
      messageId: 0x0800,
      mediaId: 5569,
      mediaType: 1,
      format: 2,
      eventCode: 1,
      channelId: 6,
    });
  });

  it('decodes the published 0x0801 body: fields, 28 location bytes, then the data', () => {
    const b = only(
      body(
        0x0801,
        '00000A070000017B000000010000000200BA7F0E07E4F11C0028003C000018111523261001020304',
      ),
      0x0801,
    );
    expect(b).toMatchObject({ mediaId: 2567, mediaType: 0, format: 0, eventCode: 1 });
    expect(b.channelId).toBe(123);
    expect(b.location).toMatchObject({
      alarm: 1,
      status: 2,
      altitudeM: 40,
      speedKmh: 6, // 60 on the wire, in 1/10 km/h
      directionDeg: 0,
      extraItems: [],
    });
    expect(b.location.lat).toBeCloseTo(12.222222, 6);
    expect(b.location.lon).toBeCloseTo(132.444444, 6);
    // 2018-11-15 23:26:10 in the device's UTC+8.
    expect(b.location.time.toISOString()).toBe('2018-11-15T15:26:10.000Z');
    expect(b.data).toEqual(fromHex('01020304'));
  });

  it('writes only the 28 location bytes of 0x0801, whatever items its location has', () => {
    const h = header(0x0801);
    const fix = location({
      lat: 12.222222,
      lon: 132.444444,
      time: new Date('2018-11-15T15:26:10Z'),
      altitudeM: 40,
      speedKmh: 6,
      alarm: 1,
      status: 2,
      mileageKm: 12.3,
      satellites: 9,
    });
    const sent: Jt808Body = {
      messageId: 0x0801,
      mediaId: 2567,
      mediaType: 0,
      format: 0,
      eventCode: 1,
      channelId: 123,
      location: fix,
      data: fromHex('01020304'),
    };
    expect(encodeBody({ header: h, body: sent })).toBe(
      '00000a070000017b000000010000000200ba7f0e07e4f11c0028003c000018111523261001020304',
    );
  });

  it('refuses a 0x0801 body too short for its location', () => {
    expect(() => decodeJt808Body(header(0x0801), fromHex('00000A070000017B0000000100'))).toThrow(
      Jt808DecodeError,
    );
  });

  it('decodes the published 0x8800 body', () => {
    expect(body(0x8800, '000000810201020304')).toEqual({
      messageId: 0x8800,
      mediaId: 129,
      packageIds: [0x0102, 0x0304],
    });
  });

  it('writes a 0x8800 with nothing to re-send as the media id alone (the spec), and reads a count of 0 too', () => {
    expect(body(0x8800, '00000081')).toEqual({ messageId: 0x8800, mediaId: 129, packageIds: [] });
    expect(decodeJt808Body(header(0x8800), fromHex('0000008100'))).toEqual({
      messageId: 0x8800,
      mediaId: 129,
      packageIds: [],
    });
    // SmallChi/JT808's frames for the same answer, without and with the count.
    expect(frame('7E88000004000123456789000100000081857E').body).toEqual({
      messageId: 0x8800,
      mediaId: 129,
      packageIds: [],
    });
    expect(decodeJt808Frame(fromHex('7E8800000500012345678900010000008100847E')).body).toEqual({
      messageId: 0x8800,
      mediaId: 129,
      packageIds: [],
    });
  });

  it('decodes the published 0x8801 body (with 0x7e bytes, escaped in a frame)', () => {
    const b = body(0x8801, '8000000A7E010809EB7E78F5');
    expect(b).toEqual({
      messageId: 0x8801,
      channelId: 128,
      command: 0,
      intervalS: 2686,
      saveFlag: 1,
      resolution: 8,
      quality: 9,
      brightness: 235,
      contrast: 126,
      saturation: 120,
      chroma: 245,
    });
    const wire = encodeJt808Message({ header: header(0x8801), body: b });
    expect(wire.subarray(1, -1).includes(0x7e)).toBe(false);
    expect(decodeJt808Frame(wire).body).toEqual(b);
  });

  it('decodes the published 0x0805 body', () => {
    expect(body(0x0805, '30A80000020000301200003124')).toEqual({
      messageId: 0x0805,
      replySerial: 12456,
      result: 0,
      mediaIds: [12306, 12580],
    });
  });

  it('has no media ids in a 0x0805 that failed, or that ends after the result', () => {
    expect(body(0x0805, '30A802')).toEqual({
      messageId: 0x0805,
      replySerial: 12456,
      result: 2,
      mediaIds: [],
    });
    expect(decodeJt808Body(header(0x0805), fromHex('30A800'))).toEqual({
      messageId: 0x0805,
      replySerial: 12456,
      result: 0,
      mediaIds: [],
    });
  });
});

describe('JT/T 808-2019 server time (0x0004, 0x8004)', () => {
  it('has an empty 0x0004 body', () => {
    expect(body(0x0004, '', 'V2019')).toEqual({ messageId: 0x0004 });
  });

  it('decodes the published 0x8004 body as UTC', () => {
    const b = body(0x8004, '191126155850', 'V2019');
    expect(b).toEqual({ messageId: 0x8004, time: new Date('2019-11-26T15:58:50Z') });
  });

  it('refuses a time that is not YYMMDDhhmmss', () => {
    expect(() => decodeJt808Body(header(0x8004, 'V2019'), fromHex('191326155850'))).toThrow(
      Jt808DecodeError,
    );
  });
});

// Two packages (1 and 2 of 10) of a photo's 0x0801, published by SmallChi/JT808
// (JT808_0x0801Test.Package1 and Package2). Their check codes are wrong (0x1c where the XOR
// is 0x8e, 0x51 where it is 0xc3): that test suite sets SkipCRCCode. Their lengths are right.
const PIECE1 =
  '7e080123240138123456782031000a00010000271d0000010100000000000c200301d2400a063296a501e100000000190104092952ffd8ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d0101020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f0100030101010101010101010000000000000102030405060708090a0bffc400b51100020102040403040705040400010277000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9faffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffdb0043010909090c0b0c180d0d1832211c213232323232323232323232323232323232323232323232323232323232323232323232323232323232323232323232323232fffe000b4750456e636f646572ffdb0043000d090a0b0a080d0b0a0b0e0e0d0f13201513121213271c1e17202e2931302e292d2c333a4a3e333646372c2d405741464c4e525352323e5a615a50604a51524fffdb0043010e0e0e131113261515264f352d354f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4fffc000110800f0014003012100021101031101ffc4001f000001050101010101010000000000000000010203041c7e';
const PIECE2 =
  '7e080123000138123456782032000a000205060708090a0bffc400b5100002010303020403050504040000017d0101020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f0100030101010101010101010000000000000102030405060708090a0bffc400b51100020102040403040705040400010277000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9faffdd00040000ffda000c03010002110311003f006c6a2a755ce299a5c942e0f35281c5004aa72314a54e38a07b8841ef4840a0673de21b4ff498ee402038dade991fe7f4acc110f4a0cd8ef2f1405cd01d45f2e9360a062edc5745616a6dad511861cfccff0053499512e056cf1460e3348a0ed4b8e338fc2819cb5edbfd9ee648b18556f97fdd3d3f4aafb4d332ea433a6573e9550d3131d18c9c558031c0a4083a503039a60c42c2984e4f4a06260d370690098ef4751400c615132d021868a621431a33480ef235e05595403eb54cbb0b8e7069dc0e3a9a41b12a024f4a9d40f4a18c5651e951c88179268194ee614b989a2719461ffea35cfdcda4b6b2ed71c1e55874345c96ba91819a704c50217613db349b39031c9e945c66a69ba794713cebf30fb8be9ee6b540c1e948a48760e3a526d2dc77a0a144471d297cb623a71484646bb685234b81d01d8e7d018f43f9ff003ac16386c552225b8300c2a84c8c8c4ed247b502616cc0517e';

/** The frame with its check code set to the XOR of its header and body. */
function withRightCheckCode(hex: string): Uint8Array {
  const bytes = fromHex(hex);
  const content = unescapeFrame(bytes, 1, bytes.length - 1).slice();
  content[content.length - 1] = checkCode(content, 0, content.length - 1);
  return escapeFrame(content);
}

describe('JT/T 808 sub-packaged 0x0801 (published pieces)', () => {
  it('refuses the pieces as published: their check codes are wrong', () => {
    for (const [hex, published, computed] of [
      [PIECE1, '1c', '8e'],
      [PIECE2, '51', 'c3'],
    ] as const) {
      let error: unknown;
      try {
        decodeJt808Frame(fromHex(hex));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(Jt808DecodeError);
      expect((error as Jt808DecodeError).field).toBe('checkCode');
      expect((error as Error).message).toBe(`check code is 0x${published}, computed 0x${computed}`);
    }
  });

  it('reads their headers, and keeps each piece as it came', () => {
    const first = decodeJt808Frame(withRightCheckCode(PIECE1));
    expect(first.header).toEqual({
      messageId: 0x0801,
      version: 'V2013',
      protocolVersion: 0,
      terminalPhone: '013812345678',
      serial: 0x2031,
      encryption: 0,
      subpackage: { total: 10, index: 1 },
    });
    if (!('other' in first.body)) throw new Error('a piece is not decoded on its own');
    expect(first.body.bodyHex.length / 2).toBe(0x324);
    expect(first.body.bodyHex.startsWith('0000271d00000101')).toBe(true);

    const second = decodeJt808Frame(withRightCheckCode(PIECE2));
    expect(second.header).toMatchObject({
      messageId: 0x0801,
      terminalPhone: '013812345678',
      serial: 0x2032,
      subpackage: { total: 10, index: 2 },
    });
    if (!('other' in second.body)) throw new Error('a piece is not decoded on its own');
    expect(second.body.bodyHex.length / 2).toBe(0x300);
  });

  it('decodes the first piece body with decodeJt808Body: fields, location, then the JPEG', () => {
    const { header: h, body: piece } = decodeJt808Frame(withRightCheckCode(PIECE1));
    if (!('other' in piece)) throw new Error('a piece is not decoded on its own');
    const b = only(decodeJt808Body(h, fromHex(piece.bodyHex)), 0x0801);
    expect(b).toMatchObject({
      mediaId: 0x271d,
      mediaType: 0,
      format: 0,
      eventCode: 1,
      channelId: 1,
    });
    expect(b.location).toMatchObject({
      alarm: 0,
      status: 0x000c2003,
      altitudeM: 481,
      speedKmh: 0,
      directionDeg: 0,
      extraItems: [],
    });
    expect(b.location.flags).toMatchObject({ accOn: true, positioned: true, usesBeidou: true });
    expect(b.location.lat).toBeCloseTo(30.55617, 6);
    expect(b.location.lon).toBeCloseTo(103.978661, 6);
    // 2019-01-04 09:29:52 in UTC+8.
    expect(b.location.time.toISOString()).toBe('2019-01-04T01:29:52.000Z');
    expect(b.data.length).toBe(0x324 - 36);
    expect(toHex(b.data.subarray(0, 4))).toBe('ffd8ffc4');
  });
});

const word = fc.integer({ min: 0, max: 0xffff });
const byte = fc.integer({ min: 0, max: 0xff });
const dword = fc.integer({ min: 0, max: 0xffffffff });
const time = fc
  .integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2099, 11, 30) })
  .map((ms) => new Date(Math.floor(ms / 1000) * 1000));
const parameters = fc.array(fc.record({ id: dword, value: fc.uint8Array({ maxLength: 20 }) }), {
  maxLength: 8,
});
const media = { mediaId: dword, mediaType: byte, format: byte, eventCode: byte, channelId: byte };

const bodyArb: fc.Arbitrary<Jt808Body> = fc.oneof(
  fc.constantFrom(0x8104, 0x0004).map((messageId) => ({ messageId }) as Jt808Body),
  fc.record({
    messageId: fc.constantFrom(0x8003 as const, 0x0005 as const),
    originalSerial: word,
    packageIds: fc.array(word, { maxLength: 40 }),
  }),
  fc.record({ messageId: fc.constant(0x8004 as const), time }),
  fc.record({ messageId: fc.constant(0x8103 as const), parameters }),
  fc.record({
    messageId: fc.constant(0x8106 as const),
    parameterIds: fc.array(dword, { maxLength: 20 }),
  }),
  fc.record({ messageId: fc.constant(0x0104 as const), replySerial: word, parameters }),
  fc.record({
    messageId: fc.constant(0x8105 as const),
    command: byte,
    parameters: fc
      .array(fc.constantFrom(...'1;TKName;www.baidu.com;8806;港口'.split('')), { maxLength: 40 })
      .map((c) => c.join('')),
  }),
  fc.record({ messageId: fc.constant(0x0800 as const), ...media }),
  fc.record({
    messageId: fc.constant(0x0801 as const),
    ...media,
    location: fc
      .record({
        lat: fc.integer({ min: 1, max: 90_000_000 }).map((v) => v / 1e6),
        lon: fc.integer({ min: -180_000_000, max: -1 }).map((v) => v / 1e6),
        time,
        alarm: dword,
        speedKmh: word.map((v) => v / 10),
      })
      .map((fields) => location(fields)),
    data: fc.uint8Array({ maxLength: 200 }),
  }),
  fc.record({
    messageId: fc.constant(0x8800 as const),
    mediaId: dword,
    packageIds: fc.array(word, { maxLength: 40 }),
  }),
  fc.record({
    messageId: fc.constant(0x8801 as const),
    channelId: byte,
    command: word,
    intervalS: word,
    saveFlag: byte,
    resolution: byte,
    quality: byte,
    brightness: byte,
    contrast: byte,
    saturation: byte,
    chroma: byte,
  }),
  fc
    .record({
      messageId: fc.constant(0x0805 as const),
      replySerial: word,
      result: fc.integer({ min: 0, max: 2 }),
      mediaIds: fc.array(dword, { maxLength: 20 }),
    })
    .map((b) => (b.result === 0 ? b : { ...b, mediaIds: [] })),
) as fc.Arbitrary<Jt808Body>;

describe('JT/T 808 round trips of these messages (fast-check)', () => {
  it.each(['V2013', 'V2019'] as const)('decode(encode(m)) is m in %s', (version) => {
    fc.assert(
      fc.property(bodyArb, (b) => {
        const message = { header: header(b.messageId, version), body: b };
        expect(decodeJt808Frame(encodeJt808Message(message))).toEqual(message);
      }),
      { numRuns: 1000 },
    );
  });
});
