import type { Db } from '@harbor/db';
import type { AssetKind } from '@harbor/shared';
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

/** The retention rules as they stand now; `keepDays` where an organization has none. */
export async function retentionLookup(
  db: Pick<Db, 'sql'>,
  keepDays: number,
): Promise<RetentionLookup> {
  const { rows } = await db.sql.query<{ days: number | null }>(VESSEL_DAYS);
  const vesselDays = rows[0]?.days ?? keepDays;
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
