import type { Db } from '@harbor/db';
import {
  assetId,
  type Fix,
  isoTime,
  MAX_FIX_AHEAD_MS,
  type Position,
  type SessionUser,
  type ViewportInput,
} from '@harbor/shared';
import { canSeeAsset } from '../auth/scope.ts';
import type { DeviceDirectory } from '../vehicles/device-directory.ts';
import type { LivePosition } from './live-topics.ts';

/** A cached position with its owner; the position object itself is what subscribers receive. */
type Entry = LivePosition & { fixAtMs: number };

/**
 * The latest position of every asset, in memory: loaded from the database at start, then
 * fed with the fixes the bus accepts (LiveTap; a position only ever moves forward in time).
 * The map's viewport query reads it instead of the database. A truck's organization comes
 * from its device, through the device directory: every device's at load, and a device first
 * seen in a batch is looked up then.
 */
export class LatestPositionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly deviceOrganization = new Map<string, string>();
  /** Batches whose new devices could not be looked up (the database was unreachable). */
  ownerLookupFailures = 0;

  constructor(
    private readonly deps: {
      db: Pick<Db, 'sql'>;
      devices: Pick<DeviceDirectory, 'owners' | 'ownersOf'>;
    },
  ) {}

  async load(): Promise<number> {
    for (const [terminalPhone, organizationId] of await this.deps.devices.owners())
      this.deviceOrganization.set(terminalPhone, organizationId);
    const rows = await this.deps.db.sql.query<Position & { fixAt: Date | string }>(
      `SELECT "assetKind", "assetKey", "fixAt", lat, lon, "speedKnots", "courseDeg", "headingDeg", status, source FROM "LatestPosition"`,
    );
    for (const row of rows.rows) {
      const fixAt = new Date(row.fixAt);
      this.set({ ...row, fixAt: fixAt.toISOString() }, fixAt.getTime());
    }
    return this.entries.size;
  }

  /**
   * Applies a batch of accepted fixes; older fixes than the cached one change nothing. Returns the
   * positions that moved forward, with their owner, for the live subscriptions.
   */
  async apply(fixes: readonly Fix[]): Promise<LivePosition[]> {
    const unknown = new Set<string>();
    for (const fix of fixes)
      if (fix.assetKind === 'VEHICLE' && !this.deviceOrganization.has(fix.assetKey))
        unknown.add(fix.assetKey);
    if (unknown.size > 0) {
      try {
        for (const [terminalPhone, organizationId] of await this.deps.devices.ownersOf([
          ...unknown,
        ]))
          this.deviceOrganization.set(terminalPhone, organizationId);
      } catch {
        // The database is away: these trucks show to port staff only until a later batch,
        // which asks again, finds their company.
        this.ownerLookupFailures++;
      }
    }
    const moved: LivePosition[] = [];
    for (const fix of fixes) {
      const fixAtMs = fix.fixAt.getTime();
      const key = assetId(fix.assetKind, fix.assetKey);
      const current = this.entries.get(key);
      // A cached position from the future (stored before such fixes were refused) would
      // hold the asset there for ever: a sane fix replaces it, as in the database.
      if (
        current &&
        current.fixAtMs >= fixAtMs &&
        current.fixAtMs - fix.receivedAt.getTime() <= MAX_FIX_AHEAD_MS
      )
        continue;
      const entry = this.put(
        key,
        {
          assetKind: fix.assetKind,
          assetKey: fix.assetKey,
          fixAt: isoTime(fixAtMs),
          lat: fix.lat,
          lon: fix.lon,
          speedKnots: fix.speedKnots,
          courseDeg: fix.courseDeg,
          headingDeg: fix.headingDeg,
          status: fix.status,
          source: fix.source,
        },
        fixAtMs,
      );
      moved.push(entry);
    }
    return moved;
  }

  /** The organization owning a vehicle's device (null for vessels and unknown devices). */
  ownerOf(assetKind: Position['assetKind'], assetKey: string): string | null {
    return assetKind === 'VEHICLE' ? (this.deviceOrganization.get(assetKey) ?? null) : null;
  }

  /** One asset's latest position, if it has one. */
  get(assetKind: Position['assetKind'], assetKey: string): Position | null {
    return this.entries.get(assetId(assetKind, assetKey))?.position ?? null;
  }

  /** Every latest position, for the alert rules' starting state. */
  *all(): Generator<Position> {
    for (const entry of this.entries.values()) yield entry.position;
  }

  /** Stores a position if it is newer than the cached one; returns the new entry, or null. */
  private set(position: Position, fixAtMs: number): Entry | null {
    const key = assetId(position.assetKind, position.assetKey);
    const current = this.entries.get(key);
    if (current && current.fixAtMs >= fixAtMs) return null;
    return this.put(key, position, fixAtMs);
  }

  /** Stores a position under its asset's key, with the owner of its device. */
  private put(key: string, position: Position, fixAtMs: number): Entry {
    const organizationId =
      position.assetKind === 'VEHICLE'
        ? (this.deviceOrganization.get(position.assetKey) ?? null)
        : null;
    const entry = { position, fixAtMs, organizationId };
    this.entries.set(key, entry);
    return entry;
  }

  /** The same answer as the viewport query on the database, from memory. */
  inViewport(user: SessionUser, input: ViewportInput): Position[] {
    const { minLat, maxLat, minLon, maxLon } = input.bbox;
    const kinds = new Set(input.assetKinds);
    const result: Position[] = [];
    for (const { position, organizationId } of this.entries.values()) {
      const { lat, lon, assetKind } = position;
      if (lat < minLat || lat > maxLat || lon < minLon || lon > maxLon) continue;
      if (!kinds.has(assetKind)) continue;
      if (!canSeeAsset(user, { assetKind, organizationId })) continue;
      result.push(position);
      if (result.length >= input.limit) break;
    }
    return result;
  }

  get size(): number {
    return this.entries.size;
  }
}
