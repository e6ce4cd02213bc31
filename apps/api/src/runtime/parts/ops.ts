import type { Server } from 'node:http';
import type { Db } from '@harbor/db';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { registerPipelineMetrics, type Stats } from '../../edges/http/metrics.ts';
import { createOpsApp } from '../../edges/http/ops-app.ts';
import type { Config } from '../../env.ts';

/**
 * A client that sends its headers or body slowly (slowloris) holds a connection, not the
 * process: the headers must arrive within 15 s and the whole request (a 5 MB ingest batch at
 * 100 kB/s) within 60 s, or Node answers 408 and closes it. Node's defaults are 60 s and
 * 300 s. Streams (SSE) are answers, which these limits do not touch.
 */
function limitSlowClients(server: Server): void {
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
}

/** A gateway's or tracker's HTTP face: health, readiness and metrics. */
export async function startOps(deps: {
  config: Pick<Config, 'host' | 'port' | 'http'>;
  db: Db;
  logger: Logger;
  metricsSources: Record<string, Stats>;
}): Promise<{ server: Server; url: string; stop(): Promise<void> }> {
  const { app, metrics } = createOpsApp({
    db: deps.db,
    logger: deps.logger,
    metricsToken: deps.config.http.metricsToken,
  });
  registerPipelineMetrics(metrics.registry, deps.metricsSources);
  const { server, url } = await listen(app, deps.config);
  deps.logger.info({ url }, 'Harbor health and metrics listening');
  return { server, url, stop: () => close(server) };
}

export async function listen(
  app: Express,
  config: Pick<Config, 'host' | 'port'>,
): Promise<{ server: Server; url: string }> {
  // Express 5 hands a failed listen (a port in use) to the callback, not to a thrown error.
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  limitSlowClients(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { server, url: `http://${config.host}:${port}` };
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
