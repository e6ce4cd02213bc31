import { createHash } from 'node:crypto';
import type { Db, Prisma } from '@harbor/db';
import { LRUCache } from 'lru-cache';
import pLimit, { type LimitFunction } from 'p-limit';

/**
 * The one writer of a vessel's static data: every write of Vessel's particulars goes through
 * this module, each source to its own columns.
 * - Port staff set the curated columns (`vessels.create` and `vessels.update`, and a berth
 *   schedule import naming a vessel Harbor has never heard of): `createCuratedVessel`,
 *   `updateCuratedVessel`. Null clears a curated value, so the vessel shows its AIS one again.
 * - AIS static messages set the ais* columns, never the curated ones (AisStaticRecorder): AIS
 *   is unauthenticated radio, and Harbor's AIS port takes any sender.
 * - The visit tracker makes a bare row, the MMSI alone, for a vessel berthing unheard of
 *   (`ensureVessel`).
 * Which source wins where both have a value is the read side's rule (particulars.ts): the
 * curated value, else the AIS one.
 */

/** Where a vessel is written: the client, or the transaction a write belongs to. */
type VesselStore = Pick<Prisma.TransactionClient, 'vessel'>;

/** The curated particulars as staff give them: a value sets one, null clears it, undefined leaves it. */
export type CuratedParticularsInput = {
  name?: string | null | undefined;
  callSign?: string | null | undefined;
  imo?: number | null | undefined;
  shipType?: number | null | undefined;
  lengthM?: number | null | undefined;
  beamM?: number | null | undefined;
  draughtM?: number | null | undefined;
  flag?: string | null | undefined;
  destination?: string | null | undefined;
};

/** The curated columns of `input` and nothing else: an ais* key of a wider object never passes. */
function curatedColumns(input: CuratedParticularsInput) {
  return {
    name: input.name,
    callSign: input.callSign,
    imo: input.imo,
    shipType: input.shipType,
    lengthM: input.lengthM,
    beamM: input.beamM,
    draughtM: input.draughtM,
    flag: input.flag,
    destination: input.destination,
  } satisfies Prisma.VesselUncheckedUpdateInput;
}

/**
 * Port staff's new vessel: its MMSI and curated particulars. A unique MMSI or IMO number
 * already taken fails as Prisma reports it; the caller words the conflict.
 */
export function createCuratedVessel(
  db: VesselStore,
  mmsi: number,
  curated: CuratedParticularsInput,
) {
  return db.vessel.create({ data: { mmsi, ...curatedColumns(curated) } });
}

/** Port staff's changes to a vessel: its curated particulars, and its MMSI when given. */
export function updateCuratedVessel(
  db: VesselStore,
  id: string,
  changes: CuratedParticularsInput & { mmsi?: number | undefined },
) {
  return db.vessel.update({
    where: { id },
    data: { mmsi: changes.mmsi, ...curatedColumns(changes) },
  });
}

/** The vessel with this MMSI; one Harbor has never heard of gets a row with its MMSI alone. */
export function ensureVessel(db: VesselStore, mmsi: number) {
  return db.vessel.upsert({ where: { mmsi }, create: { mmsi }, update: {} });
}

/**
 * AIS static data as it goes to the vessel's ais* columns, never to the curated ones: AIS is
 * unauthenticated radio, and Harbor's AIS port takes any sender.
 */
export type AisStaticData = {
  aisName?: string;
  aisCallSign?: string;
  aisImo?: number;
  aisShipType?: number;
  aisLengthM?: number;
  aisBeamM?: number;
  aisDraughtM?: number;
  aisDestination?: string;
  aisEta?: Date | null;
};

/** Which message the data came in: each kind carries its own set of fields. */
export type AisStaticKind = '5' | '19' | '24A' | '24B';

export type AisStaticLimits = {
  /**
   * (MMSI, kind) pairs whose last written data is remembered, so the repeats a ship sends
   * every few minutes cost no write. A sender can make up any number of MMSIs (30 bits), so
   * the memory is a least-recently-used cache of this many entries, not a map that grows with
   * every MMSI; an entry costs about 230 bytes (the data is kept as a digest), and forgetting
   * one costs one write.
   */
  cacheEntries: number;
  /** Static writes to the database at once, for all sources together. */
  concurrentWrites: number;
  /**
   * Static writes that may wait for one of those. A flood of changing static data (UDP
   * datagrams are handled without waiting for each other) would otherwise queue writes
   * without end; past this, new data is dropped and counted, and written when the ship
   * repeats it (every 6 minutes for a class A ship).
   */
  waitingWrites: number;
};

/**
 * Enough for every ship a port or a national feed hears (a busy port hears a few thousand
 * MMSIs, a national feed tens of thousands); the cache is at most about 12 MB.
 */
export const AIS_STATIC_LIMITS: AisStaticLimits = {
  cacheEntries: 50_000,
  concurrentWrites: 4,
  waitingWrites: 1_000,
};

/** Unchanged data is written again after this long, so `aisStaticAt` tells when it was last heard. */
export const STATIC_REFRESH_MS = 15 * 60_000;

export type AisStaticOutcome = 'written' | 'unchanged' | 'dropped' | 'failed';

/** What was last written for an (MMSI, kind): a digest of the data, and when. */
type Recent = { digest: string; writtenAtMs: number };

/** 96 bits of SHA-1: half the memory of the data itself; a collision would only delay a write. */
const digestOf = (data: AisStaticData) =>
  createHash('sha1').update(JSON.stringify(data)).digest('base64url').slice(0, 16);

/**
 * Records AIS static data on vessels, shared by every source of one gateway. A vessel first
 * heard on AIS gets a row with AIS values only (nothing curated); a known one gets its AIS
 * columns updated and its curated ones left alone. An AIS-reported IMO number goes into
 * `aisImo`, which is not unique, so a claim of another vessel's IMO is kept as a claim.
 */
export class AisStaticRecorder {
  private readonly recent: LRUCache<string, Recent>;
  private readonly limit: LimitFunction;

  constructor(
    private readonly deps: { db: Pick<Db, 'prisma'>; now(): Date },
    private readonly limits: AisStaticLimits = AIS_STATIC_LIMITS,
  ) {
    this.recent = new LRUCache({ max: limits.cacheEntries });
    this.limit = pLimit(limits.concurrentWrites);
  }

  /** (MMSI, kind) pairs remembered now: at most `limits.cacheEntries`. */
  get cacheSize(): number {
    return this.recent.size;
  }

  async record(mmsi: number, kind: AisStaticKind, data: AisStaticData): Promise<AisStaticOutcome> {
    const slot = `${mmsi}/${kind}`;
    const digest = digestOf(data);
    const nowMs = this.deps.now().getTime();
    const last = this.recent.get(slot);
    if (last?.digest === digest && nowMs - last.writtenAtMs < STATIC_REFRESH_MS) return 'unchanged';
    if (this.limit.pendingCount >= this.limits.waitingWrites) return 'dropped';
    try {
      await this.limit(() => this.write(mmsi, data, new Date(nowMs)));
    } catch {
      // A failed write (the database away) must not cost the fixes read with it; it is
      // counted, and the ship's next report writes again (nothing was remembered).
      return 'failed';
    }
    this.recent.set(slot, { digest, writtenAtMs: nowMs });
    return 'written';
  }

  private async write(mmsi: number, data: AisStaticData, at: Date): Promise<void> {
    const fields = { ...data, aisStaticAt: at };
    await this.deps.db.prisma.vessel.upsert({
      where: { mmsi },
      create: { mmsi, ...fields },
      update: fields,
    });
  }
}
