import { demoFleet, isValidImo } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { imoCheckDigit, isValidImoNumber } from './fleet.ts';
import { SHANGHAI_BOX } from './geography.ts';
import type { AisReport, SimReport, TruckReport } from './reports.ts';
import { createScenario } from './scenario.ts';
import { reportIntervalMs, STATIC_INTERVAL_MS } from './vessel-sim.ts';

const START = new Date('2026-11-25T00:00:00Z');
const HOUR_MS = 3_600_000;

const play = (seed: string | number, hours: number, stepMs = hours * HOUR_MS) => {
  const scenario = createScenario({ seed, start: START });
  const reports: SimReport[] = [];
  for (let t = 0; t < hours * HOUR_MS; t += stepMs) reports.push(...scenario.advanceBy(stepMs));
  return { scenario, reports };
};

const isInShanghai = (lon: number, lat: number) =>
  lon >= SHANGHAI_BOX[0] &&
  lat >= SHANGHAI_BOX[1] &&
  lon <= SHANGHAI_BOX[2] &&
  lat <= SHANGHAI_BOX[3];

describe('createScenario', () => {
  it('gives the same report stream for the same seed, however time is advanced', () => {
    const whole = play('shanghai', 1).reports;
    const stepped = play('shanghai', 1, 9_000).reports;
    expect(JSON.stringify(stepped)).toBe(JSON.stringify(whole));
    expect(whole.length).toBeGreaterThan(1000);
  });

  it('gives another world for another seed', () => {
    const a = play(1, 0.25);
    const b = play(2, 0.25);
    expect(a.scenario.vessels.map((v) => v.mmsi)).not.toEqual(
      b.scenario.vessels.map((v) => v.mmsi),
    );
    expect(JSON.stringify(a.reports)).not.toBe(JSON.stringify(b.reports));
  });

  it('has 30 vessels and 40 trucks by default, with unique identities', () => {
    const { vessels, vehicles } = createScenario({ seed: 3, start: START });
    expect(vessels).toHaveLength(30);
    expect(vehicles).toHaveLength(40);
    expect(new Set(vessels.map((v) => v.mmsi)).size).toBe(30);
    expect(new Set(vessels.map((v) => v.name)).size).toBe(30);
    expect(new Set(vehicles.map((v) => v.plate)).size).toBe(40);
    expect(vehicles[0]?.terminalPhone).toBe('013900000001');
    expect(vessels.some((v) => v.aisClass === 'B')).toBe(true);
    expect(vessels.filter((v) => v.shipType >= 70 && v.shipType <= 79).length).toBeGreaterThan(15);
  });

  it('uses the terminal phones it is given', () => {
    const phones = ['013916001001', '013816002001'];
    const { vehicles } = createScenario({
      seed: 1,
      start: START,
      vehicles: phones.map((terminalPhone) => ({ terminalPhone })),
    });
    expect(vehicles.map((v) => v.terminalPhone)).toEqual(phones);
    expect(() =>
      createScenario({ seed: 1, start: START, vehicles: [{ terminalPhone: '12345' }] }),
    ).toThrow(/12 digits/);
  });

  it('gives each truck a terminal id of its own, the same in every run', () => {
    // Harbor binds a terminal phone to the terminal id that registered it: a restarted
    // simulator must present the same id to register its trucks again.
    const phones = [...demoFleet(2000).map((truck) => truck.terminalPhone), '013916001001'];
    const idsOf = (seed: number) =>
      createScenario({
        seed,
        start: START,
        vessels: 0,
        vehicles: phones.map((terminalPhone) => ({ terminalPhone })),
      }).vehicles.map((vehicle) => vehicle.terminalId);
    const ids = idsOf(1);
    expect(idsOf(2)).toEqual(ids);
    expect(new Set(ids).size).toBe(phones.length);
    // JT/T 808-2013 §8.5: the terminal id is 7 bytes.
    expect(ids.every((id) => /^[0-9A-Z]{1,7}$/.test(id))).toBe(true);
  });

  it('gives cargo ships IMO numbers with valid check digits', () => {
    // IMO 9074729: 9×7 + 0×6 + 7×5 + 4×4 + 7×3 + 2×2 = 139, check digit 9.
    expect(imoCheckDigit(907_472)).toBe(9);
    for (const seed of [1, 2, 3, 4]) {
      for (const vessel of createScenario({ seed, start: START, vessels: 50 }).vessels) {
        if (vessel.kind === 'tug' || vessel.kind === 'pilot') expect(vessel.imo).toBeNull();
        else {
          expect(isValidImoNumber(vessel.imo as number)).toBe(true);
          expect(isValidImo(vessel.imo as number)).toBe(true);
        }
      }
    }
  });
});

describe('vessel reports', () => {
  const { scenario, reports } = play('intervals', 6);
  const ais = reports.filter((r): r is AisReport => r.kind === 'ais');

  it('follow the ITU-R M.1371 reporting intervals of their state', () => {
    let checked = 0;
    for (const vessel of scenario.vessels) {
      const positions = ais.filter(
        (r) => r.mmsi === vessel.mmsi && [1, 18].includes(r.messages[0]?.type ?? 0),
      );
      for (let i = 1; i < positions.length; i++) {
        const previous = positions[i - 1]?.messages[0];
        const deltaMs =
          (positions[i]?.sentAt.getTime() ?? 0) - (positions[i - 1]?.sentAt.getTime() ?? 0);
        if (!previous || !('speedKnots' in previous) || previous.speedKnots === null) continue;
        const sog = previous.speedKnots;
        if (deltaMs > 3 * 60_000) continue; // the ship went beyond VHF range
        if (vessel.aisClass === 'B') {
          if (sog > 2.5) expect(deltaMs).toBe(30_000);
          if (sog < 1.5) expect(deltaMs).toBe(180_000);
        } else {
          const status = 'status' in previous ? previous.status : -1;
          if ((status === 1 || status === 5) && sog < 2.5) expect(deltaMs).toBe(180_000);
          else if (sog > 0.5 && sog < 13.5) expect(deltaMs).toBe(10_000);
          else if (sog > 14.5 && sog < 22.5) expect(deltaMs).toBe(6_000);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(reportIntervalMs('A', 0, 25)).toBe(2_000);
    expect(reportIntervalMs('A', 5, 0)).toBe(180_000);
    expect(reportIntervalMs('A', 1, 4)).toBe(10_000);
    expect(reportIntervalMs('B', 0, 8)).toBe(30_000);
  });

  it('send static data (type 5 for class A, 24 A and B for class B) every 6 minutes', () => {
    let withStatics = 0;
    for (const vessel of scenario.vessels) {
      const statics = ais.filter(
        (r) => r.mmsi === vessel.mmsi && [5, 24].includes(r.messages[0]?.type ?? 0),
      );
      if (statics.length === 0) continue; // beyond VHF range all along
      withStatics++;
      for (const report of statics) {
        expect(report.messages.map((m) => m.type)).toEqual(
          vessel.aisClass === 'A' ? [5] : [24, 24],
        );
      }
      for (let i = 1; i < statics.length; i++) {
        const deltaMs =
          (statics[i]?.sentAt.getTime() ?? 0) - (statics[i - 1]?.sentAt.getTime() ?? 0);
        expect(deltaMs % STATIC_INTERVAL_MS).toBe(0);
      }
    }
    expect(withStatics).toBeGreaterThan(20);
  });

  it('see ships at anchor, moored and under way, all in Shanghai waters', () => {
    const statuses = new Set<number>();
    for (const report of ais) {
      const m = report.messages[0];
      if (m && 'lat' in m && m.lat !== null && m.lon !== null)
        expect(isInShanghai(m.lon, m.lat)).toBe(true);
      if (m && 'status' in m) statuses.add(m.status);
    }
    expect([...statuses].sort()).toEqual([0, 1, 5]);
  });
});

describe('truck reports', () => {
  it('come every 10-30 s with road speeds, inside Shanghai', () => {
    const scenario = createScenario({ seed: 'trucks', start: START, hasFaults: false, vessels: 0 });
    const reports = scenario.advanceBy(3 * HOUR_MS) as TruckReport[];
    const byTruck = new Map<string, TruckReport[]>();
    for (const report of reports)
      byTruck.set(report.terminalPhone, [...(byTruck.get(report.terminalPhone) ?? []), report]);
    expect(byTruck.size).toBe(40);
    let moving = 0;
    for (const truckReports of byTruck.values()) {
      for (let i = 0; i < truckReports.length; i++) {
        const [fix] = truckReports[i]?.fixes ?? [];
        if (!fix) throw new Error('a report without a fix');
        expect(truckReports[i]?.fixes).toHaveLength(1);
        expect(isInShanghai(fix.lon, fix.lat)).toBe(true);
        expect(fix.speedKmh).toBeGreaterThanOrEqual(0);
        expect(fix.speedKmh).toBeLessThanOrEqual(82);
        if (fix.speedKmh > 0) moving++;
        if (i === 0) continue;
        const deltaMs = fix.time.getTime() - (truckReports[i - 1]?.fixes[0]?.time.getTime() ?? 0);
        expect(deltaMs).toBeGreaterThanOrEqual(10_000);
        expect(deltaMs).toBeLessThanOrEqual(30_000);
      }
    }
    expect(moving).toBeGreaterThan(reports.length / 5);
  });

  it('have dropouts sent later as a batch, lost reports and duplicates', () => {
    const scenario = createScenario({ seed: 'faults', start: START, vessels: 0, vehicles: 100 });
    const reports = scenario.advanceBy(6 * HOUR_MS) as TruckReport[];
    expect(reports.some((r) => r.isDuplicate)).toBe(true);
    const batches = reports.filter((r) => r.fixes.length > 1);
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) {
      const times = batch.fixes.map((f) => f.time.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)).toBe(batch.sentAt.getTime());
    }
  });
});

describe('truck hauls', () => {
  it('are the plan the reports follow: chained, stopped while working, the same for the same seed', () => {
    const options = { seed: 'hauls', start: START, hasFaults: false, vessels: 0, vehicles: 8 };
    const scenario = createScenario(options);
    const reports = scenario.advanceBy(4 * HOUR_MS) as TruckReport[];
    const twin = createScenario(options);
    twin.advanceBy(4 * HOUR_MS);
    for (const vehicle of scenario.vehicles) {
      const hauls = scenario.haulsOf(vehicle.terminalPhone);
      expect(hauls.length).toBeGreaterThan(1);
      expect(twin.haulsOf(vehicle.terminalPhone)).toEqual(hauls);
      for (const [i, haul] of hauls.entries()) {
        expect(haul.from).not.toBe(haul.to);
        expect(haul.departsAtMs).toBeLessThan(haul.arrivesAtMs);
        expect(haul.arrivesAtMs).toBeLessThan(haul.doneAtMs);
        const next = hauls[i + 1];
        if (next) {
          expect(next.from).toBe(haul.to);
          expect(next.departsAtMs).toBeGreaterThanOrEqual(haul.doneAtMs);
        }
        // While it works at the destination the truck stands still.
        const working = reports.filter(
          (r) =>
            r.terminalPhone === vehicle.terminalPhone &&
            r.sentAt.getTime() > haul.arrivesAtMs &&
            r.sentAt.getTime() < haul.doneAtMs,
        );
        for (const report of working) expect(report.fixes[0]?.speedKmh).toBe(0);
      }
    }
    expect(scenario.haulsOf('013999999999')).toEqual([]);
  });
});
