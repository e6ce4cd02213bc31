/**
 * Decoded AIS messages, in real units, with null for the spec's "not available" values
 * (ITU-R M.1371-5 annex 2 §3; gpsd "AIVDM/AIVDO protocol decoding").
 */
type Common = { repeat: number; mmsi: number };

/** Reference point of the position to the ship's sides, metres (types 5, 19, 21, 24B). */
export type Dimensions = {
  toBowM: number;
  toSternM: number;
  toPortM: number;
  toStarboardM: number;
};

export type PositionReportClassA = Common & {
  type: 1 | 2 | 3;
  /** Navigational status 0-15; 15 = not defined. */
  status: number;
  /** Raw rate-of-turn field (-128..127) as sent, and its value in degrees per minute. */
  turn: number;
  rateOfTurnDegPerMin: number | null;
  speedKnots: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  courseDeg: number | null;
  headingDeg: number | null;
  /** UTC second of the position, 0-59; null when not available (60) or the EPFS is in a special mode (61-63). */
  second: number | null;
  maneuver: number;
  raim: boolean;
  /** The 19-bit communication state (SOTDMA/ITDMA); null in a short report, which cuts it off. */
  radio: number | null;
  /**
   * The payload was 163-167 bits rather than 168, as some transponders in service send it
   * (gpsd accepts them too): every field but `radio` was read. The decoder always sets it;
   * an encoder given true writes a 163-bit report.
   */
  isShort?: boolean;
};

export type BaseStationReport = Common & {
  type: 4;
  /** The station's UTC time, null when any part is not available. */
  timestamp: Date | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  epfd: number;
  raim: boolean;
  radio: number;
};

export type StaticAndVoyageData = Common & {
  type: 5;
  aisVersion: number;
  imo: number | null;
  callSign: string;
  shipName: string;
  shipType: number;
  dimensions: Dimensions;
  epfd: number;
  /** ETA as sent (no year): month 1-12, day 1-31, hour 0-23, minute 0-59, each null when not available. */
  eta: { month: number | null; day: number | null; hour: number | null; minute: number | null };
  draughtM: number | null;
  destination: string;
  dte: boolean;
};

export type SarAircraftReport = Common & {
  type: 9;
  altitudeM: number | null;
  speedKnots: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  courseDeg: number | null;
  second: number | null;
  regional: number;
  dte: boolean;
  assigned: boolean;
  raim: boolean;
  radio: number;
};

export type PositionReportClassB = Common & {
  type: 18;
  speedKnots: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  courseDeg: number | null;
  headingDeg: number | null;
  second: number | null;
  regional: number;
  /** Carrier-sense unit (true) or SOTDMA (false). */
  cs: boolean;
  display: boolean;
  dsc: boolean;
  band: boolean;
  msg22: boolean;
  assigned: boolean;
  raim: boolean;
  radio: number;
};

export type ExtendedClassBReport = Common & {
  type: 19;
  speedKnots: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  courseDeg: number | null;
  headingDeg: number | null;
  second: number | null;
  regional: number;
  shipName: string;
  shipType: number;
  dimensions: Dimensions;
  epfd: number;
  raim: boolean;
  dte: boolean;
  assigned: boolean;
};

export type AidToNavigationReport = Common & {
  type: 21;
  aidType: number;
  /** Name including the extension of bits 272 onwards. */
  name: string;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  dimensions: Dimensions;
  epfd: number;
  second: number | null;
  offPosition: boolean;
  regional: number;
  raim: boolean;
  virtualAid: boolean;
  assigned: boolean;
};

export type StaticDataReportA = Common & { type: 24; part: 'A'; shipName: string };

export type StaticDataReportB = Common & {
  type: 24;
  part: 'B';
  shipType: number;
  vendorId: string;
  model: number;
  serial: number;
  callSign: string;
  /** Dimensions, or for an auxiliary craft (MMSI 98xxxxxxx) the mother ship's MMSI instead. */
  dimensions: Dimensions | null;
  mothershipMmsi: number | null;
};

export type LongRangeReport = Common & {
  type: 27;
  accuracy: boolean;
  raim: boolean;
  status: number;
  lon: number | null;
  lat: number | null;
  speedKnots: number | null;
  courseDeg: number | null;
  /** True when the position is from the current GNSS fix (the spec's bit is 0 for that). */
  isCurrentGnssPosition: boolean;
};

/** A message type Harbor does not decode: reported with its raw bits, never dropped. */
export type OtherAisMessage = Common & {
  type: number;
  bitLength: number;
  bitsHex: string;
  undecoded: true;
};

export type AisMessage =
  | PositionReportClassA
  | BaseStationReport
  | StaticAndVoyageData
  | SarAircraftReport
  | PositionReportClassB
  | ExtendedClassBReport
  | AidToNavigationReport
  | StaticDataReportA
  | StaticDataReportB
  | LongRangeReport
  | OtherAisMessage;
