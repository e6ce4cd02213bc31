import { CollisionRiskParams, type Fix } from '@harbor/shared';
import type { ActiveRule } from '../src/domains/alerts/engine.ts';
import { CollisionWatch, type VesselParticulars } from '../src/domains/safety/collision-watch.ts';
import { GeofenceEngine } from '../src/pipeline/geofence-engine.ts';
import { boxZone, place, T0 } from '../test/safety-scene.ts';

// The collision watch's CPA pass for 2,000 ships under way in one approach area, each
// reporting at the AIS class A rate under way (every 10 s: 200 reports a second), fed in the
// batches the tracker would hand it. The geofence engine runs beside it, untimed, to give the
// zone transitions as the tracker does. Measured: the time of `observe` per batch on this one
// thread, by the clock and in CPU time (on a shared machine the clock also counts the time
// other processes had the core), and simulated time over that time: how many times faster
// than real time the pass keeps up.

const SHIPS = 2_000;
const REPORT_EVERY_S = 10;
const SIMULATED_S = 600;

function next(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4_294_967_296;
  };
}

type Ship = {
  mmsi: string;
  x: number;
  y: number;
  knots: number;
  courseDeg: number;
  /** Second of the 10 at which it reports (AIS slots spread the ships over the interval). */
  phase: number;
};

function fleet(sideNm: number, random: () => number): Ship[] {
  return Array.from({ length: SHIPS }, (_, i) => ({
    mmsi: String(413_100_000 + i),
    x: (random() - 0.5) * sideNm,
    y: (random() - 0.5) * sideNm,
    knots: 4 + random() * 14,
    courseDeg: random() * 360,
    phase: i % REPORT_EVERY_S,
  }));
}

/** Moves a ship by `seconds`, turning it back at the edge of the area. */
function sail(ship: Ship, seconds: number, halfNm: number) {
  const rad = (ship.courseDeg * Math.PI) / 180;
  const nm = (ship.knots * seconds) / 3600;
  ship.x += nm * Math.sin(rad);
  ship.y += nm * Math.cos(rad);
  if (Math.abs(ship.x) > halfNm) ship.courseDeg = (360 - ship.courseDeg) % 360;
  if (Math.abs(ship.y) > halfNm) ship.courseDeg = (540 - ship.courseDeg) % 360;
}

function fixOf(ship: Ship, atMs: number): Fix {
  const fixAt = new Date(atMs);
  return {
    assetKind: 'VESSEL',
    assetKey: ship.mmsi,
    fixAt,
    receivedAt: fixAt,
    ...place(ship.x, ship.y),
    speedKnots: ship.knots,
    courseDeg: ship.courseDeg,
    headingDeg: ship.courseDeg,
    altitudeM: null,
    status: 'UNDER_WAY_USING_ENGINE',
    source: 'AIS',
  };
}

function run(sideNm: number, batchMs: number) {
  const random = next(sideNm * 1000 + batchMs);
  const ships = fleet(sideNm, random);
  const particulars = new Map<string, VesselParticulars>(
    // One ship in twenty a tug or pilot boat.
    ships.map((ship, i) => [ship.mmsi, { name: `SHIP ${i}`, shipType: i % 20 === 0 ? 52 : 70 }]),
  );
  const rule: ActiveRule = {
    kind: 'COLLISION_RISK',
    params: CollisionRiskParams.parse({}),
    id: 'rule',
    organization: { id: 'port', kind: 'PORT_AUTHORITY' },
    name: 'Collision risk',
    severity: 'CRITICAL',
  };
  const half = sideNm / 2 + 1;
  const geofence = new GeofenceEngine([
    boxZone('approach', 'APPROACH', [-half, -half], [half, half]),
  ]);
  const watch = new CollisionWatch();
  watch.setRules([rule]);
  const particularsOf = (mmsi: string) => particulars.get(mmsi);

  const perBatchMs: number[] = [];
  let observedMs = 0;
  let observedCpuMs = 0;
  let alerts = 0;
  let reports = 0;
  const cpuBefore = process.cpuUsage();
  for (let startMs = 0; startMs < SIMULATED_S * 1000; startMs += batchMs) {
    const batch: Fix[] = [];
    for (let ms = startMs; ms < startMs + batchMs; ms += 1000) {
      const second = ms / 1000;
      for (const ship of ships) {
        if (second % REPORT_EVERY_S !== ship.phase) continue;
        sail(ship, REPORT_EVERY_S, sideNm / 2);
        batch.push(fixOf(ship, T0 + ms));
      }
    }
    const { transitions } = geofence.updateBatch(batch);
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    alerts += watch.observe(batch, transitions, particularsOf).length;
    const took = Number(process.hrtime.bigint() - started) / 1e6;
    const cpuTook = process.cpuUsage(cpuStarted);
    // The first minute fills the watch; measure the steady state after it.
    if (startMs >= 60_000) {
      perBatchMs.push(took);
      observedMs += took;
      observedCpuMs += (cpuTook.user + cpuTook.system) / 1000;
      reports += batch.length;
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  perBatchMs.sort((a, b) => a - b);
  const simulatedS = SIMULATED_S - 60;
  const p = (q: number) =>
    perBatchMs[Math.min(perBatchMs.length - 1, Math.floor(q * perBatchMs.length))] ?? 0;
  const perSecondComparisons = watch.stats.comparisons / SIMULATED_S;
  console.log(
    `cpa, ${SHIPS} ships in ${sideNm}x${sideNm} nm, batches of ${batchMs} ms ` +
      `(${Math.round((SHIPS / REPORT_EVERY_S) * (batchMs / 1000))} reports): ` +
      `per batch mean ${(observedMs / perBatchMs.length).toFixed(2)} ms, p99 ${p(0.99).toFixed(2)} ms, ` +
      `CPU mean ${(observedCpuMs / perBatchMs.length).toFixed(2)} ms; ` +
      `${Math.round(reports / simulatedS)} reports/s, ` +
      `${Math.round(perSecondComparisons).toLocaleString('en-US')} pairs/s compared, ` +
      `${Math.round((simulatedS * 1000) / observedMs)}x real time by the clock, ` +
      `${Math.round((simulatedS * 1000) / observedCpuMs)}x in CPU time; ` +
      `${alerts} alerts; process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (geofence and fix making included)`,
  );
}

for (const sideNm of [30, 15]) for (const batchMs of [1_000, 100]) run(sideNm, batchMs);
