import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import {
  AIS_STATIC_LIMITS,
  type AisStaticLimits,
  AisStaticRecorder,
} from '../../domains/vessels/static-data.ts';
import { type AisCounters, AisIngest, type AisIngestDeps } from './ais-ingest.ts';
import { LISTEN_BACKLOG } from './backlog.ts';

/** Longest line kept while waiting for its newline; NMEA sentences are at most 82 characters. */
const MAX_LINE = 1024;
/** Bytes the kernel may hold for the UDP socket before Harbor reads them. */
export const UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;

/** Splits a byte stream into lines, never holding more than MAX_LINE bytes of an unfinished one. */
export class LineSplitter {
  private rest = '';
  overlong = 0;

  push(chunk: string): string[] {
    const lines = (this.rest + chunk).split(/\r?\n/);
    this.rest = lines.pop() ?? '';
    if (this.rest.length > MAX_LINE) {
      this.rest = '';
      this.overlong++;
    }
    return lines;
  }
}

/**
 * AIS NMEA over TCP (Harbor listens, default port 10110), UDP (one or more sentences per
 * datagram) and as a TCP client of an upstream feed, reconnecting with back-off. Reading
 * from a TCP source pauses while its fixes wait for the bus.
 */
export class AisGateway {
  private readonly tcp: Server;
  private udp: UdpSocket | null = null;
  private upstream: Socket | null = null;
  private isClosed = false;
  private readonly sockets = new Set<Socket>();
  /** The sources reading now, by name (`tcp:<address>:<port>`, `udp`, `upstream`). */
  readonly sources = new Map<string, AisIngest>();
  /** The counters of TCP connections that closed, so `sources` holds only open ones. */
  private readonly closedTotals: Partial<AisCounters> = {};
  /** AIS static data to the vessels, for all sources: one bounded cache and write queue. */
  readonly statics: AisStaticRecorder;
  /**
   * Groups of lines read (a TCP read, a datagram) whose fixes are not yet stored: with the
   * `lines` read, what tells that everything a feed sent is in the database.
   */
  private batchesWaiting = 0;

  /** Every source's counters added up, and the batches waiting, for /metrics. */
  totals(): Record<string, number> {
    const totals: Record<string, number> = { ...this.closedTotals };
    for (const source of this.sources.values())
      for (const [name, value] of Object.entries(source.counters))
        totals[name] = (totals[name] ?? 0) + value;
    totals.batchesWaiting = this.batchesWaiting;
    return totals;
  }

  constructor(
    private readonly deps: AisIngestDeps & { logger: Logger },
    staticLimits: AisStaticLimits = AIS_STATIC_LIMITS,
  ) {
    this.statics = new AisStaticRecorder(deps, staticLimits);
    this.tcp = createServer((socket) =>
      this.stream(`tcp:${socket.remoteAddress}:${socket.remotePort}`, socket),
    );
  }

  private ingest(name: string): AisIngest {
    let ingest = this.sources.get(name);
    if (!ingest) {
      ingest = new AisIngest(this.deps, this.statics);
      this.sources.set(name, ingest);
    }
    return ingest;
  }

  private retire(name: string): void {
    const source = this.sources.get(name);
    if (!source) return;
    this.sources.delete(name);
    for (const [stat, value] of Object.entries(source.counters) as [keyof AisCounters, number][])
      this.closedTotals[stat] = (this.closedTotals[stat] ?? 0) + value;
  }

  /** Reads AIS lines from a TCP socket (an accepted feed or the upstream connection). */
  private stream(name: string, socket: Socket): void {
    this.sockets.add(socket);
    const splitter = new LineSplitter();
    const ingest = this.ingest(name);
    let queue = Promise.resolve();
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      const lines = splitter.push(chunk);
      if (lines.length === 0) return;
      socket.pause();
      this.batchesWaiting++;
      queue = queue
        .then(() => ingest.lines(lines))
        .catch((error: unknown) =>
          this.deps.logger.error({ err: error, source: name }, 'AIS lines failed'),
        )
        .finally(() => {
          this.batchesWaiting--;
          socket.resume();
        });
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      // An accepted connection's source goes once its last lines are handled: a sender
      // reconnecting over and over would otherwise leave one behind each time. The upstream
      // feed keeps its source across reconnections.
      if (name !== 'upstream') void queue.then(() => this.retire(name));
    });
  }

  async listenTcp(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.tcp.once('error', reject);
      this.tcp.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve());
    });
    const address = this.tcp.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  async listenUdp(port: number, host: string): Promise<number> {
    // A receiver forwarding a burst of datagrams overflows Linux's default 208 KiB buffer at
    // about 250 of them; 4 MiB (the kernel caps it at net.core.rmem_max) holds thousands.
    const udp = createSocket({ type: 'udp4', recvBufferSize: UDP_RECEIVE_BUFFER });
    this.udp = udp;
    const ingest = this.ingest('udp');
    udp.on('message', (datagram) => {
      this.batchesWaiting++;
      ingest
        .lines(datagram.toString('latin1').split(/\r?\n/))
        .catch((error: unknown) => {
          this.deps.logger.error({ err: error }, 'AIS datagram failed');
        })
        .finally(() => this.batchesWaiting--);
    });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => resolve());
    });
    return udp.address().port;
  }

  /** Keeps a connection to an upstream AIS feed, reconnecting after 1 s, 2 s, ... up to 30 s. */
  connectUpstream(host: string, port: number): void {
    let delayMs = 1000;
    const open = () => {
      if (this.isClosed) return;
      const socket = connect(port, host);
      this.upstream = socket;
      socket.once('connect', () => {
        delayMs = 1000;
        this.deps.logger.info({ host, port }, 'connected to the upstream AIS feed');
      });
      this.stream('upstream', socket);
      socket.once('close', () => {
        if (this.isClosed) return;
        setTimeout(open, delayMs);
        delayMs = Math.min(30_000, delayMs * 2);
      });
    };
    open();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.upstream?.destroy();
    for (const socket of this.sockets) socket.destroy();
    this.udp?.close();
    await new Promise<void>((resolve) =>
      this.tcp.listening ? this.tcp.close(() => resolve()) : resolve(),
    );
  }
}
