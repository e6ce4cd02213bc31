import type { AisDecoded } from '../ais/decoder.ts';
import { AisDecoder } from '../ais/decoder.ts';
import { fromHex, type Jt808DecodeError, Jt808StreamDecoder, toHex } from '../jt808/index.ts';
import { decodeNmeaSentence } from '../nmea/gps.ts';

export type LineFormat = 'ais' | 'jt808' | 'nmea';

/** What a line gave; `json` is the message as one line of JSON text. */
export type LineOutcome =
  | { kind: 'decoded'; format: LineFormat; json: string }
  | { kind: 'error'; format: LineFormat | 'unknown'; field: string; message: string }
  | { kind: 'pending' };

/**
 * Receives what each line gives, without an object or array per line (harbor-decode's hot
 * path). A decoded message's JSON is `head + members + tail`, where `members` is what stands
 * between the braces of the JSON object text `object`: the message's own JSON is written as
 * it is, not copied into a larger string.
 */
export type LineSink = {
  decoded(format: LineFormat, head: string, object: string, tail: string): void;
  error(format: LineFormat | 'unknown', field: string, message: string): void;
  pending(): void;
};

/** Which codec a line is for: AIS starts with ! or a tag block, NMEA with $, JT/T 808 is hex from 7e. */
export function detectFormat(line: string): LineFormat | null {
  const first = line.charAt(0);
  if (first === '!' || first === '\\') return 'ais';
  if (first === '$') return 'nmea';
  if (/^7e[0-9a-f\s]*$/i.test(line)) return 'jt808';
  return null;
}

const AIS_HEAD = '{"class":"AIS",';
type Tail = {
  channel: string;
  talker: string;
  receivedAtMs: number | null;
  source: string | null;
  text: string;
};

/**
 * The last few tails written. A feed repeats the same few (a talker on each channel, the
 * same receive second in the tag blocks of a burst): found again by comparing a few short
 * values, which is cheaper than writing the JSON again (a date's costs a call to printf).
 */
const recentTails: Tail[] = [];
let nextTail = 0;
const RECENT_TAILS = 8;

/** The end of an AIS message's JSON: where it came from, after the message's fields. */
export function aisTail({ channel, talker, receivedAt, source }: AisDecoded): string {
  const receivedAtMs = receivedAt === null ? null : receivedAt.getTime();
  for (const tail of recentTails) {
    if (
      tail.receivedAtMs === receivedAtMs &&
      tail.channel === channel &&
      tail.talker === talker &&
      tail.source === source
    )
      return tail.text;
  }
  const text = `,"channel":${JSON.stringify(channel)},"talker":${JSON.stringify(talker)},"receivedAt":${JSON.stringify(receivedAt)},"source":${JSON.stringify(source)}}`;
  recentTails[nextTail] = { channel, talker, receivedAtMs, source, text };
  nextTail = (nextTail + 1) % RECENT_TAILS;
  return text;
}

/** An AIS message as JSON: `class`, the message's fields, then where it came from. */
export function aisJson(result: AisDecoded): string {
  return `${AIS_HEAD}${JSON.stringify(result.message).slice(1, -1)}${aisTail(result)}`;
}

/**
 * Decodes a capture line by line, keeping the state a stream needs (AIS fragments). Each
 * line gives zero or more outcomes; nothing a line holds can stop the next one.
 */
export class LineDecoder {
  private readonly ais = new AisDecoder();

  constructor(private readonly forced: LineFormat | null = null) {}

  /** The outcomes of one line, as a list. */
  decode(line: string, lineNumber: number): LineOutcome[] {
    const outcomes: LineOutcome[] = [];
    this.decodeInto(line, lineNumber, {
      decoded: (format, head, object, tail) =>
        outcomes.push({ kind: 'decoded', format, json: `${head}${object.slice(1, -1)}${tail}` }),
      error: (format, field, message) => outcomes.push({ kind: 'error', format, field, message }),
      pending: () => outcomes.push({ kind: 'pending' }),
    });
    return outcomes;
  }

  /** The outcomes of one line, handed to `sink`. */
  decodeInto(line: string, lineNumber: number, sink: LineSink): void {
    const format = this.forced ?? detectFormat(line);
    switch (format) {
      case 'ais': {
        const result = this.ais.push(line, lineNumber * 1000);
        if (!result) sink.pending();
        else if (!result.ok) sink.error(format, result.error.field, result.error.message);
        else sink.decoded(format, AIS_HEAD, JSON.stringify(result.message), aisTail(result));
        return;
      }
      case 'nmea': {
        const result = decodeNmeaSentence(line);
        if (!result.ok) sink.error(format, result.error.field, result.error.message);
        else sink.decoded(format, '{"class":"NMEA",', JSON.stringify(result.position), '}');
        return;
      }
      case 'jt808':
        this.decodeJt808(line, sink);
        return;
      default:
        sink.error('unknown', 'line', 'not an AIS (!), NMEA ($) or JT/T 808 (hex from 7e) line');
    }
  }

  private decodeJt808(line: string, sink: LineSink): void {
    let bytes: Uint8Array;
    try {
      bytes = fromHex(line);
    } catch (error) {
      const { field, message } = error as Jt808DecodeError;
      sink.error('jt808', field, message);
      return;
    }
    // A line is a whole capture record: one or more frames, never continued on the next line.
    const results = new Jt808StreamDecoder().push(bytes);
    for (const result of results) {
      if (result.ok)
        sink.decoded('jt808', '{"class":"JT808",', JSON.stringify(result.message, bytesAsHex), '}');
      else sink.error('jt808', result.error.field, result.error.message);
    }
    if (results.length === 0) sink.error('jt808', 'frame', 'frame has no closing 0x7e');
  }
}

/** Byte fields (a photo's data, a parameter's value) as hex in JSON, not as an index object. */
function bytesAsHex(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? toHex(value) : value;
}
