import type { Server } from 'node:http';
import { createDb, type Db, migrate, seed } from '@harbor/db';
import type { Logger } from 'pino';
import type { Config } from './env.ts';
import { createApp } from './http/app.ts';

export type Harbor = { db: Db; server: Server; url: string; stop(): Promise<void> };

/** The one composition root: config -> database (migrated, seeded) -> http. */
export async function startHarbor(config: Config, logger: Logger): Promise<Harbor> {
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    logger.info({ database: db.describe }, 'database open');
    const applied = await migrate(db);
    logger.info({ applied }, `${applied.length} migration(s) applied`);
    if (config.seed) logger.info({ counts: await seed(db) }, 'seed data in place');

    const { app } = createApp({
      db,
      logger,
      sessionTtlMs: config.sessionTtlMs,
      cookieSecure: config.cookieSecure,
    });
    const server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(config.port, config.host, () => resolve(listening));
      listening.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    logger.info({ url }, 'Harbor api listening');

    return {
      db,
      server,
      url,
      async stop() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
