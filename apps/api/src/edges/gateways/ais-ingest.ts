import type { Db } from '@harbor/db';
import { type AisDecoded, AisDecoder, type AisMessage } from '@harbor/protocols/ais';
import { type Fix, fixProblem, fixTimeProblem, isValidImo, MmsiSchema } from '@harbor/shared';
import type {
  AisStaticData,
  AisStaticKind,
  AisStaticRecorder,
} from '../../domains/vessels/static-data.ts';

export type AisCounters = {
  lines: number;
  messages: number;
  errors: number;
  fixes: number;
  /** Positions refused for their time: dated minutes or more after receipt (fix-time.ts). */
  futureFixes: number;
  /** Positions outside a fix's ranges (FixSchema). */
  invalidFixes: number;
  staticUpdates: number;
  /** Static data left unwritten because too many writes were waiting (see AisStaticLimits). */
  staticDropped: number;
  /** Static data whose write failed. */
  staticFailed: number;
};

export type AisIngestDeps = {
  db: Pick<Db, 'prisma'>;
  publish(fixes: Fix[]): Promise<void>;
  now(): Date;
};

/** Navigational status, ITU-R M.1371-5 table 45 (message 1-3 field 4). */
const NAV_STATUS = [
  'UNDER_WAY_USING_ENGINE',
  'AT_ANCHOR',
  'NOT_UNDER_COMMAND',
  'RESTRICTED_MANOEUVRABILITY',
  'CONSTRAINED_BY_DRAUGHT',
  'MOORED',
  'AGROUND',
  'ENGAGED_IN_FISHING',
  'UNDER_WAY_SAILING',
  'RESERVED_9',
  'RESERVED_10',
  'TOWING_ASTERN',
  'PUSHING_AHEAD',
  'RESERVED_13',
  'AIS_SART',
  'NOT_DEFINED',
];

/**
 * A position report carries only the UTC second of its fix: the fix time is the receive
 * time (the tag block's, else ours) moved back to that second, within the last minute.
 */
export function fixTime(receivedAt: Date, second: number | null): Date {
  if (second === null) return receivedAt;
  const minute = Math.floor(receivedAt.getTime() / 60_000) * 60_000;
  const candidate = minute + second * 1000;
  return new Date(candidate > receivedAt.getTime() ? candidate - 60_000 : candidate);
}

/**
 * A position report as a fix: its time from the report's second and `heardAt` (when a base
 * station heard it, from the tag block, else when Harbor did); `receivedAt` is Harbor's own.
 */
export function positionFix(message: AisMessage, heardAt: Date, receivedAt: Date): Fix | null {
  if (
    !('lat' in message) ||
    message.lat === null ||
    message.lon === null ||
    message.type === 21 ||
    message.type === 4
  )
    return null;
  const second = 'second' in message ? message.second : null;
  return {
    assetKind: 'VESSEL',
    assetKey: String(message.mmsi).padStart(9, '0'),
    fixAt: fixTime(heardAt, second),
    receivedAt,
    lat: message.lat,
    lon: message.lon,
    speedKnots: 'speedKnots' in message ? message.speedKnots : null,
    courseDeg:
      'courseDeg' in message && message.courseDeg !== null ? message.courseDeg % 360 : null,
    headingDeg: 'headingDeg' in message ? message.headingDeg : null,
    altitudeM: 'altitudeM' in message ? message.altitudeM : null,
    status: 'status' in message ? (NAV_STATUS[message.status] ?? null) : null,
    source: 'AIS',
  };
}

type AisEta = {
  month: number | null;
  day: number | null;
  hour: number | null;
  minute: number | null;
};

/**
 * Ships often leave the ETA of their type 5 message unchanged after arriving (or arrive
 * late): an ETA that passed less than this long ago is that past time, not next year's.
 */
export const STALE_AIS_ETA_MS = 30 * 86_400_000;

/**
 * The ETA of a type 5 message as a time. ITU-R M.1371-5 table 48 (message 5, ETA): month
 * 1-12 (0 = not available), day 1-31 (0 = n/a), hour 0-23 (24 = n/a), minute 0-59 (60 =
 * n/a); the decoder gives null for those. The message has no year: the ETA is the next such
 * UTC time after the receipt (an ETA of 2 January received on 30 December is next year's),
 * or, within STALE_AIS_ETA_MS before it, that recent past time. Without all four fields, or
 * with a date no year has (31 April), there is none.
 */
export function resolveAisEta(eta: AisEta, receivedAt: Date): Date | null {
  const { month, day, hour, minute } = eta;
  if (month === null || day === null || hour === null || minute === null) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const earliest = receivedAt.getTime() - STALE_AIS_ETA_MS;
  const year = receivedAt.getUTCFullYear();
  // 29 February may be up to eight years away (2096 -> 2104); other dates are this year or next.
  for (let candidateYear = year - 1; candidateYear <= year + 8; candidateYear++) {
    const candidate = new Date(Date.UTC(candidateYear, month - 1, day, hour, minute));
    if (candidate.getUTCMonth() !== month - 1) continue;
    if (candidate.getTime() >= earliest) return candidate;
  }
  return null;
}

/** The static data of a message, for the vessel's AIS columns, with the kind of message it came in. */
function staticData(
  message: AisMessage,
  receivedAt: Date,
): { kind: AisStaticKind; data: AisStaticData } | null {
  if ('undecoded' in message) return null;
  const sized = (
    d: { toBowM: number; toSternM: number; toPortM: number; toStarboardM: number } | null,
  ) =>
    d && d.toBowM + d.toSternM > 0
      ? { aisLengthM: d.toBowM + d.toSternM, aisBeamM: d.toPortM + d.toStarboardM }
      : {};
  const text = (value: string) => (value ? value.slice(0, 20) : undefined);
  switch (message.type) {
    case 5:
      return {
        kind: '5',
        data: {
          aisName: text(message.shipName),
          aisCallSign: text(message.callSign),
          ...(message.imo !== null && isValidImo(message.imo) ? { aisImo: message.imo } : {}),
          aisShipType: message.shipType,
          ...sized(message.dimensions),
          ...(message.draughtM === null ? {} : { aisDraughtM: message.draughtM }),
          aisDestination: text(message.destination),
          aisEta: resolveAisEta(message.eta, receivedAt),
        },
      };
    case 19:
      return {
        kind: '19',
        data: {
          aisName: text(message.shipName),
          aisShipType: message.shipType,
          ...sized(message.dimensions),
        },
      };
    case 24:
      return message.part === 'A'
        ? { kind: '24A', data: { aisName: text(message.shipName) } }
        : {
            kind: '24B',
            data: {
              aisCallSign: text(message.callSign),
              aisShipType: message.shipType,
              ...sized(message.dimensions),
            },
          };
    default:
      return null;
  }
}

/**
 * Turns AIS lines from any source (TCP, UDP, an upstream feed) into fixes on the bus and
 * static data on the vessels' AIS columns. One instance per source keeps its own fragment state.
 */
export class AisIngest {
  readonly counters: AisCounters = {
    lines: 0,
    messages: 0,
    errors: 0,
    fixes: 0,
    futureFixes: 0,
    invalidFixes: 0,
    staticUpdates: 0,
    staticDropped: 0,
    staticFailed: 0,
  };
  private readonly decoder = new AisDecoder();

  /** `statics` is shared by all of a gateway's sources: its memory and writes are bounded once. */
  constructor(
    private readonly deps: AisIngestDeps,
    private readonly statics: AisStaticRecorder,
  ) {}

  /** Handles a group of lines (a TCP read, a datagram); resolves once its fixes are on the bus. */
  async lines(lines: readonly string[]): Promise<void> {
    const fixes: Fix[] = [];
    const now = this.deps.now();
    for (const line of lines) {
      if (line.trim() === '') continue;
      this.counters.lines++;
      const result = this.decoder.push(line, now.getTime());
      if (!result) continue;
      if (!result.ok) {
        this.counters.errors++;
        continue;
      }
      this.counters.messages++;
      // The tag block's receive time (NMEA 4.0 `c:`) is the sender's clock: a time in the
      // future is refused like a device's (fix-time.ts), one long past goes to history only.
      const heardAt = result.receivedAt ?? now;
      const fix = positionFix(result.message, heardAt, now);
      const problem = fix && fixProblem(fix);
      if (fix && !problem) fixes.push(fix);
      else if (problem?.isTime) this.counters.futureFixes++;
      else if (problem) this.counters.invalidFixes++;
      // Static data is dated by the tag block only when that time is believable.
      await this.updateVessel(result, fixTimeProblem(heardAt, now) ? now : heardAt);
    }
    if (fixes.length > 0) await this.deps.publish(fixes);
    this.counters.fixes += fixes.length;
  }

  /** Static data goes to the vessel's AIS columns; what port staff curated stays as it is. */
  private async updateVessel({ message }: AisDecoded, receivedAt: Date): Promise<void> {
    const found = staticData(message, receivedAt);
    if (!found || !MmsiSchema.safeParse(message.mmsi).success) return;
    const outcome = await this.statics.record(message.mmsi, found.kind, found.data);
    if (outcome === 'written') this.counters.staticUpdates++;
    else if (outcome === 'dropped') this.counters.staticDropped++;
    else if (outcome === 'failed') this.counters.staticFailed++;
  }
}
