import { randomBytes } from 'node:crypto';
import type { Db } from '@harbor/db';
import type { Jt808Body, Jt808Header, Jt808Location, Jt808Message } from '@harbor/protocols/jt808';
import { type Fix, FixSchema, fixTimeProblem } from '@harbor/shared';
import type { Logger } from 'pino';

/** What a gateway counts, for /metrics and the tests. */
export type Jt808Counters = {
  connections: number;
  frames: number;
  badFrames: number;
  unknownDevices: number;
  refusedUnauthenticated: number;
  failedAuthentications: number;
  fixesPublished: number;
  invalidFixes: number;
  /** Fixes refused for their time: dated minutes or more after they arrived (fix-time.ts). */
  futureFixes: number;
};

export const newJt808Counters = (): Jt808Counters => ({
  connections: 0,
  frames: 0,
  badFrames: 0,
  unknownDevices: 0,
  refusedUnauthenticated: 0,
  failedAuthentications: 0,
  fixesPublished: 0,
  invalidFixes: 0,
  futureFixes: 0,
});

/** Platform general response results (§8.2): 0 ok, 1 failure, 2 wrong message, 3 not supported. */
const OK = 0;
const FAILURE = 1;
const WRONG_MESSAGE = 2;
const NOT_SUPPORTED = 3;
/** Registration results (§8.6): 0 ok, 4 no such terminal in the database. */
const NO_SUCH_TERMINAL = 4;

/** A terminal's 0x0001 general response (§8.1): which of our messages it answers, and how. */
export type TerminalResponse = { replySerial: number; replyMessageId: number; result: number };

export type SessionDeps = {
  db: Pick<Db, 'prisma'>;
  /** Resolves once the fixes are durable (FixBus.publish). */
  publish(fixes: Fix[]): Promise<void>;
  /**
   * The bus's synchronous path (FixBus.publishNow): true when it took the fixes at once;
   * `stored` is called when they are durable.
   */
  publishNow?(fixes: Fix[], stored: (error?: Error) => void): boolean;
  logger?: Pick<Logger, 'debug'>;
  counters: Jt808Counters;
  now(): Date;
  /** Called once a terminal has authenticated (0x0102 accepted) on this connection. */
  onAuthenticated?(terminalPhone: string, session: Jt808Session): void;
  /** Called with each 0x0001 the terminal sends. */
  onTerminalResponse?(terminalPhone: string, response: TerminalResponse): void;
};

const KNOTS_PER_KMH = 1 / 1.852;

/** A terminal's location report as a Fix; null when the terminal has no position fix. */
export function fixOf(
  terminalPhone: string,
  location: Jt808Location,
  receivedAt: Date,
): Fix | null {
  if (!location.flags.positioned) return null;
  return {
    assetKind: 'VEHICLE',
    assetKey: terminalPhone,
    fixAt: location.time,
    receivedAt,
    lat: location.lat,
    lon: location.lon,
    speedKnots: Math.round(location.speedKmh * KNOTS_PER_KMH * 100) / 100,
    courseDeg: location.directionDeg % 360,
    headingDeg: null,
    altitudeM: location.altitudeM,
    status: location.flags.accOn ? 'ACC_ON' : 'ACC_OFF',
    source: 'JT808',
  };
}

/**
 * One terminal connection's conversation (JT/T 808 §8): registration for a known device,
 * authentication with its code, then heartbeats and location reports, each answered; a
 * report before authentication is refused. Replies go through `send`.
 */
export class Jt808Session {
  private isAuthenticated = false;
  private serial = 0;
  /** The authenticated terminal's header fields, for messages the platform starts (0x8300). */
  private terminal: Pick<Jt808Header, 'version' | 'protocolVersion' | 'terminalPhone'> | null =
    null;

  constructor(
    private readonly deps: SessionDeps,
    private readonly send: (header: Jt808Header, body: Jt808Body) => void,
  ) {}

  /**
   * Handles one message. Returns a promise only when the connection must wait (the
   * database, a full bus); the common case, a report the bus takes at once, returns at once
   * and is answered when its fixes are stored, so the gateway need not pause the connection
   * for it and many reports share one commit.
   */
  handle(message: Jt808Message): Promise<void> | undefined {
    const { body } = message;
    if (!('other' in body)) {
      const id = body.messageId;
      if (id === 0x0200 || id === 0x0201 || id === 0x0704 || id === 0x0002 || id === 0x0001)
        return this.handleReport(message);
    }
    return this.handleSlow(message);
  }

  /** Heartbeats, acknowledgements and location reports: no database, the bus's fast path. */
  private handleReport({ header, body }: Jt808Message): Promise<void> | undefined {
    if ('other' in body) return;
    switch (body.messageId) {
      case 0x0002:
        this.answer(header, OK);
        return;
      case 0x0001:
        // The terminal acknowledges one of our messages (a text, from the dispatch board).
        if (this.isAuthenticated)
          this.deps.onTerminalResponse?.(header.terminalPhone, {
            replySerial: body.replySerial,
            replyMessageId: body.replyMessageId,
            result: body.result,
          });
        return;
      case 0x0200:
      case 0x0201:
      case 0x0704: {
        if (!this.isAuthenticated) {
          this.deps.counters.refusedUnauthenticated++;
          this.answer(header, FAILURE);
          return;
        }
        const locations = body.messageId === 0x0704 ? body.locations : [body.location];
        const receivedAt = this.deps.now();
        const fixes: Fix[] = [];
        let refused = 0;
        for (const location of locations) {
          const fix = fixOf(header.terminalPhone, location, receivedAt);
          if (!fix) continue;
          const timeProblem = fixTimeProblem(fix.fixAt, receivedAt);
          if (timeProblem) {
            refused++;
            this.deps.counters.futureFixes++;
            this.deps.logger?.debug(
              { terminalPhone: header.terminalPhone, reason: timeProblem },
              'JT/T 808 fix refused',
            );
          } else if (FixSchema.safeParse(fix).success) fixes.push(fix);
          else {
            refused++;
            this.deps.counters.invalidFixes++;
          }
        }
        // A report whose every fix was refused is a wrong message (§8.2 result 2); storing
        // it later will not make it right, so the terminal may drop it.
        if (fixes.length === 0) {
          this.answer(header, refused > 0 ? WRONG_MESSAGE : OK);
          return;
        }
        // Answered only once the fixes are durable: the terminal deletes what is answered
        // (a blind-area batch for good), so an answer must survive a crash.
        const stored = (error?: Error) => {
          if (error) return; // not stored (shutting down): no answer, the terminal sends again
          this.deps.counters.fixesPublished += fixes.length;
          this.answer(header, OK);
        };
        if (this.deps.publishNow?.(fixes, stored)) return;
        return this.deps.publish(fixes).then(() => stored());
      }
    }
  }

  private async handleSlow({ header, body }: Jt808Message): Promise<void> {
    const reply = (messageId: number, replyBody: Jt808Body) =>
      this.send(
        { ...header, messageId, serial: this.nextSerial(), subpackage: null, encryption: 0 },
        replyBody,
      );
    const general = (result: number) => this.answer(header, result);

    if ('other' in body) return general(NOT_SUPPORTED);
    switch (body.messageId) {
      case 0x0100: {
        const device = await this.deps.db.prisma.device.findUnique({
          where: { terminalPhone: header.terminalPhone },
        });
        if (!device) {
          this.deps.counters.unknownDevices++;
          return reply(0x8100, {
            messageId: 0x8100,
            replySerial: header.serial,
            result: NO_SUCH_TERMINAL,
            authCode: null,
          });
        }
        const authCode = device.authCode ?? randomBytes(12).toString('base64url');
        await this.deps.db.prisma.device.update({
          where: { id: device.id },
          data: {
            authCode,
            protocolVersion: header.version,
            manufacturerId: body.manufacturerId || null,
            terminalModel: body.terminalModel || null,
            terminalId: body.terminalId || null,
            registeredAt: this.deps.now(),
          },
        });
        return reply(0x8100, {
          messageId: 0x8100,
          replySerial: header.serial,
          result: OK,
          authCode,
        });
      }
      case 0x0102: {
        const device = await this.deps.db.prisma.device.findUnique({
          where: { terminalPhone: header.terminalPhone },
        });
        if (!device?.authCode || device.authCode !== body.authCode) {
          this.isAuthenticated = false;
          this.deps.counters.failedAuthentications++;
          return general(FAILURE);
        }
        this.isAuthenticated = true;
        this.terminal = {
          version: header.version,
          protocolVersion: header.protocolVersion,
          terminalPhone: header.terminalPhone,
        };
        await this.deps.db.prisma.device.update({
          where: { id: device.id },
          data: { lastSeenAt: this.deps.now() },
        });
        general(OK);
        // After the answer: what is waiting for this terminal may follow it at once.
        this.deps.onAuthenticated?.(header.terminalPhone, this);
        return;
      }
      default:
        return general(NOT_SUPPORTED);
    }
  }

  /**
   * Sends a text message (0x8300, §8.23: flag byte, then on 2019 terminals the text type,
   * 1 = notice; the text GBK-encoded by the codec) and returns its serial, which the
   * terminal's 0x0001 echoes as its reply serial. Null before authentication.
   */
  sendText(text: string, flags: number): number | null {
    if (!this.isAuthenticated || !this.terminal) return null;
    const serial = this.nextSerial();
    this.send(
      { messageId: 0x8300, ...this.terminal, serial, subpackage: null, encryption: 0 },
      {
        messageId: 0x8300,
        flag: flags,
        textType: this.terminal.version === 'V2019' ? 1 : null,
        text,
      },
    );
    return serial;
  }

  /** The platform general response (0x8001, §8.2) to the message with this header. */
  private answer(header: Jt808Header, result: number): void {
    this.send(
      { ...header, messageId: 0x8001, serial: this.nextSerial(), subpackage: null, encryption: 0 },
      { messageId: 0x8001, replySerial: header.serial, replyMessageId: header.messageId, result },
    );
  }

  private nextSerial(): number {
    this.serial = (this.serial + 1) & 0xffff;
    return this.serial;
  }
}
