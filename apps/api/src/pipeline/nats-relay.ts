import type { Fix } from '@harbor/shared';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { Topic } from '../core/topic.ts';
import { packFixes, readFixGroup } from './fix-wire.ts';
import type { RelayCodec } from './live-codecs.ts';

/**
 * The live path across processes. A gateway takes fixes, a tracker raises alerts, an api
 * process moves a job; the subscribers of every api process must hear all of it. These
 * carry it on NATS core subjects (at most once, in each publisher's order; what is missed
 * while a process is away is read from the database, as a subscription's catch-up does).
 * Everything that arrives is validated: a message that is not what it should be is counted
 * and skipped, never thrown.
 *
 * A RelayedTopic's connection must keep NATS's default echo: a process hears what it
 * published itself through the server, once, in the same order as everyone else. The fix
 * relay's has none (cluster.ts): a process's own fixes go to its live tap directly.
 */

/**
 * The live subjects of one Harbor cluster; `prefix` keeps clusters (and tests) sharing a
 * server apart. None is under `<prefix>.fixes.>`, the JetStream fix stream's subjects.
 */
export function liveSubjects(prefix = 'harbor') {
  return {
    fixes: `${prefix}.live.fixes`,
    /** Each api process hearing the fixes says so here, every `LISTENER_BEAT_MS` (fixRelayIn). */
    fixListeners: `${prefix}.live.fixes-listeners`,
    alerts: `${prefix}.live.alerts`,
    jobChanges: `${prefix}.live.jobs`,
  };
}

export type RelayedTopicStats = {
  /** Items this process sent. */
  published: number;
  /** Items heard from the subject (from any process) and handed to the local subscribers. */
  delivered: number;
  /** Messages on the subject that were not an item: skipped. */
  malformed: number;
  /** Items that could not be sent (the connection closed, or not encodable). */
  unsent: number;
  /** Items a local subscriber threw on. */
  failed: number;
};

/** A message's JSON, or `undefined` when its payload is not JSON. */
function readJson(message: Msg): unknown {
  try {
    return message.json<unknown>();
  } catch {
    return undefined;
  }
}

/**
 * A Topic whose items go through a NATS subject: `publish` sends the item, and every
 * RelayedTopic on the subject, in this process or another, hands it to its subscribers when
 * it comes back from the server. So each subscriber hears each item once, in the publisher's
 * order, wherever it was published; locally only after the round trip, not within `publish`.
 * A drop-in for a Topic: `subscribe` and `listen` are the Topic's.
 */
export class RelayedTopic<T> extends Topic<T> {
  /** Resolves once the server has the subscription: items published from then on are heard. */
  readonly ready: Promise<void>;
  private readonly subscription: Subscription;
  private readonly counts: RelayedTopicStats = {
    published: 0,
    delivered: 0,
    malformed: 0,
    unsent: 0,
    failed: 0,
  };

  constructor(
    private readonly nc: NatsConnection,
    readonly subject: string,
    private readonly codec: RelayCodec<T>,
  ) {
    super();
    this.subscription = nc.subscribe(subject, {
      callback: (error, message) => {
        if (!error) this.receive(message);
      },
    });
    this.ready = nc.flush();
    // Whoever awaits `ready` sees a failure; nobody awaiting it is no unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** The same as awaiting `ready`, for a runtime that starts its parts in turn. */
  start(): Promise<void> {
    return this.ready;
  }

  /** Sends the item to every process on the subject; never waits, never throws. */
  override publish(item: T): void {
    try {
      this.nc.publish(this.subject, JSON.stringify(this.codec.encode(item)));
      this.counts.published++;
    } catch {
      this.counts.unsent++;
    }
  }

  private receive(message: Msg): void {
    const item = this.codec.decode(readJson(message));
    if (item === null) {
      this.counts.malformed++;
      return;
    }
    this.counts.delivered++;
    try {
      super.publish(item);
    } catch {
      // The Topic's publisher would get the error; here that is the connection's reader.
      this.counts.failed++;
    }
  }

  stats(): RelayedTopicStats {
    return { ...this.counts };
  }

  /** Stops hearing the subject (the connection is the caller's and stays open). */
  close(): void {
    if (!this.subscription.isClosed()) this.subscription.unsubscribe();
  }
}

/**
 * How often an api process says it hears the fix relay. A gateway sends fixes for three of
 * these after it last heard one (and for the first three after it starts, before it can
 * know), so a beat or two lost on the way stops nothing.
 */
export const LISTENER_BEAT_MS = 2_000;

/** The fix relay's two subjects: the fixes, and where their listeners say they listen. */
export type FixRelaySubjects = Pick<ReturnType<typeof liveSubjects>, 'fixes' | 'fixListeners'>;

export type FixRelayOutOptions = {
  /** Fixes in one message (1,000 unless given). */
  maxFixes?: number;
  /** How long a fix may wait for others to fill its message (20 ms unless given). */
  maxWaitMs?: number;
  /** The listeners' beat (`LISTENER_BEAT_MS` unless given; tests shorten it). */
  beatMs?: number;
};

export type FixRelayOutStats = {
  messages: number;
  fixes: number;
  /** Fixes that could not be sent (the connection closed, or the relay had). */
  unsent: number;
  /** Fixes not sent because no other api process listened. */
  unheard: number;
};

export type FixRelayOut = {
  /** The fix bus's `onAccepted`: queues the fixes for the next message; never waits or throws. */
  onAccepted(fixes: readonly Fix[]): void;
  /** Sends what is waiting; resolves once the server has it. */
  flush(): Promise<void>;
  /** Sends what is waiting and takes no more (the connection stays open). */
  close(): Promise<void>;
  stats(): FixRelayOutStats;
};

/**
 * The gateway's side of the fix relay: the fixes its bus accepted, to every other api
 * process's live view, in messages of up to `maxFixes` sent at most `maxWaitMs` after their
 * first fix. Only while another process listens: a gateway whose own process is the only api
 * (one process on JetStream, or the gateway and api apart from the trackers) packed every fix
 * for nobody, 2.3 % of its CPU (docs/benchmarks.md, issue 20). The connection must have no
 * echo, as the listener's beside it: a process's own listener is not another's.
 */
export function fixRelayOut(
  nc: NatsConnection,
  subjects: FixRelaySubjects,
  options: FixRelayOutOptions = {},
): FixRelayOut {
  const maxFixes = options.maxFixes ?? 1_000;
  const maxWaitMs = options.maxWaitMs ?? 20;
  const heardForMs = 3 * (options.beatMs ?? LISTENER_BEAT_MS);
  const counts: FixRelayOutStats = { messages: 0, fixes: 0, unsent: 0, unheard: 0 };
  let waiting: Fix[] = [];
  let timer: NodeJS.Timeout | null = null;
  let isClosed = false;
  // Until a listener could have answered, one is assumed.
  let heardUntil = performance.now() + heardForMs;
  const beats = nc.subscribe(subjects.fixListeners, {
    callback: (error) => {
      if (!error) heardUntil = performance.now() + heardForMs;
    },
  });

  const send = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    try {
      nc.publish(subjects.fixes, packFixes(batch));
      counts.messages++;
      counts.fixes += batch.length;
    } catch {
      counts.unsent += batch.length;
    }
  };

  return {
    onAccepted(fixes) {
      if (isClosed) {
        counts.unsent += fixes.length;
        return;
      }
      if (performance.now() > heardUntil) {
        counts.unheard += fixes.length;
        return;
      }
      for (const fix of fixes) {
        waiting.push(fix);
        if (waiting.length >= maxFixes) send();
      }
      if (waiting.length > 0) timer ??= setTimeout(send, maxWaitMs);
    },
    async flush() {
      send();
      await nc.flush();
    },
    async close() {
      isClosed = true;
      send();
      if (!beats.isClosed()) beats.unsubscribe();
      if (!nc.isClosed()) await nc.flush();
    },
    stats: () => ({ ...counts }),
  };
}

export type FixRelayInStats = {
  /** Messages read (each handed on its good fixes). */
  messages: number;
  /** Fixes handed to `onFixes`. */
  fixes: number;
  /** Messages that were not an array (fix-wire.ts): skipped whole. */
  malformedMessages: number;
  /** Fixes that failed the fix contract: skipped, the others of their message kept. */
  malformedFixes: number;
  /** Messages whose `onFixes` threw. */
  failed: number;
};

export type FixRelayIn = {
  /** Resolves once the server has the subscription. */
  ready: Promise<void>;
  stats(): FixRelayInStats;
  /** Stops hearing the subject (the connection stays open). */
  close(): void;
};

/**
 * An api process's side of the fix relay: every fix any gateway accepted, checked against
 * the fix contract, to `onFixes` (the live tap's `accept`), one call per message, in order.
 * It says it listens as soon as it does and every `beatMs` after, so the gateways send.
 */
export function fixRelayIn(
  nc: NatsConnection,
  subjects: FixRelaySubjects,
  onFixes: (fixes: Fix[]) => void,
  options: { beatMs?: number } = {},
): FixRelayIn {
  const counts: FixRelayInStats = {
    messages: 0,
    fixes: 0,
    malformedMessages: 0,
    malformedFixes: 0,
    failed: 0,
  };
  const receive = (message: Msg) => {
    const group = readFixGroup(message.data);
    if (!group) {
      counts.malformedMessages++;
      return;
    }
    const { fixes } = group;
    counts.malformedFixes += group.malformed;
    counts.messages++;
    if (fixes.length === 0) return;
    counts.fixes += fixes.length;
    try {
      onFixes(fixes);
    } catch {
      counts.failed++;
    }
  };
  const subscription = nc.subscribe(subjects.fixes, {
    callback: (error, message) => {
      if (!error) receive(message);
    },
  });
  // After the subscription on the same connection, so the server has it before any gateway
  // hears the beat and sends.
  const beat = () => {
    try {
      nc.publish(subjects.fixListeners);
    } catch {
      // The connection is closing or closed: the gateways stop sending within three beats.
    }
  };
  beat();
  const beating = setInterval(beat, options.beatMs ?? LISTENER_BEAT_MS).unref();
  const ready = nc.flush();
  ready.catch(() => undefined);
  return {
    ready,
    stats: () => ({ ...counts }),
    close: () => {
      clearInterval(beating);
      if (!subscription.isClosed()) subscription.unsubscribe();
    },
  };
}

/** What a control message says has changed; trackers reload it. */
export type ControlTopic = 'zones' | 'rules';

/**
 * Tells every process of the cluster that zones or alert rules changed, so the trackers
 * reload them: `<prefix>.control.zones` and `<prefix>.control.rules`. A message is only a
 * signal (its payload is not read), so there is nothing in one to get wrong; the process
 * that sends it hears it too.
 */
export class ControlChannel {
  private readonly prefix: string;
  private readonly subscriptions = new Set<Subscription>();
  private readonly counts = { sent: 0, received: 0, unsent: 0, failed: 0 };

  constructor(
    private readonly nc: NatsConnection,
    options: { prefix?: string } = {},
  ) {
    this.prefix = options.prefix ?? 'harbor';
  }

  subject(what: ControlTopic): string {
    return `${this.prefix}.control.${what}`;
  }

  zonesChanged(): void {
    this.send('zones');
  }

  rulesChanged(): void {
    this.send('rules');
  }

  private send(what: ControlTopic): void {
    try {
      this.nc.publish(this.subject(what));
      this.counts.sent++;
    } catch {
      this.counts.unsent++;
    }
  }

  /**
   * Calls `handler` on every such change from any process (an async handler's rejection is
   * counted, not thrown); returns the way to stop. Await `ready()` to know it is registered.
   */
  on(what: ControlTopic, handler: () => unknown): () => void {
    const fail = () => {
      this.counts.failed++;
    };
    const subscription = this.nc.subscribe(this.subject(what), {
      callback: (error) => {
        if (error) return;
        this.counts.received++;
        try {
          const result = handler();
          if (result instanceof Promise) result.catch(fail);
        } catch {
          fail();
        }
      },
    });
    this.subscriptions.add(subscription);
    return () => {
      this.subscriptions.delete(subscription);
      if (!subscription.isClosed()) subscription.unsubscribe();
    };
  }

  /** Resolves once the server has every subscription made so far, and has every signal sent. */
  ready(): Promise<void> {
    return this.nc.flush();
  }

  stats() {
    return { ...this.counts };
  }

  /** Stops every handler (the connection stays open). */
  close(): void {
    for (const subscription of this.subscriptions)
      if (!subscription.isClosed()) subscription.unsubscribe();
    this.subscriptions.clear();
  }
}
