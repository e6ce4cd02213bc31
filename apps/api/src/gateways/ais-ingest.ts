import type { Db } from '@harbor/db';
import { type AisDecoded, AisDecoder, type AisMessage } from '@harbor/protocols/ais';
import { type Fix, FixSchema, isValidImo } from '@harbor/shared';

export type AisCounters = {
  lines: number;
  messages: number;
  errors: number;
  fixes: number;
  staticUpdates: number;
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

function positionFix(message: AisMessage, receivedAt: Date): Fix | null {
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
    fixAt: fixTime(receivedAt, second),
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

type VesselData = {
  name?: string;
  callSign?: string;
  imo?: number;
  shipType?: number;
  lengthM?: number;
  beamM?: number;
  draughtM?: number;
  destination?: string;
};

function staticData(message: AisMessage): VesselData | null {
  if ('undecoded' in message) return null;
  const sized = (
    d: { toBowM: number; toSternM: number; toPortM: number; toStarboardM: number } | null,
  ) =>
    d && d.toBowM + d.toSternM > 0
      ? { lengthM: d.toBowM + d.toSternM, beamM: d.toPortM + d.toStarboardM }
      : {};
  const text = (value: string) => (value ? value.slice(0, 20) : undefined);
  switch (message.type) {
    case 5:
      return {
        name: text(message.shipName),
        callSign: text(message.callSign),
        ...(message.imo !== null && isValidImo(message.imo) ? { imo: message.imo } : {}),
        shipType: message.shipType,
        ...sized(message.dimensions),
        ...(message.draughtM === null ? {} : { draughtM: message.draughtM }),
        destination: text(message.destination),
      };
    case 19:
      return {
        name: text(message.shipName),
        shipType: message.shipType,
        ...sized(message.dimensions),
      };
    case 24:
      return message.part === 'A'
        ? { name: text(message.shipName) }
        : {
            callSign: text(message.callSign),
            shipType: message.shipType,
            ...sized(message.dimensions),
          };
    default:
      return null;
  }
}

/**
 * Turns AIS lines from any source (TCP, UDP, an upstream feed) into fixes on the bus and
 * vessel updates from static data. One instance per source keeps its own fragment state.
 */
export class AisIngest {
  readonly counters: AisCounters = { lines: 0, messages: 0, errors: 0, fixes: 0, staticUpdates: 0 };
  private readonly decoder = new AisDecoder();
  /** The last static data written per MMSI, so repeats every few minutes cost no write. */
  private readonly lastStatic = new Map<number, string>();

  constructor(private readonly deps: AisIngestDeps) {}

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
      const fix = positionFix(result.message, result.receivedAt ?? now);
      if (fix && FixSchema.safeParse(fix).success) fixes.push(fix);
      await this.updateVessel(result);
    }
    if (fixes.length > 0) await this.deps.publish(fixes);
    this.counters.fixes += fixes.length;
  }

  private async updateVessel({ message }: AisDecoded): Promise<void> {
    const data = staticData(message);
    if (!data || message.mmsi < 100_000_000) return;
    const key = JSON.stringify(data);
    if (this.lastStatic.get(message.mmsi) === key) return;
    this.lastStatic.set(message.mmsi, key);
    const { imo, ...rest } = data;
    let fields: VesselData = rest;
    if (imo !== undefined) {
      // An IMO number another vessel already holds is left out rather than failing the update.
      const holder = await this.deps.db.prisma.vessel.findUnique({
        where: { imo },
        select: { mmsi: true },
      });
      if (!holder || holder.mmsi === message.mmsi) fields = { ...rest, imo };
    }
    await this.deps.db.prisma.vessel.upsert({
      where: { mmsi: message.mmsi },
      create: { mmsi: message.mmsi, ...fields },
      update: fields,
    });
    this.counters.staticUpdates++;
  }
}
