import { type BcdMemo, fixedText, Reader, toHex, Writer } from './bytes.ts';
import { Jt808DecodeError } from './errors.ts';
import {
  frameReader,
  hasEscape,
  type Jt808Header,
  type Jt808Version,
  readHeader,
  unescapeFrame,
  writeFrame,
} from './frame.ts';
import { decodeGbk, encodeGbk } from './gbk.ts';
import { type Jt808Location, readLocation, writeLocation } from './location.ts';

/** Message bodies, by message id (JT/T 808-2013 / -2019 chapter 8). */
export type Jt808Body =
  /** 0x0001 terminal general response and 0x8001 platform general response (§8.1, §8.2). */
  | { messageId: 0x0001 | 0x8001; replySerial: number; replyMessageId: number; result: number }
  /**
   * Empty bodies: 0x0002 terminal heartbeat, 0x8201 position query, 0x8104 query all terminal
   * parameters (2013 §8.10) and, 2019 only, 0x0004 query server time (2019 §8.4).
   */
  | { messageId: 0x0002 | 0x8201 | 0x8104 | 0x0004 }
  /**
   * 0x8003 platform request to re-send sub-packages (2013 §8.4) and 0x0005 terminal request to
   * re-send sub-packages (2019 §8.7): the serial of the message's first package and the package
   * numbers wanted. Their count is a BYTE in 2013 and a WORD in 2019.
   */
  | { messageId: 0x8003 | 0x0005; originalSerial: number; packageIds: number[] }
  /** 0x8004 server time answer (2019 only): the platform's time, sent as UTC. */
  | { messageId: 0x8004; time: Date }
  /** 0x8103 set terminal parameters (2013 §8.9); items as in JT808_PARAMETERS. */
  | { messageId: 0x8103; parameters: Jt808Parameter[] }
  /** 0x8106 query given terminal parameters (2013 §8.11). */
  | { messageId: 0x8106; parameterIds: number[] }
  /** 0x0104 query terminal parameters answer (2013 §8.12), to 0x8104 or 0x8106. */
  | { messageId: 0x0104; replySerial: number; parameters: Jt808Parameter[] }
  /**
   * 0x8105 terminal control (2013 §8.13): command 1 wireless upgrade, 2 connect to a given
   * server, 3 power off, 4 reset, 5 factory reset, 6 close data link, 7 close all wireless
   * links; the parameters of commands 1 and 2 are GBK text, fields separated by ';'.
   */
  | { messageId: 0x8105; command: number; parameters: string }
  /**
   * 0x0800 multimedia event: media type 0 image, 1 audio, 2 video; format 0 JPEG, 1 TIF,
   * 2 MP3, 3 WAV, 4 WMV; event 0 platform command, 1 timed action, 2 robbery alarm,
   * 3 collision or rollover alarm (2019 adds 4 door open, 5 door closed, 6 door speed change,
   * 7 fixed distance).
   */
  | {
      messageId: 0x0800;
      mediaId: number;
      mediaType: number;
      format: number;
      eventCode: number;
      channelId: number;
    }
  /**
   * 0x0801 multimedia data upload: the 0x0800 fields, the location basic information (the
   * 28-byte fixed part of a 0x0200 body, never additional items) and the media's bytes. A
   * photo spans many sub-packages; only the first one starts with these fields.
   */
  | {
      messageId: 0x0801;
      mediaId: number;
      mediaType: number;
      format: number;
      eventCode: number;
      channelId: number;
      location: Jt808Location;
      data: Uint8Array;
    }
  /**
   * 0x8800 multimedia data upload answer: the packages of media `mediaId` to send again,
   * none when all came.
   */
  | { messageId: 0x8800; mediaId: number; packageIds: number[] }
  /**
   * 0x8801 camera shoot now. command: 0 stop, 0xFFFF record video, else the number of photos;
   * intervalS: between photos, or the video's length (0: shortest interval, or record until
   * stopped); saveFlag 1 save, 0 upload now; resolution 1 320×240, 2 640×480, 3 800×600,
   * 4 1024×768, 5 176×144, 6 352×288, 7 704×288, 8 704×576; quality 1 (best) to 10;
   * brightness and chroma 0-255, contrast and saturation 0-127.
   */
  | {
      messageId: 0x8801;
      channelId: number;
      command: number;
      intervalS: number;
      saveFlag: number;
      resolution: number;
      quality: number;
      brightness: number;
      contrast: number;
      saturation: number;
      chroma: number;
    }
  /**
   * 0x0805 camera shoot now answer: result 0 ok, 1 failed, 2 channel not supported; the ids of
   * the media taken (on the wire only when the result is 0).
   */
  | { messageId: 0x0805; replySerial: number; result: number; mediaIds: number[] }
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

/** One terminal parameter item of 0x8103 and 0x0104 (2013 table 10): id DWORD, length BYTE, value. */
export type Jt808Parameter = { id: number; value: Uint8Array };

/** Terminal parameter ids (2013 table 12) Harbor sets or reads; all of them DWORD-valued. */
export const JT808_PARAMETERS = {
  /** 0x0001: terminal heartbeat interval, seconds. */
  heartbeatIntervalS: 0x0001,
  /** 0x0029: default time reporting interval, seconds. */
  reportIntervalS: 0x0029,
  /** 0x0055: maximum speed, km/h. */
  maxSpeedKmh: 0x0055,
  /** 0x0056: overspeed duration before the alarm, seconds. */
  overspeedDurationS: 0x0056,
} as const;

/** A DWORD-valued parameter item (as the ids in JT808_PARAMETERS take). */
export function dwordParameter(id: number, value: number): Jt808Parameter {
  return { id, value: new Writer().dword(value).done() };
}

/** The value of a DWORD-valued parameter item; its value must be exactly 4 bytes. */
export function readDwordParameter(item: Jt808Parameter): number {
  const field = `parameter 0x${item.id.toString(16).padStart(4, '0')}`;
  if (item.value.length !== 4)
    throw new Jt808DecodeError(field, `${field} has ${item.value.length} bytes, a DWORD has 4`);
  return new Reader(item.value).dword(field);
}

/** Bytes of the location basic information in 0x0801 (the fixed part of a 0x0200 body). */
const LOCATION_BASIC_BYTES = 28;

/**
 * Decodes one frame: the bytes between two 0x7e flags (the flags themselves may be included),
 * or those of `frame[from..to)`. A frame with nothing escaped is read where it is. `phones`
 * keeps the terminal phone read last, for a stream of one terminal's frames.
 */
export function decodeJt808Frame(
  frame: Uint8Array,
  from = 0,
  to = frame.length,
  phones?: BcdMemo,
): Jt808Message {
  const start = frame[from] === 0x7e ? from + 1 : from;
  const end = to > start && frame[to - 1] === 0x7e ? to - 1 : to;
  let reader: Reader;
  if (hasEscape(frame, start, end)) {
    const content = unescapeFrame(frame, start, end);
    reader = frameReader(content, 0, content.length);
  } else reader = frameReader(frame, start, end);
  const header = readHeader(reader, phones);
  if (header.subpackage && header.subpackage.total > 1) {
    // Reassembling sub-packages is the session's job; the piece is returned as it is.
    return {
      header,
      body: { messageId: header.messageId, bodyHex: toHex(reader.rest()), other: true },
    };
  }
  return { header, body: readBody(header, reader) };
}

/**
 * Decodes a message body given its header: for a body put back together from sub-packages,
 * whose pieces decodeJt808Frame leaves as `other`.
 */
export function decodeJt808Body(header: Jt808Header, body: Uint8Array): Jt808Body {
  return readBody(header, new Reader(body));
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
    case 0x8104:
    case 0x0004:
      return { messageId: id };
    case 0x8003:
    case 0x0005: {
      const originalSerial = r.word('originalSerial');
      const count = is2019 ? r.word('packageCount') : r.byte('packageCount');
      return { messageId: id, originalSerial, packageIds: readWords(r, count, 'packageId') };
    }
    case 0x8004:
      return { messageId: id, time: readUtcTime(r) };
    case 0x8103:
      return { messageId: id, parameters: readParameters(r) };
    case 0x8106: {
      const count = r.byte('parameterCount');
      const parameterIds: number[] = [];
      for (let i = 0; i < count; i++) parameterIds.push(r.dword('parameterId'));
      return { messageId: id, parameterIds };
    }
    case 0x0104:
      return { messageId: id, replySerial: r.word('replySerial'), parameters: readParameters(r) };
    case 0x8105:
      return { messageId: id, command: r.byte('command'), parameters: decodeGbk(r.rest()) };
    case 0x0800:
      return {
        messageId: id,
        mediaId: r.dword('mediaId'),
        mediaType: r.byte('mediaType'),
        format: r.byte('format'),
        eventCode: r.byte('eventCode'),
        channelId: r.byte('channelId'),
      };
    case 0x0801: {
      const mediaId = r.dword('mediaId');
      const mediaType = r.byte('mediaType');
      const format = r.byte('format');
      const eventCode = r.byte('eventCode');
      const channelId = r.byte('channelId');
      if (r.remaining < LOCATION_BASIC_BYTES)
        throw new Jt808DecodeError(
          'location',
          `location needs ${LOCATION_BASIC_BYTES} bytes, ${r.remaining} left`,
        );
      // A reader of exactly the 28 bytes: what follows is the media, not additional items.
      const location = readLocation(new Reader(r.bytes, r.offset, r.offset + LOCATION_BASIC_BYTES));
      r.offset += LOCATION_BASIC_BYTES;
      // Copied: the frame's bytes belong to the stream decoder's buffer.
      const data = new Uint8Array(r.rest());
      return { messageId: id, mediaId, mediaType, format, eventCode, channelId, location, data };
    }
    case 0x8800: {
      const mediaId = r.dword('mediaId');
      // All packages came: the count may be 0 or absent.
      const count = r.remaining > 0 ? r.byte('packageCount') : 0;
      return { messageId: id, mediaId, packageIds: readWords(r, count, 'packageId') };
    }
    case 0x8801:
      return {
        messageId: id,
        channelId: r.byte('channelId'),
        command: r.word('command'),
        intervalS: r.word('interval'),
        saveFlag: r.byte('saveFlag'),
        resolution: r.byte('resolution'),
        quality: r.byte('quality'),
        brightness: r.byte('brightness'),
        contrast: r.byte('contrast'),
        saturation: r.byte('saturation'),
        chroma: r.byte('chroma'),
      };
    case 0x0805: {
      const replySerial = r.word('replySerial');
      const result = r.byte('result');
      const mediaIds: number[] = [];
      if (result === 0 && r.remaining > 0) {
        const count = r.word('mediaCount');
        for (let i = 0; i < count; i++) mediaIds.push(r.dword('mediaId'));
      }
      return { messageId: id, replySerial, result, mediaIds };
    }
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

function readWords(r: Reader, count: number, field: string): number[] {
  const words: number[] = [];
  for (let i = 0; i < count; i++) words.push(r.word(field));
  return words;
}

/** Parameter items of 0x8103 and 0x0104: a BYTE count, then id DWORD, length BYTE, value each. */
function readParameters(r: Reader): Jt808Parameter[] {
  const count = r.byte('parameterCount');
  const parameters: Jt808Parameter[] = [];
  for (let i = 0; i < count; i++) {
    const id = r.dword('parameterId');
    const length = r.byte('parameterLength');
    // Copied: the frame's bytes belong to the stream decoder's buffer.
    const value = new Uint8Array(r.slice(length, `parameter 0x${id.toString(16)}`));
    parameters.push({ id, value });
  }
  return parameters;
}

/** BCD[6] YYMMDDhhmmss read as UTC (0x8004); location times are UTC+8 instead (location.ts). */
function readUtcTime(r: Reader): Date {
  const yy = r.bcdByte('time');
  const mo = r.bcdByte('time');
  const dd = r.bcdByte('time');
  const hh = r.bcdByte('time');
  const mi = r.bcdByte('time');
  const ss = r.bcdByte('time');
  if (!(mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 && hh < 24 && mi < 60 && ss < 60)) {
    throw new Jt808DecodeError(
      'time',
      `time ${[yy, mo, dd, hh, mi, ss].join(',')} is not YYMMDDhhmmss`,
    );
  }
  return new Date(Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss));
}

function writeUtcTime(w: Writer, time: Date): Writer {
  const two = (n: number) => String(n).padStart(2, '0');
  return w.bcd(
    two(time.getUTCFullYear() % 100) +
      two(time.getUTCMonth() + 1) +
      two(time.getUTCDate()) +
      two(time.getUTCHours()) +
      two(time.getUTCMinutes()) +
      two(time.getUTCSeconds()),
    6,
  );
}

/** A count that must fit its field: a wrapped count would misframe everything after it. */
function count(n: number, max: number, field: string): number {
  if (n > max) throw new RangeError(`${n} ${field} do not fit a count of at most ${max}`);
  return n;
}

/** The wire bytes (flags, escaping and check code included) of a message. */
export function encodeJt808Message(message: Jt808Message): Uint8Array {
  return writeFrame(message.header, encodeJt808Body(message.header.version, message.body));
}

/**
 * A message body's bytes, without header or framing: for a body too long for one frame, which
 * the caller cuts into sub-packages.
 */
export function encodeJt808Body(version: Jt808Version, body: Jt808Body): Uint8Array {
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
    case 0x8104:
    case 0x0004:
      break;
    case 0x8003:
    case 0x0005: {
      w.word(body.originalSerial);
      const n = count(body.packageIds.length, is2019 ? 0xffff : 0xff, 'package ids');
      if (is2019) w.word(n);
      else w.byte(n);
      for (const packageId of body.packageIds) w.word(packageId);
      break;
    }
    case 0x8004:
      writeUtcTime(w, body.time);
      break;
    case 0x8103:
      writeParameters(w, body.parameters);
      break;
    case 0x8106:
      w.byte(count(body.parameterIds.length, 0xff, 'parameter ids'));
      for (const parameterId of body.parameterIds) w.dword(parameterId);
      break;
    case 0x0104:
      writeParameters(w.word(body.replySerial), body.parameters);
      break;
    case 0x8105:
      w.byte(body.command).bytes(encodeGbk(body.parameters));
      break;
    case 0x0800:
      w.dword(body.mediaId)
        .byte(body.mediaType)
        .byte(body.format)
        .byte(body.eventCode)
        .byte(body.channelId);
      break;
    case 0x0801: {
      // The basic information only: any additional items of the location are left out.
      const location = writeLocation(new Writer(), body.location).done();
      w.dword(body.mediaId)
        .byte(body.mediaType)
        .byte(body.format)
        .byte(body.eventCode)
        .byte(body.channelId)
        .bytes(location.subarray(0, LOCATION_BASIC_BYTES))
        .bytes(body.data);
      break;
    }
    case 0x8800:
      // Nothing to re-send: the media id alone, as the spec says (no field follows it); a
      // decoder takes a count of 0 as well.
      w.dword(body.mediaId);
      if (body.packageIds.length === 0) break;
      w.byte(count(body.packageIds.length, 0xff, 'package ids'));
      for (const packageId of body.packageIds) w.word(packageId);
      break;
    case 0x8801:
      w.byte(body.channelId)
        .word(body.command)
        .word(body.intervalS)
        .byte(body.saveFlag)
        .byte(body.resolution)
        .byte(body.quality)
        .byte(body.brightness)
        .byte(body.contrast)
        .byte(body.saturation)
        .byte(body.chroma);
      break;
    case 0x0805:
      w.word(body.replySerial).byte(body.result);
      if (body.result === 0) {
        w.word(count(body.mediaIds.length, 0xffff, 'media ids'));
        for (const mediaId of body.mediaIds) w.dword(mediaId);
      }
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

function writeParameters(w: Writer, parameters: Jt808Parameter[]): void {
  w.byte(count(parameters.length, 0xff, 'parameters'));
  for (const { id, value } of parameters)
    w.dword(id)
      .byte(count(value.length, 0xff, 'value bytes'))
      .bytes(value);
}
