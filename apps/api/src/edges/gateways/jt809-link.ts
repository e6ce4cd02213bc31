import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import {
  encodeJt809Frame,
  type Jt809Body,
  type Jt809Edition,
  type Jt809EncryptKeys,
  type Jt809Message,
  Jt809StreamDecoder,
} from '@harbor/protocols/jt809';
import type { Logger } from 'pino';
import type {
  LinkErrorCode,
  LinkEvents,
  LinkSettings,
  LinkState,
  LinkStats,
  SupervisionChannel,
} from '../../domains/supervision/channel.ts';

/** Back-off after a failed connection or a refused login: doubles from `initialMs` to `maxMs`. */
export type Backoff = { initialMs: number; maxMs: number };

export type Jt809LinkTimings = {
  /** Main-link keep-alive (0x1005) period while logged in; silence for 3 periods ends the link. */
  heartbeatMs: number;
  /** A connection not logged in this long after it was opened is given up (and tried again). */
  loginTimeoutMs: number;
  backoff: Backoff;
};

export const DEFAULT_LINK_TIMINGS: Jt809LinkTimings = {
  heartbeatMs: 60_000,
  loginTimeoutMs: 30_000,
  backoff: { initialMs: 1_000, maxMs: 60_000 },
};

/** 0x1002 results: 0 ok, and what each refusal means (2019 writes 0xff for "other"). */
export const LOGIN_RESULTS: Record<number, string> = {
  0: 'ok',
  1: 'ip-address-wrong',
  2: 'access-code-wrong',
  3: 'user-not-registered',
  4: 'password-wrong',
  5: 'resources-short',
  6: 'other',
  255: 'other',
};

/** Writes larger than this wait for the socket to drain (a backlog is sent in order, not all at once). */
const HIGH_WATER = 256 * 1024;

type Peer = { socket: Socket; decoder: Jt809StreamDecoder };

/**
 * One JT/T 809 link as the enterprise platform (下级平台) holds it: the main link, a TCP client
 * to the superior platform that logs in (0x1001, answered 0x1002 with a verify code), keeps
 * alive (0x1005/0x1006) and reconnects with back-off when closed or refused; and the sub link,
 * a TCP server the superior platform connects back to (DOWN_LINK_IP/PORT of the login), which
 * it logs into with that verify code (0x9001/0x9002) and keeps alive (0x9005/0x9006). Messages
 * go on the main link, or on the sub link while the main link is down (the standard's fallback).
 * Everything else the superior platform sends is handed to `events.request`.
 */
export class Jt809Link implements SupervisionChannel {
  readonly stats: LinkStats = {
    main: 'down',
    sub: 'down',
    messagesSent: 0,
    messagesReceived: 0,
    decodeErrors: 0,
    loginsRefused: 0,
    connects: 0,
    lastError: null,
    lastLoginAt: null,
  };
  private main: Peer | null = null;
  private sub: Peer | null = null;
  private server: Server | null = null;
  /** Every connection to the sub-link server, logged in or not: all closed on stop. */
  private readonly subSockets = new Set<Socket>();
  private subPort = 0;
  private verifyCode: number | null = null;
  /** Sub-link logins that arrived before the main link's login answer, run once it comes. */
  private awaitingVerifyCode: (() => void)[] = [];
  private serial = 0;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private heardAt = 0;
  private subHeardAt = 0;
  private stopped = false;
  private readonly keys: Jt809EncryptKeys | undefined;
  private readonly edition: Jt809Edition;

  constructor(
    private readonly settings: LinkSettings,
    private readonly events: LinkEvents,
    private readonly logger: Logger,
    private readonly timings: Jt809LinkTimings = DEFAULT_LINK_TIMINGS,
  ) {
    this.edition = settings.edition;
    this.keys = settings.encryption?.keys;
  }

  /** Listens for the sub link, then connects the main link; resolves once listening. */
  async start(): Promise<void> {
    const server = createServer((socket) => this.acceptSub(socket));
    server.on('error', (error) => this.fail('sub-link-server', error.message));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.settings.downLinkPort, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address();
    this.subPort = typeof address === 'object' && address ? address.port : 0;
    this.connectMain();
    this.heartbeat = setInterval(() => this.keepAlive(), this.timings.heartbeatMs);
    this.heartbeat.unref();
  }

  /** The sub-link server's port (the configured one, or the one the system chose for 0). */
  get downLinkPort(): number {
    return this.subPort;
  }

  get state(): LinkState {
    return this.stats.main;
  }

  /** True while some link can carry a message. */
  get isUp(): boolean {
    return this.stats.main === 'up' || this.stats.sub === 'up';
  }

  /**
   * Sends on the main link, or the sub link while the main one is down; false when neither is
   * up. Resolves once the socket has taken the bytes (waiting for it to drain when it is full).
   */
  async send(body: Jt809Body): Promise<boolean> {
    const peer = this.stats.main === 'up' ? this.main : this.stats.sub === 'up' ? this.sub : null;
    if (!peer) return false;
    const ok = this.write(peer, body);
    if (ok && peer.socket.writableLength > HIGH_WATER)
      await new Promise<void>((resolve) => {
        const done = () => {
          peer.socket.off('drain', done);
          peer.socket.off('close', done);
          resolve();
        };
        peer.socket.on('drain', done);
        peer.socket.on('close', done);
      });
    return ok;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.main && this.stats.main === 'up') {
      // 0x1003 logout; the superior platform answers 0x1004, but nobody waits for it.
      this.write(this.main, {
        messageId: 0x1003,
        userId: this.settings.userId,
        password: this.settings.password,
      });
      this.main.socket.end();
    }
    this.main?.socket.destroy();
    for (const socket of this.subSockets) socket.destroy();
    this.setMain('down');
    this.setSub('down');
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private connectMain(): void {
    if (this.stopped) return;
    this.setMain('connecting');
    this.stats.connects++;
    const socket = netConnect(this.settings.port, this.settings.host);
    const peer: Peer = { socket, decoder: this.decoder() };
    this.main = peer;
    socket.setNoDelay(true);
    // A platform that does not answer (or an address that swallows the connection) is given
    // up after a while and tried again, rather than waited for without end.
    const loginTimer = setTimeout(() => {
      if (this.main !== peer || this.stats.main === 'up') return;
      this.fail('login-unanswered', `${this.timings.loginTimeoutMs} ms`);
      socket.destroy();
    }, this.timings.loginTimeoutMs);
    loginTimer.unref();
    socket.once('close', () => clearTimeout(loginTimer));
    socket.on('connect', () => {
      this.setMain('logging-in');
      this.heardAt = Date.now();
      this.write(peer, {
        messageId: 0x1001,
        userId: this.settings.userId,
        password: this.settings.password,
        gnssCenterId: this.settings.gnssCenterId,
        downLinkIp: this.settings.downLinkIp,
        downLinkPort: this.subPort,
      });
    });
    socket.on('data', (chunk) => {
      this.heardAt = Date.now();
      for (const message of this.read(peer, chunk)) this.onMain(peer, message);
    });
    socket.on('error', (error) => this.fail('main-link-error', error.message));
    socket.on('close', () => {
      if (this.main !== peer) return;
      this.main = null;
      this.setMain('down');
      // A sub-link login still waiting for this login's verify code is refused now.
      for (const run of this.awaitingVerifyCode.splice(0)) run();
      this.scheduleReconnect();
    });
  }

  private onMain(peer: Peer, message: Jt809Message): void {
    const { body } = message;
    switch (body.messageId) {
      case 0x1002: {
        if (!('result' in body) || !('verifyCode' in body)) return;
        if (body.result === 0) {
          this.verifyCode = body.verifyCode;
          this.attempt = 0;
          this.stats.lastLoginAt = new Date().toISOString();
          this.setMain('up');
          this.events.up();
        } else {
          this.verifyCode = null;
          this.stats.loginsRefused++;
          this.fail('login-refused', LOGIN_RESULTS[body.result] ?? `result ${body.result}`);
          peer.socket.destroy();
        }
        for (const run of this.awaitingVerifyCode.splice(0)) run();
        return;
      }
      case 0x1004:
      case 0x1006:
        return;
      case 0x9008:
        // The superior platform closes both links; it is reconnected after the back-off.
        this.fail('superior-closed', '0x9008');
        this.sub?.socket.destroy();
        peer.socket.destroy();
        return;
      default:
        this.events.request(message, 'main');
    }
  }

  private acceptSub(socket: Socket): void {
    const peer: Peer = { socket, decoder: this.decoder() };
    let loggedIn = false;
    this.subSockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', (error) => this.fail('sub-link-error', error.message));
    socket.on('close', () => {
      this.subSockets.delete(socket);
      if (this.sub !== peer) return;
      this.sub = null;
      this.setSub('down');
    });
    const onData = (chunk: Uint8Array) => {
      // The superior platform connects back as soon as it has answered the login; its 0x9001
      // may be read before that answer on the other connection.
      if (!loggedIn && this.verifyCode === null && this.stats.main === 'logging-in') {
        this.awaitingVerifyCode.push(() => onData(chunk));
        return;
      }
      for (const message of this.read(peer, chunk)) {
        const { body } = message;
        if (!loggedIn) {
          if (body.messageId !== 0x9001 || !('verifyCode' in body)) {
            this.fail('sub-link-refused', `0x${body.messageId.toString(16)} before its login`);
            socket.destroy();
            return;
          }
          const accepted = this.verifyCode !== null && body.verifyCode === this.verifyCode;
          this.write(peer, { messageId: 0x9002, result: accepted ? 0 : 1 });
          if (!accepted) {
            this.fail('sub-link-refused', 'wrong verify code');
            // The answer first, then the connection, whether or not the other side closes it.
            socket.end(() => socket.destroy());
            return;
          }
          loggedIn = true;
          // One sub link at a time: a new login replaces the old connection.
          const old = this.sub;
          this.sub = peer;
          old?.socket.destroy();
          this.subHeardAt = Date.now();
          this.setSub('up');
          continue;
        }
        this.subHeardAt = Date.now();
        switch (body.messageId) {
          case 0x9005:
            this.write(peer, { messageId: 0x9006 });
            break;
          case 0x9003:
            this.write(peer, { messageId: 0x9004 });
            socket.end(() => socket.destroy());
            break;
          case 0x9007:
          case 0x9008:
            this.fail('superior-closed', `0x${body.messageId.toString(16)}`);
            break;
          default:
            this.events.request(message, 'sub');
        }
      }
    };
    socket.on('data', onData);
  }

  private keepAlive(): void {
    const now = Date.now();
    const dead = 3 * this.timings.heartbeatMs;
    if (this.main && this.stats.main === 'up') {
      if (now - this.heardAt > dead) {
        this.fail('link-silent', 'main link');
        this.main.socket.destroy();
      } else this.write(this.main, { messageId: 0x1005 });
    }
    if (this.sub && this.stats.sub === 'up' && now - this.subHeardAt > dead) {
      this.fail('link-silent', 'sub link');
      this.sub.socket.destroy();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const { initialMs, maxMs } = this.timings.backoff;
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(this.attempt, 20));
    this.attempt++;
    this.retry = setTimeout(() => this.connectMain(), delay);
    this.retry.unref();
  }

  private decoder(): Jt809StreamDecoder {
    return new Jt809StreamDecoder({ edition: this.edition, keys: this.keys });
  }

  private read(peer: Peer, chunk: Uint8Array): Jt809Message[] {
    const messages: Jt809Message[] = [];
    for (const result of peer.decoder.push(chunk)) {
      if (result.ok) {
        this.stats.messagesReceived++;
        messages.push(result.message);
      } else {
        this.stats.decodeErrors++;
        this.fail('bad-frame', result.error.message);
      }
    }
    return messages;
  }

  private write(peer: Peer, body: Jt809Body): boolean {
    if (peer.socket.destroyed) return false;
    this.serial = (this.serial + 1) >>> 0;
    const encryption = this.settings.encryption;
    const frame = encodeJt809Frame(
      {
        edition: this.edition,
        messageId: body.messageId,
        serial: this.serial,
        gnssCenterId: this.settings.gnssCenterId,
        version: [1, 0, 0],
        encryptFlag: encryption ? 1 : 0,
        encryptKey: encryption?.key ?? 0,
        time: this.edition === '2019' ? new Date() : null,
      },
      body,
      encryption?.keys,
    );
    peer.socket.write(frame);
    this.stats.messagesSent++;
    return true;
  }

  private fail(code: LinkErrorCode, detail: string): void {
    this.stats.lastError = { at: new Date().toISOString(), code, detail };
    this.logger.warn({ link: this.settings.linkId, code, detail }, 'jt809 link');
  }

  private setMain(state: LinkState): void {
    if (this.stats.main === state) return;
    const wasUp = this.isUp;
    this.stats.main = state;
    if (wasUp && !this.isUp) this.events.down();
  }

  private setSub(state: 'up' | 'down'): void {
    if (this.stats.sub === state) return;
    const wasUp = this.isUp;
    this.stats.sub = state;
    if (!wasUp && this.isUp) this.events.up();
    if (wasUp && !this.isUp) this.events.down();
  }
}
