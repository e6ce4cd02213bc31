/**
 * How well Harbor predicts a ship's arrival at its berth, on the simulator's voyages.
 *
 * The seeded Port of Shanghai (fairway network, pilot boarding grounds, berths) is read from
 * an in-memory database the way the api reads it. The simulator's cargo ships sail in from
 * the sea, anchor, berth and leave, over several simulated days; their AIS reports are
 * encoded to NMEA and decoded again the way Harbor's gateway does (positions with speed,
 * course and navigational status; the type 5 ETA). A call's actual arrival is the first fix
 * inside its berth's zone; at 6 h, 2 h and 30 min before it, each method predicts from the
 * reports received up to then:
 * - the fairway-route predictor (domains/visits/eta.ts);
 * - the straight-line estimate Harbor uses today (approachEta): distance over speed, held
 *   while the ship is at anchor, as the visit tracker holds it;
 * - the ETA the ship reports in AIS type 5.
 * Also the predicted arrival at the pilot boarding ground, 2 h and 30 min before the ship
 * enters that zone. Nothing is read from the simulator but its reports and the berth each
 * cargo ship is bound for (what a schedule tells Harbor).
 *
 * Run: pnpm --filter @harbor/api exec tsx bench/eta-accuracy.ts
 * (BENCH_ETA_VESSELS, BENCH_ETA_DAYS, BENCH_ETA_SEED change the scenario.)
 */
import { createDb, migrate, seed } from '@harbor/db';
import { AisDecoder } from '@harbor/protocols/ais';
import type { Fix } from '@harbor/shared';
import { aisSentences, createScenario, type Vessel } from '@harbor/simulator';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { approachEta, loadPortGeometry, MIN_SOG_KNOTS } from '../src/domains/visits/approach.ts';
import { type ArrivalFix, arrivalFix, predictArrival } from '../src/domains/visits/eta.ts';
import { arrivalInput, loadArrivalGeometry } from '../src/domains/visits/fairway-geometry.ts';
import { positionFix, resolveAisEta } from '../src/edges/gateways/ais-ingest.ts';

const SEED = process.env.BENCH_ETA_SEED ?? 'eta-accuracy';
const VESSELS = Number(process.env.BENCH_ETA_VESSELS ?? 120);
const DAYS = Number(process.env.BENCH_ETA_DAYS ?? 5);
const START_MS = Date.parse('2026-12-01T00:00:00Z');
const END_MS = START_MS + DAYS * 86_400_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The fixes the predictor is given: the last two hours. */
const HISTORY_MS = 2 * HOUR;
/** A ship not heard for this long (beyond VHF range) gets no prediction from any method. */
const HEARD_MS = 30 * MINUTE;
const BERTH_HORIZONS = [6 * HOUR, 2 * HOUR, 30 * MINUTE];
const PILOT_HORIZONS = [2 * HOUR, 30 * MINUTE];

type Polygon = { type: 'Polygon'; coordinates: number[][][] };
const METHODS = ['fairway', 'straight', 'ais'] as const;
type Method = (typeof METHODS)[number];

// --- The port as Harbor has it -------------------------------------------------------
const db = await createDb({ dataDir: 'memory://' });
await migrate(db);
await seed(db, { now: new Date(START_MS), fleetSize: 0 });
const geometry = await loadArrivalGeometry(db);
const portGeometry = await loadPortGeometry(db);
const berthRows = await db.prisma.berth.findMany({
  select: { id: true, terminalId: true, zone: { select: { code: true, polygon: true } } },
});
const zoneRows = await db.prisma.zone.findMany({
  where: { kind: { in: ['PILOT_BOARDING', 'ANCHORAGE'] } },
  select: { kind: true, polygon: true },
});
await db.close();
const berthByZone = new Map(berthRows.map((row) => [row.zone.code, row]));
const pilotZones = zoneRows
  .filter((z) => z.kind === 'PILOT_BOARDING')
  .map((z) => z.polygon as Polygon);
const anchorages = zoneRows.filter((z) => z.kind === 'ANCHORAGE').map((z) => z.polygon as Polygon);
const inside = (fix: Fix, polygon: Polygon) => booleanPointInPolygon([fix.lon, fix.lat], polygon);

// --- The simulator's AIS, decoded as the gateway does ----------------------------------
type Ship = { vessel: Vessel; berthId: string; terminalId: string; berth: Polygon };
type Heard = { fixes: Fix[]; aisEtaMs: number | null };

/** Runs the scenario, handing each cargo ship's decoded reports, in time order, to `onReport`. */
function runScenario(
  onReport: (ship: Ship, heard: Heard, atMs: number) => void,
): Map<number, Ship> {
  const scenario = createScenario({
    seed: SEED,
    start: new Date(START_MS),
    vessels: VESSELS,
    vehicles: 0,
  });
  const ships = new Map<number, Ship>();
  for (const vessel of scenario.vessels) {
    const row = vessel.berth && berthByZone.get(vessel.berth.code);
    if (row)
      ships.set(vessel.mmsi, {
        vessel,
        berthId: row.id,
        terminalId: row.terminalId,
        berth: row.zone.polygon as Polygon,
      });
  }
  const decoder = new AisDecoder();
  let sequence = 0;
  for (let t = START_MS; t < END_MS; ) {
    t = Math.min(END_MS, t + HOUR);
    for (const report of scenario.advanceTo(new Date(t))) {
      if (report.kind !== 'ais') continue;
      const ship = ships.get(report.mmsi);
      if (!ship) continue;
      const heard: Heard = { fixes: [], aisEtaMs: null };
      for (const group of aisSentences(report, sequence++))
        for (const line of group) {
          const result = decoder.push(line, report.sentAt.getTime());
          if (!result) continue;
          if (!result.ok) throw new Error(`the simulator's AIS did not decode: ${line}`);
          const heardAt = result.receivedAt ?? report.sentAt;
          const fix = positionFix(result.message, heardAt, report.sentAt);
          if (fix) heard.fixes.push(fix);
          const message = result.message;
          if (message.type === 5 && !('undecoded' in message))
            heard.aisEtaMs = resolveAisEta(message.eta, heardAt)?.getTime() ?? null;
        }
      onReport(ship, heard, report.sentAt.getTime());
    }
  }
  return ships;
}

// --- Pass 1: the actual arrivals, from the reports themselves --------------------------
type Call = { mmsi: number; arrivalMs: number; pilotMs: number | null };
const calls: Call[] = [];
const atBerth = new Map<number, boolean>();
const inPilot = new Map<number, boolean>();
const lastPilot = new Map<number, number>();
let reports = 0;
const ships = runScenario((ship, heard) => {
  reports++;
  const mmsi = ship.vessel.mmsi;
  for (const fix of heard.fixes) {
    const isIn = inside(fix, ship.berth);
    if (isIn && atBerth.get(mmsi) === false)
      calls.push({ mmsi, arrivalMs: fix.fixAt.getTime(), pilotMs: lastPilot.get(mmsi) ?? null });
    if (isIn) lastPilot.delete(mmsi);
    atBerth.set(mmsi, isIn);
    const isInPilot = pilotZones.some((polygon) => inside(fix, polygon));
    if (isInPilot && !inPilot.get(mmsi)) lastPilot.set(mmsi, fix.fixAt.getTime());
    inPilot.set(mmsi, isInPilot);
  }
});

// --- Pass 2: the predictions at each horizon ---------------------------------------------
type Moment = { atMs: number; call: Call; horizonMs: number; target: 'berth' | 'pilot' };
const moments: Moment[] = calls.flatMap((call) => [
  ...BERTH_HORIZONS.map((horizonMs) => ({
    atMs: call.arrivalMs - horizonMs,
    call,
    horizonMs,
    target: 'berth' as const,
  })),
  ...(call.pilotMs === null
    ? []
    : PILOT_HORIZONS.map((horizonMs) => ({
        atMs: (call.pilotMs as number) - horizonMs,
        call,
        horizonMs,
        target: 'pilot' as const,
      }))),
]);
// Only moments with two hours of reports behind them.
const due = moments.filter((m) => m.atMs >= START_MS + HISTORY_MS).sort((a, b) => a.atMs - b.atMs);

type State = {
  history: ArrivalFix[];
  aisEtaMs: number | null;
  previousDistanceM: number | undefined;
  straightEtaMs: number | null;
  isAtBerth: boolean;
};
const states = new Map<number, State>();
const stateOf = (mmsi: number): State => {
  let state = states.get(mmsi);
  if (!state) {
    state = {
      history: [],
      aisEtaMs: null,
      previousDistanceM: undefined,
      straightEtaMs: null,
      isAtBerth: false,
    };
    states.set(mmsi, state);
  }
  return state;
};
type Outcome = {
  moment: Moment;
  errors: Partial<Record<Method, number>>;
  basis: string | null;
  /** The AIS ETA Harbor holds had passed already: the ship's type 5 of this call not heard yet. */
  isAisPast: boolean;
};
const outcomes: Outcome[] = [];
let next = 0;

function evaluate(moment: Moment): void {
  const ship = ships.get(moment.call.mmsi) as Ship;
  const state = stateOf(moment.call.mmsi);
  const actualMs =
    moment.target === 'berth' ? moment.call.arrivalMs : (moment.call.pilotMs as number);
  const latest = state.history.at(-1);
  const outcome: Outcome = { moment, errors: {}, basis: null, isAisPast: false };
  outcomes.push(outcome);
  if (!latest || moment.atMs - latest.atMs > HEARD_MS) return;
  const input = arrivalInput(geometry, ship.berthId, {
    fixes: state.history,
    aisEtaMs: state.aisEtaMs,
    plannedEtaMs: null,
  });
  const prediction = input && predictArrival(input);
  const predicted = moment.target === 'berth' ? prediction?.berthEtaMs : prediction?.pilotEtaMs;
  if (predicted != null) outcome.errors.fairway = (predicted - actualMs) / MINUTE;
  outcome.basis = prediction ? `${prediction.motion}/${prediction.basis}` : null;
  if (moment.target === 'pilot') return;
  if (state.straightEtaMs !== null)
    outcome.errors.straight = (state.straightEtaMs - actualMs) / MINUTE;
  if (state.aisEtaMs !== null) outcome.errors.ais = (state.aisEtaMs - actualMs) / MINUTE;
  outcome.isAisPast = state.aisEtaMs !== null && state.aisEtaMs < moment.atMs;
}

runScenario((ship, heard, atMs) => {
  while (next < due.length && (due[next] as Moment).atMs < atMs) evaluate(due[next++] as Moment);
  const state = stateOf(ship.vessel.mmsi);
  if (heard.aisEtaMs !== null) state.aisEtaMs = heard.aisEtaMs;
  for (const fix of heard.fixes) {
    state.history.push(arrivalFix(fix));
    const isAtBerth = inside(fix, ship.berth);
    // A new call begins: what the visit showed for the last one is gone.
    if (isAtBerth && !state.isAtBerth) state.straightEtaMs = null;
    state.isAtBerth = isAtBerth;
    // The visit tracker's approach step: moving fixes, not while inside an anchorage.
    const speed = fix.speedKnots ?? 0;
    if (speed <= MIN_SOG_KNOTS || anchorages.some((polygon) => inside(fix, polygon))) continue;
    const terminal = portGeometry.terminalCentres.get(ship.terminalId);
    const target = portGeometry.berthCentres.get(ship.berthId);
    if (!terminal || !target) continue;
    const straight = approachEta({
      at: [fix.lon, fix.lat],
      fixAtMs: fix.fixAt.getTime(),
      speedKnots: fix.speedKnots,
      courseDeg: fix.courseDeg,
      terminal,
      target,
      previousDistanceM: state.previousDistanceM,
    });
    state.previousDistanceM = straight.distanceM;
    if (straight.predictedEtaMs !== null) state.straightEtaMs = straight.predictedEtaMs;
  }
  const keepFromMs = atMs - HISTORY_MS;
  const firstKept = state.history.findIndex((fix) => fix.atMs >= keepFromMs);
  if (firstKept > 0) state.history.splice(0, firstKept);
});
while (next < due.length) evaluate(due[next++] as Moment);

// --- The tables -----------------------------------------------------------------------
const label = (ms: number) => (ms >= HOUR ? `${ms / HOUR} h` : `${ms / MINUTE} min`);
const mae = (errors: number[]) =>
  errors.length === 0
    ? '-'
    : `${(errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length).toFixed(1)}`;
const bias = (errors: number[]) =>
  errors.length === 0 ? '-' : `${(errors.reduce((s, e) => s + e, 0) / errors.length).toFixed(1)}`;
const cell = (errors: number[]) => `${mae(errors)} (${errors.length})`;
const pick = (list: Outcome[], method: Method) =>
  list.flatMap((o) => (o.errors[method] === undefined ? [] : [o.errors[method] as number]));

console.log(
  `ETA accuracy: seed "${SEED}", ${VESSELS} ships (${ships.size} cargo), ${DAYS} simulated days, ` +
    `${reports} AIS reports decoded, ${calls.length} arrivals at the berth\n`,
);
console.log('Arrival at the berth: mean absolute error, minutes (predictions)');
console.log('| before arrival | calls | fairway route | straight line (today) | AIS ETA |');
console.log('| --- | --- | --- | --- | --- |');
for (const horizonMs of BERTH_HORIZONS) {
  const list = outcomes.filter(
    (o) => o.moment.target === 'berth' && o.moment.horizonMs === horizonMs,
  );
  console.log(
    `| ${label(horizonMs)} | ${list.length} | ${METHODS.map((m) => cell(pick(list, m))).join(' | ')} |`,
  );
}
console.log(
  '\nThe same, on the calls where all three give a prediction; mean signed error (bias) after',
);
console.log('| before arrival | calls | fairway route | straight line (today) | AIS ETA |');
console.log('| --- | --- | --- | --- | --- |');
for (const horizonMs of BERTH_HORIZONS) {
  const list = outcomes.filter(
    (o) =>
      o.moment.target === 'berth' &&
      o.moment.horizonMs === horizonMs &&
      METHODS.every((m) => o.errors[m] !== undefined),
  );
  console.log(
    `| ${label(horizonMs)} | ${list.length} | ${METHODS.map((m) => `${mae(pick(list, m))} / ${bias(pick(list, m))}`).join(' | ')} |`,
  );
}
console.log('\nArrival at the pilot boarding ground (fairway route predictor)');
console.log('| before boarding | calls | MAE, min (predictions) | bias, min |');
console.log('| --- | --- | --- | --- |');
for (const horizonMs of PILOT_HORIZONS) {
  const list = outcomes.filter(
    (o) => o.moment.target === 'pilot' && o.moment.horizonMs === horizonMs,
  );
  console.log(
    `| ${label(horizonMs)} | ${list.length} | ${cell(pick(list, 'fairway'))} | ${bias(pick(list, 'fairway'))} |`,
  );
}
console.log(
  "\nAIS ETAs already past when asked (the last call's, no type 5 heard yet; or the ship late on it):",
);
for (const horizonMs of BERTH_HORIZONS) {
  const list = outcomes.filter(
    (o) => o.moment.target === 'berth' && o.moment.horizonMs === horizonMs,
  );
  const past = list.filter((o) => o.isAisPast);
  const current = list.filter((o) => !o.isAisPast);
  console.log(
    `  ${label(horizonMs)}: ${past.length}; AIS ETA MAE without them ${cell(pick(current, 'ais'))}, fairway route on the same ${cell(
      pick(
        current.filter((o) => o.errors.ais !== undefined),
        'fairway',
      ),
    )}`,
  );
}
console.log('\nWhat the fairway predictor went by (motion/basis), per horizon:');
for (const horizonMs of BERTH_HORIZONS) {
  const counts = new Map<string, number>();
  for (const o of outcomes)
    if (o.moment.target === 'berth' && o.moment.horizonMs === horizonMs && o.basis)
      counts.set(o.basis, (counts.get(o.basis) ?? 0) + 1);
  console.log(`  ${label(horizonMs)}: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`);
}
