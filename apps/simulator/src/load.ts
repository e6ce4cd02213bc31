import { distanceM, type LonLat } from '@harbor/shared';
import type { TruckFix } from './reports.ts';
import { OFF_DOCK, route, terminalsOf } from './road-network.ts';
import { createScenario } from './scenario.ts';
import { Jt808Client } from './transports/jt808-client.ts';
import { newSinkCounters, type SinkCounters } from './transports/sink.ts';

/**
 * Load mode: many trucks over JT/T 808 at a fixed total rate, for benchmarks. Each truck is a
 * real terminal on its own TCP connection (register, authenticate, then 0x0200 reports, each
 * answered by 0x8001), driving the Yangshan roads between a terminal gate and a depot or
 * warehouse. Each report is dated `reportIntervalMs` (30 s unless given) after the truck's
 * last, from `start`; so a few thousand connections stand in for a fleet many times larger
 * reporting every 30 s. Harbor refuses fixes dated ahead of its clock: a caller sending
 * faster than the dates advance starts far enough back (`loadSpanMs` says how far the dates
 * reach). A truck never has more than `window` reports unanswered, so when
 * Harbor cannot keep up the rate falls to what it takes instead of piling up in buffers.
 */
export type LoadOptions = {
  host: string;
  port: number;
  /** The trucks' terminal phones; they must be registered in Harbor (SEED_FLEET). */
  terminalPhones: readonly string[];
  /** Reports per second, all trucks together. */
  ratePerSecond: number;
  durationMs: number;
  /** Simulated time of every truck's first report. */
  start: Date;
  /** How far each report's time is after the truck's last (default 30 s). */
  reportIntervalMs?: number;
  window?: number;
  /** Called for each report put on the wire: the truck and the fix time it carries. */
  onSent?: (terminalPhone: string, fixTime: number) => void;
  onProgress?: (line: string) => void;
  /**
   * Called once every truck is online (registered and authenticated), just before the first
   * report: a benchmark measures the reports' cost from here, not the fleet's handshakes.
   */
  onOnline?: () => void;
  /** Called with what went wrong on a truck's link (counted in `errors` as well). */
  onError?: (message: string) => void;
  signal?: AbortSignal;
};

export type LoadResult = {
  trucks: number;
  online: number;
  /** Location reports sent and acknowledged with result 0. */
  sent: number;
  acknowledged: number;
  errors: number;
  refused: number;
  /** Wall time of the sending phase, and the report rate achieved over it. */
  elapsedMs: number;
  sentPerSecond: number;
  /** How long a location report waited for its answer, on average (ms, from its write). */
  meanAnswerMs: number;
};

const REPORT_INTERVAL_MS = 30_000;

/** How far the fix times of a load run reach from its start, at most. */
export function loadSpanMs(options: {
  trucks: number;
  ratePerSecond: number;
  durationMs: number;
  reportIntervalMs?: number;
}): number {
  const reportsPerTruck = Math.ceil(
    (options.ratePerSecond * options.durationMs) / 1000 / Math.max(1, options.trucks),
  );
  return reportsPerTruck * (options.reportIntervalMs ?? REPORT_INTERVAL_MS);
}
/** A truck at about 60 km/h covers this much between two reports 30 s apart. */
const STEP_M = 500;

/** A point of a load road, and whether a truck there keeps to gate speed. */
type RoadPoint = { at: LonLat; isSlow: boolean };

/** Within this distance of a gate, a depot or a warehouse a truck drives at gate speed. */
const SLOW_WITHIN_M = 600;

/** The road between two nodes as points STEP_M apart. */
function roadPoints(fromId: string, toId: string): RoadPoint[] {
  const legs = route(fromId, toId);
  const slowAt = legs.flatMap((leg, i) => [
    ...(i === 0 ? [leg.from.at] : []),
    ...(leg.to.isGate || i === legs.length - 1 ? [leg.to.at] : []),
  ]);
  const points: RoadPoint[] = [];
  for (const leg of legs) {
    const [a, b] = [leg.from.at, leg.to.at];
    const steps = Math.max(1, Math.round(distanceM(a, b) / STEP_M));
    for (let i = 0; i < steps; i++) {
      const at: LonLat = [a[0] + ((b[0] - a[0]) * i) / steps, a[1] + ((b[1] - a[1]) * i) / steps];
      points.push({ at, isSlow: slowAt.some((end) => distanceM(at, end) <= SLOW_WITHIN_M) });
    }
  }
  return points;
}

function courseDeg(from: LonLat, to: LonLat): number {
  const dx = (to[0] - from[0]) * Math.cos((from[1] * Math.PI) / 180);
  const dy = to[1] - from[1];
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

export async function runJt808Load(options: LoadOptions): Promise<LoadResult> {
  const window = options.window ?? 4;
  const scenario = createScenario({
    seed: 'load',
    start: options.start,
    vessels: 0,
    vehicles: options.terminalPhones.map((terminalPhone) => ({ terminalPhone })),
  });
  const ends = [...OFF_DOCK.YANGSHAN.depots, ...OFF_DOCK.YANGSHAN.warehouses];
  const roads = terminalsOf('YANGSHAN').flatMap((terminal) =>
    ends.map((end) => roadPoints(`${terminal.code}-GATE`, end)),
  );
  const counters: SinkCounters = newSinkCounters();
  const answers = { count: 0, waitedMs: 0 };
  const onAcknowledged = (messageId: number, waitedMs: number) => {
    if (messageId !== 0x0200) return;
    answers.count++;
    answers.waitedMs += waitedMs;
  };
  const trucks = scenario.vehicles.map((vehicle, i) => ({
    client: new Jt808Client({
      host: options.host,
      port: options.port,
      vehicle,
      counters,
      heartbeatMs: 60_000,
      replyTimeoutMs: 120_000,
      onAcknowledged,
      ...(options.onError ? { onError: options.onError } : {}),
    }),
    road: roads[i % roads.length] as RoadPoint[],
    // Spread the trucks along their roads, each going its own way.
    step: i * 7,
    reports: 0,
  }));

  // Connect in waves of 500, as a fleet does after a gateway restart: each wave once the one
  // before has registered and authenticated (or after a second), so the handshakes come at
  // the gateway's pace rather than overflowing its accept queue. Then wait until all are online.
  const settled = (wave: typeof trucks) =>
    wave.every((truck) => truck.client.state === 'online' || truck.client.state === 'refused');
  for (let i = 0; i < trucks.length; i += 500) {
    const wave = trucks.slice(i, i + 500);
    for (const truck of wave) truck.client.start();
    const waveDeadline = Date.now() + 1_000;
    while (!settled(wave) && Date.now() < waveDeadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const online = () => trucks.filter((truck) => truck.client.state === 'online').length;
  const connectDeadline = Date.now() + 120_000;
  while (online() < trucks.length && Date.now() < connectDeadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const handshakes = counters.acknowledged;
  options.onOnline?.();

  const start = options.start.getTime();
  const reportIntervalMs = options.reportIntervalMs ?? REPORT_INTERVAL_MS;
  let sent = 0;
  let next = 0;
  const began = performance.now();
  let lastProgress = began;
  while (!options.signal?.aborted) {
    const now = performance.now();
    const elapsed = now - began;
    if (elapsed >= options.durationMs) break;
    const due = Math.floor((options.ratePerSecond * elapsed) / 1000) - sent;
    // One pass over the fleet at most per tick: trucks at their window wait for replies.
    let done = 0;
    for (let scanned = 0; done < due && scanned < trucks.length; scanned++) {
      const truck = trucks[next] as (typeof trucks)[number];
      next = (next + 1) % trucks.length;
      if (truck.client.state !== 'online' || truck.client.inFlight >= window) continue;
      const { road } = truck;
      const cycle = 2 * road.length - 2;
      const along = truck.step % cycle;
      const index = along < road.length ? along : cycle - along;
      const ahead = along < road.length - 1 ? index + 1 : Math.max(0, index - 1);
      const point = road[index] as RoadPoint;
      const here = point.at;
      const time = start + truck.reports * reportIntervalMs;
      const fix: TruckFix = {
        time: new Date(time),
        lat: here[1],
        lon: here[0],
        // Highway speed on the road, gate speed near gates, depots and warehouses (the
        // seeded zones limit trucks to 25 km/h there): a fleet racing through every gate
        // would turn the load into a storm of speeding alerts.
        speedKmh: point.isSlow ? 15 : 60,
        courseDeg: Math.round(courseDeg(here, (road[ahead] as RoadPoint).at)) % 360,
        altitudeM: 10,
        isAccOn: true,
      };
      truck.client.send([fix], false);
      options.onSent?.(truck.client.terminalPhone, time);
      truck.step++;
      truck.reports++;
      sent++;
      done++;
    }
    if (now - lastProgress >= 5_000) {
      lastProgress = now;
      options.onProgress?.(
        `${(elapsed / 1000).toFixed(0)} s: sent ${sent} (${Math.round((sent * 1000) / elapsed)}/s), acknowledged ${counters.acknowledged - handshakes}, errors ${counters.errors}`,
      );
    }
    // Nothing due, or less sent than was due (every truck was looked at, and the rest wait
    // for replies): give the CPU to the others for a millisecond rather than look at every
    // truck again at once, which under load spun the load generator on the cores Harbor
    // shares with it.
    if (done === 0 || done < due) await new Promise((resolve) => setTimeout(resolve, 1));
    else await new Promise((resolve) => setImmediate(resolve));
  }
  const elapsedMs = performance.now() - began;

  // Wait for the last replies, then hang up.
  const drainDeadline = Date.now() + 120_000;
  while (trucks.some((truck) => truck.client.inFlight > 0) && Date.now() < drainDeadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await Promise.all(trucks.map((truck) => truck.client.stop()));
  return {
    trucks: trucks.length,
    online: trucks.filter((truck) => truck.client.state !== 'refused').length,
    sent,
    acknowledged: counters.acknowledged - handshakes,
    errors: counters.errors,
    refused: counters.refused,
    elapsedMs,
    sentPerSecond: (sent * 1000) / elapsedMs,
    meanAnswerMs: answers.count > 0 ? answers.waitedMs / answers.count : Number.NaN,
  };
}
