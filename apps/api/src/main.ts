import { DbConnectionError, MigrationError } from '@harbor/db';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './env.ts';
import { startProcess } from './runtime/runtime.ts';

// Expected start-up failures get one clear line on stderr, without a stack trace.
const EXPECTED = [ConfigError, DbConnectionError, MigrationError];

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.logLevel });
  const harbor = await startProcess(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    harbor.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
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
