import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import ggaFromGpsd from '../../test/fixtures/nmea-gga-gpsd.json' with { type: 'json' };
import published from '../../test/fixtures/nmea-published.json' with { type: 'json' };
import { hex2, nmeaChecksum } from './checksum.ts';
import { decodeNmeaSentence, NmeaDecodeError } from './gps.ts';

const framed = (body: string) => `$${body}*${hex2(nmeaChecksum(body))}`;

function expectDecoded(line: string, expected: Record<string, unknown>) {
  const result = decodeNmeaSentence(line);
  if (!result.ok) throw result.error;
  for (const [field, value] of Object.entries(expected)) {
    const actual = (result.position as Record<string, unknown>)[field];
    if (field === 'time') expect((actual as Date).toISOString(), field).toBe(value);
    else if (typeof value === 'number') expect(actual, field).toBeCloseTo(value, 6);
    else expect(actual, field).toEqual(value);
  }
}

describe('NMEA GPS sentences (published examples)', () => {
  it.each(published.sentences)('$line', ({ line, expected }) => {
    expectDecoded(line, expected);
  });

  it.each(ggaFromGpsd.sentences)('GGA, every field: $source', ({ line, expected }) => {
    expectDecoded(line, expected);
  });

  it('reads any talker: BeiDou, GLONASS and multi-constellation', () => {
    for (const talker of ['BD', 'GB', 'GL', 'GN', 'GA']) {
      const result = decodeNmeaSentence(
        framed(`${talker}RMC,021530.00,A,3037.5000,N,12203.0000,E,10.5,270.0,251126,,,A`),
      );
      expect(result.ok && result.position).toMatchObject({
        talker,
        lat: 30.625,
        lon: 122.05,
        speedKnots: 10.5,
      });
      expect(result.ok && result.position.time?.toISOString()).toBe('2026-11-25T02:15:30.000Z');
    }
  });

  it('marks a void RMC and a GGA without fix as not valid, south and west as negative', () => {
    const rmc = decodeNmeaSentence(
      framed('GPRMC,000000,V,3351.000,S,15112.000,W,0.0,0.0,010125,,,N'),
    );
    expect(rmc.ok && rmc.position).toMatchObject({ isValid: false, lat: -33.85, lon: -151.2 });
    const gga = decodeNmeaSentence(framed('GPGGA,000000,,,,,0,00,99.9,,M,,M,,'));
    expect(gga.ok && gga.position).toMatchObject({
      isValid: false,
      lat: null,
      lon: null,
      fixQuality: 0,
    });
  });

  it.each([
    ['$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6B', 'checksum'],
    [framed('GPRMC,123519,A,4807.038,X,01131.000,E,022.4,084.4,230394,003.1,W'), 'lat'],
    [framed('GPRMC,123519,A,4807.038,N,01131.000,E,fast,084.4,230394,003.1,W'), 'speed'],
    [framed('GPRMC,253519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W'), 'time'],
    [framed('GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,320394,003.1,W'), 'date'],
    [framed('GPGSV,3,1,11,03,03,111,00'), 'sentence'],
    [framed('GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,1024'), 'dgpsStationId'],
    [framed('GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,-2,0001'), 'dgpsAge'],
    [framed('GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,F,46.9,M,,'), 'altitudeUnit'],
    [
      framed('GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,ft,,'),
      'geoidSeparationUnit',
    ],
    [framed('GPGGA,123519,4807.038,N,01131.000,E,1.5,08,0.9,545.4,M,46.9,M,,'), 'fixQuality'],
    ['GPGGA,123519', 'sentence'],
  ])('%s is refused naming %s', (line, field) => {
    const result = decodeNmeaSentence(line);
    expect(result.ok ? 'decoded' : result.error.field).toBe(field);
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.constantFrom('GPRMC', 'GNGGA', 'GPVTG'),
        (tail, head) => {
          const result = decodeNmeaSentence(framed(`${head},${tail}`));
          if (!result.ok) expect(result.error).toBeInstanceOf(NmeaDecodeError);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
