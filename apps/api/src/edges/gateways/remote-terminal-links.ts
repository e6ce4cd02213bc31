import { type Msg, type NatsConnection, RequestError } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { RemoteDelivery, TerminalLinks } from '../../domains/vehicles/terminal-links.ts';
import {
  isTerminalPhone,
  type TerminalLinkVerb,
  terminalLinkSubject,
} from './terminal-link-server.ts';

export type RemoteTerminalLinksStats = {
  /** Requests no gateway answered in time, or the bus refused (offline, or not done). */
  unanswered: number;
  /** Replies that were not what a TerminalLinkServer sends, or told of its failure. */
  badReplies: number;
};

const STATUSES: readonly unknown[] = ['QUEUED', 'SENT', 'DELIVERED', 'FAILED'];

/** A gateway's `deliver` reply when it is a delivery (DeliverReply), else null. */
function deliveryOf(reply: unknown): RemoteDelivery | null {
  if (typeof reply !== 'object' || reply === null) return null;
  const { status, serial } = reply as Record<string, unknown>;
  if (!STATUSES.includes(status)) return null;
  if (serial !== null && !(Number.isInteger(serial) && Number(serial) >= 0)) return null;
  return { status, serial } as RemoteDelivery;
}

/** A failed request's reason: nobody holds the terminal (at once), or nobody answered in time. */
const isNoResponders = (error: unknown) => error instanceof RequestError && error.isNoResponders();

/**
 * The terminal links of a process asking the gateways of others over NATS request/reply
 * (TerminalLinkServer answers): a terminal no gateway holds has no subscriber, so NATS
 * answers "no responders" at once and it is offline. A request unanswered in time is
 * counted: for `online` and `disconnect` it means no, for `deliver` it throws (the gateway
 * may still have sent the message; the stored row tells).
 */
export class RemoteTerminalLinks implements TerminalLinks {
  readonly stats: RemoteTerminalLinksStats = { unanswered: 0, badReplies: 0 };
  private readonly prefix: string;

  constructor(
    private readonly deps: {
      nc: NatsConnection;
      /** As the gateways' TerminalLinkServer: 'harbor' by default. */
      subjectPrefix?: string;
      /** How long `online` and `disconnect` wait for the gateway (the device list waits on it). */
      askWithinMs?: number;
      /** How long a delivery waits: the gateway writes the message to its database first. */
      deliverWithinMs?: number;
      logger?: Logger;
    },
  ) {
    this.prefix = deps.subjectPrefix ?? 'harbor';
  }

  async isOnline(terminalPhone: string): Promise<boolean> {
    return (await this.ask(terminalPhone, 'online')) === true;
  }

  async disconnect(terminalPhone: string): Promise<boolean> {
    return (await this.ask(terminalPhone, 'disconnect')) === true;
  }

  async deliver(terminalPhone: string, messageId: string): Promise<RemoteDelivery | null> {
    if (!isTerminalPhone(terminalPhone)) return null;
    const reply = await this.request(
      terminalPhone,
      'deliver',
      JSON.stringify({ id: messageId }),
      this.deps.deliverWithinMs ?? 5_000,
    );
    if (!reply) return null;
    const delivery = deliveryOf(this.json(reply));
    if (delivery) return delivery;
    this.stats.badReplies++;
    throw new Error(
      `terminal message ${messageId} not delivered by the gateway: ${reply.string()}`,
    );
  }

  async command(terminalPhone: string, commandId: string): Promise<number | null> {
    if (!isTerminalPhone(terminalPhone)) return null;
    const reply = await this.request(
      terminalPhone,
      'command',
      JSON.stringify({ id: commandId }),
      this.deps.deliverWithinMs ?? 5_000,
    );
    if (!reply) return null;
    const answer = this.json(reply);
    if (typeof answer === 'object' && answer !== null && 'serial' in answer) {
      const { serial } = answer;
      if (serial === null || (Number.isInteger(serial) && Number(serial) >= 0))
        return serial as number | null;
    }
    this.stats.badReplies++;
    throw new Error(`terminal command ${commandId} not sent by the gateway: ${reply.string()}`);
  }

  /** A yes-or-no question; no, when nobody holds the terminal or answers in time. */
  private async ask(terminalPhone: string, verb: 'online' | 'disconnect'): Promise<boolean> {
    if (!isTerminalPhone(terminalPhone)) return false;
    try {
      const reply = await this.request(terminalPhone, verb, '', this.deps.askWithinMs ?? 1_000);
      if (!reply) return false;
      const answer = this.json(reply);
      if (typeof answer === 'boolean') return answer;
      this.stats.badReplies++;
    } catch (error) {
      this.deps.logger?.warn({ err: error, terminalPhone, verb }, 'terminal link unanswered');
    }
    return false;
  }

  /** The gateway's reply; null when no gateway holds the terminal ("no responders"). */
  private async request(
    terminalPhone: string,
    verb: TerminalLinkVerb,
    payload: string,
    timeout: number,
  ): Promise<Msg | null> {
    try {
      return await this.deps.nc.request(
        terminalLinkSubject(this.prefix, terminalPhone, verb),
        payload,
        { timeout },
      );
    } catch (error) {
      if (isNoResponders(error)) return null;
      this.stats.unanswered++;
      throw error;
    }
  }

  private json(reply: Msg): unknown {
    try {
      return reply.json<unknown>();
    } catch {
      return null;
    }
  }
}
