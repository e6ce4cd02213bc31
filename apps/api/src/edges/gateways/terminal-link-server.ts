import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { TerminalMessenger } from '../../domains/dispatch/messenger.ts';
import type { TerminalCommander } from '../../domains/vehicles/commands.ts';
import type { LocalTerminalLinks, RemoteDelivery } from '../../domains/vehicles/terminal-links.ts';

/** What another process may ask of the gateway holding a terminal. */
export type TerminalLinkVerb = 'online' | 'disconnect' | 'deliver' | 'command';

/** A `deliver` request: the stored TerminalMessage to send. */
export type DeliverRequest = { id: string };

/** A `deliver` reply: what became of the message, or why nothing was done. */
export type DeliverReply = RemoteDelivery | { error: 'bad-request' | 'not-found' | 'failed' };

/** A `command` reply (the request is `{ id }` of a stored TerminalCommand): its serial, null if not sent. */
export type CommandReply = { serial: number | null } | { error: 'bad-request' | 'failed' };

/** A terminal phone as the JT/T 808 codec reads it: BCD digits, safe in a NATS subject. */
export const isTerminalPhone = (phone: string) => /^\d{1,40}$/.test(phone);

/** `<prefix>.jt808.<phone>.<verb>`: the requests for one terminal (the verb may be `*`). */
export const terminalLinkSubject = (prefix: string, phone: string, verb: TerminalLinkVerb | '*') =>
  `${prefix}.jt808.${phone}.${verb}`;

const MAX_ID_LENGTH = 100;

function deliverRequestOf(message: Msg): DeliverRequest | null {
  try {
    const request = message.json<unknown>();
    if (typeof request !== 'object' || request === null || !('id' in request)) return null;
    const { id } = request;
    return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH ? { id } : null;
  } catch {
    return null;
  }
}

export type TerminalLinkServerStats = {
  /** Requests answered, by verb or not. */
  requests: number;
  /** Requests refused: an unknown verb, a body that is not `{ id }`. */
  badRequests: number;
  /** Deliveries that failed here (the database). */
  failures: number;
};

/**
 * The gateway's side of the terminal links between processes: while a terminal is
 * authenticated on this gateway, requests for it (`<prefix>.jt808.<phone>.<verb>`) are
 * answered here: `online`, `disconnect` (cuts the connection, its binding was reset),
 * `deliver` (the messenger sends the stored message and replies its status and serial) and
 * `command` (the commander sends the stored command and replies its serial).
 *
 * One subscription per terminal held, made when it authenticates and dropped when its
 * connection closes, rather than one wildcard subscription on every gateway: a request for
 * a terminal no gateway holds meets no subscriber, so NATS answers "no responders" at once
 * and the asker knows it is offline without waiting for a time-out; a request reaches only
 * the gateway(s) holding the terminal instead of every gateway; and 20,000 subscriptions per
 * connection are ordinary for NATS (the server matches subjects in a trie). No queue group:
 * a terminal briefly held by two gateways (a stale connection) is cut by both on `disconnect`,
 * and the messenger's claim on the message lets only one of them send it.
 */
export class TerminalLinkServer {
  readonly stats: TerminalLinkServerStats = { requests: 0, badRequests: 0, failures: 0 };
  private readonly held = new Map<string, Subscription>();
  private readonly prefix: string;

  constructor(
    private readonly deps: {
      nc: NatsConnection;
      /** Subjects are `<prefix>.jt808.<phone>.<verb>`; 'harbor' by default. */
      subjectPrefix?: string;
      gateway: Pick<LocalTerminalLinks, 'isOnline' | 'disconnect'>;
      messenger: Pick<TerminalMessenger, 'deliverHere'>;
      commander: Pick<TerminalCommander, 'sendStored'>;
      logger: Logger;
    },
  ) {
    this.prefix = deps.subjectPrefix ?? 'harbor';
  }

  /** The terminals this gateway answers for. */
  get size(): number {
    return this.held.size;
  }

  /** The gateway's hook: a terminal authenticated here, so requests for it come here. */
  onAuthenticated(terminalPhone: string): void {
    if (this.held.has(terminalPhone) || !isTerminalPhone(terminalPhone)) return;
    try {
      const subscription = this.deps.nc.subscribe(
        terminalLinkSubject(this.prefix, terminalPhone, '*'),
        {
          callback: (error, message) => {
            if (error) {
              this.deps.logger.warn({ err: error, terminalPhone }, 'terminal link subscription');
              return;
            }
            this.answer(terminalPhone, message);
          },
        },
      );
      this.held.set(terminalPhone, subscription);
    } catch (error) {
      // The bus is closed or closing: the terminal still works here, only not from elsewhere.
      this.deps.logger.error({ err: error, terminalPhone }, 'terminal link not offered on the bus');
    }
  }

  /**
   * The gateway's hook: the terminal is no longer connected here. Drained, not just
   * unsubscribed: a request NATS routed here before it learnt of the change is still
   * answered (offline, or the message left QUEUED) instead of dropped, which would leave
   * its asker waiting for a time-out.
   */
  onDisconnected(terminalPhone: string): void {
    const subscription = this.held.get(terminalPhone);
    if (!subscription) return;
    this.held.delete(terminalPhone);
    subscription.drain().catch((error: unknown) => {
      this.deps.logger.debug({ err: error, terminalPhone }, 'terminal link subscription drain');
    });
  }

  /** Stops answering for every terminal (the gateway is shutting down). */
  close(): void {
    for (const subscription of this.held.values()) subscription.unsubscribe();
    this.held.clear();
  }

  private answer(terminalPhone: string, message: Msg): void {
    this.stats.requests++;
    const verb = message.subject.slice(message.subject.lastIndexOf('.') + 1);
    const reply = (value: boolean | DeliverReply | CommandReply) =>
      message.respond(JSON.stringify(value));
    switch (verb) {
      case 'online':
        reply(this.deps.gateway.isOnline(terminalPhone));
        return;
      case 'disconnect':
        reply(this.deps.gateway.disconnect(terminalPhone));
        return;
      case 'deliver': {
        const request = deliverRequestOf(message);
        if (!request) {
          this.stats.badRequests++;
          reply({ error: 'bad-request' });
          return;
        }
        this.deps.messenger.deliverHere(terminalPhone, request.id).then(
          (row) => reply(row ? { status: row.status, serial: row.serial } : { error: 'not-found' }),
          (error: unknown) => {
            this.stats.failures++;
            this.deps.logger.error(
              { err: error, terminalPhone, messageId: request.id },
              'terminal message not delivered on request',
            );
            reply({ error: 'failed' });
          },
        );
        return;
      }
      case 'command': {
        const request = deliverRequestOf(message);
        if (!request) {
          this.stats.badRequests++;
          reply({ error: 'bad-request' });
          return;
        }
        this.deps.commander.sendStored(terminalPhone, request.id).then(
          (serial) => reply({ serial }),
          (error: unknown) => {
            this.stats.failures++;
            this.deps.logger.error(
              { err: error, terminalPhone, commandId: request.id },
              'terminal command not sent on request',
            );
            reply({ error: 'failed' });
          },
        );
        return;
      }
      default:
        this.stats.badRequests++;
        reply({ error: 'bad-request' });
    }
  }
}
