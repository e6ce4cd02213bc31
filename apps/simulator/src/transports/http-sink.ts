import { type IngestFix, IngestResultSchema, MAX_INGEST_FIXES } from '@harbor/shared';
import type { SimReport } from '../reports.ts';
import { messageOf, newSinkCounters, type ReportSink } from './sink.ts';

export type HttpSinkOptions = {
  /** Base URL of the api, e.g. http://127.0.0.1:3000. */
  url: string;
  apiKey: string;
  /** Fixes per request (at most the contract's MAX_INGEST_FIXES). */
  batchSize?: number;
  flushIntervalMs?: number;
  /** Fixes waiting to be posted; the oldest are dropped (and counted as errors) beyond. */
  maxQueued?: number;
  fetch?: typeof fetch;
};

/**
 * Truck fixes as an integrator posts them: JSON batches to `POST /ingest/fixes` with the
 * organization's API key (`Authorization: Bearer ...`), the body and the answer as in
 * @harbor/shared's IngestFixSchema and IngestResultSchema. One request at a time.
 */
export class HttpSink implements ReportSink {
  readonly name = 'http';
  readonly counters = newSinkCounters();
  lastError: string | null = null;
  private queue: IngestFix[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly endpoint: string;

  constructor(private readonly options: HttpSinkOptions) {
    this.endpoint = new URL('/ingest/fixes', options.url).toString();
  }

  start(): void {
    this.timer = setInterval(() => this.flush(), this.options.flushIntervalMs ?? 1000);
  }

  send(report: SimReport): void {
    if (report.kind !== 'truck') return;
    for (const fix of report.fixes) {
      this.queue.push({
        deviceId: report.terminalPhone,
        assetKind: 'VEHICLE',
        time: fix.time.toISOString(),
        lat: fix.lat,
        lon: fix.lon,
        speedKmh: fix.speedKmh,
        courseDeg: fix.courseDeg,
        altitudeM: fix.altitudeM,
        status: fix.isAccOn ? 'ACC_ON' : 'ACC_OFF',
      });
    }
    const max = this.options.maxQueued ?? 100_000;
    if (this.queue.length > max) {
      const dropped = this.queue.length - max;
      this.queue.splice(0, dropped);
      this.counters.errors += dropped;
    }
    if (this.queue.length >= this.batchSize) this.flush();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.inFlight || this.queue.length > 0) await (this.inFlight ?? this.flush());
  }

  private get batchSize(): number {
    return Math.min(this.options.batchSize ?? 1000, MAX_INGEST_FIXES);
  }

  /** Posts the next batch unless one is on its way; resolves when that request is done. */
  private flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue.splice(0, this.batchSize);
    this.inFlight = this.post(batch).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async post(fixes: IngestFix[]): Promise<void> {
    this.counters.sent += fixes.length;
    const doFetch = this.options.fetch ?? fetch;
    try {
      const response = await doFetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.options.apiKey}`,
        },
        body: JSON.stringify({ fixes }),
      });
      const text = await response.text();
      if (response.status === 202) {
        const result = IngestResultSchema.parse(JSON.parse(text));
        this.counters.acknowledged += result.accepted;
        this.counters.refused += result.rejected.length;
        if (result.rejected[0])
          this.lastError = `rejected fix: ${result.rejected[0].field}: ${result.rejected[0].message}`;
        return;
      }
      // 401 (bad key), 400/413 (a malformed batch): every fix of the request is refused.
      if (response.status < 500) this.counters.refused += fixes.length;
      else this.counters.errors++;
      this.lastError = `HTTP ${response.status}: ${text.slice(0, 200)}`;
    } catch (error) {
      this.counters.errors++;
      this.lastError = `${this.endpoint}: ${messageOf(error)}`;
    }
  }
}
