import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import ggaFromGpsd from '../../test/fixtures/nmea-gga-gpsd.json' with { type: 'json' };
import published from '../../test/fixtures/nmea-published.json' with { type: 'json' };
import { encodeGga, encodeRmc, encodeVtg } from './encode-gps.ts';
import { decodeNmeaSentence, type NmeaPosition } from './gps.ts';

function decoded(line: string): NmeaPosition {
  const result = decodeNmeaSentence(line);
  if (!result.ok) throw result.error;
  return result.position;
}

const fix = fc.record({
  talker: fc.constantFrom('GP', 'GN', 'BD', 'GL'),
  time: fc
    .integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2079, 11, 31) })
    .map((ms) => new Date(Math.floor(ms / 10) * 10)),
  lat: fc.integer({ min: -89_999_999, max: 89_999_999 }).map((v) => v / 1e6),
  lon: fc.integer({ min: -179_999_999, max: 179_999_999 }).map((v) => v / 1e6),
  speedKnots: fc.integer({ min: 0, max: 99_999 }).map((v) => v / 100),
  courseDeg: fc.integer({ min: 0, max: 3599 }).map((v) => v / 10),
  altitudeM: fc.integer({ min: -4000, max: 90_000 }).map((v) => v / 10),
  satellites: fc.integer({ min: 0, max: 40 }),
  hdop: fc.integer({ min: 5, max: 999 }).map((v) => v / 10),
});

describe('NMEA GPS encode/decode round trips (fast-check)', () => {
  it('decode(encode(fix)) gives the fix back, to the micro-degree, for RMC, GGA and VTG', () => {
    fc.assert(
      fc.property(fix, (f) => {
        const rmc = decodeNmeaSentence(encodeRmc(f));
        const gga = decodeNmeaSentence(encodeGga(f));
        const vtg = decodeNmeaSentence(encodeVtg(f));
        if (!rmc.ok) throw rmc.error;
        if (!gga.ok) throw gga.error;
        if (!vtg.ok) throw vtg.error;
        expect(rmc.position.time).toEqual(f.time);
        expect(rmc.position.lat).toBeCloseTo(f.lat, 6);
        expect(rmc.position.lon).toBeCloseTo(f.lon, 6);
        expect([
          rmc.position.talker,
          rmc.position.speedKnots,
          rmc.position.courseDeg,
          rmc.position.isValid,
        ]).toEqual([f.talker, f.speedKnots, f.courseDeg, true]);
        expect([
          gga.position.satellites,
          gga.position.hdop,
          gga.position.altitudeM,
          gga.position.fixQuality,
        ]).toEqual([f.satellites, f.hdop, f.altitudeM, 1]);
        expect(gga.position.lat).toBeCloseTo(f.lat, 6);
        expect([vtg.position.courseDeg, vtg.position.speedKnots]).toEqual([
          f.courseDeg,
          f.speedKnots,
        ]);
      }),
      { numRuns: 2000 },
    );
  });

  it('encode(decode(x)) is x for generated RMC sentences', () => {
    fc.assert(
      fc.property(fix, (f) => {
        const line = encodeRmc(f);
        const decoded = decodeNmeaSentence(line);
        if (!decoded.ok) throw decoded.error;
        const { talker, time, lat, lon, speedKnots, courseDeg } = decoded.position;
        if (!time) throw new Error('RMC without time');
        expect(encodeRmc({ talker, time, lat, lon, speedKnots, courseDeg })).toBe(line);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes the published RMC example as published', () => {
    expect(
      encodeRmc({
        time: new Date('1994-03-23T12:35:19Z'),
        lat: 48.1173,
        lon: 11.516666667,
        speedKnots: 22.4,
        courseDeg: 84.4,
        magneticVariationDeg: -3.1,
      }),
    ).toMatch(
      /^\$GPRMC,123519\.00,A,4807\.038000,N,01131\.000000,E,22\.4,84\.4,230394,3\.1,W,A\*[0-9A-F]{2}$/,
    );
  });
});

/** Every GGA field, each one possibly empty. */
const gga = fc.record({
  talker: fc.constantFrom('GP', 'GN', 'BD', 'GL'),
  timeOfDayUtc: fc.option(
    fc.integer({ min: 0, max: 86_399_999 }).map((ms) => new Date(ms).toISOString().slice(11, 23)),
  ),
  lat: fc.option(fc.integer({ min: -89_999_999, max: 89_999_999 }).map((v) => v / 1e6)),
  lon: fc.option(fc.integer({ min: -179_999_999, max: 179_999_999 }).map((v) => v / 1e6)),
  fixQuality: fc.option(fc.integer({ min: 0, max: 8 })),
  satellites: fc.option(fc.integer({ min: 0, max: 40 })),
  hdop: fc.option(fc.integer({ min: 5, max: 9999 }).map((v) => v / 100)),
  altitudeM: fc.option(fc.integer({ min: -4000, max: 90_000 }).map((v) => v / 10)),
  altitudeUnit: fc.constantFrom('M' as const, null),
  geoidSeparationM: fc.option(fc.integer({ min: -1100, max: 900 }).map((v) => v / 10)),
  geoidSeparationUnit: fc.constantFrom('M' as const, null),
  dgpsAgeS: fc.option(fc.integer({ min: 0, max: 9999 }).map((v) => v / 10)),
  dgpsStationId: fc.option(fc.integer({ min: 0, max: 1023 })),
});

describe('GGA, every field, encode/decode', () => {
  it('decode(encode(gga)) gives every field back, empty ones as null', () => {
    fc.assert(
      fc.property(gga, (fields) => {
        // A coordinate is written with its hemisphere or not at all: both or neither.
        const f = { ...fields, lon: fields.lat === null ? null : fields.lon };
        const position = decoded(encodeGga(f));
        const { lat, lon, ...rest } = f;
        expect(position).toMatchObject({ ...rest, sentence: 'GGA', time: null });
        if (lat === null) expect(position.lat).toBeNull();
        else expect(position.lat).toBeCloseTo(lat, 7);
        if (lon === null) expect(position.lon).toBeNull();
        else expect(position.lon).toBeCloseTo(lon, 7);
      }),
      { numRuns: 2000 },
    );
  });

  it('encode(decode(x)) is x, character for character, for generated GGA sentences', () => {
    fc.assert(
      fc.property(gga, (f) => {
        const line = encodeGga(f);
        expect(encodeGga(decoded(line))).toBe(line);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ...published.sentences.filter(({ line }) => line.includes('GGA,')),
    ...ggaFromGpsd.sentences,
  ])('round-trips the published $line through the encoder', ({ line }) => {
    const original = decoded(line);
    const again = decoded(encodeGga(original));
    const { lat, lon, ...rest } = original;
    expect(again).toMatchObject(rest);
    // The encoder writes six decimals of a minute (2 mm); the logs carry up to eight.
    for (const [value, back] of [
      [lat, again.lat],
      [lon, again.lon],
    ]) {
      if (value === null || value === undefined) expect(back).toBeNull();
      else expect(back).toBeCloseTo(value, 7);
    }
  });

  it('writes the DGPS age and station of the gpsd nmea-rtk.log example as the receiver did', () => {
    const line = encodeGga(
      decoded(
        '$GNGGA,132819.60,4134.49795459,N,09345.03431408,W,2,10,0.9,278.161,M,-31.442,M,6.6,0133*6A',
      ),
    );
    expect(line).toMatch(
      /^\$GNGGA,132819\.60,4134\.497955,N,09345\.034314,W,2,10,0\.9,278\.161,M,-31\.442,M,6\.6,0133\*[0-9A-F]{2}$/,
    );
  });
});
