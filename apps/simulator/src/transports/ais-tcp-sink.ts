import { connect, type Socket } from 'node:net';
import { aisSentences } from '../encode-reports.ts';
import type { SimReport } from '../reports.ts';
import { backoffMs, messageOf, newSinkCounters, type ReportSink } from './sink.ts';

export type AisTcpSinkOptions = {
  host: string;
  port: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Sentences kept while disconnected; the oldest are dropped (and counted as errors) beyond. */
  maxQueued?: number;
};

/**
 * AIS as an NMEA 0183 feed over TCP: one sentence per line ending in CR LF (IEC 61162-1
 * §5.3), to Harbor's AIS gateway (default port 10110). Reconnects with back-off; sentences
 * wait in a bounded queue meanwhile.
 */
export class AisTcpSink implements ReportSink {
  readonly name = 'ais-tcp';
  readonly counters = newSinkCounters();
  lastError: string | null = null;
  private socket: Socket | null = null;
  private isConnected = false;
  private isClosed = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private queue: string[] = [];
  private sequentialId = 0;

  constructor(private readonly options: AisTcpSinkOptions) {}

  start(): void {
    this.connect();
  }

  send(report: SimReport): void {
    if (report.kind !== 'ais') return;
    const groups = aisSentences(report, this.sequentialId);
    this.sequentialId = (this.sequentialId + groups.length) % 10;
    const lines = groups.flat();
    if (!this.isConnected || !this.socket) {
      this.enqueue(lines);
      return;
    }
    this.write(this.socket, lines);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.retry) clearTimeout(this.retry);
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 2000).unref();
    });
  }

  private connect(): void {
    const { host, port } = this.options;
    const socket = connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.isConnected = true;
      this.attempt = 0;
      this.lastError = null;
      const queued = this.queue;
      this.queue = [];
      if (queued.length > 0) this.write(socket, queued);
    });
    // The gateway sends nothing back; reading keeps the socket's buffers flowing.
    socket.on('data', () => {});
    socket.on('error', (error) => {
      this.counters.errors++;
      this.lastError = `${host}:${port}: ${messageOf(error)}`;
    });
    socket.on('close', () => {
      this.isConnected = false;
      this.socket = null;
      if (this.isClosed) return;
      const delay = backoffMs(
        this.attempt++,
        this.options.reconnectMinMs ?? 500,
        this.options.reconnectMaxMs ?? 30_000,
      );
      this.retry = setTimeout(() => this.connect(), delay);
    });
  }

  private write(socket: Socket, lines: string[]): void {
    this.counters.sent += lines.length;
    socket.write(`${lines.join('\r\n')}\r\n`, 'latin1', (error) => {
      if (error) this.counters.errors += lines.length;
      else this.counters.acknowledged += lines.length;
    });
  }

  private enqueue(lines: string[]): void {
    this.queue.push(...lines);
    const max = this.options.maxQueued ?? 100_000;
    if (this.queue.length > max) {
      const dropped = this.queue.length - max;
      this.queue.splice(0, dropped);
      this.counters.errors += dropped;
    }
  }
}
