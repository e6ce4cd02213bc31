import { randomInt } from 'node:crypto';
import { connect, createServer, isIPv4, type Server, type Socket } from 'node:net';
import { decodeJt808Body, encodeGbk, type Jt808Header } from '@harbor/protocols/jt808';
import {
  encodeJt809Frame,
  type Jt809Body,
  type Jt809Edition,
  type Jt809EncryptKeys,
  type Jt809Message,
  type Jt809Position,
  type Jt809Position2019,
  Jt809StreamDecoder,
} from '@harbor/protocols/jt809';

/** How the stand-in is set up: the credentials it accepts, as a supervision platform assigns them. */
export type SuperiorPlatformOptions = {
  listenHost: string;
  /** Where the main links connect; 0 lets the system choose (tests). */
  listenPort: number;
  edition: Jt809Edition;
  /** USERID the lower platform logs in with. */
  userId: number;
  /** PASSWORD (8 bytes on the wire). */
  password: string;
  /** MSG_GNSSCENTERID: the access code (接入码) assigned to the lower platform. */
  gnssCenterId: number;
  /** The body cipher's constants: with them, frames are sent encrypted and encrypted ones read. */
  keys?: Jt809EncryptKeys;
  /** Sends an inspection (查岗) with an arithmetic question this often; never when undefined. */
  inspectEveryMs?: number;
  /** Sub-link keep-alive (0x9005) period; a minute unless said. */
  keepAliveMs?: number;
  /** Wait before connecting the sub link again after it failed or closed; 30 s unless said. */
  subLinkRetryMs?: number;
  /** One line per notable event (operator output). */
  logger: (line: string) => void;
};

export type LinkName = 'main' | 'sub';
export type SubLinkState = 'down' | 'connecting' | 'logging-in' | 'up';

/** A vehicle's latest position, as received. */
export type SeenPosition = {
  plateColor: number;
  lat: number;
  lon: number;
  speedKmh: number;
  directionDeg: number;
  /** The position's time as sent, Beijing time: 'YYYY-MM-DD hh:mm:ss'. */
  time: string;
  /** From a 0x1203 backlog rather than a live 0x1202. */
  backlog: boolean;
};

export type SuperiorStats = {
  mainLink: 'down' | 'up';
  subLink: SubLinkState;
  /** Main-link connections accepted. */
  connections: number;
  logins: number;
  loginsRefused: number;
  messagesReceived: number;
  messagesSent: number;
  /** Frames that did not decode. */
  badFrames: number;
  /** Frames that decoded but were refused: wrong link, before the login, impossible content. */
  invalidMessages: number;
  /** Distinct vehicles (plate and colour) registered with 0x1201. */
  vehiclesRegistered: number;
  positionsLive: number;
  positionsBacklog: number;
  inspectionsSent: number;
  inspectionsAnswered: number;
  platformMessagesSent: number;
  platformMessagesAnswered: number;
  vehicleTextsSent: number;
  vehicleTextsAnswered: number;
  exchangeRequestsSent: number;
  exchangeRequestsAnswered: number;
  /** The latest position per plate. */
  lastPositions: Record<string, SeenPosition>;
};

/** A message received, and on which link. */
export type Received = { link: LinkName; message: Jt809Message };

/** What `waitForEvent` sees: every message received, every refused frame, link changes. */
export type SuperiorEvent =
  | ({ kind: 'message' } & Received)
  | { kind: 'bad'; link: LinkName; messageId: number | null; reason: string }
  | { kind: 'link'; link: LinkName; state: 'up' | 'down' };

/** A request sent: its MSG_SN, its INFO_ID (or MSG_SEQUENCE) where it has one, and the link. */
export type SentRequest = { serial: number; infoId: number | null; link: LinkName };

/** 0x1002 results. */
export const LOGIN_RESULT = {
  ok: 0,
  ipAddressWrong: 1,
  accessCodeWrong: 2,
  userNotRegistered: 3,
  passwordWrong: 4,
} as const;
const LOGIN_RESULT_TEXT: Record<number, string> = {
  0: 'ok',
  1: 'IP address wrong',
  2: 'access code wrong',
  3: 'user not registered',
  4: 'password wrong',
};

const PLATE_COLOURS: Record<number, string> = {
  1: 'blue',
  2: 'yellow',
  3: 'black',
  4: 'white',
  5: 'green',
  9: 'other',
};

/** 0x9205 / 0x9206 REASON_CODE 1: started / stopped by hand. */
const BY_HAND = 1;
/** 0x9301 / 0x9302 OBJECT_TYPE 1: the connected lower platform. */
const THIS_PLATFORM = 1;
/** 2019 0x9301 ANSWER_TIME (查岗应答时限), written as a fixed value; Harbor does not act on it. */
const ANSWER_TIME = 10;
/** 0x9503 MSG_PRIORITY 1: normal. */
const NORMAL_PRIORITY = 1;
/** A 0x1203 carries 1 to 5 positions. */
const MAX_BACKLOG_BATCH = 5;

type Conn = {
  socket: Socket;
  decoder: Jt809StreamDecoder;
  link: LinkName;
  /** host:port of the other end. */
  peer: string;
  /** Sub link only: its login was refused (no point connecting again with the same code). */
  refused: boolean;
};

type Session = {
  conn: Conn;
  userId: number;
  verifyCode: number;
  downLinkIp: string;
  downLinkPort: number;
};

type Pending = { serial: number; infoId: number; text: string; expected: string | null };

type Waiter = {
  predicate: (event: SuperiorEvent) => boolean;
  resolve: (event: SuperiorEvent) => void;
  reject: (error: Error) => void;
};

/**
 * A JT/T 809 superior platform (上级平台, the government supervision platform) in miniature, for
 * trying Harbor's supervision link (监管平台) without one: it takes the lower platform's main
 * link and login (0x1001, answered 0x1002 with a verify code), connects the sub link back to the
 * DOWN_LINK_IP/PORT of the login and logs in there (0x9001), keeps both links alive (answers
 * 0x1005 with 0x1006, sends 0x9005 every minute), counts and logs the vehicles' registrations
 * and positions (0x1200: 0x1201, 0x1202, 0x1203), and sends what a supervision platform asks:
 * inspections (0x9301), platform messages (0x9302), texts for a vehicle (0x9503) and the start
 * or stop of a vehicle's exchange (0x9205 / 0x9206), checking the answers.
 *
 * Everything received is checked: a frame that does not decode, or a message that is wrong for
 * where and when it came (before the login, another access code, an impossible position), is
 * counted, logged and skipped. A second successful login replaces the first main link (and
 * its sub link).
 */
export class SuperiorPlatformStandIn {
  private readonly counters = {
    connections: 0,
    logins: 0,
    loginsRefused: 0,
    messagesReceived: 0,
    messagesSent: 0,
    badFrames: 0,
    invalidMessages: 0,
    positionsLive: 0,
    positionsBacklog: 0,
    inspectionsSent: 0,
    inspectionsAnswered: 0,
    platformMessagesSent: 0,
    platformMessagesAnswered: 0,
    vehicleTextsSent: 0,
    vehicleTextsAnswered: 0,
    exchangeRequestsSent: 0,
    exchangeRequestsAnswered: 0,
  };
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private session: Session | null = null;
  private sub: Conn | null = null;
  private subState: SubLinkState = 'down';
  private serial = 0;
  private infoIds = 0;
  private readonly registered = new Set<string>();
  private readonly lastPositions = new Map<string, SeenPosition>();
  /** Vehicles whose exchange the platform stopped (0x1206 received), by plate and colour. */
  private readonly stopped = new Set<string>();
  private readonly inspections = new Map<number, Pending>();
  private readonly platformMessages = new Map<number, Pending>();
  private readonly vehicleTexts = new Map<number, Pending>();
  private readonly exchanges = new Map<number, { plate: string; subType: number }>();
  private waiters: Waiter[] = [];
  private timers: NodeJS.Timeout[] = [];
  private subRetry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: SuperiorPlatformOptions) {
    const { userId, gnssCenterId, password } = options;
    if (!isDword(userId)) throw new RangeError(`userId ${userId} is not a DWORD`);
    if (!isDword(gnssCenterId)) throw new RangeError(`gnssCenterId ${gnssCenterId} is not a DWORD`);
    const bytes = encodeGbk(password).length;
    if (bytes === 0 || bytes > 8)
      throw new RangeError(`the password takes ${bytes} bytes; 1 to 8 fit PASSWORD`);
    if (options.inspectEveryMs !== undefined && !(options.inspectEveryMs > 0))
      throw new RangeError('inspectEveryMs is above 0 when given');
  }

  /** Listens for main links; resolves with the port. */
  async start(): Promise<number> {
    if (this.server || this.closed) throw new Error('the stand-in starts once');
    const server = createServer((socket) => this.acceptMain(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.listenPort, this.options.listenHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.log(`server: ${error.message}`));
    this.server = server;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : this.options.listenPort;
    const { edition, userId, gnssCenterId, keys, inspectEveryMs } = this.options;
    this.log(
      `listening on ${this.options.listenHost}:${port}: JT/T 809-${edition}, user ${userId}, access code ${gnssCenterId}` +
        `${keys ? ', encrypted' : ''}${inspectEveryMs ? `, an inspection every ${Math.round(inspectEveryMs / 1000)} s` : ''}`,
    );
    this.every(this.options.keepAliveMs ?? 60_000, () => {
      if (this.sub && this.subState === 'up') this.write(this.sub, { messageId: 0x9005 });
    });
    if (inspectEveryMs)
      this.every(inspectEveryMs, () => {
        if (this.linkFor()) this.inspect();
      });
    return port;
  }

  /** Closes every link and the listener; waits pending on `waitFor` are rejected. */
  async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    if (this.subRetry) clearTimeout(this.subRetry);
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.session = null;
    this.sub = null;
    this.subState = 'down';
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('the stand-in stopped'));
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get stats(): SuperiorStats {
    return {
      mainLink: this.session ? 'up' : 'down',
      subLink: this.subState,
      ...this.counters,
      vehiclesRegistered: this.registered.size,
      lastPositions: Object.fromEntries(
        [...this.lastPositions].map(([plate, position]) => [plate, { ...position }]),
      ),
    };
  }

  /**
   * The first message received from now on that `predicate` accepts. Event-driven: register it
   * before causing the message.
   */
  async waitFor(predicate: (received: Received) => boolean): Promise<Received> {
    const event = await this.waitForEvent(
      (e) => e.kind === 'message' && predicate({ link: e.link, message: e.message }),
    );
    if (event.kind !== 'message') throw new Error('unreachable');
    return { link: event.link, message: event.message };
  }

  /** The first event from now on that `predicate` accepts: a message, a refused frame, a link change. */
  waitForEvent(predicate: (event: SuperiorEvent) => boolean): Promise<SuperiorEvent> {
    if (this.closed) return Promise.reject(new Error('the stand-in stopped'));
    return new Promise((resolve, reject) => this.waiters.push({ predicate, resolve, reject }));
  }

  /**
   * An inspection (0x9300 / 0x9301) for the person on duty at the lower platform. Without a
   * question, an arithmetic one whose answer is checked when it comes (0x1301).
   */
  inspect(question?: string): SentRequest | null {
    let text = question;
    let expected: string | null = null;
    if (text === undefined) {
      const a = randomInt(2, 20);
      const b = randomInt(2, 20);
      text = `${a} + ${b} = ?`;
      expected = String(a + b);
    }
    if (text.trim() === '') throw new RangeError('an inspection asks something');
    const is2019 = this.options.edition === '2019';
    const infoId = ++this.infoIds;
    const sent = this.request(
      {
        messageId: 0x9300,
        data: {
          subType: 0x9301,
          objectType: THIS_PLATFORM,
          objectId: String(this.options.gnssCenterId),
          answerTime: is2019 ? ANSWER_TIME : null,
          infoId,
          infoContent: text,
        },
      },
      infoId,
    );
    if (!sent) return this.noLink('inspection');
    this.inspections.set(infoId, { serial: sent.serial, infoId, text, expected });
    this.counters.inspectionsSent++;
    this.log(`0x9301 inspection ${infoId} sent: ${text}`);
    return sent;
  }

  /** A message to the lower platform (0x9300 / 0x9302), acknowledged 0x1302. */
  platformMessage(text: string): SentRequest | null {
    if (text.trim() === '') throw new RangeError('a platform message says something');
    const infoId = ++this.infoIds;
    const sent = this.request(
      {
        messageId: 0x9300,
        data: {
          subType: 0x9302,
          objectType: THIS_PLATFORM,
          objectId: String(this.options.gnssCenterId),
          objectIdBytes: 12,
          infoId,
          infoContent: text,
        },
      },
      infoId,
    );
    if (!sent) return this.noLink('platform message');
    this.platformMessages.set(infoId, { serial: sent.serial, infoId, text, expected: null });
    this.counters.platformMessagesSent++;
    this.log(`0x9302 platform message ${infoId} sent: ${text}`);
    return sent;
  }

  /** A text for a vehicle's driver (0x9500 / 0x9503), answered 0x1503. */
  vehicleText(plate: string, color: number, text: string): SentRequest | null {
    checkVehicle(plate, color);
    if (text.trim() === '') throw new RangeError('a text says something');
    const sequence = ++this.infoIds;
    const sent = this.request(
      {
        messageId: 0x9500,
        plate,
        plateColor: color,
        data: {
          subType: 0x9503,
          msgSequence: sequence,
          msgPriority: NORMAL_PRIORITY,
          msgContent: text,
        },
      },
      sequence,
    );
    if (!sent) return this.noLink('vehicle text');
    this.vehicleTexts.set(sequence, {
      serial: sent.serial,
      infoId: sequence,
      text,
      expected: null,
    });
    this.counters.vehicleTextsSent++;
    this.log(`0x9503 text ${sequence} for ${plate} sent: ${text}`);
    return sent;
  }

  /** Asks the lower platform to start sending a vehicle's positions (0x9200 / 0x9205). */
  startExchange(plate: string, color: number): SentRequest | null {
    return this.exchange(plate, color, 0x9205);
  }

  /** Asks the lower platform to stop sending a vehicle's positions (0x9200 / 0x9206). */
  stopExchange(plate: string, color: number): SentRequest | null {
    return this.exchange(plate, color, 0x9206);
  }

  private exchange(plate: string, color: number, subType: 0x9205 | 0x9206): SentRequest | null {
    checkVehicle(plate, color);
    const sent = this.request({
      messageId: 0x9200,
      plate,
      plateColor: color,
      data: { subType, reasonCode: BY_HAND },
    });
    const what = subType === 0x9205 ? 'start' : 'stop';
    if (!sent) return this.noLink(`${what} of the exchange`);
    this.exchanges.set(sent.serial, { plate, subType });
    this.counters.exchangeRequestsSent++;
    this.log(`0x${subType.toString(16)} ${what} exchange of ${plate} sent`);
    return sent;
  }

  // ---- links ----

  private acceptMain(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const conn: Conn = {
      socket,
      decoder: this.decoder(),
      link: 'main',
      peer: `${socket.remoteAddress}:${socket.remotePort}`,
      refused: false,
    };
    this.sockets.add(socket);
    this.counters.connections++;
    this.log(`main link connection from ${conn.peer}`);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(conn, chunk));
    socket.on('error', (error) => this.log(`main link ${conn.peer}: ${error.message}`));
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.session?.conn !== conn) return;
      this.session = null;
      this.log(`main link ${conn.peer} closed`);
      this.emit({ kind: 'link', link: 'main', state: 'down' });
    });
  }

  /** Connects the sub link to the session's DOWN_LINK_IP/PORT and logs in with its verify code. */
  private connectSub(session: Session): void {
    if (this.closed || this.session !== session) return;
    const where = `${session.downLinkIp}:${session.downLinkPort}`;
    const socket = connect({ host: session.downLinkIp, port: session.downLinkPort });
    const conn: Conn = {
      socket,
      decoder: this.decoder(),
      link: 'sub',
      peer: where,
      refused: false,
    };
    this.sockets.add(socket);
    this.sub = conn;
    this.subState = 'connecting';
    socket.setNoDelay(true);
    socket.on('connect', () => {
      if (this.sub !== conn) return;
      this.subState = 'logging-in';
      this.write(conn, { messageId: 0x9001, verifyCode: session.verifyCode });
      this.log(`sub link connected to ${where}, 0x9001 sent`);
    });
    socket.on('data', (chunk) => {
      if (this.sub === conn) this.receive(conn, chunk);
    });
    socket.on('error', (error) => this.log(`sub link ${where}: ${error.message}`));
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.sub !== conn) return;
      const wasUp = this.subState === 'up';
      this.sub = null;
      this.subState = 'down';
      if (wasUp) this.emit({ kind: 'link', link: 'sub', state: 'down' });
      if (this.closed || this.session !== session || conn.refused) return;
      const retryMs = this.options.subLinkRetryMs ?? 30_000;
      this.log(`sub link to ${where} down; trying again in ${Math.round(retryMs / 1000)} s`);
      this.subRetry = setTimeout(() => this.connectSub(session), retryMs);
      this.subRetry.unref();
    });
  }

  private closeSub(): void {
    if (this.subRetry) clearTimeout(this.subRetry);
    this.subRetry = null;
    const sub = this.sub;
    if (!sub) return;
    const wasUp = this.subState === 'up';
    this.sub = null;
    this.subState = 'down';
    sub.socket.destroy();
    if (wasUp) this.emit({ kind: 'link', link: 'sub', state: 'down' });
  }

  // ---- receiving ----

  private receive(conn: Conn, chunk: Uint8Array): void {
    for (const result of conn.decoder.push(chunk)) {
      if (!result.ok) {
        this.counters.badFrames++;
        const { field, message } = result.error;
        // A frame that parses as a frame but not as a message: most often the two sides
        // disagree on the edition (the 2019 header is 8 bytes longer) or the keys.
        const hint = ['frame', 'escape', 'crc'].includes(field)
          ? ''
          : ' (do both sides use the same edition and keys?)';
        this.refuse(conn.link, null, `bad frame: ${message}${hint}`, false);
        continue;
      }
      const { message } = result;
      this.counters.messagesReceived++;
      try {
        if (this.check(conn, message)) {
          if (conn.link === 'main') this.onMain(conn, message);
          else this.onSub(conn, message);
        }
      } catch (error) {
        this.refuse(
          conn.link,
          message.header.messageId,
          `not handled: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      this.emit({ kind: 'message', link: conn.link, message });
    }
  }

  /** What every message must be: readable, and from the access code configured. */
  private check(conn: Conn, message: Jt809Message): boolean {
    const { header, body } = message;
    const id = header.messageId;
    if (header.encryptFlag === 1 && 'other' in body && !this.options.keys)
      return this.refuse(conn.link, id, 'encrypted body, and no keys (M1, IA1, IC1) were given');
    if (id !== 0x1001 && header.gnssCenterId !== this.options.gnssCenterId)
      return this.refuse(
        conn.link,
        id,
        `from access code ${header.gnssCenterId}, not ${this.options.gnssCenterId}`,
      );
    return true;
  }

  private onMain(conn: Conn, message: Jt809Message): void {
    const { body } = message;
    if (body.messageId === 0x1001) {
      this.login(conn, message);
      return;
    }
    if (this.session?.conn !== conn) {
      this.refuse('main', body.messageId, 'before the login (0x1001)');
      return;
    }
    switch (body.messageId) {
      case 0x1003:
        // Logged out: both links close, and the sub link is not connected again.
        this.write(conn, { messageId: 0x1004 });
        this.log('0x1003 logout: links closed');
        this.session = null;
        this.closeSub();
        conn.socket.end();
        this.emit({ kind: 'link', link: 'main', state: 'down' });
        return;
      case 0x1005:
        this.write(conn, { messageId: 0x1006 });
        return;
      default:
        this.business('main', message);
    }
  }

  private onSub(conn: Conn, message: Jt809Message): void {
    const { body } = message;
    if (this.subState === 'logging-in') {
      if (body.messageId !== 0x9002 || !('result' in body)) {
        this.refuse('sub', body.messageId, 'before the answer to 0x9001');
        return;
      }
      if (body.result !== 0) {
        this.log(`0x9002 sub link login refused (result ${body.result})`);
        conn.refused = true;
        conn.socket.end();
        return;
      }
      this.subState = 'up';
      this.log('0x9002 sub link up');
      this.emit({ kind: 'link', link: 'sub', state: 'up' });
      return;
    }
    switch (body.messageId) {
      case 0x9004:
      case 0x9006:
        return;
      default:
        this.business('sub', message);
    }
  }

  private login(conn: Conn, message: Jt809Message): void {
    const { header, body } = message;
    if ('other' in body || body.messageId !== 0x1001) {
      this.refuse('main', header.messageId, 'unreadable login');
      return;
    }
    const { gnssCenterId, userId, password } = this.options;
    let result: number = LOGIN_RESULT.ok;
    if (
      header.gnssCenterId !== gnssCenterId ||
      (body.gnssCenterId ?? gnssCenterId) !== gnssCenterId
    )
      result = LOGIN_RESULT.accessCodeWrong;
    else if (body.userId !== userId) result = LOGIN_RESULT.userNotRegistered;
    else if (body.password !== password) result = LOGIN_RESULT.passwordWrong;
    else if (!isIPv4(body.downLinkIp) || body.downLinkPort === 0)
      result = LOGIN_RESULT.ipAddressWrong;
    const who = `user ${body.userId}, access code ${header.gnssCenterId}`;
    if (result !== LOGIN_RESULT.ok) {
      this.write(conn, { messageId: 0x1002, result, verifyCode: 0 });
      this.counters.loginsRefused++;
      const down =
        result === LOGIN_RESULT.ipAddressWrong
          ? ` (DOWN_LINK ${body.downLinkIp}:${body.downLinkPort})`
          : '';
      this.log(`0x1001 login refused, ${result} ${LOGIN_RESULT_TEXT[result]}${down}: ${who}`);
      if (this.session?.conn !== conn) conn.socket.end();
      return;
    }
    const verifyCode = randomInt(1, 0xffff_ffff);
    const previous = this.session;
    const session: Session = {
      conn,
      userId: body.userId,
      verifyCode,
      downLinkIp: body.downLinkIp,
      downLinkPort: body.downLinkPort,
    };
    this.session = session;
    this.write(conn, { messageId: 0x1002, result, verifyCode });
    this.counters.logins++;
    this.log(
      `0x1001 login ok: ${who}, sub link to ${body.downLinkIp}:${body.downLinkPort}, verify code ${verifyCode}`,
    );
    if (previous && previous.conn !== conn) {
      this.log(`the new login replaces the main link from ${previous.conn.peer}`);
      previous.conn.socket.destroy();
    }
    this.emit({ kind: 'link', link: 'main', state: 'up' });
    this.closeSub();
    this.connectSub(session);
  }

  /** Vehicle and platform business, on whichever link carried it. */
  private business(link: LinkName, message: Jt809Message): void {
    const { header, body } = message;
    if ('other' in body) {
      this.log(`0x${hex(header.messageId)} on the ${link} link, not interpreted`);
      return;
    }
    switch (body.messageId) {
      case 0x1200:
        this.vehicleDynamic(link, body);
        return;
      case 0x1300:
        this.platformAnswer(link, body);
        return;
      case 0x1500:
        this.vehicleControl(link, body);
        return;
      case 0x1007:
        this.log(`0x1007 main link broken, says the lower platform (code ${body.errorCode})`);
        return;
      case 0x1008:
        this.log(`0x1008 the lower platform closes the links (reason ${body.reasonCode})`);
        return;
      default:
        this.refuse(link, body.messageId, 'not a lower platform message here');
    }
  }

  private vehicleDynamic(link: LinkName, body: Extract<Jt809Body, { messageId: 0x1200 }>): void {
    const { plate, plateColor, data } = body;
    const key = vehicleKey(plate, plateColor);
    if (plate === '') {
      this.refuse(link, 0x1200, 'no VEHICLE_NO');
      return;
    }
    if ('other' in data) {
      this.log(`0x${hex(data.subType)} ${plate} not interpreted`);
      return;
    }
    switch (data.subType) {
      case 0x1201: {
        if (data.platformId === '') {
          this.refuse(link, 0x1201, `${plate}: no platform id`);
          return;
        }
        this.registered.add(key);
        this.log(
          `0x1201 ${plate} (${colour(plateColor)}) registered: platform ${data.platformId}, SIM ${data.simNumber || '-'}, terminal ${data.terminalId || '-'}`,
        );
        return;
      }
      case 0x1202: {
        const seen = readPosition(data.position, plateColor, false);
        if (typeof seen === 'string') {
          this.refuse(link, 0x1202, `${plate}: ${seen}`);
          return;
        }
        this.counters.positionsLive++;
        this.lastPositions.set(plate, seen);
        this.log(`0x1202 ${plate} ${formatPosition(seen)}${this.stoppedTag(key)}`);
        return;
      }
      case 0x1203: {
        const count = data.positions.length;
        if (count < 1 || count > MAX_BACKLOG_BATCH) {
          this.refuse(link, 0x1203, `${plate}: ${count} positions, not 1 to ${MAX_BACKLOG_BATCH}`);
          return;
        }
        const seen: SeenPosition[] = [];
        for (const position of data.positions) {
          const one = readPosition(position, plateColor, true);
          if (typeof one === 'string') {
            this.refuse(link, 0x1203, `${plate}: ${one}`);
            return;
          }
          seen.push(one);
        }
        this.counters.positionsBacklog += count;
        const last = seen[seen.length - 1] as SeenPosition;
        this.lastPositions.set(plate, last);
        const first = seen[0] as SeenPosition;
        this.log(
          `0x1203 ${plate} ${count} backlog position${count === 1 ? '' : 's'} ${first.time} … ${last.time}, last ${formatPosition(last)}${this.stoppedTag(key)}`,
        );
        return;
      }
      case 0x1205:
      case 0x1206: {
        const started = data.subType === 0x1205;
        const request = this.takeExchange(plate, started ? 0x9205 : 0x9206, data.sourceMsgSn);
        if (started) this.stopped.delete(key);
        else this.stopped.add(key);
        if (request) this.counters.exchangeRequestsAnswered++;
        this.log(
          `0x${hex(data.subType)} ${plate} exchange ${started ? 'started' : 'stopped'}${request ? '' : ' (not asked for)'}`,
        );
        return;
      }
    }
  }

  private platformAnswer(link: LinkName, body: Extract<Jt809Body, { messageId: 0x1300 }>): void {
    const { data } = body;
    if ('other' in data) {
      this.log(`0x${hex(data.subType)} not interpreted`);
      return;
    }
    if (data.subType === 0x1301) {
      const pending = takePending(this.inspections, data.infoId, data.sourceMsgSn);
      if (!pending) {
        this.refuse(
          link,
          0x1301,
          `answers no inspection waiting (${this.reference(data.infoId, data.sourceMsgSn)})`,
        );
        return;
      }
      this.counters.inspectionsAnswered++;
      const verdict =
        pending.expected === null
          ? ''
          : data.infoContent.trim() === pending.expected
            ? ' (right)'
            : ` (wrong: ${pending.expected})`;
      const by = data.responder ? ` by ${data.responder}` : '';
      this.log(`0x1301 inspection ${pending.infoId} answered${by}: ${data.infoContent}${verdict}`);
      return;
    }
    const pending = takePending(this.platformMessages, data.infoId, data.sourceMsgSn);
    if (!pending) {
      this.refuse(
        link,
        0x1302,
        `acknowledges no platform message waiting (${this.reference(data.infoId, data.sourceMsgSn)})`,
      );
      return;
    }
    this.counters.platformMessagesAnswered++;
    this.log(`0x1302 platform message ${pending.infoId} acknowledged`);
  }

  private vehicleControl(link: LinkName, body: Extract<Jt809Body, { messageId: 0x1500 }>): void {
    const { plate, data } = body;
    if ('other' in data) {
      this.log(`0x${hex(data.subType)} ${plate} not interpreted`);
      return;
    }
    const pending = takePending(this.vehicleTexts, data.msgId, data.sourceMsgSn);
    if (!pending) {
      this.refuse(
        link,
        0x1503,
        `${plate}: answers no text waiting (${this.reference(data.msgId, data.sourceMsgSn)})`,
      );
      return;
    }
    this.counters.vehicleTextsAnswered++;
    const outcome = data.result === 0 ? 'reached the terminal' : `not delivered (${data.result})`;
    this.log(`0x1503 text ${pending.infoId} for ${plate} ${outcome}`);
  }

  /**
   * The exchange request a 0x1205 / 0x1206 answers: 2019 names it by SOURCE_MSG_SN, 2011 names
   * nothing (the oldest for the same vehicle is taken). Forgotten once answered.
   */
  private takeExchange(plate: string, subType: number, sourceMsgSn: number | null): boolean {
    for (const [serial, request] of this.exchanges)
      if (
        request.plate === plate &&
        request.subType === subType &&
        (sourceMsgSn === null || sourceMsgSn === serial)
      ) {
        this.exchanges.delete(serial);
        return true;
      }
    return false;
  }

  private reference(infoId: number | null, sourceMsgSn: number | null): string {
    return infoId !== null ? `info id ${infoId}` : `source serial ${sourceMsgSn ?? '-'}`;
  }

  private stoppedTag(key: string): string {
    return this.stopped.has(key) ? ' (its exchange was stopped)' : '';
  }

  // ---- sending ----

  /** The link for a request: the sub link when up (the standard's), else the main link. */
  private linkFor(): Conn | null {
    if (this.sub && this.subState === 'up') return this.sub;
    return this.session?.conn ?? null;
  }

  private request(body: Jt809Body, infoId: number | null = null): SentRequest | null {
    const conn = this.linkFor();
    if (!conn) return null;
    const serial = this.write(conn, body);
    return { serial, infoId, link: conn.link };
  }

  private noLink(what: string): null {
    this.log(`no link up: the ${what} was not sent`);
    return null;
  }

  /** Encodes and writes a message; returns its MSG_SN. */
  private write(conn: Conn, body: Jt809Body): number {
    const { edition, gnssCenterId, keys } = this.options;
    this.serial = (this.serial + 1) >>> 0;
    const serial = this.serial;
    const frame = encodeJt809Frame(
      {
        edition,
        messageId: body.messageId,
        serial,
        gnssCenterId,
        version: [1, 0, 0],
        encryptFlag: keys ? 1 : 0,
        // A new seed for every message: the cipher's constants are what the platforms share.
        encryptKey: keys ? randomInt(1, 0xffff_ffff) : 0,
        time: edition === '2019' ? new Date() : null,
      },
      body,
      keys,
    );
    if (!conn.socket.destroyed) {
      conn.socket.write(frame);
      this.counters.messagesSent++;
    }
    return serial;
  }

  // ---- plumbing ----

  private decoder(): Jt809StreamDecoder {
    return new Jt809StreamDecoder({ edition: this.options.edition, keys: this.options.keys });
  }

  /** Counts, logs and reports a message refused; returns false (for `check`). */
  private refuse(link: LinkName, messageId: number | null, reason: string, count = true): false {
    if (count) this.counters.invalidMessages++;
    const what = messageId === null ? '' : `0x${hex(messageId)} `;
    this.log(`${link} link: ${what}refused: ${reason}`);
    this.emit({ kind: 'bad', link, messageId, reason });
    return false;
  }

  private emit(event: SuperiorEvent): void {
    if (this.waiters.length === 0) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      let matches: boolean;
      try {
        matches = waiter.predicate(event);
      } catch (error) {
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (matches) waiter.resolve(event);
      else this.waiters.push(waiter);
    }
  }

  private every(ms: number, run: () => void): void {
    const timer = setInterval(() => {
      try {
        run();
      } catch (error) {
        this.log(`timer: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private log(line: string): void {
    this.options.logger(line);
  }
}

/**
 * A command typed at the stand-in's console (the CLI reads them from standard input), run
 * against it; returns what to print.
 */
export function runConsoleCommand(standIn: SuperiorPlatformStandIn, line: string): string {
  const words = line.trim().split(/\s+/);
  const [command = '', ...rest] = words;
  const vehicle = (): [string, number] | string => {
    const [plate, color] = rest;
    if (!plate || color === undefined || !/^\d{1,3}$/.test(color))
      return 'needs a plate and its colour code, e.g. 沪D12345 2';
    return [plate, Number(color)];
  };
  const sent = (request: SentRequest | null) =>
    request ? `sent on the ${request.link} link (serial ${request.serial})` : 'no link up';
  try {
    switch (command.toLowerCase()) {
      case '':
        return '';
      case 'inspect':
        return sent(standIn.inspect(rest.length > 0 ? rest.join(' ') : undefined));
      case 'message':
        if (rest.length === 0) return 'message needs its text';
        return sent(standIn.platformMessage(rest.join(' ')));
      case 'text': {
        const v = vehicle();
        if (typeof v === 'string') return `text ${v} and the text`;
        if (rest.length < 3) return 'text needs the text after the plate and colour';
        return sent(standIn.vehicleText(v[0], v[1], rest.slice(2).join(' ')));
      }
      case 'start':
      case 'stop': {
        const v = vehicle();
        if (typeof v === 'string') return `${command} ${v}`;
        return sent(command === 'start' ? standIn.startExchange(...v) : standIn.stopExchange(...v));
      }
      case 'stats':
        return formatStats(standIn.stats);
      case 'help':
        return CONSOLE_HELP;
      default:
        return `unknown command "${command}"; ${CONSOLE_HELP}`;
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export const CONSOLE_HELP = `commands: inspect [QUESTION] | message TEXT | text PLATE COLOUR TEXT | start PLATE COLOUR | stop PLATE COLOUR | stats | help`;

/** The counters on a few lines, and the latest position of each vehicle. */
export function formatStats(stats: SuperiorStats): string {
  const lines = [
    `links: main ${stats.mainLink}, sub ${stats.subLink}; ${stats.connections} connections, ${stats.logins} logins, ${stats.loginsRefused} refused`,
    `messages: ${stats.messagesReceived} received, ${stats.messagesSent} sent, ${stats.badFrames} bad frames, ${stats.invalidMessages} refused`,
    `vehicles: ${stats.vehiclesRegistered} registered, ${stats.positionsLive} live positions, ${stats.positionsBacklog} backlog`,
    `requests answered: inspections ${stats.inspectionsAnswered}/${stats.inspectionsSent}, platform messages ${stats.platformMessagesAnswered}/${stats.platformMessagesSent}, texts ${stats.vehicleTextsAnswered}/${stats.vehicleTextsSent}, exchanges ${stats.exchangeRequestsAnswered}/${stats.exchangeRequestsSent}`,
  ];
  for (const [plate, position] of Object.entries(stats.lastPositions))
    lines.push(`  ${plate} ${formatPosition(position)}${position.backlog ? ' (backlog)' : ''}`);
  return lines.join('\n');
}

// ---- positions ----

/** A position record as a SeenPosition, or why it is impossible. */
function readPosition(
  position: Jt809Position | Jt809Position2019,
  plateColor: number,
  backlog: boolean,
): SeenPosition | string {
  if ('gnssData' in position) {
    // 2019: GNSS_DATA holds a JT/T 808 0x0200 location body (as Harbor writes it).
    let location: Extract<ReturnType<typeof decodeJt808Body>, { messageId: 0x0200 }>['location'];
    try {
      const body = decodeJt808Body(LOCATION_HEADER, position.gnssData);
      if (!('location' in body)) return 'GNSS_DATA is not a 0x0200 location';
      location = body.location;
    } catch (error) {
      return `GNSS_DATA is not a 0x0200 location: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Math.abs(location.lat) > 90 || Math.abs(location.lon) > 180)
      return `coordinates ${location.lat},${location.lon} out of range`;
    return {
      plateColor,
      lat: location.lat,
      lon: location.lon,
      speedKmh: location.speedKmh,
      directionDeg: location.directionDeg,
      time: beijingTime(location.time),
      backlog,
    };
  }
  const p = position;
  if (p.latMicroDeg > 90_000_000 || p.lonMicroDeg > 180_000_000)
    return `coordinates ${p.latMicroDeg / 1e6},${p.lonMicroDeg / 1e6} out of range`;
  if (
    !(p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= 31) ||
    p.hour > 23 ||
    p.minute > 59 ||
    p.second > 59 ||
    p.year < 2000
  )
    return `time ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} impossible`;
  if (p.direction > 359) return `direction ${p.direction} is not 0-359`;
  return {
    plateColor,
    lat: p.latMicroDeg / 1e6,
    lon: p.lonMicroDeg / 1e6,
    speedKmh: p.speedKmh,
    directionDeg: p.direction,
    time: `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`,
    backlog,
  };
}

const LOCATION_HEADER: Jt808Header = {
  messageId: 0x0200,
  version: 'V2019',
  protocolVersion: 1,
  terminalPhone: '',
  serial: 0,
  encryption: 0,
  subpackage: null,
};

/** `30.62500,122.07000 19 km/h 2026-11-25 16:01:00` */
function formatPosition(p: SeenPosition): string {
  return `${p.lat.toFixed(5)},${p.lon.toFixed(5)} ${Math.round(p.speedKmh)} km/h ${p.time}`;
}

function beijingTime(time: Date): string {
  return new Date(time.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

// ---- small helpers ----

function checkVehicle(plate: string, color: number): void {
  const bytes = encodeGbk(plate).length;
  if (bytes === 0 || bytes > 21) throw new RangeError(`plate "${plate}" is not 1 to 21 bytes`);
  if (!Number.isInteger(color) || color < 0 || color > 255)
    throw new RangeError(`plate colour ${color} is not a byte`);
}

function isDword(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff;
}

function vehicleKey(plate: string, color: number): string {
  return `${plate}/${color}`;
}

function colour(code: number): string {
  return PLATE_COLOURS[code] ?? `colour ${code}`;
}

/**
 * The request an answer is for: 2011 names it by INFO_ID (MSG_SEQUENCE for a text), 2019 by
 * SOURCE_MSG_SN, the request's MSG_SN. Forgotten once answered.
 */
function takePending(
  pending: Map<number, Pending>,
  infoId: number | null,
  sourceMsgSn: number | null,
): Pending | null {
  for (const [key, request] of pending)
    if (infoId !== null ? request.infoId === infoId : request.serial === sourceMsgSn) {
      pending.delete(key);
      return request;
    }
  return null;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function hex(n: number): string {
  return n.toString(16).padStart(4, '0');
}
