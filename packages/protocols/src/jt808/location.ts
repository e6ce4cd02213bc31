import { type Reader, toHex, type Writer } from './bytes.ts';
import { Jt808DecodeError } from './errors.ts';

/** Alarm flag bits, JT/T 808-2013 table 24 / 2019 table 25 (the commonly used ones, by bit). */
export const ALARM_BITS = {
  emergency: 0,
  overspeed: 1,
  fatigueDriving: 2,
  hazardWarning: 3,
  gnssModuleFault: 4,
  gnssAntennaDisconnected: 5,
  gnssAntennaShortCircuit: 6,
  mainPowerUndervoltage: 7,
  mainPowerOff: 8,
  overspeedWarning: 13,
  fatigueWarning: 14,
  parkingTimeout: 19,
  areaEntryExit: 20,
  routeEntryExit: 21,
  routeDeviation: 23,
  fuelAbnormal: 25,
  vehicleStolen: 26,
  illegalIgnition: 27,
  illegalDisplacement: 28,
  collision: 29,
  rollover: 30,
  illegalDoorOpen: 31,
} as const;

/** Status bits, 2013 table 25 / 2019 table 24. */
export const STATUS_BITS = {
  accOn: 0,
  positioned: 1,
  southLatitude: 2,
  westLongitude: 3,
  outOfService: 4,
  coordinatesEncrypted: 5,
  fuelCut: 10,
  circuitCut: 11,
  doorLocked: 12,
  usesGps: 18,
  usesBeidou: 19,
  usesGlonass: 20,
  usesGalileo: 21,
} as const;

export type AlarmFlags = Record<keyof typeof ALARM_BITS, boolean>;
export type StatusFlags = Record<keyof typeof STATUS_BITS, boolean>;

/** An additional information item Harbor does not interpret, kept as it came. */
export type RawItem = { id: number; hex: string };

/** Location information report body (0x0200, §8.18 and its additional items, table 27). */
export type Jt808Location = {
  alarm: number;
  alarms: AlarmFlags;
  status: number;
  flags: StatusFlags;
  /** Degrees, negative south (status bit 2). */
  lat: number;
  /** Degrees, negative west (status bit 3). */
  lon: number;
  altitudeM: number;
  speedKmh: number;
  directionDeg: number;
  /** The device's time (BCD YYMMDDhhmmss, UTC+8), as a UTC instant. */
  time: Date;
  /** Item 0x01: odometer, 1/10 km. */
  mileageKm: number | null;
  /** Item 0x02: fuel, 1/10 L. */
  fuelL: number | null;
  /** Item 0x03: speed from the driving recorder, 1/10 km/h. */
  recorderSpeedKmh: number | null;
  /** Item 0x30: wireless signal strength. */
  signalStrength: number | null;
  /** Item 0x31: GNSS satellites in use. */
  satellites: number | null;
  /** Items Harbor does not interpret, in order. */
  extraItems: RawItem[];
};

function flagsOf<T extends Record<string, number>>(
  value: number,
  bits: T,
): Record<keyof T, boolean> {
  const flags = {} as Record<keyof T, boolean>;
  for (const name in bits) flags[name] = ((value >>> (bits[name] as number)) & 1) === 1;
  return flags;
}

const UTC_PLUS_8_MS = 8 * 3_600_000;

export function readLocation(r: Reader): Jt808Location {
  const alarm = r.dword('alarm');
  const status = r.dword('status');
  const latRaw = r.dword('lat');
  const lonRaw = r.dword('lon');
  const altitudeM = r.word('altitude');
  const speed = r.word('speed');
  const directionDeg = r.word('direction');
  const t = r.bcd(6, 'time');
  const [yy, mo, dd, hh, mi, ss] = [0, 2, 4, 6, 8, 10].map((i) =>
    Number(t.slice(i, i + 2)),
  ) as number[];
  const ms = Date.UTC(2000 + (yy as number), (mo as number) - 1, dd, hh, mi, ss) - UTC_PLUS_8_MS;
  if (
    !(
      mo &&
      mo <= 12 &&
      dd &&
      dd <= 31 &&
      (hh as number) < 24 &&
      (mi as number) < 60 &&
      (ss as number) < 60
    )
  ) {
    throw new Jt808DecodeError('time', `time ${t} is not YYMMDDhhmmss`);
  }
  const location: Jt808Location = {
    alarm,
    alarms: flagsOf(alarm, ALARM_BITS),
    status,
    flags: flagsOf(status, STATUS_BITS),
    lat: ((status >>> 2) & 1 ? -latRaw : latRaw) / 1e6,
    lon: ((status >>> 3) & 1 ? -lonRaw : lonRaw) / 1e6,
    altitudeM: altitudeM >= 0x8000 ? altitudeM - 0x10000 : altitudeM,
    speedKmh: speed / 10,
    directionDeg,
    time: new Date(ms),
    mileageKm: null,
    fuelL: null,
    recorderSpeedKmh: null,
    signalStrength: null,
    satellites: null,
    extraItems: [],
  };
  while (r.remaining > 0) {
    const id = r.byte('itemId');
    const length = r.byte('itemLength');
    const value = r.slice(length, `item 0x${id.toString(16)}`);
    const int = (bytes: number) =>
      length === bytes ? value.reduce((acc, byte) => acc * 256 + byte, 0) : null;
    if (id === 0x01 && length === 4) location.mileageKm = (int(4) as number) / 10;
    else if (id === 0x02 && length === 2) location.fuelL = (int(2) as number) / 10;
    else if (id === 0x03 && length === 2) location.recorderSpeedKmh = (int(2) as number) / 10;
    else if (id === 0x30 && length === 1) location.signalStrength = int(1);
    else if (id === 0x31 && length === 1) location.satellites = int(1);
    else location.extraItems.push({ id, hex: toHex(value) });
  }
  return location;
}

export function writeLocation(w: Writer, location: Jt808Location): Writer {
  const time = new Date(location.time.getTime() + UTC_PLUS_8_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  w.dword(location.alarm)
    .dword(location.status)
    .dword(Math.round(Math.abs(location.lat) * 1e6))
    .dword(Math.round(Math.abs(location.lon) * 1e6))
    .word(location.altitudeM < 0 ? location.altitudeM + 0x10000 : location.altitudeM)
    .word(Math.round(location.speedKmh * 10))
    .word(location.directionDeg)
    .bcd(
      two(time.getUTCFullYear() % 100) +
        two(time.getUTCMonth() + 1) +
        two(time.getUTCDate()) +
        two(time.getUTCHours()) +
        two(time.getUTCMinutes()) +
        two(time.getUTCSeconds()),
      6,
    );
  const item = (id: number, bytes: number, value: number | null) => {
    if (value === null) return;
    w.byte(id).byte(bytes);
    for (let i = bytes - 1; i >= 0; i--) w.byte(Math.floor(value / 256 ** i) % 256);
  };
  item(0x01, 4, location.mileageKm === null ? null : Math.round(location.mileageKm * 10));
  item(0x02, 2, location.fuelL === null ? null : Math.round(location.fuelL * 10));
  item(
    0x03,
    2,
    location.recorderSpeedKmh === null ? null : Math.round(location.recorderSpeedKmh * 10),
  );
  item(0x30, 1, location.signalStrength);
  item(0x31, 1, location.satellites);
  for (const extra of location.extraItems) {
    w.byte(extra.id).byte(extra.hex.length / 2);
    for (let i = 0; i < extra.hex.length; i += 2)
      w.byte(Number.parseInt(extra.hex.slice(i, i + 2), 16));
  }
  return w;
}

/** Builds a location from the fields a caller sets; flags follow the status and alarm words. */
export function location(
  fields: Partial<Jt808Location> & Pick<Jt808Location, 'lat' | 'lon' | 'time'>,
): Jt808Location {
  const status =
    (((fields.status ?? 0b11) & ~0b1100) |
      (fields.lat < 0 ? 0b100 : 0) |
      (fields.lon < 0 ? 0b1000 : 0)) >>>
    0;
  const alarm = fields.alarm ?? 0;
  return {
    altitudeM: 0,
    speedKmh: 0,
    directionDeg: 0,
    mileageKm: null,
    fuelL: null,
    recorderSpeedKmh: null,
    signalStrength: null,
    satellites: null,
    extraItems: [],
    ...fields,
    alarm,
    status,
    alarms: flagsOf(alarm, ALARM_BITS),
    flags: flagsOf(status, STATUS_BITS),
  };
}
