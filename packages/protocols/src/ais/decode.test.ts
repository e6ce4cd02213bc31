import { describe, expect, it } from 'vitest';
import published from '../../test/fixtures/ais-published.json' with { type: 'json' };
import { hex2, nmeaChecksum } from '../nmea/checksum.ts';
import { AisDecoder, type AisResult, decodeAisSentence } from './decoder.ts';

/** A sentence with a correct checksum around `body` (the text between ! and *). */
const framed = (body: string) => `!${body}*${hex2(nmeaChecksum(body))}`;

function decodeAll(sentences: string[]): AisResult {
  const decoder = new AisDecoder();
  const results = sentences.map((sentence) => decoder.push(sentence, 0));
  const last = results.at(-1);
  expect(results.slice(0, -1)).toEqual(results.slice(0, -1).map(() => null));
  if (!last) throw new Error('no result');
  return last;
}

/** Compares decoded fields; coordinates to 1e-6 degree (the published values are rounded). */
function expectFields(actual: Record<string, unknown>, expected: Record<string, unknown>) {
  for (const [field, value] of Object.entries(expected)) {
    if (field === 'timestamp') expect((actual[field] as Date).toISOString(), field).toBe(value);
    else if (typeof value === 'number' && !Number.isInteger(value))
      expect(actual[field], field).toBeCloseTo(value, 5);
    else expect(actual[field], field).toEqual(value);
  }
}

describe('AIS decoding of published example messages', () => {
  it.each(published.messages.map((m) => [m.expected.type, m.expected.mmsi, m] as const))(
    'type %i from %i',
    (_type, _mmsi, { sentences, expected }) => {
      const result = decodeAll(sentences);
      if (!result.ok) throw result.error;
      expectFields(result.message as unknown as Record<string, unknown>, expected);
    },
  );

  it("decodes the example of gpsd's AIVDM/AIVDO documentation", () => {
    // "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C": MMSI 477553000, moored, 0 kn,
    // 47.582833 N 122.345832 W, course 51, heading 181.
    const result = decodeAisSentence('!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C');
    if (!result.ok) throw result.error;
    expectFields(result.message as unknown as Record<string, unknown>, {
      type: 1,
      mmsi: 477553000,
      status: 5,
      speedKnots: 0,
      lon: -122.345832,
      lat: 47.582833,
      courseDeg: 51,
      headingDeg: 181,
    });
    expect(result.channel).toBe('B');
  });
});

describe('short class A position reports (163-167 bits, as transponders in service send them)', () => {
  // gpsd test/sample.aivdm, "type=1 length=163" and "type=1 length=168": one report, sent with 5 fill bits and without.
  const PAYLOAD = '13aIkM@P00PJ@qPNL=e@0?wJ28JO';

  it('decodes every field of the 163-bit report as of the 168-bit one, radio aside, and flags it', () => {
    const short = decodeAisSentence('!AIVDM,1,1,,A,13aIkM@P00PJ@qPNL=e@0?wJ28JO,5*63');
    const full = decodeAisSentence('!AIVDM,1,1,,A,13aIkM@P00PJ@qPNL=e@0?wJ28JO,0*66');
    if (!short.ok) throw short.error;
    if (!full.ok) throw full.error;
    expect(short.message).toEqual({ ...full.message, radio: null, isShort: true });
    expect(full.message).toMatchObject({ isShort: false, radio: 34463 });
  });

  it.each([1, 2, 3])(
    'takes 163 to 167 bits for type %i, refuses 162 naming the payload',
    (type) => {
      // The published payload with its first character (the message type) set to `type`.
      const payload = `${type}${PAYLOAD.slice(1)}`;
      for (const fillBits of [1, 2, 3, 4, 5]) {
        const result = decodeAisSentence(framed(`AIVDM,1,1,,A,${payload},${fillBits}`));
        if (!result.ok) throw result.error;
        expect(result.message).toMatchObject({ type, mmsi: 244740981, isShort: true, radio: null });
      }
      const cut = decodeAisSentence(framed(`AIVDM,1,1,,A,${payload.slice(0, 27)},0`));
      expect(cut.ok === false && [cut.error.field, cut.error.message]).toEqual([
        'payload',
        `message type ${type} needs 163 bits, got 162`,
      ]);
    },
  );

  it('gives no other type the allowance: a 163-bit base station report is refused', () => {
    const result = decodeAisSentence(framed('AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,5'));
    expect(result.ok === false && result.error.message).toBe(
      'message type 4 needs 168 bits, got 163',
    );
  });
});

describe('AIS sentences with errors', () => {
  it.each([
    ['!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B', 'checksum'],
    ['!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0', 'checksum'],
    [framed('AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g2,0'), 'payload'],
    [framed('GPGGA,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0'), 'sentence'],
    [framed('AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,7'), 'fillBits'],
    [framed('AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208C~,0'), 'payload'],
    [framed('AIVDM,1,2,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0'), 'fragmentNumber'],
    [framed('AIVDM,0,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0'), 'fragmentCount'],
    [framed('AIVDM,1,1,,AB,15RTgt0PAso;90TKcjM8h6g208CQ,0'), 'channel'],
    ['garbage', 'sentence'],
  ])('%s is refused naming %s', (line, field) => {
    const result = decodeAisSentence(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.field).toBe(field);
  });

  it('reports a type it does not decode with its raw bits instead of dropping it', () => {
    const result = decodeAisSentence('!AIVDM,1,1,,B,:5MlU41GMK6@,0*6C');
    if (!result.ok) throw result.error;
    expect(result.message).toMatchObject({
      type: 10,
      mmsi: 366814480,
      undecoded: true,
      bitLength: 72,
    });
  });
});

describe('NMEA 4.0 tag blocks', () => {
  it('takes the receive time and source station from the tag block', () => {
    const tag = 's:2573345,c:1671620143';
    const line = `\\${tag}*${hex2(nmeaChecksum(tag))}\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A`;
    const result = decodeAisSentence(line);
    if (!result.ok) throw result.error;
    expect(result.source).toBe('2573345');
    expect(result.receivedAt?.toISOString()).toBe('2022-12-21T10:55:43.000Z');
  });

  it('refuses a tag block whose checksum is wrong', () => {
    const tag = 's:2573345,c:1671620143';
    const wrong = hex2(nmeaChecksum(tag) ^ 1);
    const result = decodeAisSentence(
      `\\${tag}*${wrong}\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A`,
    );
    expect(result.ok ? 'decoded' : result.error.field).toBe('tagBlock');
  });
});

describe('multi-sentence reassembly', () => {
  const [first, second] = published.messages[5]?.sentences ?? [];

  it('reassembles fragments interleaved with other traffic', () => {
    const decoder = new AisDecoder();
    expect(decoder.push(first ?? '', 0)).toBeNull();
    expect(decoder.push('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A', 1)?.ok).toBe(true);
    const result = decoder.push(second ?? '', 2);
    expect(result?.ok && result.message.type).toBe(5);
  });

  it('keeps channels apart (gpsd channel multiplexing sample)', () => {
    const decoder = new AisDecoder();
    const results = [
      '!AIVDM,2,1,6,B,542M92h00001@<7;?G0PD4i@R0<tqA8tj37>220o0h:2240Ht50000000000,0*3B',
      '!AIVDM,2,1,2,A,542M92h00001@<7;?G0PD4i@R0<tqA8tj37>220o0h:2240Ht500000000000000,0*3C',
      '!AIVDM,2,2,2,A,0000002,2*24',
      '!AIVDM,2,2,6,B,00000000000,2*21',
    ].map((line) => decoder.push(line, 0));
    expect(results.map((r) => (r?.ok ? r.message.type : r))).toEqual([null, null, 5, 5]);
  });

  const tagged = (tag: string, line: string) => `\\${tag}*${hex2(nmeaChecksum(tag))}\\${line}`;

  it('joins a continuation without a tag block to the group its tagged first fragment started', () => {
    // Station feeds tag the first fragment only (source and receive time), as here.
    const decoder = new AisDecoder();
    expect(decoder.push(tagged('s:2573345,c:1671620143', first ?? ''), 0)).toBeNull();
    const result = decoder.push(second ?? '', 1);
    expect(result?.ok && result.message.type).toBe(5);
    expect(result?.ok && [result.source, result.receivedAt?.toISOString()]).toEqual([
      '2573345',
      '2022-12-21T10:55:43.000Z',
    ]);
  });

  it('groups by the NMEA 4.0 group tag g:n-of-id, keeping two stations apart', () => {
    const decoder = new AisDecoder();
    const results = [
      tagged('g:1-2-11,s:station-a,c:1671620143', first ?? ''),
      tagged('g:1-2-12,s:station-b,c:1671620150', first ?? ''),
      tagged('g:2-2-12', second ?? ''),
      tagged('g:2-2-11', second ?? ''),
    ].map((line) => decoder.push(line, 0));
    expect(results.map((r) => (r?.ok ? r.source : r))).toEqual([
      null,
      null,
      'station-b',
      'station-a',
    ]);
  });

  it('refuses a second fragment without its first, as gpsd does', () => {
    const result = new AisDecoder().push(second ?? '', 0);
    expect(result?.ok === false && result.error.field).toBe('fragmentNumber');
  });

  it('drops fragments that never complete after the time-out, and bounds the buffer', () => {
    const decoder = new AisDecoder({ fragmentTimeoutMs: 1000, maxPending: 2 });
    decoder.push(first ?? '', 0);
    decoder.push('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A', 5000);
    // The first fragment is 5 s old: expired, so the second finds nothing to join.
    expect(decoder.push(second ?? '', 5000)?.ok).toBe(false);
    expect(decoder.stats.fragmentsDropped).toBe(1);
    for (const id of [1, 2, 3]) {
      decoder.push(
        framed(`AIVDM,2,1,${id},A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0`),
        6000,
      );
    }
    // Three incomplete messages, room for two: the oldest goes.
    expect(decoder.stats.fragmentsDropped).toBe(2);
  });
});
