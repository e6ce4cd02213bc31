import { connect, type Socket } from 'node:net';
import {
  encodeJt808Message,
  type Jt808Body,
  type Jt808Message,
  Jt808StreamDecoder,
} from '@harbor/protocols/jt808';
import { locationMessages, registerBody, terminalFrame } from '../encode-reports.ts';
import type { TruckFix } from '../reports.ts';
import type { Vehicle } from '../truck-sim.ts';
import { backoffMs, messageOf, type SinkCounters } from './sink.ts';
import { PACKAGE_BYTES, TerminalControls } from './terminal-controls.ts';

export type Jt808ClientOptions = {
  host: string;
  port: number;
  vehicle: Vehicle;
  /** Shared by every client of a fleet. */
  counters: SinkCounters;
  /** A heartbeat (0x0002) after this long without another message; the gateway closes silent links after 180 s. */
  heartbeatMs?: number;
  /** A message unanswered this long is given up (counted as an error; its fixes resent). */
  replyTimeoutMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** After a refused registration or authentication, try again this much later. */
  refusalRetryMs?: number;
  /** Fixes kept while offline, for the blind-area upload; the oldest are dropped beyond. */
  maxQueuedFixes?: number;
  /** An auth code issued before (a terminal registered earlier): it authenticates at once. */
  authCode?: string;
  /** The local address to connect from: many loopback addresses give many ephemeral ports. */
  localAddress?: string;
  /**
   * Called with the message id of each message the platform accepted (0x8001 result 0), and
   * how long the answer took from the message's write, in milliseconds.
   */
  onAcknowledged?: (messageId: number, waitedMs: number) => void;
  onError?: (message: string) => void;
};

export type Jt808ClientState =
  | 'idle'
  | 'connecting'
  | 'registering'
  | 'authenticating'
  | 'online'
  | 'refused'
  | 'closed';

type Pending = { messageId: number; fixes: TruckFix[]; sentAtMs: number };

/**
 * Where every client of the process reads (node's `onread`): the stream decoder keeps nothing
 * of a read, and the messages it decodes own their bytes.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/** Platform general response results (§8.2) and registration results (§8.6): 0 is success. */
const OK = 0;
const NOT_SUPPORTED = 3;

/**
 * Every started client of this process, checked once a second by one timer: a load generator
 * drives tens of thousands, and a timer each cost it more than their checks (a sixth of a
 * generator's CPU in a profile of 16,700 clients).
 */
const ticking = new Set<Jt808Client>();
let ticker: NodeJS.Timeout | null = null;

function tickAll(): void {
  const now = Date.now();
  for (const client of ticking) client.tick(now);
}

/**
 * One truck terminal's TCP link to the JT/T 808 gateway, as §8 has it: register (0x0100)
 * once and keep the auth code of the 0x8100 reply, authenticate (0x0102) on every
 * connection, then location reports (0x0200), heartbeats (0x0002) when idle, and a 0x0704
 * blind-area batch for fixes kept while offline. Every platform reply is matched to the
 * message it answers by its reply serial. Reconnects with back-off.
 */
export class Jt808Client {
  state: Jt808ClientState = 'idle';
  private socket: Socket | null = null;
  private decoder = new Jt808StreamDecoder();
  private serial = 0;
  private authCode: string | null = null;
  private readonly pending = new Map<number, Pending>();
  private queued: TruckFix[] = [];
  private attempt = 0;
  private lastSentMs = 0;
  private retry: NodeJS.Timeout | null = null;
  private lastFix: TruckFix | null = null;
  /** Answers the platform's commands: position, parameters, photos, reset. */
  private readonly controls: TerminalControls;

  constructor(private readonly options: Jt808ClientOptions) {
    this.authCode = options.authCode ?? null;
    this.controls = new TerminalControls(
      {
        answer: (body) => this.sendBody(body, [], body.messageId === 0x0201),
        respond: (header, result) => this.reply(header.serial, header.messageId, result),
        sendPackages: (messageId, body) => this.sendPackages(messageId, body),
        resend: (frames) => {
          for (const frame of frames) this.socket?.write(frame);
        },
        lastFix: () => this.lastFix,
        now: () => new Date(),
      },
      Number(options.vehicle.terminalPhone.slice(-6)),
      { heartbeatIntervalS: (options.heartbeatMs ?? 30_000) / 1000, reportIntervalS: 30 },
    );
  }

  get terminalPhone(): string {
    return this.options.vehicle.terminalPhone;
  }

  /** Messages sent and not yet answered: a load driver keeps this under a window. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Fixes waiting to be sent: given while not online, or not answered and to go again. */
  get queuedFixes(): number {
    return this.queued.length;
  }

  start(): void {
    if (this.state !== 'idle' && this.state !== 'refused') return;
    this.state = 'connecting';
    const socket = connect({
      host: this.options.host,
      port: this.options.port,
      ...(this.options.localAddress ? { localAddress: this.options.localAddress } : {}),
      // Into the buffer every client of the process reads into, each read decoded before the
      // next: a load generator's tens of thousands of clients read an answer a report.
      onread: {
        buffer: READ_BUFFER,
        callback: (bytes, buffer) => {
          this.decoder.each(
            buffer.subarray(0, bytes),
            (message) => this.handle(message),
            (error) => this.error(`bad frame from the gateway: ${error.message}`),
          );
          return true;
        },
      },
    });
    this.socket = socket;
    this.decoder = new Jt808StreamDecoder();
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.attempt = 0;
      if (this.authCode === null) this.register();
      else this.authenticate(this.authCode);
    });
    socket.on('error', (error) => this.error(messageOf(error)));
    socket.on('close', () => this.closed());
    ticking.add(this);
    ticker ??= setInterval(tickAll, 1000);
  }

  /** A truck report: sent now when online, else kept for the blind-area upload. */
  send(fixes: readonly TruckFix[], isBlindArea = fixes.length > 1): void {
    this.lastFix = fixes.at(-1) ?? this.lastFix;
    if (this.state !== 'online') {
      this.queue(fixes);
      return;
    }
    for (const message of locationMessages(fixes, isBlindArea))
      this.sendBody(message.body, message.fixes);
  }

  /** A heartbeat (0x0002) now, when online: for a driver keeping its own schedule. */
  heartbeat(): void {
    if (this.state === 'online') this.sendBody({ messageId: 0x0002 }, []);
  }

  async stop(): Promise<void> {
    this.state = 'closed';
    ticking.delete(this);
    if (ticking.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
    if (this.retry) clearTimeout(this.retry);
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 2000).unref();
    });
  }

  private register(): void {
    this.state = 'registering';
    this.sendBody(registerBody(this.options.vehicle), []);
  }

  private authenticate(authCode: string): void {
    this.state = 'authenticating';
    this.sendBody({ messageId: 0x0102, authCode, imei: null, softwareVersion: null }, []);
  }

  private handle(message: Jt808Message): void {
    const { header, body } = message;
    const counters = this.options.counters;
    if (this.state === 'online' && this.controls.handle(message)) return;
    if ('other' in body) {
      // A platform command we do not implement: say so (terminal general response, §8.1).
      this.reply(header.serial, header.messageId, NOT_SUPPORTED);
      return;
    }
    switch (body.messageId) {
      case 0x8100: {
        if (!this.pending.delete(body.replySerial)) {
          this.error(`0x8100 for unknown serial ${body.replySerial}`);
          return;
        }
        if (body.result === OK && body.authCode) {
          counters.acknowledged++;
          this.authCode = body.authCode;
          this.authenticate(body.authCode);
        } else {
          counters.refused++;
          this.refuse(`registration refused (result ${body.result})`);
        }
        return;
      }
      case 0x8001: {
        const pending = this.pending.get(body.replySerial);
        if (!pending || pending.messageId !== body.replyMessageId) {
          this.error(
            `0x8001 for unknown message ${body.replyMessageId} serial ${body.replySerial}`,
          );
          return;
        }
        this.pending.delete(body.replySerial);
        if (body.result !== OK) {
          counters.refused++;
          if (body.replyMessageId === 0x0102) {
            // The code is no longer valid: register again for a new one.
            this.authCode = null;
            this.refuse(`authentication refused (result ${body.result})`);
          }
          return;
        }
        counters.acknowledged++;
        this.options.onAcknowledged?.(body.replyMessageId, Date.now() - pending.sentAtMs);
        if (body.replyMessageId === 0x0102) this.online();
        return;
      }
      case 0x8300:
        // A text from the dispatch board: the terminal acknowledges it (§8.1).
        this.reply(header.serial, header.messageId, OK);
        return;
      default:
        this.reply(header.serial, header.messageId, NOT_SUPPORTED);
    }
  }

  private online(): void {
    this.state = 'online';
    const kept = this.queued;
    this.queued = [];
    if (kept.length > 0) this.send(kept, true);
  }

  private refuse(message: string): void {
    this.options.onError?.(`${this.terminalPhone}: ${message}`);
    this.state = 'refused';
    this.socket?.destroy();
  }

  private reply(replySerial: number, replyMessageId: number, result: number): void {
    this.sendBody({ messageId: 0x0001, replySerial, replyMessageId, result }, [], false);
  }

  private sendBody(body: Jt808Body, fixes: TruckFix[], isAnswered = true): void {
    const socket = this.socket;
    if (!socket || socket.destroyed) {
      this.queue(fixes);
      return;
    }
    const serial = this.serial;
    this.serial = (this.serial + 1) & 0xffff;
    const now = Date.now();
    if (isAnswered) this.pending.set(serial, { messageId: body.messageId, fixes, sentAtMs: now });
    this.options.counters.sent++;
    this.lastSentMs = now;
    socket.write(terminalFrame(this.terminalPhone, serial, body));
  }

  /**
   * A message too long for one frame as numbered packages with consecutive serials (§4.4.3):
   * each but the last is answered by 0x8001; the last by the message's own answer.
   */
  private sendPackages(
    messageId: number,
    body: Uint8Array,
  ): { firstSerial: number; frames: Uint8Array[] } {
    const total = Math.ceil(body.length / PACKAGE_BYTES);
    const firstSerial = this.serial;
    const frames: Uint8Array[] = [];
    for (let index = 1; index <= total; index++) {
      const serial = this.serial;
      this.serial = (this.serial + 1) & 0xffff;
      const frame = encodeJt808Message({
        header: {
          messageId,
          version: 'V2013',
          protocolVersion: 0,
          terminalPhone: this.terminalPhone,
          serial,
          encryption: 0,
          subpackage: { total, index },
        },
        body: {
          messageId,
          bodyHex: Buffer.from(
            body.subarray((index - 1) * PACKAGE_BYTES, index * PACKAGE_BYTES),
          ).toString('hex'),
          other: true,
        },
      });
      frames.push(frame);
      if (index < total) this.pending.set(serial, { messageId, fixes: [], sentAtMs: Date.now() });
      this.options.counters.sent++;
      this.socket?.write(frame);
    }
    this.lastSentMs = Date.now();
    return { firstSerial, frames };
  }

  /** Replies overdue are given up; an idle online link heartbeats (the shared timer's call). */
  tick(now: number): void {
    const timeoutMs = this.options.replyTimeoutMs ?? 30_000;
    if (this.pending.size > 0)
      for (const [serial, pending] of this.pending) {
        if (now - pending.sentAtMs < timeoutMs) continue;
        this.pending.delete(serial);
        this.error(
          `no reply to 0x${pending.messageId.toString(16).padStart(4, '0')} serial ${serial}`,
        );
        this.queue(pending.fixes);
      }
    if (this.state === 'online' && now - this.lastSentMs >= this.controls.heartbeatMs)
      this.sendBody({ messageId: 0x0002 }, []);
  }

  private closed(): void {
    this.socket = null;
    // Fixes not acknowledged go again in the next blind-area batch (the store ignores duplicates).
    for (const pending of this.pending.values()) this.queue(pending.fixes);
    this.pending.clear();
    if (this.state === 'closed') return;
    const isRefused = this.state === 'refused';
    if (!isRefused) this.state = 'idle';
    const delay = isRefused
      ? (this.options.refusalRetryMs ?? 60_000)
      : backoffMs(
          this.attempt++,
          this.options.reconnectMinMs ?? 1000,
          this.options.reconnectMaxMs ?? 30_000,
        );
    this.retry = setTimeout(() => this.start(), delay);
  }

  private queue(fixes: readonly TruckFix[]): void {
    if (fixes.length === 0) return;
    this.queued.push(...fixes);
    const max = this.options.maxQueuedFixes ?? 2000;
    if (this.queued.length > max) {
      const dropped = this.queued.length - max;
      this.queued.splice(0, dropped);
      this.options.counters.errors += dropped;
    }
  }

  private error(message: string): void {
    this.options.counters.errors++;
    this.options.onError?.(`${this.terminalPhone}: ${message}`);
  }
}
