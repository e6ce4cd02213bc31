import { describe, expect, it } from 'vitest';
import { migrate } from '../src/migrator.ts';
import { emptyDb, migrationsBefore } from './migration-steps.ts';
import { testDbTargets } from './testing.ts';

const DAY_MS = 86_400_000;

describe.each(testDbTargets())('the history partitioning migration on %s', (target) => {
  it('keeps every fix, in a table partitioned by day, the old rows in its first partition', async () => {
    const { db, drop } = await emptyDb(target);
    const before = migrationsBefore('history_partitions_and_compact_tracks');
    try {
      await migrate(db, { migrationsDir: before.dir });
      const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
      // A year ago, today, and two dated in the future by clocks gone wrong before such fixes
      // were refused: one the day after tomorrow, one in 2099.
      const times = [
        today - 365 * DAY_MS + 1_234,
        today + 5 * 3_600_000,
        today + 2 * DAY_MS + 60_000,
        Date.parse('2099-03-04T05:06:07.890Z'),
      ];
      for (const [i, ms] of times.entries())
        await db.sql.query(
          `INSERT INTO "PositionFix" ("assetKind", "assetKey", "fixAt", "receivedAt", lat, lon, "speedKnots", status, source)
           VALUES ('VEHICLE', $1, $2, $2, $3, 121.9, 12.5, 'ACC_ON', 'JT808')`,
          [`01391600100${i}`, new Date(ms), 30.6 + i / 1e6],
        );
      await migrate(db);

      const { rows } = await db.sql.query<{ part: string; key: string; fixAt: Date; lat: number }>(
        `SELECT tableoid::regclass::text AS part, "assetKey" AS key, "fixAt", lat
         FROM "PositionFix" ORDER BY "fixAt"`,
      );
      expect(rows.map((row) => [row.key, new Date(row.fixAt).getTime(), row.lat])).toEqual(
        times.map((ms, i) => [`01391600100${i}`, ms, 30.6 + i / 1e6]),
      );
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
      expect(rows.map((row) => row.part.replaceAll('"', ''))).toEqual([
        'PositionFix_before',
        'PositionFix_before',
        `PositionFix_p${day(times[2] as number)}`,
        'PositionFix_p20990304',
      ]);
      const { rows: kind } = await db.sql.query<{ relkind: string }>(
        `SELECT relkind FROM pg_class WHERE relname = 'PositionFix'`,
      );
      expect(kind[0]?.relkind).toBe('p');
      // The first partition ends at tomorrow's midnight (UTC): Harbor makes the days after it.
      const { rows: bound } = await db.sql.query<{ bound: string }>(
        `SELECT pg_get_expr(relpartbound, oid) AS bound FROM pg_class WHERE relname = 'PositionFix_before'`,
      );
      expect(bound[0]?.bound).toMatch(/^FOR VALUES FROM \(MINVALUE\) TO \('/);
      const { rows: fresh } = await db.sql.query<{ ok: boolean }>(
        `SELECT count(*) = 0 AS ok FROM "PositionFix" WHERE "fixAt" >= $1 AND "fixAt" < $2`,
        [new Date(today + DAY_MS), new Date(today + 2 * DAY_MS)],
      );
      expect(fresh[0]?.ok).toBe(true);
    } finally {
      before.remove();
      await drop();
    }
  });
});
