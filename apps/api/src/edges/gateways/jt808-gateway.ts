import { createServer, type Server, type Socket } from 'node:net';
import {
  encodeJt808Message,
  GENERAL_RESPONSE_MAX_BYTES,
  type GeneralResponseRequest,
  type Jt808DecodeError,
  type Jt808Message,
  Jt808StreamDecoder,
  writeGeneralResponse,
} from '@harbor/protocols/jt808';
import type { CommandBody, LocalTerminalLinks } from '../../domains/vehicles/terminal-links.ts';
import { LISTEN_BACKLOG } from './backlog.ts';
import { type Jt808Counters, newJt808Counters } from './jt808-counters.ts';
import { Jt808Session, type SessionDeps } from './jt808-session.ts';

export type Jt808GatewayOptions = Omit<SessionDeps, 'counters'> & {
  /** A connection silent this long is closed (terminals heartbeat every 30-60 s). */
  idleTimeoutMs?: number;
  /** A connection not authenticated this long after it opened is closed. */
  authTimeoutMs?: number;
  /**
   * Called when a terminal that authenticated here is no longer connected here (its
   * connection closed, or was cut); not when a newer connection of it replaced the older.
   */
  onDisconnected?(terminalPhone: string): void;
};

/** An authenticated terminal's connection: where platform-initiated messages go. */
type Online = { session: Jt808Session; socket: Socket; close(): void };

/**
 * How long a connection being closed stays half open at most: its last answers flushed, what
 * the terminal still sends thrown away, before it is destroyed whatever the terminal does.
 */
const CLOSE_GRACE_MS = 5_000;

/** A connection silent this long is closed, unless `idleTimeoutMs` says otherwise. */
export const IDLE_TIMEOUT_MS = 180_000;

const addressOf = (socket: Socket) => `${socket.remoteAddress}:${socket.remotePort}`;

/**
 * The JT/T 808 TCP server (default port 6808). Each connection has its own frame decoder and
 * session; messages of one connection are handled in order, and reading pauses while a
 * message waits on the bus, so a slow database slows the terminals instead of filling memory.
 * A bad frame is counted and skipped; it never affects another connection. A connection must
 * authenticate within `authTimeoutMs`; when a terminal authenticates again on another
 * connection, the newest wins and the older one is closed.
 */
export class Jt808Gateway implements LocalTerminalLinks {
  readonly counters: Jt808Counters = newJt808Counters();
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Authenticated connections by terminal phone: the newest one that proved itself. */
  private readonly online = new Map<string, Online>();

  constructor(private readonly options: Jt808GatewayOptions) {
    // Without Nagle's delay: the outbox already gathers a turn's answers into one write, so
    // the kernel holding a command back until the terminal acknowledges the last answer (up to
    // its delayed ACK) would only add latency. Measured to cost no CPU (docs/benchmarks.md).
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve());
    });
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  private accept(socket: Socket): void {
    this.counters.connections++;
    this.sockets.add(socket);
    const remote = addressOf(socket);
    const logger = this.options.logger.child({ remote });
    const decoder = new Jt808StreamDecoder();
    /** The phone this connection authenticated as, once it has. */
    let phone: string | null = null;
    let isClosing = false;
    // In stages: whatever was written goes out first (a refusal, a logout's answer) with the
    // end of Harbor's side; what the terminal still sends is read and thrown away until it
    // closes its side, and within a few seconds the link ends whatever it does. Destroyed at
    // once with bytes unread, the connection would be reset under a terminal still sending,
    // which could lose the answer with it.
    const close = () => {
      if (isClosing) return;
      isClosing = true;
      clearTimeout(authTimer);
      // The answers due go before the end.
      outbox.flush();
      const deadline = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
      socket.once('close', () => clearTimeout(deadline));
      socket.once('end', () => socket.destroy());
      socket.end();
      socket.resume();
    };
    const outbox = new Outbox(socket, this.counters);
    const session: Jt808Session = new Jt808Session(
      {
        ...this.options,
        logger,
        counters: this.counters,
        isOnline: (terminalPhone) => this.isOnline(terminalPhone),
        onAuthenticated: (terminalPhone) => {
          clearTimeout(authTimer);
          phone = terminalPhone;
          this.admit(terminalPhone, { session, socket, close });
          this.options.onAuthenticated?.(terminalPhone, session);
        },
      },
      {
        send: (header, body) => outbox.add(encodeJt808Message({ header, body })),
        answer: (request, serial, result) => outbox.addGeneralResponse(request, serial, result),
        close,
      },
    );
    const authTimer = setTimeout(() => {
      if (session.authenticated || isClosing) return;
      this.counters.authTimeouts++;
      logger.debug('JT/T 808 connection closed: not authenticated in time');
      socket.destroy();
    }, this.options.authTimeoutMs ?? 60_000);
    /** The message waiting on the database or the bus, if any: the ones after it wait their turn. */
    let waiting: Promise<void> | null = null;
    const failed = (error: unknown) => {
      logger.error({ err: error }, 'JT/T 808 message failed; closing the connection');
      socket.destroy();
    };
    const handle = (message: Jt808Message) => {
      if (isClosing || socket.destroyed) return undefined;
      try {
        return session.handle(message);
      } catch (error) {
        failed(error);
        return undefined;
      }
    };
    socket.setTimeout(this.options.idleTimeoutMs ?? IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(authTimer);
      session.closed();
      this.sockets.delete(socket);
      if (phone) this.release(phone, session);
    });
    const onMessage = (message: Jt808Message) => {
      this.counters.frames++;
      // Most messages are answered at once; one that waits pauses reading, and the rest of
      // this chunk follows it in order.
      const pending = waiting ? waiting.then(() => handle(message)) : handle(message);
      if (!pending) return;
      socket.pause();
      const settled: Promise<void> = pending.catch(failed).finally(() => {
        if (waiting !== settled) return;
        waiting = null;
        if (!socket.destroyed && !isClosing) socket.resume();
      });
      waiting = settled;
    };
    const onBadFrame = (error: Jt808DecodeError) => {
      this.counters.badFrames++;
      logger.debug({ field: error.field, error: error.message }, 'bad JT/T 808 frame');
    };
    socket.on('data', (chunk: Buffer) => {
      if (isClosing) return;
      decoder.each(chunk, onMessage, onBadFrame);
    });
  }

  /** Newest wins: a terminal that proved itself on a new connection replaces its older one. */
  private admit(terminalPhone: string, entry: Online): void {
    const older = this.online.get(terminalPhone);
    this.online.set(terminalPhone, entry);
    if (!older || older.session === entry.session) return;
    this.counters.replacedConnections++;
    this.options.logger.warn(
      { terminalPhone, older: addressOf(older.socket), newer: addressOf(entry.socket) },
      'JT/T 808 terminal authenticated on a new connection; the older one is closed',
    );
    older.close();
  }

  /** Only its own entry: a newer connection of the same terminal may have replaced it. */
  private release(terminalPhone: string, session: Jt808Session): void {
    if (this.online.get(terminalPhone)?.session !== session) return;
    this.online.delete(terminalPhone);
    this.options.onDisconnected?.(terminalPhone);
  }

  /**
   * Sends a text (0x8300) to a terminal connected and authenticated here; returns the
   * message's serial, or null when the terminal is not online on this gateway.
   */
  sendText(terminalPhone: string, text: string, flags: number): number | null {
    return this.online.get(terminalPhone)?.session.sendText(text, flags) ?? null;
  }

  /** Sends a command to a terminal authenticated here; its serial, or null when it is not. */
  sendCommand(terminalPhone: string, body: CommandBody): number | null {
    return this.online.get(terminalPhone)?.session.sendCommand(body) ?? null;
  }

  /** Whether a terminal is connected and authenticated here. */
  isOnline(terminalPhone: string): boolean {
    return this.online.get(terminalPhone)?.session.authenticated ?? false;
  }

  /**
   * Closes the terminal's authenticated connection here, if any (its binding was reset);
   * returns whether there was one.
   */
  disconnect(terminalPhone: string): boolean {
    const entry = this.online.get(terminalPhone);
    if (!entry) return false;
    this.release(terminalPhone, entry.session);
    entry.socket.destroy();
    return true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * What is due to one connection in this turn of the event loop, sent in one write when the
 * turn ends: a batch's commit answers several reports of a terminal at once (8 may be in
 * flight), and a write each, or a corked socket's request and buffer conversion each, was a
 * measured share of the gateway's CPU and garbage (docs/benchmarks.md, issue 20). General
 * responses are written straight into the buffer.
 */
export class Outbox {
  private bytes: Buffer | null = null;
  private length = 0;

  constructor(
    private readonly socket: Socket,
    private readonly counters: Pick<Jt808Counters, 'writes'>,
    /**
     * Called when something becomes due, to have `flush` called later: at the turn's end
     * unless given (bench/gateway-floor.ts gathers for longer, as a commit does).
     */
    private readonly schedule: (outbox: Outbox) => void = flushAtTurnEnd,
  ) {}

  /** A frame already encoded for the wire. */
  add(frame: Uint8Array): void {
    const bytes = this.room(frame.length);
    if (!bytes) return;
    bytes.set(frame, this.length);
    this.length += frame.length;
  }

  /** The platform general response (0x8001) to a message. */
  addGeneralResponse(request: GeneralResponseRequest, serial: number, result: number): void {
    const bytes = this.room(GENERAL_RESPONSE_MAX_BYTES);
    if (bytes) this.length = writeGeneralResponse(bytes, this.length, request, serial, result);
  }

  /** Writes what is due, if anything (at the turn's end, or before the connection ends). */
  flush(): void {
    const { bytes, length } = this;
    this.bytes = null;
    this.length = 0;
    if (!bytes || length === 0 || this.isShut()) return;
    this.socket.write(bytes.subarray(0, length));
    this.counters.writes++;
  }

  private isShut(): boolean {
    return this.socket.destroyed || this.socket.writableEnded;
  }

  /** The buffer with room for `count` more bytes (null when the connection is shut). */
  private room(count: number): Buffer | null {
    if (this.isShut()) return null;
    if (!this.bytes) {
      // Small: from node's pool, most turns hold one or two answers.
      this.bytes = Buffer.allocUnsafe(Math.max(OUTBOX_START_BYTES, count));
      this.schedule(this);
    } else if (this.length + count > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + count));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    return this.bytes;
  }
}

/** An outbox's first buffer: four 2019 general responses, each with every byte escaped. */
const OUTBOX_START_BYTES = 4 * GENERAL_RESPONSE_MAX_BYTES;

function flushOutbox(outbox: Outbox): void {
  outbox.flush();
}

function flushAtTurnEnd(outbox: Outbox): void {
  process.nextTick(flushOutbox, outbox);
}
