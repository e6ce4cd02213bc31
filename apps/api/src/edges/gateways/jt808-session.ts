import {
  decodeJt808Body,
  fromHex,
  type Jt808Body,
  type Jt808Header,
  type Jt808Location,
  type Jt808Message,
  Jt808Reassembler,
  type PartialMessage,
  type ReassemblyLimits,
} from '@harbor/protocols/jt808';
import { type Fix, fixProblem, kmhToKnots } from '@harbor/shared';
import type { Logger } from 'pino';
import { type DeviceDirectory, NO_SUCH_TERMINAL } from '../../domains/vehicles/device-directory.ts';
import type { MediaUpload } from '../../domains/vehicles/media.ts';
import type {
  CommandAnswer,
  CommandBody,
  TerminalResponse,
} from '../../domains/vehicles/terminal-links.ts';
import type { Jt808Counters } from './jt808-counters.ts';

/** Platform general response results (§8.2): 0 ok, 1 failure, 2 wrong message, 3 not supported. */
const OK = 0;
const FAILURE = 1;
const WRONG_MESSAGE = 2;
const NOT_SUPPORTED = 3;
/** Terminal logout (§8.4): an empty body, which the codec leaves undecoded. */
const LOGOUT = 0x0003;

export type SessionDeps = {
  /** Registration, authentication and logout of terminals: the session never reads Device itself. */
  devices: Pick<DeviceDirectory, 'register' | 'authenticate' | 'logout'>;
  /** The connection's logger (the gateway binds the remote address). */
  logger: Logger;
  /** Resolves once the fixes are durable (FixBus.publish). */
  publish(fixes: Fix[]): Promise<void>;
  /**
   * The bus's synchronous path (FixBus.publishNow): true when it took the fixes at once;
   * `stored` is called when they are durable.
   */
  publishNow?(fixes: Fix[], stored: (error?: Error) => void): boolean;
  counters: Jt808Counters;
  now(): Date;
  /** Failed authentications and refused registrations a connection may have; then it is closed. */
  maxFailures?: number;
  /** Whether a terminal is authenticated on another live connection of this gateway. */
  isOnline?(terminalPhone: string): boolean;
  /** Called once a terminal has authenticated (0x0102 accepted) on this connection. */
  onAuthenticated?(terminalPhone: string, session: Jt808Session): void;
  /** Called with each 0x0001 the terminal sends. */
  onTerminalResponse?(terminalPhone: string, response: TerminalResponse): void;
  /** Called with each answer to a command by a message of its own (0x0201, 0x0104, 0x0805). */
  onCommandAnswer?(terminalPhone: string, answer: CommandAnswer): void;
  /**
   * Stores a multimedia upload (0x0801) with its time and position; resolves once durable,
   * false when the terminal's device is gone. Left out: uploads are not supported.
   */
  storeMedia?(terminalPhone: string, upload: MediaUpload, receivedAt: Date): Promise<boolean>;
  /** Sub-packaged messages (§4.4.3): how long they are waited for, and what they may hold. */
  subpackages?: {
    /** A message with no package for this long is asked for its missing ones (0x8003). */
    quietMs?: number;
    /** Times it is asked before it is dropped. */
    maxRequests?: number;
    /** How often incomplete messages are looked at. */
    checkEveryMs?: number;
    limits?: ReassemblyLimits;
  };
};

/** Sub-packaged messages are asked for missing packages after 10 s quiet, three times. */
const PIECES_QUIET_MS = 10_000;
const PIECE_REQUESTS = 3;
const PIECES_CHECK_EVERY_MS = 1_000;

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
    speedKnots: Math.round(kmhToKnots(location.speedKmh) * 100) / 100,
    courseDeg: location.directionDeg % 360,
    headingDeg: null,
    altitudeM: location.altitudeM,
    status: location.flags.accOn ? 'ACC_ON' : 'ACC_OFF',
    source: 'JT808',
  };
}

/** The connection a session speaks over. */
export type Jt808Link = {
  send(header: Jt808Header, body: Jt808Body): void;
  /**
   * The platform general response (0x8001, §8.2) with this serial to the message with this
   * header: apart from `send` for speed, written straight into the connection's bytes.
   */
  answer(request: Jt808Header, serial: number, result: number): void;
  /** Closes the connection once what was sent has been written; nothing more is read. */
  close(): void;
};

/**
 * One terminal connection's conversation (JT/T 808 §8): registration for a known device,
 * authentication with its code, then heartbeats and location reports, each answered; anything
 * but registration and authentication before authentication is refused. A connection speaks
 * for one terminal: the phone of its first frame, the one it then authenticates as; a frame
 * naming another phone is refused and never acted on. Replies go through the link.
 */
export class Jt808Session {
  private isAuthenticated = false;
  private serial = 0;
  /** The phone this connection speaks for: its first frame's, fixed from then on. */
  private phone: string | null = null;
  private failures = 0;
  private foreignFrames = 0;
  /** The authenticated terminal's header fields, for messages the platform starts (0x8300). */
  private terminal: Pick<Jt808Header, 'version' | 'protocolVersion' | 'terminalPhone'> | null =
    null;
  private readonly pieces: Jt808Reassembler;
  /** Runs while sub-packaged messages are incomplete: asks for what is missing. */
  private piecesTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: SessionDeps,
    private readonly link: Jt808Link,
  ) {
    this.pieces = new Jt808Reassembler(deps.subpackages?.limits);
  }

  /** Whether the terminal has proved itself (0x0102 accepted) on this connection. */
  get authenticated(): boolean {
    return this.isAuthenticated;
  }

  /**
   * Handles one message. Returns a promise only when the connection must wait (the
   * database, a full bus); the common case, a report the bus takes at once, returns at once
   * and is answered when its fixes are stored, so the gateway need not pause the connection
   * for it and many reports share one commit.
   */
  handle(message: Jt808Message): Promise<void> | undefined {
    const { header, body } = message;
    this.phone ??= header.terminalPhone;
    if (header.terminalPhone !== this.phone) {
      this.refuseForeign(header);
      return;
    }
    if (header.subpackage && header.subpackage.total > 1 && 'other' in body)
      return this.handlePiece(header, fromHex(body.bodyHex));
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
        // A heartbeat keeps an authenticated link; before that it proves nothing.
        if (!this.isAuthenticated) {
          this.deps.counters.refusedUnauthenticated++;
          this.answer(header, FAILURE);
          return;
        }
        this.answer(header, OK);
        return;
      case 0x0001:
        // The terminal acknowledges one of our messages (a text, from the dispatch board).
        if (!this.isAuthenticated) {
          this.deps.counters.refusedUnauthenticated++;
          return;
        }
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
        if (body.messageId === 0x0201) this.deps.onCommandAnswer?.(header.terminalPhone, body);
        const receivedAt = this.deps.now();
        let fixes: Fix[];
        let refused = 0;
        if (body.messageId === 0x0704) {
          fixes = [];
          for (const location of body.locations) {
            const fix = this.acceptedFix(header, location, receivedAt);
            if (fix) fixes.push(fix);
            else if (fix === false) refused++;
          }
        } else {
          // One location, the common report: its fix in an array of its own size.
          const fix = this.acceptedFix(header, body.location, receivedAt);
          fixes = fix ? [fix] : [];
          if (fix === false) refused++;
        }
        // A report whose every fix was refused is a wrong message (§8.2 result 2); storing
        // it later will not make it right, so the terminal may drop it.
        if (fixes.length === 0) {
          this.answer(header, refused > 0 ? WRONG_MESSAGE : OK);
          return;
        }
        // Answered only once the fixes are durable: the terminal deletes what is answered
        // (a blind-area batch for good), so an answer must survive a crash. The answer keeps
        // the count, not the fixes: a bus done with them (JetStream's, once it has sent them)
        // lets them go while the report waits, instead of the collector copying them.
        const count = fixes.length;
        const stored = (error?: Error) => {
          if (error) return; // not stored (shutting down): no answer, the terminal sends again
          this.deps.counters.fixesPublished += count;
          this.answer(header, OK);
        };
        if (this.deps.publishNow?.(fixes, stored)) return;
        return this.deps.publish(fixes).then(() => stored());
      }
    }
  }

  /** A location's fix; null when the terminal had no position, false when it is refused (counted). */
  private acceptedFix(
    header: Jt808Header,
    location: Jt808Location,
    receivedAt: Date,
  ): Fix | null | false {
    const fix = fixOf(header.terminalPhone, location, receivedAt);
    if (!fix) return null;
    const problem = fixProblem(fix);
    if (!problem) return fix;
    if (problem.isTime) this.deps.counters.futureFixes++;
    else this.deps.counters.invalidFixes++;
    this.deps.logger.debug(
      { terminalPhone: header.terminalPhone, reason: problem.message },
      'JT/T 808 fix refused',
    );
    return false;
  }

  private async handleSlow({ header, body }: Jt808Message): Promise<void> {
    const general = (result: number) => this.answer(header, result);
    if (header.messageId === LOGOUT) return this.logout(header);
    if ('other' in body) return general(NOT_SUPPORTED);
    switch (body.messageId) {
      case 0x0004:
        // 2019 §8.4: a terminal without a time source asks the platform's (UTC); it tells
        // nothing about anyone, so it is answered before authentication too.
        this.send(header, 0x8004, { messageId: 0x8004, time: this.deps.now() });
        return;
      case 0x0104:
      case 0x0805:
        // Answers to the platform's commands: they need no answer of their own.
        if (!this.isAuthenticated) {
          this.deps.counters.refusedUnauthenticated++;
          return general(FAILURE);
        }
        this.deps.onCommandAnswer?.(header.terminalPhone, body);
        return;
      case 0x0800:
        // A multimedia event (§8.57): the upload itself follows as 0x0801.
        return general(this.isAuthenticated ? OK : FAILURE);
      case 0x0801:
        return this.storeMedia(header, body);
      case 0x0100: {
        const outcome = await this.deps.devices.register(
          {
            terminalPhone: header.terminalPhone,
            version: header.version,
            manufacturerId: body.manufacturerId,
            terminalModel: body.terminalModel,
            terminalId: body.terminalId,
            plateColor: body.plateColor,
            isOnline: this.deps.isOnline?.(header.terminalPhone) ?? false,
          },
          this.deps.now(),
        );
        this.send(header, 0x8100, {
          messageId: 0x8100,
          replySerial: header.serial,
          result: outcome.result,
          authCode: outcome.authCode,
        });
        if (outcome.authCode !== null) {
          this.deps.logger.info(
            { terminalPhone: header.terminalPhone, terminalId: body.terminalId },
            outcome.isRotation
              ? 'JT/T 808 terminal registered again: new auth code issued'
              : 'JT/T 808 terminal registered and bound',
          );
        } else if (outcome.result === NO_SUCH_TERMINAL) {
          this.deps.counters.unknownDevices++;
          this.failed();
        } else {
          this.deps.counters.refusedRegistrations++;
          this.deps.logger.warn(
            { terminalPhone: header.terminalPhone, terminalId: body.terminalId },
            'JT/T 808 registration refused: the phone is bound to another terminal',
          );
          this.failed();
        }
        return;
      }
      case 0x0102: {
        const isValid = await this.deps.devices.authenticate(
          header.terminalPhone,
          body.authCode,
          this.deps.now(),
        );
        if (!isValid) {
          this.deps.counters.failedAuthentications++;
          general(FAILURE);
          this.failed();
          return;
        }
        this.isAuthenticated = true;
        this.terminal = {
          version: header.version,
          protocolVersion: header.protocolVersion,
          terminalPhone: header.terminalPhone,
        };
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
   * One package of a sub-packaged message (§4.4.3). Each is answered on receipt, except the
   * one that completes the message: that one's answer is the message's own (for a report,
   * once its fixes are stored), as the terminal keeps every package until then and may be
   * asked for any of them again.
   */
  private handlePiece(header: Jt808Header, piece: Uint8Array): Promise<void> | undefined {
    if (!this.isAuthenticated) {
      this.deps.counters.refusedUnauthenticated++;
      this.answer(header, FAILURE);
      return;
    }
    const outcome = this.pieces.add(header, piece, this.deps.now().getTime());
    switch (outcome.kind) {
      case 'refused':
        this.deps.counters.refusedPackages++;
        this.deps.logger.debug(
          { terminalPhone: header.terminalPhone, reason: outcome.reason },
          'JT/T 808 package refused',
        );
        this.answer(header, FAILURE);
        return;
      case 'duplicate':
      case 'pending':
        this.answer(header, OK);
        this.watchPieces();
        return;
      case 'complete': {
        this.deps.counters.reassembledMessages++;
        // Answered as the package that completed it, with the message's own id.
        const whole = { ...outcome.header, serial: header.serial };
        let body: Jt808Body;
        try {
          body = decodeJt808Body(whole, outcome.body);
        } catch (error) {
          this.deps.counters.badReassembledMessages++;
          this.deps.logger.debug(
            { terminalPhone: header.terminalPhone, error: String(error) },
            'JT/T 808 sub-packaged message does not decode',
          );
          this.answer(whole, WRONG_MESSAGE);
          return;
        }
        return this.handle({ header: whole, body });
      }
    }
  }

  /** While messages are incomplete, asks the terminal for their missing packages. */
  private watchPieces(): void {
    if (this.piecesTimer) return;
    const everyMs = this.deps.subpackages?.checkEveryMs ?? PIECES_CHECK_EVERY_MS;
    this.piecesTimer = setInterval(() => this.askForPieces(), everyMs);
    this.piecesTimer.unref();
  }

  private askForPieces(): void {
    const { quietMs = PIECES_QUIET_MS, maxRequests = PIECE_REQUESTS } = this.deps.subpackages ?? {};
    const { ask, dropped } = this.pieces.stalled(this.deps.now().getTime(), quietMs, maxRequests);
    for (const message of ask) this.requestPieces(message);
    if (dropped.length > 0) {
      this.deps.counters.droppedIncompleteMessages += dropped.length;
      this.deps.logger.warn(
        {
          terminalPhone: this.phone,
          messages: dropped.map((m) => ({
            messageId: m.header.messageId,
            missing: m.missing.length,
          })),
        },
        'JT/T 808 sub-packaged messages dropped: packages still missing after re-send requests',
      );
    }
    if (this.pieces.bytes === 0 && ask.length === 0) this.stopWatchingPieces();
  }

  /** Asks for a message's missing packages: 0x8800 for multimedia data (§8.59), else 0x8003. */
  private requestPieces(message: PartialMessage): void {
    if (!this.terminal) return;
    this.deps.counters.packageRequests++;
    const header = {
      ...this.terminal,
      serial: this.nextSerial(),
      subpackage: null,
      encryption: 0,
    };
    // A multimedia upload's id is the first package's first DWORD; without that package the
    // generic request names the message by its serial instead.
    const first = message.firstPackage;
    if (message.header.messageId === 0x0801 && first && first.length >= 4) {
      const mediaId = new DataView(first.buffer, first.byteOffset, 4).getUint32(0);
      this.link.send(
        { ...header, messageId: 0x8800 },
        { messageId: 0x8800, mediaId, packageIds: message.missing },
      );
      return;
    }
    this.link.send(
      { ...header, messageId: 0x8003 },
      { messageId: 0x8003, originalSerial: message.header.serial, packageIds: message.missing },
    );
  }

  private stopWatchingPieces(): void {
    if (this.piecesTimer) clearInterval(this.piecesTimer);
    this.piecesTimer = null;
  }

  /** The connection ended: what was being put together goes. */
  closed(): void {
    this.stopWatchingPieces();
    this.pieces.clear();
  }

  /**
   * A multimedia upload (§8.58), whole once its packages are put together: stored with its
   * time and position, then answered with 0x8800 naming no package to send again (§8.59), so
   * the terminal may delete it only once it is durable.
   */
  private async storeMedia(header: Jt808Header, upload: MediaUpload): Promise<void> {
    if (!this.isAuthenticated) {
      this.deps.counters.refusedUnauthenticated++;
      return this.answer(header, FAILURE);
    }
    if (!this.deps.storeMedia) return this.answer(header, NOT_SUPPORTED);
    const isStored = await this.deps.storeMedia(header.terminalPhone, upload, this.deps.now());
    if (!isStored) return this.answer(header, FAILURE);
    this.deps.counters.mediaStored++;
    this.send(header, 0x8800, { messageId: 0x8800, mediaId: upload.mediaId, packageIds: [] });
  }

  /** Terminal logout (§8.4): its code stops working and the connection ends. */
  private async logout(header: Jt808Header): Promise<void> {
    if (!this.isAuthenticated) {
      this.deps.counters.refusedUnauthenticated++;
      return this.answer(header, FAILURE);
    }
    await this.deps.devices.logout(header.terminalPhone);
    this.isAuthenticated = false;
    this.answer(header, OK);
    this.deps.logger.info({ terminalPhone: header.terminalPhone }, 'JT/T 808 terminal logged out');
    this.link.close();
  }

  /** A frame for another phone than this connection's: refused, counted, never acted on. */
  private refuseForeign(header: Jt808Header): void {
    this.deps.counters.refusedForeignPhone++;
    // One warning per connection: a flood of such frames must not flood the log too.
    if (this.foreignFrames++ === 0)
      this.deps.logger.warn(
        {
          terminalPhone: this.phone,
          framePhone: header.terminalPhone,
          messageId: header.messageId,
          isAuthenticated: this.isAuthenticated,
        },
        'JT/T 808 frame for another terminal refused',
      );
    // A terminal's general response (0x0001) gets no answer; everything else gets a refusal.
    if (header.messageId !== 0x0001) this.answer(header, FAILURE);
  }

  /**
   * A failed authentication or refused registration: past the limit the connection ends. On
   * an authenticated connection the first one ends it: it no longer proves anything, and no
   * authentication time-out would close it.
   */
  private failed(): void {
    const wasAuthenticated = this.isAuthenticated;
    this.isAuthenticated = false;
    if (++this.failures < (this.deps.maxFailures ?? 3) && !wasAuthenticated) return;
    this.deps.counters.closedAfterFailures++;
    this.deps.logger.warn(
      { terminalPhone: this.phone, failures: this.failures },
      'JT/T 808 connection closed after repeated failed registrations or authentications',
    );
    this.link.close();
  }

  /**
   * Sends a text message (0x8300, §8.23: flag byte, then on 2019 terminals the text type,
   * 1 = notice; the text GBK-encoded by the codec) and returns its serial, which the
   * terminal's 0x0001 echoes as its reply serial. Null before authentication.
   */
  sendText(text: string, flags: number): number | null {
    if (!this.isAuthenticated || !this.terminal) return null;
    const serial = this.nextSerial();
    this.link.send(
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

  /** Sends a platform command (position query, parameters, camera, control); its serial, or null before authentication. */
  sendCommand(body: CommandBody): number | null {
    if (!this.isAuthenticated || !this.terminal) return null;
    const serial = this.nextSerial();
    this.link.send(
      { messageId: body.messageId, ...this.terminal, serial, subpackage: null, encryption: 0 },
      body,
    );
    return serial;
  }

  /** The platform general response (0x8001, §8.2) to the message with this header. */
  private answer(header: Jt808Header, result: number): void {
    this.link.answer(header, this.nextSerial(), result);
  }

  /** A platform message in answer to the message with this header. */
  private send(header: Jt808Header, messageId: number, body: Jt808Body): void {
    this.link.send(
      { ...header, messageId, serial: this.nextSerial(), subpackage: null, encryption: 0 },
      body,
    );
  }

  private nextSerial(): number {
    this.serial = (this.serial + 1) & 0xffff;
    return this.serial;
  }
}
