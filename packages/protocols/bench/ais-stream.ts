import { encodeAisMessage } from '../src/ais/encoder.ts';
import type { AisMessage } from '../src/ais/messages.ts';

/** A small deterministic PRNG (mulberry32), so every run decodes the same stream. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A realistic mixed AIS feed around the Yangtze estuary: about 72% class A position reports
 * (types 1-3), 20% class B (18), 4% static and voyage data (5, two sentences each) and 4%
 * class B static reports (24 A/B), from 2,000 vessels.
 */
export function aisStream(count: number, seed = 6346): string[] {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const lines: string[] = [];
  let sequentialId = 0;
  while (lines.length < count) {
    const mmsi = 413_000_000 + pick(2_000) * 37;
    const lon = Math.round((121.5 + next() * 0.8) * 600_000) / 600_000;
    const lat = Math.round((30.5 + next() * 1) * 600_000) / 600_000;
    const roll = next();
    let message: AisMessage;
    if (roll < 0.72) {
      message = {
        type: (1 + pick(3)) as 1 | 2 | 3,
        repeat: 0,
        mmsi,
        status: pick(9),
        turn: pick(21) - 10,
        rateOfTurnDegPerMin: null,
        speedKnots: pick(200) / 10,
        accuracy: next() < 0.5,
        lon,
        lat,
        courseDeg: pick(3600) / 10,
        headingDeg: pick(360),
        second: pick(60),
        maneuver: 0,
        raim: false,
        radio: pick(2 ** 19),
      };
    } else if (roll < 0.92) {
      message = {
        type: 18,
        repeat: 0,
        mmsi,
        speedKnots: pick(150) / 10,
        accuracy: false,
        lon,
        lat,
        courseDeg: pick(3600) / 10,
        headingDeg: null,
        second: pick(60),
        regional: 0,
        cs: true,
        display: false,
        dsc: true,
        band: true,
        msg22: true,
        assigned: false,
        raim: false,
        radio: 917510,
      };
    } else if (roll < 0.96) {
      message = {
        type: 5,
        repeat: 0,
        mmsi,
        aisVersion: 0,
        imo: 9_000_000 + pick(999_999),
        callSign: 'BVKW6',
        shipName: `HU GANG ${pick(900)}`,
        shipType: 70 + pick(10),
        dimensions: { toBowM: 200, toSternM: 50, toPortM: 20, toStarboardM: 20 },
        epfd: 1,
        eta: { month: 11, day: 25, hour: 14, minute: 30 },
        draughtM: 12.5,
        destination: 'CNSHA',
        dte: false,
      };
    } else if (roll < 0.98) {
      message = { type: 24, part: 'A', repeat: 0, mmsi, shipName: 'YU LE 8' };
    } else {
      message = {
        type: 24,
        part: 'B',
        repeat: 0,
        mmsi,
        shipType: 37,
        vendorId: 'SRT',
        model: 1,
        serial: pick(2 ** 20),
        callSign: 'BR1234',
        dimensions: { toBowM: 8, toSternM: 4, toPortM: 2, toStarboardM: 2 },
        mothershipMmsi: null,
      };
    }
    sequentialId = (sequentialId + 1) % 10;
    lines.push(...encodeAisMessage(message, { channel: next() < 0.5 ? 'A' : 'B', sequentialId }));
  }
  return lines.slice(0, count);
}
