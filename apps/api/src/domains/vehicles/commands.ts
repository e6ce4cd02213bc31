import type { Db, Prisma } from '@harbor/db';
import {
  dwordParameter,
  JT808_PARAMETERS,
  type Jt808Location,
  readDwordParameter,
} from '@harbor/protocols/jt808';
import {
  TERMINAL_PARAMETER_NAMES,
  type TerminalCommand,
  type TerminalCommandAnswer,
  TerminalCommandAnswerSchema,
  type TerminalCommandRequest,
  TerminalCommandRequestSchema,
  type TerminalParameters,
} from '@harbor/shared';
import type { Logger } from 'pino';
import { sweepEvery } from '../../core/sweep.ts';
import { linkJobPhotos } from './media.ts';
import type {
  CommandAnswer,
  CommandBody,
  LocalTerminalLinks,
  TerminalLinks,
  TerminalResponse,
} from './terminal-links.ts';

type CommandRow = Prisma.TerminalCommandGetPayload<object>;

export function toTerminalCommand(row: CommandRow): TerminalCommand {
  return {
    id: row.id,
    vehicleId: row.vehicleId,
    terminalPhone: row.terminalPhone,
    request: TerminalCommandRequestSchema.parse(row.request),
    status: row.status,
    result: row.result,
    answer: row.answer === null ? null : TerminalCommandAnswerSchema.parse(row.answer),
    dispatchJobId: row.dispatchJobId,
    createdAt: row.createdAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
}

/** 0x8105 command word 4: the terminal resets (restarts); the one control Harbor sends. */
const RESET = 4;
/** 0x8801: one photo (command 1), uploaded at once rather than saved (save flag 0). */
const ONE_PHOTO = 1;
const UPLOAD_NOW = 0;
/** 0x8801 resolution 0x01 (320 x 240) and quality 5 of 1-10: small enough to arrive quickly. */
const RESOLUTION = 0x01;
const QUALITY = 5;
const PARAMETER_IDS = TERMINAL_PARAMETER_NAMES.map((name) => JT808_PARAMETERS[name]);

/** The JT/T 808 message a command is sent as. */
export function bodyOf(request: TerminalCommandRequest): CommandBody {
  switch (request.kind) {
    case 'LOCATE':
      return { messageId: 0x8201 };
    case 'QUERY_PARAMETERS':
      return { messageId: 0x8106, parameterIds: PARAMETER_IDS };
    case 'SET_PARAMETERS':
      return {
        messageId: 0x8103,
        parameters: TERMINAL_PARAMETER_NAMES.flatMap((name) => {
          const value = request.parameters[name];
          return value === undefined ? [] : [dwordParameter(JT808_PARAMETERS[name], value)];
        }),
      };
    case 'TAKE_PHOTO':
      return {
        messageId: 0x8801,
        channelId: request.channelId,
        command: ONE_PHOTO,
        intervalS: 0,
        saveFlag: UPLOAD_NOW,
        resolution: RESOLUTION,
        quality: QUALITY,
        brightness: 128,
        contrast: 64,
        saturation: 64,
        chroma: 128,
      };
    case 'RESET':
      return { messageId: 0x8105, command: RESET, parameters: '' };
  }
}

/** The message id that answers a command of each kind besides a general 0x0001. */
const ANSWERED_BY: Record<TerminalCommandRequest['kind'], number> = {
  LOCATE: 0x0201,
  QUERY_PARAMETERS: 0x0104,
  SET_PARAMETERS: 0x0001,
  TAKE_PHOTO: 0x0805,
  RESET: 0x0001,
};

function positionOf(location: Jt808Location): TerminalCommandAnswer['position'] {
  return {
    fixAt: location.time.toISOString(),
    lat: location.lat,
    lon: location.lon,
    speedKmh: location.speedKmh,
    directionDeg: location.directionDeg,
    isPositioned: location.flags.positioned,
  };
}

function parametersOf(answer: Extract<CommandAnswer, { messageId: 0x0104 }>): TerminalParameters {
  const parameters: TerminalParameters = {};
  for (const name of TERMINAL_PARAMETER_NAMES) {
    const item = answer.parameters.find((p) => p.id === JT808_PARAMETERS[name]);
    // A terminal without the parameter, or with a value that is not a DWORD, leaves it out.
    if (item?.value.length === 4) parameters[name] = readDwordParameter(item);
  }
  return parameters;
}

/** What an answer says: the result and what it carried. */
function outcomeOf(answer: CommandAnswer): { result: number; answer: TerminalCommandAnswer } {
  switch (answer.messageId) {
    case 0x0201:
      return { result: 0, answer: { position: positionOf(answer.location) } };
    case 0x0104:
      return { result: 0, answer: { parameters: parametersOf(answer) } };
    case 0x0805:
      return { result: answer.result, answer: { mediaIds: answer.mediaIds } };
  }
}

export type CommanderStats = {
  sent: number;
  answered: number;
  failed: number;
  unmatchedAnswers: number;
  unanswered: number;
};

/**
 * Sends TerminalCommands over the JT/T 808 gateways and records their answers. A command goes
 * at once to a terminal online on this process's gateway, else through `remote` to the
 * gateway holding it; offline, it is not sent (`send` says so). The answer (0x0201, 0x0104,
 * 0x0805, or 0x0001 naming the command's message) marks it ANSWERED or FAILED with what it
 * carried; commands just written are remembered by (terminal, serial), so an answer racing
 * the serial's update still finds its command.
 */
export class TerminalCommander {
  readonly stats: CommanderStats = {
    sent: 0,
    answered: 0,
    failed: 0,
    unmatchedAnswers: 0,
    unanswered: 0,
  };
  private gateway: Pick<LocalTerminalLinks, 'isOnline' | 'sendCommand'> | null = null;
  private readonly inFlight = new Map<string, string>();
  private stopSweep: (() => void) | null = null;

  constructor(
    private readonly deps: {
      db: Pick<Db, 'prisma' | 'sql'>;
      now: () => Date;
      logger?: Logger;
      remote?: Pick<TerminalLinks, 'command'>;
    },
  ) {}

  attach(gateway: Pick<LocalTerminalLinks, 'isOnline' | 'sendCommand'>): void {
    this.gateway = gateway;
  }

  /** Every `everyMs`, marks FAILED the commands unanswered for `answerWithinMs`. */
  start(options: { everyMs: number; answerWithinMs: number }): void {
    this.stopSweep = sweepEvery(
      options.everyMs,
      () => this.expireUnanswered(options.answerWithinMs),
      (error) =>
        this.deps.logger?.error({ err: error }, 'unanswered terminal commands not expired'),
    );
  }

  stop(): void {
    this.stopSweep?.();
    this.stopSweep = null;
  }

  async expireUnanswered(answerWithinMs: number): Promise<number> {
    const before = new Date(this.deps.now().getTime() - answerWithinMs);
    const { count } = await this.deps.db.prisma.terminalCommand.updateMany({
      where: { status: 'SENT', createdAt: { lt: before } },
      data: { status: 'FAILED' },
    });
    this.stats.unanswered += count;
    return count;
  }

  /**
   * Sends a stored command: here when this process's gateway holds the terminal, else by
   * the gateway that does. Its serial, or null when no gateway holds the terminal.
   */
  async send(row: CommandRow): Promise<number | null> {
    if (this.gateway?.isOnline(row.terminalPhone)) return this.sendHere(row);
    return (await this.deps.remote?.command(row.terminalPhone, row.id)) ?? null;
  }

  /** A gateway's side of a remote send: the command `id` for `terminalPhone`, if held here. */
  async sendStored(terminalPhone: string, id: string): Promise<number | null> {
    const row = await this.deps.db.prisma.terminalCommand.findFirst({
      where: { id, terminalPhone, status: 'SENT', serial: null },
    });
    return row ? this.sendHere(row) : null;
  }

  private async sendHere(row: CommandRow): Promise<number | null> {
    const request = TerminalCommandRequestSchema.parse(row.request);
    const serial = this.gateway?.sendCommand(row.terminalPhone, bodyOf(request)) ?? null;
    if (serial === null) return null;
    this.inFlight.set(`${row.terminalPhone}:${serial}`, row.id);
    this.stats.sent++;
    // The answer may have come first and stored the serial with its outcome.
    await this.deps.db.prisma.terminalCommand.updateMany({
      where: { id: row.id, serial: null },
      data: { serial },
    });
    return serial;
  }

  /** The gateway's hook: a 0x0001, which answers a parameter change, a reset or a photo. */
  onTerminalResponse(terminalPhone: string, response: TerminalResponse): void {
    const kinds = KINDS_BY_MESSAGE.get(response.replyMessageId);
    if (!kinds) return;
    void this.record(terminalPhone, response.replySerial, kinds, {
      result: response.result,
      answer: null,
    }).catch((error: unknown) => {
      this.deps.logger?.error({ err: error, terminalPhone }, 'terminal command answer not stored');
    });
  }

  /** The gateway's hook: a 0x0201, 0x0104 or 0x0805 answering a command. */
  onCommandAnswer(terminalPhone: string, answer: CommandAnswer): void {
    const kinds = (Object.keys(ANSWERED_BY) as TerminalCommandRequest['kind'][]).filter(
      (kind) => ANSWERED_BY[kind] === answer.messageId,
    );
    void this.record(terminalPhone, answer.replySerial, kinds, outcomeOf(answer)).catch(
      (error: unknown) => {
        this.deps.logger?.error(
          { err: error, terminalPhone },
          'terminal command answer not stored',
        );
      },
    );
  }

  async record(
    terminalPhone: string,
    replySerial: number,
    kinds: readonly TerminalCommandRequest['kind'][],
    outcome: { result: number; answer: TerminalCommandAnswer | null },
  ): Promise<boolean> {
    const key = `${terminalPhone}:${replySerial}`;
    const commands = this.deps.db.prisma.terminalCommand;
    const id =
      this.inFlight.get(key) ??
      (
        await commands.findFirst({
          where: { terminalPhone, serial: replySerial, status: 'SENT', kind: { in: [...kinds] } },
          orderBy: { createdAt: 'desc' },
          select: { id: true },
        })
      )?.id;
    this.inFlight.delete(key);
    if (!id) {
      this.stats.unmatchedAnswers++;
      return false;
    }
    const isDone = outcome.result === 0;
    const { count } = await commands.updateMany({
      where: { id, status: 'SENT', kind: { in: [...kinds] } },
      data: {
        status: isDone ? 'ANSWERED' : 'FAILED',
        result: outcome.result,
        serial: replySerial,
        answeredAt: this.deps.now(),
        ...(outcome.answer ? { answer: outcome.answer } : {}),
      },
    });
    if (count === 0) {
      this.stats.unmatchedAnswers++;
      return false;
    }
    if (isDone) this.stats.answered++;
    else this.stats.failed++;
    // Photos that came before the answer naming them are linked to their job now.
    if (outcome.answer?.mediaIds?.length) await linkJobPhotos(this.deps.db, terminalPhone);
    return true;
  }
}

/** The commands a general answer (0x0001) may close, by the message id it names. */
const KINDS_BY_MESSAGE = new Map<number, TerminalCommandRequest['kind'][]>([
  [0x8103, ['SET_PARAMETERS']],
  [0x8105, ['RESET']],
  // A terminal may answer a camera command generally (failure, or no 0x0805 support).
  [0x8801, ['TAKE_PHOTO']],
  [0x8201, ['LOCATE']],
  [0x8106, ['QUERY_PARAMETERS']],
]);
