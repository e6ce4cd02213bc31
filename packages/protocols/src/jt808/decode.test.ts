import { describe, expect, it } from 'vitest';
import traccar from '../../test/fixtures/jt808-traccar.json' with { type: 'json' };
import { fromHex, toHex } from './bytes.ts';
import { Jt808DecodeError } from './errors.ts';
import { escapeFrame, unescapeFrame } from './frame.ts';
import type { Jt808Location } from './location.ts';
import { decodeJt808Frame, encodeJt808Message } from './messages.ts';

function expectLocation(
  actual: Jt808Location,
  expected: Record<string, unknown>,
  flags: Record<string, boolean | undefined>,
) {
  for (const [field, value] of Object.entries(expected)) {
    const got = actual[field as keyof Jt808Location];
    if (field === 'time') expect((got as Date).toISOString(), field).toBe(value);
    else if (typeof value === 'number') expect(got, field).toBeCloseTo(value, 6);
    else expect(got, field).toEqual(value);
  }
  for (const [flag, value] of Object.entries(flags)) {
    if (value !== undefined)
      expect(actual.flags[flag as keyof Jt808Location['flags']], flag).toBe(value);
  }
}

describe('JT/T 808 frames from Traccar decoder tests', () => {
  it.each(traccar.frames)('$name', (frame) => {
    const message = decodeJt808Frame(fromHex(frame.hex));
    expect(message.header).toMatchObject(frame.header);
    const body = message.body;
    if ('body' in frame) expect(body).toEqual(frame.body);
    if ('location' in frame && frame.location) {
      const location =
        'location' in body ? body.location : 'locations' in body ? body.locations[0] : undefined;
      if ('batch' in frame && 'locations' in body) {
        expect({ type: body.type, count: body.locations.length }).toEqual(frame.batch);
      }
      if (!location) throw new Error('no location decoded');
      expectLocation(location, frame.location, frame.flags ?? {});
    }
    // Re-encoding gives back the same message, and the same bytes unless the device padded a field.
    const reencoded = encodeJt808Message(message);
    expect(decodeJt808Frame(reencoded)).toEqual(message);
    if (!('paddingNote' in frame)) expect(toHex(reencoded)).toBe(frame.hex.toLowerCase());
  });
});

describe('JT/T 808 framing (§4.4)', () => {
  it('escapes 0x7e and 0x7d and undoes it', () => {
    const content = Uint8Array.from([0x30, 0x7e, 0x08, 0x7d, 0x55]);
    const escaped = escapeFrame(content);
    // The spec's own example: 0x30 7e 08 7d 55 is sent as 7e 30 7d 02 08 7d 01 55 7e.
    expect(toHex(escaped)).toBe('7e307d02087d01557e');
    expect(unescapeFrame(escaped, 1, escaped.length - 1)).toEqual(content);
  });

  it.each([
    [
      'a wrong check code',
      '7e0200001f01207646327900400000000000006002015c7ab706d20469003b0000000025040216362606013e6c7e',
      'checkCode',
    ],
    [
      'a body shorter than the header says',
      '7e0200002001207646327900400000000000006002015c7ab706d20469003b0000000025040216362606013e6b7e',
      'checkCode',
    ],
    ['a bad escape', '7e02007d0500', 'escape'],
    ['a truncated header', '7e020000011e7e', 'frame'],
  ])('refuses %s', (_name, hex, field) => {
    let error: unknown;
    try {
      decodeJt808Frame(fromHex(hex));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Jt808DecodeError);
    expect((error as Jt808DecodeError).field).toBe(field);
  });
});
