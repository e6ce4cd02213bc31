import type { Db, Prisma } from '@harbor/db';
import type { TerminalMessage } from '@harbor/shared';
import type { Logger } from 'pino';
import { Batcher } from '../../core/batcher.ts';
import { sweepEvery } from '../../core/sweep.ts';
import type {
  LocalTerminalLinks,
  TerminalLinks,
  TerminalResponse,
} from '../vehicles/terminal-links.ts';

type MessageRow = Prisma.TerminalMessageGetPayload<object>;

export function toTerminalMessage(row: MessageRow): TerminalMessage {
  return {
    id: row.id,
    vehicleId: row.vehicleId,
    terminalPhone: row.terminalPhone,
    text: row.text,
    flags: row.flags,
    serial: row.serial,
    status: row.status,
    result: row.result,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    dispatchJobId: row.dispatchJobId,
  } satisfies TerminalMessage;
}

/** The 0x0001 result byte (§8.1): 0 success; 1 failure, 2 message error, 3 not supported. */
const RESULT_OK = 0;
const TEXT_MESSAGE_ID = 0x8300;

export type MessengerStats = {
  sent: number;
  delivered: number;
  failed: number;
  unmatchedAcks: number;
  /** Sent, never answered in time: marked FAILED. */
  unanswered: number;
};

/**
 * Delivers stored TerminalMessages over the JT/T 808 gateways: at once when the terminal is
 * online (on this process's gateway, else through `remote` on the gateway holding it), else
 * when it next authenticates; the terminal's 0x0001 for the 0x8300 marks the message
 * DELIVERED or FAILED. Messages just written to a terminal are remembered by (terminal,
 * serial), so an answer racing the serial's update still finds its message.
 */
export class TerminalMessenger {
  readonly stats: MessengerStats = {
    sent: 0,
    delivered: 0,
    failed: 0,
    unmatchedAcks: 0,
    unanswered: 0,
  };
  private stopSweep: (() => void) | null = null;
  private gateway: Pick<LocalTerminalLinks, 'isOnline' | 'sendText'> | null = null;
  private readonly inFlight = new Map<string, { id: string; sentAt: Date }>();
  /**
   * The queued messages of terminals that just authenticated, many terminals' in one query:
   * after a gateway restart the whole fleet authenticates at once, and one query per
   * terminal would crowd out everything else on the database pool (authentication included).
   * Most terminals have nothing queued: which have is one plain statement on the
   * (terminalPhone, status) index, and only their rows go through Prisma. Prisma's findMany
   * of the same took 3 to 10 times the CPU, more while a restarted gateway's Prisma was cold.
   */
  private readonly queuedFor = new Batcher<string, MessageRow[]>({
    fetch: async (phones) => {
      const { rows: waiting } = await this.deps.db.sql.query<{ terminalPhone: string }>(
        `SELECT DISTINCT "terminalPhone" FROM "TerminalMessage"
         WHERE status = 'QUEUED' AND "terminalPhone" = ANY($1::text[])`,
        [phones],
      );
      if (waiting.length === 0) return new Map();
      const rows = await this.deps.db.prisma.terminalMessage.findMany({
        where: { terminalPhone: { in: waiting.map((row) => row.terminalPhone) }, status: 'QUEUED' },
        orderBy: { createdAt: 'asc' },
      });
      const byPhone = new Map<string, MessageRow[]>();
      for (const row of rows) {
        const queued = byPhone.get(row.terminalPhone);
        if (queued) queued.push(row);
        else byPhone.set(row.terminalPhone, [row]);
      }
      return byPhone;
    },
    missing: [],
    maxBatch: 2_000,
    maxConcurrent: 1,
    waitMs: 5,
  });

  constructor(
    private readonly deps: {
      db: Pick<Db, 'prisma' | 'sql'>;
      now: () => Date;
      logger?: Logger;
      /** The gateways of other processes, for a terminal this process does not hold. */
      remote?: Pick<TerminalLinks, 'deliver'>;
    },
  ) {}

  /** The gateway is built after the messenger (it calls back into it), so it is attached late. */
  attach(gateway: Pick<LocalTerminalLinks, 'isOnline' | 'sendText'>): void {
    this.gateway = gateway;
  }

  /**
   * Every `everyMs`, marks FAILED the texts a terminal was sent but never answered within
   * `answerWithinMs` (a terminal answers 0x8300 at once, §8.1; silence means it was lost).
   */
  start(options: { everyMs: number; answerWithinMs: number }): void {
    this.stopSweep = sweepEvery(
      options.everyMs,
      () => this.expireUnanswered(options.answerWithinMs),
      (error) =>
        this.deps.logger?.error({ err: error }, 'unanswered terminal messages not expired'),
    );
  }

  stop(): void {
    this.stopSweep?.();
    this.stopSweep = null;
  }

  async expireUnanswered(answerWithinMs: number): Promise<number> {
    const now = this.deps.now();
    const { count } = await this.deps.db.prisma.terminalMessage.updateMany({
      where: { status: 'SENT', sentAt: { lt: new Date(now.getTime() - answerWithinMs) } },
      data: { status: 'FAILED' },
    });
    this.stats.unanswered += count;
    return count;
  }

  /**
   * Tries to send a QUEUED message now: over this process's gateway when it holds the
   * terminal, else by asking the gateway that does; when none does, it stays QUEUED for the
   * terminal's next authentication. Returns the message as stored afterwards.
   */
  async deliver(row: MessageRow): Promise<MessageRow> {
    if (row.status !== 'QUEUED') return row;
    if (this.gateway?.isOnline(row.terminalPhone)) return this.sendHere(row);
    const remote = this.deps.remote;
    if (!remote) return row;
    try {
      if (!(await remote.deliver(row.terminalPhone, row.id))) return row;
    } catch (error) {
      // Unanswered in time: the gateway may still have sent it; the row says what happened.
      this.deps.logger?.warn(
        { err: error, terminalPhone: row.terminalPhone, messageId: row.id },
        'remote delivery of a terminal message not confirmed',
      );
    }
    return this.deps.db.prisma.terminalMessage.findUniqueOrThrow({ where: { id: row.id } });
  }

  /**
   * A gateway's side of a remote delivery: the stored message `id` for `terminalPhone`, sent
   * when this process holds the terminal and the message is still QUEUED. Null when there is
   * no such message.
   */
  async deliverHere(terminalPhone: string, id: string): Promise<MessageRow | null> {
    const row = await this.deps.db.prisma.terminalMessage.findFirst({
      where: { id, terminalPhone },
    });
    if (row?.status !== 'QUEUED' || !this.gateway?.isOnline(terminalPhone)) return row;
    return this.sendHere(row);
  }

  /**
   * Claims the message (QUEUED to SENT) before writing it to the terminal, so that of the
   * senders racing for it (an api's request, the flush at authentication, another gateway
   * with a stale connection) exactly one sends it; the claim is given back when the
   * terminal left meanwhile.
   */
  private async sendHere(row: MessageRow): Promise<MessageRow> {
    const messages = this.deps.db.prisma.terminalMessage;
    const sentAt = this.deps.now();
    const { count } = await messages.updateMany({
      where: { id: row.id, status: 'QUEUED' },
      data: { status: 'SENT', serial: null, sentAt },
    });
    if (count === 0) return messages.findUniqueOrThrow({ where: { id: row.id } });
    const serial = this.gateway?.sendText(row.terminalPhone, row.text, row.flags) ?? null;
    if (serial === null) {
      await messages.updateMany({
        where: { id: row.id, status: 'SENT', serial: null },
        data: { status: 'QUEUED', sentAt: null },
      });
      return messages.findUniqueOrThrow({ where: { id: row.id } });
    }
    this.inFlight.set(`${row.terminalPhone}:${serial}`, { id: row.id, sentAt });
    this.stats.sent++;
    // The answer may have come first and stored the serial with DELIVERED or FAILED.
    await messages.updateMany({ where: { id: row.id, serial: null }, data: { serial } });
    return messages.findUniqueOrThrow({ where: { id: row.id } });
  }

  /** The gateway's hook: a terminal authenticated, so what waits for it goes now, oldest first. */
  onAuthenticated(terminalPhone: string): void {
    void this.flush(terminalPhone).catch((error: unknown) => {
      this.deps.logger?.error({ err: error, terminalPhone }, 'queued terminal messages not sent');
    });
  }

  async flush(terminalPhone: string): Promise<number> {
    const queued = await this.queuedFor.load(terminalPhone);
    let sent = 0;
    for (const row of queued) if ((await this.deliver(row)).status !== 'QUEUED') sent++;
    return sent;
  }

  /** The gateway's hook: a 0x0001 from a terminal. */
  onTerminalResponse(terminalPhone: string, response: TerminalResponse): void {
    void this.acknowledge(terminalPhone, response).catch((error: unknown) => {
      this.deps.logger?.error({ err: error, terminalPhone }, 'terminal answer not stored');
    });
  }

  async acknowledge(terminalPhone: string, response: TerminalResponse): Promise<boolean> {
    if (response.replyMessageId !== TEXT_MESSAGE_ID) return false;
    const key = `${terminalPhone}:${response.replySerial}`;
    const sent =
      this.inFlight.get(key) ??
      (await this.deps.db.prisma.terminalMessage
        .findFirst({
          where: { terminalPhone, serial: response.replySerial, status: 'SENT' },
          orderBy: { sentAt: 'desc' },
          select: { id: true, sentAt: true },
        })
        .then((row) => (row ? { id: row.id, sentAt: row.sentAt ?? this.deps.now() } : undefined)));
    this.inFlight.delete(key);
    if (!sent) {
      this.stats.unmatchedAcks++;
      return false;
    }
    const isDelivered = response.result === RESULT_OK;
    await this.deps.db.prisma.terminalMessage.updateMany({
      where: { id: sent.id, status: { in: ['QUEUED', 'SENT'] } },
      data: {
        status: isDelivered ? 'DELIVERED' : 'FAILED',
        result: response.result,
        serial: response.replySerial,
        sentAt: sent.sentAt,
        acknowledgedAt: this.deps.now(),
      },
    });
    if (isDelivered) this.stats.delivered++;
    else this.stats.failed++;
    return true;
  }
}
