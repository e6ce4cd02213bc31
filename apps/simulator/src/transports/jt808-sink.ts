import type { SimReport } from '../reports.ts';
import type { Vehicle } from '../truck-sim.ts';
import { Jt808Client, type Jt808ClientOptions } from './jt808-client.ts';
import { newSinkCounters, type ReportSink } from './sink.ts';

export type Jt808SinkOptions = Pick<
  Jt808ClientOptions,
  'host' | 'port' | 'heartbeatMs' | 'replyTimeoutMs' | 'refusalRetryMs'
> & {
  vehicles: readonly Vehicle[];
  /** Connections are opened this far apart, so a large fleet does not knock all at once. */
  connectSpacingMs?: number;
};

/** The fleet's terminals: one Jt808Client (one TCP connection) per truck, counted together. */
export class Jt808Sink implements ReportSink {
  readonly name = 'jt808';
  readonly counters = newSinkCounters();
  lastError: string | null = null;
  private readonly clients = new Map<string, Jt808Client>();
  private readonly starting: NodeJS.Timeout[] = [];

  constructor(private readonly options: Jt808SinkOptions) {
    for (const vehicle of options.vehicles) {
      this.clients.set(
        vehicle.terminalPhone,
        new Jt808Client({
          ...options,
          vehicle,
          counters: this.counters,
          onError: (message) => {
            this.lastError = message;
          },
        }),
      );
    }
  }

  /** Clients online (authenticated) now. */
  get online(): number {
    let count = 0;
    for (const client of this.clients.values()) if (client.state === 'online') count++;
    return count;
  }

  /**
   * Whether every fix given has been sent and answered, and every message too: nothing queued
   * for a connection, nothing waiting for its answer. Harbor answers a report once its fixes
   * are stored, so then all of them are.
   */
  get isSettled(): boolean {
    for (const client of this.clients.values())
      if (client.inFlight > 0 || client.queuedFixes > 0) return false;
    return true;
  }

  start(): void {
    const spacingMs = this.options.connectSpacingMs ?? 5;
    let i = 0;
    for (const client of this.clients.values())
      this.starting.push(setTimeout(() => client.start(), spacingMs * i++));
  }

  send(report: SimReport): void {
    if (report.kind !== 'truck') return;
    this.clients.get(report.terminalPhone)?.send(report.fixes);
  }

  async close(): Promise<void> {
    for (const timer of this.starting) clearTimeout(timer);
    await Promise.all([...this.clients.values()].map((client) => client.stop()));
  }
}
