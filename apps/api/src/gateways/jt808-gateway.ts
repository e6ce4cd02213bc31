import { createServer, type Server, type Socket } from 'node:net';
import { encodeJt808Message, type Jt808Message, Jt808StreamDecoder } from '@harbor/protocols/jt808';
import type { Logger } from 'pino';
import { LISTEN_BACKLOG } from './backlog.ts';
import {
  type Jt808Counters,
  Jt808Session,
  newJt808Counters,
  type SessionDeps,
} from './jt808-session.ts';

export type Jt808GatewayOptions = Omit<SessionDeps, 'counters'> & {
  logger: Logger;
  /** A connection silent this long is closed (terminals heartbeat every 30-60 s). */
  idleTimeoutMs?: number;
};

/**
 * The JT/T 808 TCP server (default port 6808). Each connection has its own frame decoder and
 * session; messages of one connection are handled in order, and reading pauses while a
 * message waits on the bus, so a slow database slows the terminals instead of filling memory.
 * A bad frame is counted and skipped; it never affects another connection.
 */
export class Jt808Gateway {
  readonly counters: Jt808Counters = newJt808Counters();
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Authenticated sessions by terminal phone: where platform-initiated messages go. */
  private readonly sessions = new Map<string, Jt808Session>();

  constructor(private readonly options: Jt808GatewayOptions) {
    this.server = createServer((socket) => this.accept(socket));
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
    const decoder = new Jt808StreamDecoder();
    const session: Jt808Session = new Jt808Session(
      {
        ...this.options,
        counters: this.counters,
        onAuthenticated: (terminalPhone) => {
          // A terminal that reconnects replaces its older connection here.
          this.sessions.set(terminalPhone, session);
          phone = terminalPhone;
          this.options.onAuthenticated?.(terminalPhone, session);
        },
      },
      (header, body) => {
        if (!socket.destroyed) socket.write(encodeJt808Message({ header, body }));
      },
    );
    let phone: string | null = null;
    /** The message waiting on the database or the bus, if any: the ones after it wait their turn. */
    let waiting: Promise<void> | null = null;
    const failed = (error: unknown) => {
      this.options.logger.error({ err: error }, 'JT/T 808 message failed; closing the connection');
      socket.destroy();
    };
    const handle = (message: Jt808Message) => {
      try {
        return session.handle(message);
      } catch (error) {
        failed(error);
        return undefined;
      }
    };
    socket.setTimeout(this.options.idleTimeoutMs ?? 180_000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (phone && this.sessions.get(phone) === session) this.sessions.delete(phone);
    });
    socket.on('data', (chunk: Buffer) => {
      for (const result of decoder.push(chunk)) {
        if (!result.ok) {
          this.counters.badFrames++;
          this.options.logger.debug(
            { field: result.error.field, error: result.error.message },
            'bad JT/T 808 frame',
          );
          continue;
        }
        this.counters.frames++;
        const { message } = result;
        // Most messages are answered at once; one that waits pauses reading, and the rest of
        // this chunk follows it in order.
        const pending = waiting ? waiting.then(() => handle(message)) : handle(message);
        if (!pending) continue;
        socket.pause();
        const settled: Promise<void> = pending.catch(failed).finally(() => {
          if (waiting !== settled) return;
          waiting = null;
          if (!socket.destroyed) socket.resume();
        });
        waiting = settled;
      }
    });
  }

  /**
   * Sends a text (0x8300) to a terminal connected and authenticated here; returns the
   * message's serial, or null when the terminal is not online on this gateway.
   */
  sendText(terminalPhone: string, text: string, flags: number): number | null {
    return this.sessions.get(terminalPhone)?.sendText(text, flags) ?? null;
  }

  /** Whether a terminal is connected and authenticated here. */
  isOnline(terminalPhone: string): boolean {
    return this.sessions.has(terminalPhone);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
