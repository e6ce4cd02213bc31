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
  extraItems: readonly RawItem[];
};

/** Most reports carry no item Harbor does not interpret: they share this one empty list. */
const NO_ITEMS: readonly RawItem[] = Object.freeze([]);

/** Alarm word to named flags (table 24/25 bits as in ALARM_BITS), as one fixed-shape literal: this runs per fix. */
export function alarmFlags(a: number): AlarmFlags {
  return {
    emergency: (a & 1) !== 0,
    overspeed: (a & 2) !== 0,
    fatigueDriving: (a & 4) !== 0,
    hazardWarning: (a & 8) !== 0,
    gnssModuleFault: (a & 16) !== 0,
    gnssAntennaDisconnected: (a & 32) !== 0,
    gnssAntennaShortCircuit: (a & 64) !== 0,
    mainPowerUndervoltage: (a & 128) !== 0,
    mainPowerOff: (a & 256) !== 0,
    overspeedWarning: (a & (1 << 13)) !== 0,
    fatigueWarning: (a & (1 << 14)) !== 0,
    parkingTimeout: (a & (1 << 19)) !== 0,
    areaEntryExit: (a & (1 << 20)) !== 0,
    routeEntryExit: (a & (1 << 21)) !== 0,
    routeDeviation: (a & (1 << 23)) !== 0,
    fuelAbnormal: (a & (1 << 25)) !== 0,
    vehicleStolen: (a & (1 << 26)) !== 0,
    illegalIgnition: (a & (1 << 27)) !== 0,
    illegalDisplacement: (a & (1 << 28)) !== 0,
    collision: (a & (1 << 29)) !== 0,
    rollover: (a & (1 << 30)) !== 0,
    illegalDoorOpen: (a & (1 << 31)) !== 0,
  };
}

/** Status word to named flags (bits as in STATUS_BITS). */
export function statusFlags(s: number): StatusFlags {
  return {
    accOn: (s & 1) !== 0,
    positioned: (s & 2) !== 0,
    southLatitude: (s & 4) !== 0,
    westLongitude: (s & 8) !== 0,
    outOfService: (s & 16) !== 0,
    coordinatesEncrypted: (s & 32) !== 0,
    fuelCut: (s & (1 << 10)) !== 0,
    circuitCut: (s & (1 << 11)) !== 0,
    doorLocked: (s & (1 << 12)) !== 0,
    usesGps: (s & (1 << 18)) !== 0,
    usesBeidou: (s & (1 << 19)) !== 0,
    usesGlonass: (s & (1 << 20)) !== 0,
    usesGalileo: (s & (1 << 21)) !== 0,
  };
}

const UTC_PLUS_8_MS = 8 * 3_600_000;

/**
 * The named flags of the alarm and status words decoded lately, shared by the locations that
 * carry the same word (frozen, since shared): a fleet's terminals send a handful of words, and
 * two objects of 45 booleans per report were a measured share of a gateway's garbage
 * (docs/benchmarks.md, issue 20). Bounded: cleared when full.
 */
const alarmsSeen = new Map<number, AlarmFlags>();
const flagsSeen = new Map<number, StatusFlags>();
const WORDS_KEPT = 1024;

function namedFlags<T extends object>(
  seen: Map<number, T>,
  word: number,
  name: (word: number) => T,
): T {
  let flags = seen.get(word);
  if (flags === undefined) {
    if (seen.size >= WORDS_KEPT) seen.clear();
    flags = Object.freeze(name(word));
    seen.set(word, flags);
  }
  return flags;
}

export function readLocation(r: Reader): Jt808Location {
  const alarm = r.dword('alarm');
  const status = r.dword('status');
  const latRaw = r.dword('lat');
  const lonRaw = r.dword('lon');
  const altitudeM = r.word('altitude');
  const speed = r.word('speed');
  const directionDeg = r.word('direction');
  const yy = r.bcdByte('time');
  const mo = r.bcdByte('time');
  const dd = r.bcdByte('time');
  const hh = r.bcdByte('time');
  const mi = r.bcdByte('time');
  const ss = r.bcdByte('time');
  if (!(mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 && hh < 24 && mi < 60 && ss < 60)) {
    throw new Jt808DecodeError(
      'time',
      `time ${[yy, mo, dd, hh, mi, ss].join(',')} is not YYMMDDhhmmss`,
    );
  }
  const ms = Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss) - UTC_PLUS_8_MS;
  const location: Jt808Location = {
    alarm,
    alarms: namedFlags(alarmsSeen, alarm, alarmFlags),
    status,
    flags: namedFlags(flagsSeen, status, statusFlags),
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
    extraItems: NO_ITEMS,
  };
  let extraItems: RawItem[] | null = null;
  while (r.remaining > 0) {
    const id = r.byte('itemId');
    const length = r.byte('itemLength');
    if (id === 0x01 && length === 4) location.mileageKm = r.dword('mileage') / 10;
    else if (id === 0x02 && length === 2) location.fuelL = r.word('fuel') / 10;
    else if (id === 0x03 && length === 2) location.recorderSpeedKmh = r.word('recorderSpeed') / 10;
    else if (id === 0x30 && length === 1) location.signalStrength = r.byte('signalStrength');
    else if (id === 0x31 && length === 1) location.satellites = r.byte('satellites');
    else {
      extraItems ??= [];
      extraItems.push({ id, hex: toHex(r.slice(length, `item 0x${id.toString(16)}`)) });
    }
  }
  if (extraItems) location.extraItems = extraItems;
  return location;
}

/** Two decimal digits, zero first: a BCD time field's text. */
const two = (n: number) => String(n).padStart(2, '0');

/** An additional item (§8.18, table 27) holding an unsigned number, when it has one. */
function writeItem(w: Writer, id: number, bytes: number, value: number | null): void {
  if (value === null) return;
  w.byte(id).byte(bytes);
  for (let i = bytes - 1; i >= 0; i--) w.byte(Math.floor(value / 256 ** i) % 256);
}

/** Tenths as the integer a field carries, or null. */
const tenths = (value: number | null) => (value === null ? null : Math.round(value * 10));

export function writeLocation(w: Writer, location: Jt808Location): Writer {
  const time = new Date(location.time.getTime() + UTC_PLUS_8_MS);
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
  writeItem(w, 0x01, 4, tenths(location.mileageKm));
  writeItem(w, 0x02, 2, tenths(location.fuelL));
  writeItem(w, 0x03, 2, tenths(location.recorderSpeedKmh));
  writeItem(w, 0x30, 1, location.signalStrength);
  writeItem(w, 0x31, 1, location.satellites);
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
    alarms: namedFlags(alarmsSeen, alarm, alarmFlags),
    flags: namedFlags(flagsSeen, status, statusFlags),
  };
}
