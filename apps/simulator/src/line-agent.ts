import { createRandom } from './random.ts';
import { createScenario, type ScenarioOptions } from './scenario.ts';
import { NAV_STATUS } from './voyage.ts';

/** One call of a cargo ship as the shipping line's agent announces it to the port. */
export type ScheduledCall = {
  mmsi: number;
  vesselName: string;
  /** Unique per call: the date and hour (UTC) of its ETA, `YYMMDDHH`. */
  voyage: string;
  /** The terminal and berth codes of the simulator's berth code (`YSP4-B01` → `YSP4`, `B01`). */
  terminal: string;
  berth: string;
  eta: Date;
  etd: Date;
  /** What the twin scenario shows: the ship alongside (the scenario's start if she already was)... */
  berthedAt: Date;
  /** ...and leaving the berth; null if the twin has not got that far. */
  departedAt: Date | null;
};

export type LineAgent = {
  /**
   * Every call whose ship comes alongside by `until` (and those alongside at the start), in
   * ETA order. The same calls with the same times whatever `until`: a later answer extends an
   * earlier one. `until` only moves forward between calls.
   */
  callsBerthingBy(until: Date): ScheduledCall[];
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** How far ahead the line publishes its schedule: the calls berthing within two days. */
export const SCHEDULE_WINDOW_MS = 48 * HOUR_MS;
/** A schedule's berthing is off by this much (one standard deviation)... */
const ETA_ERROR_SD_MS = 90 * MINUTE_MS;
/** ...and at most this much, less than any ship's time at the berth (at least 10 h). */
const ETA_ERROR_MAX_MS = 4 * HOUR_MS;
/**
 * The twin runs this far past the last berthing asked about, so that the ship's departure is
 * seen (a cargo ship stays 10-30 h alongside: voyage.ts).
 */
const DEPARTURE_LOOKAHEAD_MS = 31 * HOUR_MS;
/** The ETD of a call whose departure the twin has not reached: a day at the berth. */
const DEFAULT_STAY_MS = 24 * HOUR_MS;
/** The twin is advanced in steps, so that its reports never pile up. */
const TWIN_STEP_MS = 10 * MINUTE_MS;

/**
 * The shipping lines' agent of the scenario: it foresees each cargo ship's calls from a twin
 * of the scenario with the same options, as a line knows its ships' rotation, and publishes
 * them as a berth schedule. Pure and deterministic: the same options give the same calls.
 *
 * A call is the ship's AIS status turning to 5 (moored) alongside her berth; its ETA is that
 * moment give or take a schedule error drawn from the call's own random stream (normal, sd
 * 90 min), so that the port's schedule reliability is that of a real port; its ETD the moment
 * she leaves. A ship alongside at the start was due a few hours before it.
 */
export function createLineAgent(options: ScenarioOptions): LineAgent {
  // Every ship draws from its own stream (`vessel/i`), so the twin's ships are the scenario's
  // with or without its trucks: the twin leaves them out.
  const twin = createScenario({ ...options, vehicles: 0 });
  const startMs = twin.start.getTime();
  const random = createRandom(twin.seed).fork('line-agent');
  const ships = new Map(
    twin.vessels.flatMap((vessel) => (vessel.berth ? [[vessel.mmsi, vessel] as const] : [])),
  );
  const lastStatus = new Map<number, number>();
  const callCounts = new Map<number, number>();
  /** Every call foreseen so far, oldest berthing first; `departedAtMs` null while alongside. */
  const foreseen: {
    mmsi: number;
    berthedAtMs: number;
    etaMs: number;
    departedAtMs: number | null;
  }[] = [];

  /** A ship comes alongside at `atMs`; null: she already was at the start. */
  const berthed = (mmsi: number, atMs: number | null) => {
    const index = callCounts.get(mmsi) ?? 0;
    callCounts.set(mmsi, index + 1);
    const stream = random.fork(`${mmsi}/${index}`);
    const etaMs =
      atMs === null
        ? startMs - stream.between(2, 8) * HOUR_MS
        : atMs + clamp(stream.normal(0, ETA_ERROR_SD_MS), ETA_ERROR_MAX_MS);
    foreseen.push({
      mmsi,
      berthedAtMs: atMs ?? startMs,
      etaMs: roundToMinute(etaMs),
      departedAtMs: null,
    });
  };
  const departed = (mmsi: number, atMs: number) => {
    const call = foreseen.findLast((c) => c.mmsi === mmsi);
    if (call && call.departedAtMs === null) call.departedAtMs = atMs;
  };
  const toScheduled = (call: (typeof foreseen)[number]): ScheduledCall => {
    const vessel = ships.get(call.mmsi);
    const [terminal = '', berth = ''] = vessel?.berth?.code.split('-') ?? [];
    return {
      mmsi: call.mmsi,
      vesselName: vessel?.name ?? '',
      voyage: voyageOf(call.etaMs),
      terminal,
      berth,
      eta: new Date(call.etaMs),
      etd: new Date(roundToMinute(call.departedAtMs ?? call.etaMs + DEFAULT_STAY_MS)),
      berthedAt: new Date(call.berthedAtMs),
      departedAt: call.departedAtMs === null ? null : new Date(call.departedAtMs),
    };
  };

  return {
    callsBerthingBy(until) {
      const horizonMs = until.getTime() + DEPARTURE_LOOKAHEAD_MS;
      while (twin.now.getTime() < horizonMs) {
        const stepEndMs = Math.min(horizonMs, twin.now.getTime() + TWIN_STEP_MS);
        for (const report of twin.advanceTo(new Date(stepEndMs))) {
          if (report.kind !== 'ais' || !ships.has(report.mmsi)) continue;
          for (const message of report.messages) {
            if (message.type < 1 || message.type > 3 || !('status' in message)) continue;
            const before = lastStatus.get(report.mmsi);
            lastStatus.set(report.mmsi, message.status);
            const atMs = report.sentAt.getTime();
            // A ship first heard moored was alongside at the start: the scenario begins there.
            if (message.status === NAV_STATUS.moored && before !== NAV_STATUS.moored)
              berthed(report.mmsi, before === undefined ? null : atMs);
            if (message.status !== NAV_STATUS.moored && before === NAV_STATUS.moored)
              departed(report.mmsi, atMs);
          }
        }
      }
      return foreseen
        .filter((call) => call.berthedAtMs <= until.getTime())
        .map(toScheduled)
        .sort((a, b) => a.eta.getTime() - b.eta.getTime() || a.mmsi - b.mmsi);
    },
  };
}

/** The schedule as Harbor's berth schedule import reads it (RFC 4180, times in UTC). */
export function scheduleCsv(calls: readonly ScheduledCall[]): string {
  const lines = calls.map((call) =>
    [
      String(call.mmsi),
      call.vesselName,
      call.voyage,
      call.terminal,
      call.berth,
      isoMinute(call.eta),
      isoMinute(call.etd),
    ]
      .map(csvField)
      .join(','),
  );
  return ['vessel,vessel name,voyage,terminal,berth,eta,etd', ...lines].join('\r\n');
}

/**
 * `YYMMDDHH` of the ETA: unique per call (a ship's calls are more than a day apart), and the
 * same when a restarted simulator plans a call at the same hour again, which Harbor then
 * refuses as already planned.
 */
function voyageOf(etaMs: number): string {
  return new Date(etaMs).toISOString().slice(2, 13).replace(/[-T]/g, '');
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const isoMinute = (time: Date) => `${time.toISOString().slice(0, 16)}:00Z`;
const roundToMinute = (ms: number) => Math.round(ms / MINUTE_MS) * MINUTE_MS;
const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value));
