import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Jt808DecodeError } from './errors.ts';
import { escapeFrame, unescapeFrame } from './frame.ts';
import { location } from './location.ts';
import {
  decodeJt808Frame,
  encodeJt808Message,
  type Jt808Body,
  type Jt808Message,
} from './messages.ts';
import { Jt808StreamDecoder } from './stream-decoder.ts';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const ascii = (max: number) =>
  fc
    .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'.split('')), {
      maxLength: max,
    })
    .map((c) => c.join(''));
const word = fc.integer({ min: 0, max: 0xffff });
const byte = fc.integer({ min: 0, max: 0xff });
const dword = fc.integer({ min: 0, max: 0xffffffff });

const header = (messageId: number) =>
  fc.constantFrom('V2013' as const, 'V2019' as const).chain((version) =>
    fc.record({
      messageId: fc.constant(messageId),
      version: fc.constant(version),
      protocolVersion: version === 'V2019' ? fc.integer({ min: 1, max: 255 }) : fc.constant(0),
      terminalPhone: digits(version === 'V2019' ? 20 : 12),
      serial: word,
      encryption: fc.constant(0),
      subpackage: fc.constant(null),
    }),
  );

const locationArb = fc
  .record({
    alarm: dword,
    status: dword,
    lat: fc.integer({ min: -90_000_000, max: 90_000_000 }).map((v) => v / 1e6),
    lon: fc.integer({ min: -180_000_000, max: 180_000_000 }).map((v) => v / 1e6),
    altitudeM: fc.integer({ min: -500, max: 9000 }),
    speedKmh: fc.integer({ min: 0, max: 2000 }).map((v) => v / 10),
    directionDeg: fc.integer({ min: 0, max: 359 }),
    time: fc
      .integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2099, 11, 30) })
      .map((ms) => new Date(Math.floor(ms / 1000) * 1000)),
    mileageKm: fc.option(
      fc.integer({ min: 0, max: 0xffffffff }).map((v) => v / 10),
      { nil: null },
    ),
    fuelL: fc.option(
      word.map((v) => v / 10),
      { nil: null },
    ),
    recorderSpeedKmh: fc.option(
      word.map((v) => v / 10),
      { nil: null },
    ),
    signalStrength: fc.option(byte, { nil: null }),
    satellites: fc.option(byte, { nil: null }),
    extraItems: fc.array(
      fc.record({
        id: fc.constantFrom(0x04, 0x11, 0x25, 0x2a, 0x2b, 0xe1, 0xeb),
        hex: fc
          .uint8Array({ minLength: 0, maxLength: 8 })
          .map((b) => Buffer.from(b).toString('hex')),
      }),
      { maxLength: 3 },
    ),
  })
  // Zero latitude or longitude has no sign on the wire: the hemisphere bits then follow the status word.
  .filter((l) => l.lat !== 0 && l.lon !== 0)
  .map((fields) => location(fields));

const gbkText = (max: number) =>
  fc
    .array(fc.constantFrom(...'沪京浙苏粤ABC0123456789 港口集装箱请到闸口'.split('')), {
      maxLength: max,
    })
    .map((c) => c.join(''));

const message: fc.Arbitrary<Jt808Message> = fc.oneof(
  fc
    .tuple(fc.constantFrom(0x0001, 0x8001), word, word, fc.integer({ min: 0, max: 4 }))
    .chain(([id, replySerial, replyMessageId, result]) =>
      header(id).map((h) => ({
        header: h,
        body: { messageId: id, replySerial, replyMessageId, result } as Jt808Body,
      })),
    ),
  fc
    .constantFrom(0x0002, 0x8201)
    .chain((id) => header(id).map((h) => ({ header: h, body: { messageId: id } as Jt808Body }))),
  header(0x0100).chain((h) =>
    fc
      .record({
        provinceId: word,
        cityId: word,
        manufacturerId: ascii(h.version === 'V2019' ? 11 : 5),
        terminalModel: ascii(h.version === 'V2019' ? 30 : 20),
        terminalId: ascii(h.version === 'V2019' ? 30 : 7),
        plateColor: fc.integer({ min: 0, max: 9 }),
        plate: gbkText(8).map((p) => p.trimEnd()),
      })
      .map((fields) => ({ header: h, body: { messageId: 0x0100, ...fields } as Jt808Body })),
  ),
  header(0x8100).chain((h) =>
    fc
      .record({ replySerial: word, result: fc.integer({ min: 0, max: 4 }), authCode: ascii(16) })
      .map(({ result, authCode, replySerial }) => ({
        header: h,
        body: {
          messageId: 0x8100,
          replySerial,
          result,
          authCode: result === 0 ? authCode : null,
        } as Jt808Body,
      })),
  ),
  header(0x0102).chain((h) =>
    fc.record({ authCode: ascii(20), imei: digits(15), softwareVersion: ascii(20) }).map((f) => ({
      header: h,
      body: {
        messageId: 0x0102,
        authCode: f.authCode,
        imei: h.version === 'V2019' ? f.imei : null,
        softwareVersion: h.version === 'V2019' ? f.softwareVersion : null,
      } as Jt808Body,
    })),
  ),
  header(0x0200).chain((h) =>
    locationArb.map((l) => ({ header: h, body: { messageId: 0x0200, location: l } as Jt808Body })),
  ),
  header(0x0201).chain((h) =>
    fc.tuple(word, locationArb).map(([replySerial, l]) => ({
      header: h,
      body: { messageId: 0x0201, replySerial, location: l } as Jt808Body,
    })),
  ),
  header(0x0704).chain((h) =>
    fc
      .tuple(fc.integer({ min: 0, max: 1 }), fc.array(locationArb, { minLength: 1, maxLength: 5 }))
      .map(([type, locations]) => ({
        header: h,
        body: { messageId: 0x0704, type, locations } as Jt808Body,
      })),
  ),
  header(0x8300).chain((h) =>
    fc.tuple(byte, fc.integer({ min: 1, max: 2 }), gbkText(40)).map(([flag, textType, text]) => ({
      header: h,
      body: {
        messageId: 0x8300,
        flag,
        textType: h.version === 'V2019' ? textType : null,
        text,
      } as Jt808Body,
    })),
  ),
);

describe('JT/T 808 round trips (fast-check)', () => {
  it('decode(encode(m)) is m for generated messages of every type, 2013 and 2019', () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(decodeJt808Frame(encodeJt808Message(m))).toEqual(m);
      }),
      { numRuns: 2000 },
    );
  });

  it('encode(decode(x)) is x for generated frames', () => {
    fc.assert(
      fc.property(message, (m) => {
        const frame = encodeJt808Message(m);
        expect(encodeJt808Message(decodeJt808Frame(frame))).toEqual(frame);
      }),
      { numRuns: 1000 },
    );
  });

  it('escaping round-trips any bytes and never leaves a 0x7e inside the frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (content) => {
        const escaped = escapeFrame(content);
        expect(escaped.subarray(1, -1).includes(0x7e)).toBe(false);
        expect(unescapeFrame(escaped, 1, escaped.length - 1)).toEqual(content);
      }),
    );
  });
});

describe('the TCP stream decoder', () => {
  it('decodes every frame however the stream is cut, with garbage between frames', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            message,
            fc.uint8Array({ maxLength: 6 }).map((g) => g.filter((b) => b !== 0x7e)),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        (items, cuts) => {
          const stream = Buffer.concat(
            items.flatMap(([m, garbage]) => [garbage, encodeJt808Message(m)]),
          );
          const decoder = new Jt808StreamDecoder();
          const decoded: Jt808Message[] = [];
          // `each` hands on the same messages as they are cut, the errors between them too.
          const handing = new Jt808StreamDecoder();
          const handed: Jt808Message[] = [];
          let errors = 0;
          let handedErrors = 0;
          let at = 0;
          for (let i = 0; at < stream.length; i++) {
            const size = cuts[i % cuts.length] ?? 1;
            for (const result of decoder.push(stream.subarray(at, at + size))) {
              if (result.ok) decoded.push(result.message);
              else errors++;
            }
            handing.each(
              stream.subarray(at, at + size),
              (message) => handed.push(message),
              () => handedErrors++,
            );
            at += size;
          }
          expect(decoded).toEqual(items.map(([m]) => m));
          expect(decoder.buffered).toBe(0);
          expect(handed).toEqual(decoded);
          expect(handedErrors).toBe(errors);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps nothing of a chunk: every read into one reused buffer decodes the same', () => {
    // The simulator's terminals read into one buffer, filled again by the next read.
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        (messages, cuts) => {
          const stream = Buffer.concat(messages.map((m) => encodeJt808Message(m)));
          const reused = Buffer.alloc(64);
          const decoder = new Jt808StreamDecoder();
          const decoded: Jt808Message[] = [];
          let errors = 0;
          let at = 0;
          for (let i = 0; at < stream.length; i++) {
            const size = Math.min(cuts[i % cuts.length] ?? 1, stream.length - at);
            stream.copy(reused, 0, at, at + size);
            decoder.each(
              reused.subarray(0, size),
              (m) => decoded.push(m),
              () => errors++,
            );
            reused.fill(0x7e);
            at += size;
          }
          expect(errors).toBe(0);
          expect(decoded).toEqual(messages);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reads each frame's own phone, however often the one before it repeats", () => {
    const phones = [
      '013800138000',
      '013800138000',
      '013800138001',
      '00000000013800138000',
      '013800138000',
    ];
    // The same digits in a 2019 header (20) and a 2013 one (12) are different phones.
    const frames = phones.map((terminalPhone, serial) =>
      encodeJt808Message({
        header: {
          messageId: 0x0002,
          version: terminalPhone.length === 20 ? 'V2019' : 'V2013',
          protocolVersion: terminalPhone.length === 20 ? 1 : 0,
          terminalPhone,
          serial,
          encryption: 0,
          subpackage: null,
        },
        body: { messageId: 0x0002 },
      }),
    );
    const decoder = new Jt808StreamDecoder();
    const read: string[] = [];
    for (const frame of frames)
      decoder.each(
        frame,
        (message) => read.push(message.header.terminalPhone),
        () => {},
      );
    expect(read).toEqual(phones);
  });

  it('reports bit-flipped and truncated frames as typed errors and keeps going', () => {
    fc.assert(
      fc.property(
        message,
        message,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bad, good, at, mask) => {
          const frame = encodeJt808Message(bad);
          const flipped = frame.slice();
          const index = 1 + (at % (frame.length - 2));
          flipped[index] = ((flipped[index] as number) ^ mask) & 0xff;
          const decoder = new Jt808StreamDecoder();
          const results = [
            ...decoder.push(flipped),
            ...decoder.push(frame.subarray(0, Math.max(2, index))),
            ...decoder.push(Uint8Array.of(0x7e)),
            ...decoder.push(encodeJt808Message(good)),
          ];
          for (const result of results)
            if (!result.ok) expect(result.error).toBeInstanceOf(Jt808DecodeError);
          const last = results.at(-1);
          expect(last?.ok && last.message).toEqual(good);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on random bytes and bounds its buffer', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 500 }), { maxLength: 20 }), (chunks) => {
        const decoder = new Jt808StreamDecoder();
        for (const chunk of chunks) {
          for (const result of decoder.push(chunk))
            if (!result.ok) expect(result.error).toBeInstanceOf(Jt808DecodeError);
        }
      }),
      { numRuns: 1000 },
    );
    const decoder = new Jt808StreamDecoder();
    const results = decoder.push(Uint8Array.of(0x7e, ...new Uint8Array(10_000).fill(1)));
    expect(results.map((r) => r.ok === false && r.error.field)).toEqual(['frame']);
    expect(decoder.buffered).toBe(0);
  });
});
