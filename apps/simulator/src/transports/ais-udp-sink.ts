import { createSocket, type Socket } from 'node:dgram';
import { aisSentences } from '../encode-reports.ts';
import type { SimReport } from '../reports.ts';
import { messageOf, newSinkCounters, type ReportSink } from './sink.ts';

export type AisUdpSinkOptions = { host: string; port: number };

/**
 * AIS over UDP, as shore receivers forward it: one datagram per message, holding all of its
 * sentences (type 5 takes two) separated by CR LF, so fragments never arrive apart.
 */
export class AisUdpSink implements ReportSink {
  readonly name = 'ais-udp';
  readonly counters = newSinkCounters();
  lastError: string | null = null;
  private socket: Socket | null = null;
  private sequentialId = 0;

  constructor(private readonly options: AisUdpSinkOptions) {}

  start(): void {
    const socket = createSocket(this.options.host.includes(':') ? 'udp6' : 'udp4');
    socket.on('error', (error) => {
      this.counters.errors++;
      this.lastError = messageOf(error);
    });
    this.socket = socket;
  }

  send(report: SimReport): void {
    if (report.kind !== 'ais' || !this.socket) return;
    const groups = aisSentences(report, this.sequentialId);
    this.sequentialId = (this.sequentialId + groups.length) % 10;
    for (const sentences of groups) {
      const count = sentences.length;
      this.counters.sent += count;
      this.socket.send(
        `${sentences.join('\r\n')}\r\n`,
        this.options.port,
        this.options.host,
        (error) => {
          if (!error) {
            this.counters.acknowledged += count;
            return;
          }
          this.counters.errors += count;
          this.lastError = `${this.options.host}:${this.options.port}: ${messageOf(error)}`;
        },
      );
    }
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
