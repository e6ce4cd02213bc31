import { encodeJt808Body, location } from '@harbor/protocols/jt808';
import type { Jt809Edition, Jt809Position, Jt809Position2019 } from '@harbor/protocols/jt809';

/** What a forwarded position is made of: a live position or a stored fix. */
export type ForwardedFix = {
  fixAt: number;
  lat: number;
  lon: number;
  speedKnots: number | null;
  courseDeg: number | null;
  altitudeM?: number | null;
};

const KMH_PER_KNOT = 1.852;
const BEIJING_MS = 8 * 3_600_000;
/** JT/T 808 status bits 0 (ACC on) and 1 (positioned): a reporting truck. */
const STATUS_ACC_POSITIONED = 0b11;
const EMPTY_PLATFORM = { platformId: '', alarm: 0 };

const speedKmhOf = (fix: ForwardedFix) => Math.round((fix.speedKnots ?? 0) * KMH_PER_KNOT);
const directionOf = (fix: ForwardedFix) => Math.round(fix.courseDeg ?? 0) % 360;

/**
 * A fix as a JT/T 809 vehicle position record. 2011: the 36-byte record, its date and time in
 * Beijing time (UTC+8), coordinates in 1e-6 degree, speeds in km/h (the recorder speed is the
 * satellite one: Harbor's terminals report one speed), mileage 0 (not tracked), the state word
 * ACC on and positioned. 2019: GNSS_DATA is the JT/T 808 0x0200 location body, and the record
 * names Harbor's platform id with no alarm.
 */
export function positionRecord(
  fix: ForwardedFix,
  edition: Jt809Edition,
  platformId: string,
): Jt809Position | Jt809Position2019 {
  const speedKmh = speedKmhOf(fix);
  const direction = directionOf(fix);
  const altitude = Math.max(0, Math.round(fix.altitudeM ?? 0));
  if (edition === '2019') {
    const gnssData = encodeJt808Body('V2019', {
      messageId: 0x0200,
      location: location({
        lat: fix.lat,
        lon: fix.lon,
        time: new Date(fix.fixAt),
        speedKmh,
        directionDeg: direction,
        altitudeM: altitude,
        status: STATUS_ACC_POSITIONED,
      }),
    });
    return {
      encrypt: 0,
      gnssData,
      platforms: [{ platformId, alarm: 0 }, EMPTY_PLATFORM, EMPTY_PLATFORM],
    };
  }
  const t = new Date(fix.fixAt + BEIJING_MS);
  return {
    encrypt: 0,
    day: t.getUTCDate(),
    month: t.getUTCMonth() + 1,
    year: t.getUTCFullYear(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    lonMicroDeg: Math.round(Math.abs(fix.lon) * 1e6),
    latMicroDeg: Math.round(Math.abs(fix.lat) * 1e6),
    speedKmh,
    recorderSpeedKmh: speedKmh,
    mileageKm: 0,
    direction,
    altitude,
    // The coordinates are unsigned: south and west are status bits 2 and 3, as in JT/T 808.
    state: STATUS_ACC_POSITIONED | (fix.lat < 0 ? 0b100 : 0) | (fix.lon < 0 ? 0b1000 : 0),
    alarm: 0,
  };
}
