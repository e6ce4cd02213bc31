import type { AisMessage } from '@harbor/protocols/ais';

/** What one ship's transponder sends at one moment: a position, or its static data (24A and 24B together). */
export type AisReport = {
  kind: 'ais';
  sentAt: Date;
  mmsi: number;
  messages: AisMessage[];
};

/** One position of a truck's JT/T 808 terminal, in the terminal's own units (§8.18). */
export type TruckFix = {
  time: Date;
  lat: number;
  lon: number;
  speedKmh: number;
  courseDeg: number;
  altitudeM: number;
  /** Ignition (status bit 0): off while the driver takes a break. */
  isAccOn: boolean;
};

/**
 * What one truck's terminal sends at one moment: normally one fix; after a dropout the fixes
 * it kept meanwhile plus the current one (sent as a 0x0704 blind-area batch). A duplicate is
 * the previous report sent again, as flaky terminals do.
 */
export type TruckReport = {
  kind: 'truck';
  sentAt: Date;
  terminalPhone: string;
  fixes: TruckFix[];
  isDuplicate: boolean;
};

export type SimReport = AisReport | TruckReport;
