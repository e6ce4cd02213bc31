import { hex2, nmeaChecksum } from './checksum.ts';
import { KMH_PER_KNOT } from './gps.ts';

/** The fields an encoder needs; absent values are written as empty fields. */
export type NmeaFix = {
  talker?: string;
  time: Date;
  lat: number | null;
  lon: number | null;
  speedKnots?: number | null;
  courseDeg?: number | null;
  altitudeM?: number | null;
  satellites?: number | null;
  hdop?: number | null;
  fixQuality?: number;
  magneticVariationDeg?: number | null;
};

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** ddmm.mmmmmm / dddmm.mmmmmm with the hemisphere letter (six decimals of a minute: ~2 mm). */
function coordinate(value: number | null, degreeDigits: 2 | 3, letters: [string, string]): string {
  if (value === null) return ',';
  const absolute = Math.abs(value);
  let degrees = Math.floor(absolute);
  let minutes = Math.round((absolute - degrees) * 60 * 1e6) / 1e6;
  if (minutes >= 60) {
    degrees += 1;
    minutes -= 60;
  }
  const [whole, fraction = ''] = minutes.toFixed(6).split('.');
  return `${pad(degrees, degreeDigits)}${pad(Number(whole), 2)}.${fraction},${value < 0 ? letters[1] : letters[0]}`;
}

function timeOfDay(time: Date): string {
  return `${pad(time.getUTCHours(), 2)}${pad(time.getUTCMinutes(), 2)}${pad(time.getUTCSeconds(), 2)}.${pad(Math.floor(time.getUTCMilliseconds() / 10), 2)}`;
}

const field = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

function sentence(body: string): string {
  return `$${body}*${hex2(nmeaChecksum(body))}`;
}

/** $--RMC (NMEA 0183 v4.11 §8.3.73) with mode A, or N when there is no position. */
export function encodeRmc(fix: NmeaFix): string {
  const hasPosition = fix.lat !== null && fix.lon !== null;
  const t = fix.time;
  const date = `${pad(t.getUTCDate(), 2)}${pad(t.getUTCMonth() + 1, 2)}${pad(t.getUTCFullYear() % 100, 2)}`;
  const variation = fix.magneticVariationDeg ?? null;
  return sentence(
    [
      `${fix.talker ?? 'GP'}RMC`,
      timeOfDay(t),
      hasPosition ? 'A' : 'V',
      coordinate(fix.lat, 2, ['N', 'S']),
      coordinate(fix.lon, 3, ['E', 'W']),
      field(fix.speedKnots),
      field(fix.courseDeg),
      date,
      variation === null ? '' : String(Math.abs(variation)),
      variation === null ? '' : variation < 0 ? 'W' : 'E',
      hasPosition ? 'A' : 'N',
    ].join(','),
  );
}

/**
 * Every field $--GGA carries. A decoded GGA position is one as it is (its time of day from
 * `timeOfDayUtc`); a fix with a `time` gives the time of day of that instant. Null writes
 * an empty field; left out, the fix quality is 1 (0 without a position) and the units M.
 */
export type GgaFields = {
  talker?: string;
  /** "hh:mm:ss.sss" as decoded; takes precedence over `time`. */
  timeOfDayUtc?: string | null;
  time?: Date | null;
  lat: number | null;
  lon: number | null;
  fixQuality?: number | null;
  satellites?: number | null;
  hdop?: number | null;
  altitudeM?: number | null;
  altitudeUnit?: 'M' | null;
  geoidSeparationM?: number | null;
  geoidSeparationUnit?: 'M' | null;
  dgpsAgeS?: number | null;
  dgpsStationId?: number | null;
};

/** "hh:mm:ss.sss" as hhmmss.ss, keeping a third decimal only when it is not zero. */
function timeOfDayText(text: string): string {
  const [hms = '', fraction = ''] = text.split('.');
  const digits = fraction.endsWith('0') ? fraction.slice(0, 2) : fraction;
  return `${hms.replaceAll(':', '')}.${digits.padEnd(2, '0')}`;
}

/** $--GGA (NMEA 0183 v4.11 §8.3.39): all 14 fields. */
export function encodeGga(fix: GgaFields): string {
  const hasPosition = fix.lat !== null && fix.lon !== null;
  const time =
    fix.timeOfDayUtc !== undefined && fix.timeOfDayUtc !== null
      ? timeOfDayText(fix.timeOfDayUtc)
      : fix.time
        ? timeOfDay(fix.time)
        : '';
  const fixQuality = fix.fixQuality === undefined ? (hasPosition ? 1 : 0) : fix.fixQuality;
  const padded = (value: number | null | undefined, width: number) =>
    value === null || value === undefined ? '' : pad(value, width);
  return sentence(
    [
      `${fix.talker ?? 'GP'}GGA`,
      time,
      coordinate(fix.lat, 2, ['N', 'S']),
      coordinate(fix.lon, 3, ['E', 'W']),
      field(fixQuality),
      padded(fix.satellites, 2),
      field(fix.hdop),
      field(fix.altitudeM),
      fix.altitudeUnit === undefined ? 'M' : (fix.altitudeUnit ?? ''),
      field(fix.geoidSeparationM),
      fix.geoidSeparationUnit === undefined ? 'M' : (fix.geoidSeparationUnit ?? ''),
      field(fix.dgpsAgeS),
      // The station id is four digits, 0000-1023.
      padded(fix.dgpsStationId, 4),
    ].join(','),
  );
}

/** $--VTG (§8.3.99): course true, speed in knots and km/h, mode A. */
export function encodeVtg(fix: Pick<NmeaFix, 'talker' | 'speedKnots' | 'courseDeg'>): string {
  const knots = fix.speedKnots ?? null;
  const kmh = knots === null ? '' : String(Math.round(knots * KMH_PER_KNOT * 1000) / 1000);
  return sentence(
    [
      `${fix.talker ?? 'GP'}VTG`,
      field(fix.courseDeg),
      'T',
      '',
      'M',
      field(knots),
      'N',
      kmh,
      'K',
      'A',
    ].join(','),
  );
}
