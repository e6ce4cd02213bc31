import type { Db } from '@harbor/db';
import type { AssetKind } from '@harbor/shared';
import { DAY_MS, ensurePartitions, spanOf, utcDay } from '../../pipeline/history-partitions.ts';
import { textArray } from '../../pipeline/sql-arrays.ts';
import { deviceOwnerSql } from '../vehicles/device-directory.ts';

/** How many days each asset's track is kept, by the rules of the organization it belongs to. */
export type RetentionLookup = {
  keepDaysOf(assets: readonly { assetKind: AssetKind; assetKey: string }[]): Promise<number[]>;
};

// A truck belongs to its device's organization (the device directory's rule); a vessel heard
// on AIS belongs to the port, whose authority sets how long ships' tracks are kept.
const VEHICLE_DAYS = `
  SELECT key, r."keepDays" AS days
  FROM unnest($1::text[]) AS asset(key)
  JOIN "TrackRetention" r ON r."assetKind" = 'VEHICLE' AND r."organizationId" = ${deviceOwnerSql('asset.key')}`;

const VESSEL_DAYS = `
  SELECT max(r."keepDays") AS days FROM "TrackRetention" r
  JOIN "Organization" o ON o.id = r."organizationId"
  WHERE r."assetKind" = 'VESSEL' AND o.kind = 'PORT_AUTHORITY'`;

/** How long ships' tracks are kept: the port authority's rule, else `keepDays`. */
async function vesselKeepDays(db: Pick<Db, 'sql'>, keepDays: number): Promise<number> {
  const { rows } = await db.sql.query<{ days: number | null }>(VESSEL_DAYS);
  return rows[0]?.days ?? keepDays;
}

/** How long an organization's trucks' tracks are kept: its own rule, else `keepDays`. */
async function vehicleKeepDays(
  db: Pick<Db, 'sql'>,
  organizationId: string,
  keepDays: number,
): Promise<number> {
  const { rows } = await db.sql.query<{ keepDays: number }>(
    `SELECT "keepDays" FROM "TrackRetention"
     WHERE "organizationId" = $1 AND "assetKind" = 'VEHICLE'`,
    [organizationId],
  );
  return rows[0]?.keepDays ?? keepDays;
}

/** The retention rules as they stand now; `keepDays` where an organization has none. */
export async function retentionLookup(
  db: Pick<Db, 'sql'>,
  keepDays: number,
): Promise<RetentionLookup> {
  const vesselDays = await vesselKeepDays(db, keepDays);
  return {
    async keepDaysOf(assets) {
      const vehicles = [
        ...new Set(assets.filter((a) => a.assetKind === 'VEHICLE').map((a) => a.assetKey)),
      ];
      const byKey = new Map<string, number>();
      if (vehicles.length > 0) {
        const result = await db.sql.query<{ key: string; days: number }>(VEHICLE_DAYS, [
          textArray(vehicles),
        ]);
        for (const row of result.rows) byKey.set(row.key, row.days);
      }
      return assets.map((asset) =>
        asset.assetKind === 'VESSEL' ? vesselDays : (byKey.get(asset.assetKey) ?? keepDays),
      );
    },
  };
}

/** Assets whose segments are re-dated or removed per statement: short transactions. */
const REDATE_ASSETS = 50;

// A segment's expiry by a rule of $2 days, as the compactor gives it (compactor.ts): the day
// after its last fix's UTC day plus the days kept. $1: the asset kind, $3: the asset keys.
const EXPIRY = `(("toAt" AT TIME ZONE 'UTC')::date + $2::int + 1)`;
const OF_ASSETS = `"assetKind" = $1::"AssetKind" AND "assetKey" = ANY($3::text[])`;

// The assets a change applies to, in key order after the last key read, a page at a time:
// an organization's trucks (by their devices), or every ship for the port authority's rule.
const ASSET_PAGE = 1_000;
const TRUCKS_OF = `SELECT "terminalPhone" AS key FROM "Device"
  WHERE "organizationId" = $1 AND "terminalPhone" > $2 ORDER BY 1 LIMIT ${ASSET_PAGE}`;
const SHIPS = `SELECT DISTINCT "assetKey" AS key FROM "TrackSegment"
  WHERE "assetKind" = 'VESSEL' AND "assetKey" > $1 ORDER BY 1 LIMIT ${ASSET_PAGE}`;

export type RuleChangesReport = {
  /** Compact segments given the expiry of a changed rule (moved to that week's partition). */
  redated: number;
  /** Compact segments a shortened rule had already expired, removed. */
  expiredByRule: number;
};

/**
 * Applies the track rules changed since the last round (TrackRetentionChange) to the segments
 * compacted before: each gets the expiry the rule now gives it, moving to that week's
 * partition, so a longer rule keeps what was compacted under the shorter one (it would
 * otherwise go with its old week) and a shorter rule lets go of it with its new week; segments
 * the shorter rule has already expired are removed. A rule change is rare and admin-made, so
 * this moves and removes rows, a few assets' at a time; routine retention still only drops
 * partitions. Runs before expired partitions are dropped. A change made again meanwhile (its
 * version moved on) is applied again by the next round.
 */
export async function applyRuleChanges(
  db: Pick<Db, 'sql'>,
  keepDays: number,
  now: number,
): Promise<RuleChangesReport> {
  const report: RuleChangesReport = { redated: 0, expiredByRule: 0 };
  const { rows: changes } = await db.sql.query<{
    organizationId: string;
    assetKind: AssetKind;
    version: number;
  }>(`SELECT "organizationId", "assetKind", version FROM "TrackRetentionChange"`);
  for (const change of changes) {
    // Ships follow the port authority's rule, whichever authority's changed; trucks their
    // organization's.
    const days =
      change.assetKind === 'VESSEL'
        ? await vesselKeepDays(db, keepDays)
        : await vehicleKeepDays(db, change.organizationId, keepDays);
    let after = '';
    for (;;) {
      const { rows: page } =
        change.assetKind === 'VESSEL'
          ? await db.sql.query<{ key: string }>(SHIPS, [after])
          : await db.sql.query<{ key: string }>(TRUCKS_OF, [change.organizationId, after]);
      for (let i = 0; i < page.length; i += REDATE_ASSETS) {
        const keys = textArray(page.slice(i, i + REDATE_ASSETS).map((row) => row.key));
        await redate(db, [change.assetKind, days, keys], utcDay(now) / DAY_MS, report);
      }
      if (page.length < ASSET_PAGE) break;
      after = (page.at(-1) as { key: string }).key;
    }
    await db.sql.query(
      `DELETE FROM "TrackRetentionChange"
       WHERE "organizationId" = $1 AND "assetKind" = $2::"AssetKind" AND version = $3`,
      [change.organizationId, change.assetKind, change.version],
    );
  }
  return report;
}

/** Gives these assets' segments the expiry of a rule of `days`, removing those already past. */
async function redate(
  db: Pick<Db, 'sql'>,
  params: [AssetKind, number, string],
  today: number,
  report: RuleChangesReport,
): Promise<void> {
  const removed = await db.sql.query(
    `DELETE FROM "TrackSegment"
     WHERE ${OF_ASSETS} AND ${EXPIRY} - DATE '1970-01-01' <= $4::int`,
    [...params, today],
  );
  report.expiredByRule += removed.affectedRows;
  // The weeks the segments move to, made first (days since 1970 of the expiries to come).
  const { rows: expiries } = await db.sql.query<{ day: number }>(
    `SELECT DISTINCT ${EXPIRY} - DATE '1970-01-01' AS day FROM "TrackSegment"
     WHERE ${OF_ASSETS} AND "expiresOn" <> ${EXPIRY}`,
    params,
  );
  if (expiries.length === 0) return;
  await ensurePartitions(
    db,
    'TrackSegment',
    expiries.map((row) => spanOf('TrackSegment', Number(row.day) * DAY_MS)),
  );
  const moved = await db.sql.query(
    `UPDATE "TrackSegment" SET "expiresOn" = ${EXPIRY}
     WHERE ${OF_ASSETS} AND "expiresOn" <> ${EXPIRY}`,
    params,
  );
  report.redated += moved.affectedRows;
}
