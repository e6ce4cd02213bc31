import { hex2, nmeaChecksum, readHex2 } from './checksum.ts';

/** VTG gives speed in knots and km/h. (The codecs depend on nothing of Harbor's, so not on @harbor/shared's.) */
export const KMH_PER_KNOT = 1.852;

/** Why an NMEA GPS sentence could not be decoded; `field` names the offending part. */
export class NmeaDecodeError extends Error {
  override name = 'NmeaDecodeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One position sentence in the shape Harbor's fixes use. NMEA 0183 v4.11 §8.3
 * (RMC, GGA, VTG); talker GP (GPS), GL (GLONASS), GA (Galileo), BD/GB (BeiDou), GN (multi).
 * Fields a sentence does not carry are null.
 */
export type NmeaPosition = {
  sentence: 'RMC' | 'GGA' | 'VTG';
  talker: string;
  /** RMC: the full UTC date and time. */
  time: Date | null;
  /** GGA and RMC: UTC time of day, "hh:mm:ss.sss". */
  timeOfDayUtc: string | null;
  /** RMC status A / GGA fix quality > 0 / VTG mode not N. */
  isValid: boolean;
  lat: number | null;
  lon: number | null;
  speedKnots: number | null;
  courseDeg: number | null;
  /** GGA field 9: antenna altitude above mean sea level (the geoid). */
  altitudeM: number | null;
  /** GGA field 10: the altitude's unit, M (metres, the only one NMEA 0183 defines); null when empty. */
  altitudeUnit: 'M' | null;
  /** GGA field 6: 0 invalid, 1 GPS, 2 DGPS, 3 PPS, 4 RTK fixed, 5 RTK float, 6 dead reckoning, 7 manual, 8 simulator. */
  fixQuality: number | null;
  /** GGA field 7: satellites in use. */
  satellites: number | null;
  /** GGA field 8: horizontal dilution of precision. */
  hdop: number | null;
  /**
   * GGA field 11: geoidal separation, the height of mean sea level (the geoid) above the
   * WGS-84 ellipsoid; negative when mean sea level is below it.
   */
  geoidSeparationM: number | null;
  /** GGA field 12: the separation's unit, M; null when empty. */
  geoidSeparationUnit: 'M' | null;
  /** GGA field 13: age of the differential corrections, seconds since the last RTCM SC-104 update. */
  dgpsAgeS: number | null;
  /** GGA field 14: differential reference station id, 0000-1023. */
  dgpsStationId: number | null;
  magneticVariationDeg: number | null;
};

export type NmeaResult =
  | { ok: true; position: NmeaPosition }
  | { ok: false; error: NmeaDecodeError };

const MAX_LINE = 256;

export function decodeNmeaSentence(input: string): NmeaResult {
  try {
    return { ok: true, position: parse(input) };
  } catch (error) {
    if (error instanceof NmeaDecodeError) return { ok: false, error };
    return {
      ok: false,
      error: new NmeaDecodeError(
        'internal',
        error instanceof Error ? error.message : String(error),
      ),
    };
  }
}

function parse(input: string): NmeaPosition {
  const line = input.trim();
  if (line.length > MAX_LINE)
    throw new NmeaDecodeError('sentence', `line of ${line.length} characters is too long`);
  if (line.charCodeAt(0) !== 36 /* $ */)
    throw new NmeaDecodeError('sentence', 'an NMEA sentence starts with $');
  const star = line.lastIndexOf('*');
  if (star < 0 || star + 3 > line.length)
    throw new NmeaDecodeError('checksum', 'missing *hh checksum');
  const actual = nmeaChecksum(line, 1, star);
  if (readHex2(line, star + 1) !== actual) {
    throw new NmeaDecodeError(
      'checksum',
      `checksum is ${line.slice(star + 1, star + 3)}, computed ${hex2(actual)}`,
    );
  }
  const fields = line.slice(1, star).split(',');
  const address = fields[0] ?? '';
  const talker = address.slice(0, 2);
  const type = address.slice(2);
  const empty = {
    talker,
    time: null,
    timeOfDayUtc: null,
    lat: null,
    lon: null,
    speedKnots: null,
    courseDeg: null,
  };
  const none = {
    altitudeM: null,
    altitudeUnit: null,
    fixQuality: null,
    satellites: null,
    hdop: null,
    geoidSeparationM: null,
    geoidSeparationUnit: null,
    dgpsAgeS: null,
    dgpsStationId: null,
    magneticVariationDeg: null,
  };
  switch (type) {
    case 'RMC': {
      // hhmmss.ss, status, lat, N/S, lon, E/W, speed kn, course, ddmmyy, magvar, E/W[, mode[, nav status]]
      need(fields, 10, 'RMC');
      const timeOfDayUtc = timeOfDay(fields[1]);
      const variation = number(fields[10], 'magneticVariation');
      return {
        ...empty,
        ...none,
        sentence: 'RMC',
        timeOfDayUtc,
        time: dateTime(fields[9], timeOfDayUtc),
        isValid: fields[2] === 'A' && fields[12] !== 'N',
        lat: coordinate(fields[3], fields[4], 'lat'),
        lon: coordinate(fields[5], fields[6], 'lon'),
        speedKnots: number(fields[7], 'speed'),
        courseDeg: number(fields[8], 'course'),
        magneticVariationDeg:
          variation === null ? null : fields[11] === 'W' ? -variation : variation,
      };
    }
    case 'GGA': {
      // hhmmss.ss, lat, N/S, lon, E/W, quality, satellites, HDOP, altitude, M, geoid separation, M, age, station.
      // Receivers of old omit the fields after the altitude; some add an empty one after the station.
      need(fields, 10, 'GGA');
      // One digit: 0-8 are NMEA 0183 v4.11's; some receivers send 9 (WAAS/SBAS).
      const fixQuality = integer(fields[6], 'fixQuality', 0, 9);
      const dgpsAgeS = number(fields[13], 'dgpsAge');
      if (dgpsAgeS !== null && dgpsAgeS < 0)
        throw new NmeaDecodeError('dgpsAge', `dgpsAge "${fields[13]}" is negative`);
      return {
        ...empty,
        ...none,
        sentence: 'GGA',
        timeOfDayUtc: timeOfDay(fields[1]),
        isValid: (fixQuality ?? 0) > 0,
        lat: coordinate(fields[2], fields[3], 'lat'),
        lon: coordinate(fields[4], fields[5], 'lon'),
        fixQuality,
        satellites: integer(fields[7], 'satellites', 0, 99),
        hdop: number(fields[8], 'hdop'),
        altitudeM: number(fields[9], 'altitude'),
        altitudeUnit: metres(fields[10], 'altitudeUnit'),
        geoidSeparationM: number(fields[11], 'geoidSeparation'),
        geoidSeparationUnit: metres(fields[12], 'geoidSeparationUnit'),
        dgpsAgeS,
        dgpsStationId: integer(fields[14], 'dgpsStationId', 0, 1023),
      };
    }
    case 'VTG': {
      // Course true, T, course magnetic, M, speed kn, N, speed km/h, K[, mode]; the old form omits the letters.
      const isLettered = fields[2] === 'T';
      const course = number(fields[1], 'course');
      const knots = number(fields[isLettered ? 5 : 3], 'speed');
      const kmh = number(fields[isLettered ? 7 : 4], 'speed');
      return {
        ...empty,
        ...none,
        sentence: 'VTG',
        isValid: fields[9] !== 'N',
        courseDeg: course,
        speedKnots: knots ?? (kmh === null ? null : Math.round((kmh / KMH_PER_KNOT) * 1000) / 1000),
      };
    }
    default:
      throw new NmeaDecodeError(
        'sentence',
        `unsupported sentence ${address} (RMC, GGA and VTG are decoded)`,
      );
  }
}

function need(fields: string[], count: number, type: string): void {
  if (fields.length < count)
    throw new NmeaDecodeError('sentence', `${type} has ${fields.length} fields, needs ${count}`);
}

function number(text: string | undefined, field: string): number | null {
  if (text === undefined || text === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value))
    throw new NmeaDecodeError(field, `${field} "${text}" is not a number`);
  return value;
}

/** A whole number in [min, max], or null for an empty field. */
function integer(text: string | undefined, field: string, min: number, max: number): number | null {
  if (text === undefined || text === '') return null;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max))
    throw new NmeaDecodeError(field, `${field} "${text}" is not a whole number ${min}-${max}`);
  return value;
}

/** A unit field that NMEA 0183 fixes as M (metres): GGA's altitude and geoidal separation units. */
function metres(text: string | undefined, field: string): 'M' | null {
  if (text === undefined || text === '') return null;
  if (text !== 'M') throw new NmeaDecodeError(field, `${field} is "${text}"; GGA gives metres (M)`);
  return 'M';
}

/** ddmm.mmmm (latitude) or dddmm.mmmm (longitude) with its hemisphere letter, in degrees. */
function coordinate(
  text: string | undefined,
  hemisphere: string | undefined,
  field: 'lat' | 'lon',
): number | null {
  if (!text) return null;
  const match = /^(\d{2,3})(\d{2}(?:\.\d+)?)$/.exec(text);
  const degrees = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const limit = field === 'lat' ? 90 : 180;
  const letters = field === 'lat' ? ['N', 'S'] : ['E', 'W'];
  if (
    !match ||
    minutes >= 60 ||
    degrees + minutes / 60 > limit ||
    !letters.includes(hemisphere ?? '')
  ) {
    throw new NmeaDecodeError(field, `${field} "${text},${hemisphere}" is not a valid coordinate`);
  }
  const value = Math.round((degrees + minutes / 60) * 1e9) / 1e9;
  return hemisphere === letters[1] ? -value : value;
}

function timeOfDay(text: string | undefined): string | null {
  if (!text) return null;
  const match = /^(\d{2})(\d{2})(\d{2})(\.\d+)?$/.exec(text);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3]) > 60) {
    throw new NmeaDecodeError('time', `time "${text}" is not hhmmss.ss`);
  }
  const fraction = (match[4] ?? '.000').padEnd(4, '0').slice(0, 4);
  return `${match[1]}:${match[2]}:${match[3]}${fraction}`;
}

/** ddmmyy with the time of day; two-digit years are 1980-2079 (GPS epoch onwards). */
function dateTime(date: string | undefined, time: string | null): Date | null {
  if (!date || !time) return null;
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(date);
  if (!match) throw new NmeaDecodeError('date', `date "${date}" is not ddmmyy`);
  const yy = Number(match[3]);
  const iso = `${yy < 80 ? 2000 + yy : 1900 + yy}-${match[2]}-${match[1]}T${time}Z`;
  const value = new Date(iso);
  if (Number.isNaN(value.getTime()))
    throw new NmeaDecodeError('date', `date "${date}" is not a calendar date`);
  return value;
}
