import { AisDecoder } from '../ais/decoder.ts';
import { fromHex, type Jt808DecodeError, Jt808StreamDecoder } from '../jt808/index.ts';
import { decodeNmeaSentence } from '../nmea/gps.ts';

export type LineFormat = 'ais' | 'jt808' | 'nmea';

export type LineOutcome =
  | { kind: 'decoded'; format: LineFormat; json: Record<string, unknown> }
  | { kind: 'error'; format: LineFormat | 'unknown'; field: string; message: string }
  | { kind: 'pending' };

/** Which codec a line is for: AIS starts with ! or a tag block, NMEA with $, JT/T 808 is hex from 7e. */
export function detectFormat(line: string): LineFormat | null {
  const first = line.charAt(0);
  if (first === '!' || first === '\\') return 'ais';
  if (first === '$') return 'nmea';
  if (/^7e[0-9a-f\s]*$/i.test(line)) return 'jt808';
  return null;
}

/**
 * Decodes a capture line by line, keeping the state a stream needs (AIS fragments). Each
 * line gives zero or more outcomes; nothing a line holds can stop the next one.
 */
export class LineDecoder {
  private readonly ais = new AisDecoder();

  constructor(private readonly forced: LineFormat | null = null) {}

  decode(line: string, lineNumber: number): LineOutcome[] {
    const format = this.forced ?? detectFormat(line);
    switch (format) {
      case 'ais': {
        const result = this.ais.push(line, lineNumber * 1000);
        if (!result) return [{ kind: 'pending' }];
        if (!result.ok)
          return [
            { kind: 'error', format, field: result.error.field, message: result.error.message },
          ];
        const { message, ...meta } = result;
        return [
          {
            kind: 'decoded',
            format,
            json: {
              class: 'AIS',
              ...message,
              channel: meta.channel,
              talker: meta.talker,
              receivedAt: meta.receivedAt,
              source: meta.source,
            },
          },
        ];
      }
      case 'nmea': {
        const result = decodeNmeaSentence(line);
        if (!result.ok)
          return [
            { kind: 'error', format, field: result.error.field, message: result.error.message },
          ];
        return [{ kind: 'decoded', format, json: { class: 'NMEA', ...result.position } }];
      }
      case 'jt808':
        return this.decodeJt808(line);
      default:
        return [
          {
            kind: 'error',
            format: 'unknown',
            field: 'line',
            message: 'not an AIS (!), NMEA ($) or JT/T 808 (hex from 7e) line',
          },
        ];
    }
  }

  private decodeJt808(line: string): LineOutcome[] {
    let bytes: Uint8Array;
    try {
      bytes = fromHex(line);
    } catch (error) {
      const { field, message } = error as Jt808DecodeError;
      return [{ kind: 'error', format: 'jt808', field, message }];
    }
    // A line is a whole capture record: one or more frames, never continued on the next line.
    const outcomes: LineOutcome[] = new Jt808StreamDecoder().push(bytes).map((result) =>
      result.ok
        ? { kind: 'decoded', format: 'jt808', json: { class: 'JT808', ...result.message } }
        : {
            kind: 'error',
            format: 'jt808',
            field: result.error.field,
            message: result.error.message,
          },
    );
    return outcomes.length > 0
      ? outcomes
      : [{ kind: 'error', format: 'jt808', field: 'frame', message: 'frame has no closing 0x7e' }];
  }
}
