import { fixedText, Reader, toHex, Writer } from './bytes.ts';
import { Jt808DecodeError } from './errors.ts';
import {
  type Jt808Header,
  type Jt808Version,
  readFrame,
  unescapeFrame,
  writeFrame,
} from './frame.ts';
import { decodeGbk, encodeGbk } from './gbk.ts';
import { type Jt808Location, readLocation, writeLocation } from './location.ts';

/** Message bodies, by message id (JT/T 808-2013 / -2019 chapter 8). */
export type Jt808Body =
  /** 0x0001 terminal general response and 0x8001 platform general response (§8.1, §8.2). */
  | { messageId: 0x0001 | 0x8001; replySerial: number; replyMessageId: number; result: number }
  /** 0x0002 terminal heartbeat, 0x8201 position query: empty bodies. */
  | { messageId: 0x0002 | 0x8201 }
  /** 0x0100 terminal registration (§8.5). */
  | {
      messageId: 0x0100;
      provinceId: number;
      cityId: number;
      manufacturerId: string;
      terminalModel: string;
      terminalId: string;
      /** Plate colour (JT/T 415): 0 none, 1 blue, 2 yellow, 3 black, 4 white, 9 other. */
      plateColor: number;
      plate: string;
    }
  /** 0x8100 registration response (§8.6): result 0 ok, 1 vehicle registered, 2 no such vehicle, 3 terminal registered, 4 no such terminal. */
  | { messageId: 0x8100; replySerial: number; result: number; authCode: string | null }
  /** 0x0102 terminal authentication (§8.8); IMEI and software version in 2019 only. */
  | { messageId: 0x0102; authCode: string; imei: string | null; softwareVersion: string | null }
  | { messageId: 0x0200; location: Jt808Location }
  /** 0x0201 position query response (§8.19). */
  | { messageId: 0x0201; replySerial: number; location: Jt808Location }
  /** 0x0704 batch location upload (§8.56): type 0 normal, 1 blind-area re-send. */
  | { messageId: 0x0704; type: number; locations: Jt808Location[] }
  /** 0x8300 text message (§8.23); the text type byte is 2019 only (1 notice, 2 service). */
  | { messageId: 0x8300; flag: number; textType: number | null; text: string }
  /** A message Harbor does not interpret: kept with its body. */
  | { messageId: number; bodyHex: string; other: true };

export type Jt808Message = { header: Jt808Header; body: Jt808Body };

/** Decodes one frame: the bytes between two 0x7e flags (the flags themselves may be included). */
export function decodeJt808Frame(frame: Uint8Array): Jt808Message {
  const from = frame[0] === 0x7e ? 1 : 0;
  const to =
    frame.length > from && frame[frame.length - 1] === 0x7e ? frame.length - 1 : frame.length;
  const { header, body } = readFrame(unescapeFrame(frame, from, to));
  if (header.subpackage && header.subpackage.total > 1) {
    // Reassembling sub-packages is the session's job; the piece is returned as it is.
    return { header, body: { messageId: header.messageId, bodyHex: toHex(body), other: true } };
  }
  return { header, body: readBody(header, new Reader(body)) };
}

function readBody(header: Jt808Header, r: Reader): Jt808Body {
  const is2019 = header.version === 'V2019';
  const id = header.messageId;
  switch (id) {
    case 0x0001:
    case 0x8001:
      return {
        messageId: id,
        replySerial: r.word('replySerial'),
        replyMessageId: r.word('replyMessageId'),
        result: r.byte('result'),
      };
    case 0x0002:
    case 0x8201:
      return { messageId: id };
    case 0x0100:
      return {
        messageId: id,
        provinceId: r.word('provinceId'),
        cityId: r.word('cityId'),
        manufacturerId: fixedText(r.slice(is2019 ? 11 : 5, 'manufacturerId')),
        terminalModel: fixedText(r.slice(is2019 ? 30 : 20, 'terminalModel')),
        terminalId: fixedText(r.slice(is2019 ? 30 : 7, 'terminalId')),
        plateColor: r.byte('plateColor'),
        plate: decodeGbk(r.rest()).replace(/\0+$/, ''),
      };
    case 0x8100: {
      const replySerial = r.word('replySerial');
      const result = r.byte('result');
      return {
        messageId: id,
        replySerial,
        result,
        authCode: result === 0 ? decodeGbk(r.rest()) : null,
      };
    }
    case 0x0102: {
      if (!is2019)
        return { messageId: id, authCode: decodeGbk(r.rest()), imei: null, softwareVersion: null };
      const length = r.byte('authCodeLength');
      return {
        messageId: id,
        authCode: decodeGbk(r.slice(length, 'authCode')),
        imei: fixedText(r.slice(15, 'imei')),
        softwareVersion: fixedText(r.slice(20, 'softwareVersion')),
      };
    }
    case 0x0200:
      return { messageId: id, location: readLocation(r) };
    case 0x0201:
      return { messageId: id, replySerial: r.word('replySerial'), location: readLocation(r) };
    case 0x0704: {
      const count = r.word('count');
      const type = r.byte('type');
      const locations: Jt808Location[] = [];
      for (let i = 0; i < count; i++) {
        const length = r.word('itemLength');
        const item = new Reader(r.bytes, r.offset, r.offset + length);
        if (r.remaining < length)
          throw new Jt808DecodeError(
            'itemLength',
            `item ${i} claims ${length} bytes, ${r.remaining} left`,
          );
        locations.push(readLocation(item));
        r.offset += length;
      }
      return { messageId: id, type, locations };
    }
    case 0x8300: {
      const flag = r.byte('flag');
      const textType = is2019 ? r.byte('textType') : null;
      return { messageId: id, flag, textType, text: decodeGbk(r.rest()) };
    }
    default:
      return { messageId: id, bodyHex: toHex(r.rest()), other: true };
  }
}

/** The wire bytes (flags, escaping and check code included) of a message. */
export function encodeJt808Message(message: Jt808Message): Uint8Array {
  return writeFrame(message.header, writeBody(message.header.version, message.body));
}

function writeBody(version: Jt808Version, body: Jt808Body): Uint8Array {
  const w = new Writer();
  const is2019 = version === 'V2019';
  if ('other' in body) {
    for (let i = 0; i < body.bodyHex.length; i += 2)
      w.byte(Number.parseInt(body.bodyHex.slice(i, i + 2), 16));
    return w.done();
  }
  switch (body.messageId) {
    case 0x0001:
    case 0x8001:
      w.word(body.replySerial).word(body.replyMessageId).byte(body.result);
      break;
    case 0x0002:
    case 0x8201:
      break;
    case 0x0100:
      w.word(body.provinceId)
        .word(body.cityId)
        .fixed(body.manufacturerId, is2019 ? 11 : 5)
        .fixed(body.terminalModel, is2019 ? 30 : 20)
        .fixed(body.terminalId, is2019 ? 30 : 7)
        .byte(body.plateColor)
        .bytes(encodeGbk(body.plate));
      break;
    case 0x8100:
      w.word(body.replySerial).byte(body.result);
      if (body.result === 0) w.bytes(encodeGbk(body.authCode ?? ''));
      break;
    case 0x0102: {
      const code = encodeGbk(body.authCode);
      if (!is2019) w.bytes(code);
      else
        w.byte(code.length)
          .bytes(code)
          .fixed(body.imei ?? '', 15)
          .fixed(body.softwareVersion ?? '', 20);
      break;
    }
    case 0x0200:
      writeLocation(w, body.location);
      break;
    case 0x0201:
      writeLocation(w.word(body.replySerial), body.location);
      break;
    case 0x0704:
      w.word(body.locations.length).byte(body.type);
      for (const location of body.locations) {
        const item = writeLocation(new Writer(), location).done();
        w.word(item.length).bytes(item);
      }
      break;
    case 0x8300:
      w.byte(body.flag);
      if (is2019) w.byte(body.textType ?? 1);
      w.bytes(encodeGbk(body.text));
      break;
  }
  return w.done();
}
