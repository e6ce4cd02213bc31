import { DbConnectionError, MigrationError } from '@harbor/db';
import { pino } from 'pino';
import { wallClock } from './core/clock.ts';
import { ConfigError, loadConfig } from './env.ts';
import { startProcess } from './runtime/runtime.ts';

// Expected start-up failures get one clear line on stderr, without a stack trace.
const EXPECTED = [ConfigError, DbConnectionError, MigrationError];

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.logLevel });
  let stopping = false;
  let stop: () => Promise<void> = async () => {};
  const shutdown = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    // After a fatal error a part may wait on what is gone: at most 10 s.
    if (exitCode !== 0) setTimeout(() => process.exit(exitCode), 10_000).unref();
    stop().then(
      () => process.exit(exitCode),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const harbor = await startProcess(config, logger, wallClock, () => shutdown('fatal', 1));
  stop = () => harbor.stop();
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
}

main().catch((error: unknown) => {
  if (EXPECTED.some((kind) => error instanceof kind)) {
    process.stderr.write(`harbor: ${(error as Error).message}\n`);
  } else {
    process.stderr.write(
      `harbor: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
