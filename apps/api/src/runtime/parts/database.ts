import { createDb, type Db, migrate, seed } from '@harbor/db';
import type { Logger } from 'pino';
import type { Config } from '../../env.ts';

/**
 * The database, migrated and (unless switched off) seeded; closed last. `onLost`: the
 * database went for good while Harbor ran (the embedded one's thread ended), said once.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'seed' | 'seedFleet'>,
  logger: Logger,
  onLost: (error: Error) => void,
): Promise<{ db: Db; stop(): Promise<void> }> {
  const db = await createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onLost,
  });
  try {
    logger.info({ database: db.describe }, 'database open');
    const applied = await migrate(db);
    logger.info({ applied }, `${applied.length} migration(s) applied`);
    if (config.seed)
      logger.info(
        { counts: await seed(db, { fleetSize: config.seedFleet }) },
        'seed data in place',
      );
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, stop: () => db.close() };
}
