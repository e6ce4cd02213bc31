import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per app instance, so tests can run several apps in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'harbor_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'harbor_http_requests_total',
      help: 'HTTP requests by method, route and status code',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'harbor_http_request_duration_seconds',
      help: 'HTTP request duration in seconds by method and route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    trpcErrors: new Counter({
      name: 'harbor_trpc_errors_total',
      help: 'tRPC procedure errors by error code and procedure path',
      labelNames: ['code', 'path'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** A source of counters for /metrics, read at each scrape. */
export type Stats = () => Record<string, number>;

/**
 * The pipeline's counters as gauges read at scrape time: gateways, bus, tracker, alerts and
 * live subscribers. One gauge per source, labelled by counter name, e.g.
 * `harbor_tracker{stat="inserted"}`.
 */
export function registerPipelineMetrics(registry: Registry, sources: Record<string, Stats>) {
  for (const [source, read] of Object.entries(sources)) {
    new Gauge({
      name: `harbor_${source}`,
      help: `Harbor ${source.replaceAll('_', ' ')} counters, by name`,
      labelNames: ['stat'] as const,
      registers: [registry],
      collect() {
        for (const [stat, value] of Object.entries(read())) this.set({ stat }, value);
      },
    });
  }
}
