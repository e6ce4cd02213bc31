/** A client's call refused because it already has `maxQueuedPerClient` calls waiting. */
export class GateFullError extends Error {
  override name = 'GateFullError';
}

export type FairGateOptions = {
  /** Calls running at once, over every client. */
  concurrency: number;
  /** Calls one client may have waiting; past that a call is refused at once. */
  maxQueuedPerClient: number;
  /** Told when a client's call starts to wait, and when one starts to run (tests, tracing). */
  onQueued?: (client: string) => void;
  onStarted?: (client: string) => void;
};

export type FairGateStats = {
  running: number;
  queued: number;
  clientsWaiting: number;
  started: number;
  refused: number;
  abandoned: number;
};

type Waiter = { start(): void; abandon(reason: unknown): void };

/**
 * Runs calls at most `concurrency` at a time, the waiting ones served round-robin by client:
 * each client has its own queue, and a free slot goes to the next client in turn, not to the
 * oldest call. So one client's 500 queued calls delay another client's one call by at most
 * one call per waiting client, not by 500.
 *
 * Written here rather than taken from npm: no well-kept package queues by key with one
 * limit over all keys (p-queue and p-limit queue in one line; bottleneck's Group gives each
 * key its own limiter, so the total is unbounded), and p-queue's custom `queueClass`, the
 * nearest fit, frees a call's slot when its AbortSignal fires even though the call goes on
 * running, which would let a client that disconnects lift the bound on the database.
 */
export class FairGate {
  readonly #options: FairGateOptions;
  /** Clients with calls waiting, in the order they are served; a served client goes last. */
  readonly #queues = new Map<string, Waiter[]>();
  #running = 0;
  #queued = 0;
  /** The client whose call started last: it waits behind any other client for the next slot. */
  #lastServed: string | null = null;
  readonly #counts = { started: 0, refused: 0, abandoned: 0 };

  constructor(options: FairGateOptions) {
    if (!(options.concurrency >= 1) || !(options.maxQueuedPerClient >= 0))
      throw new RangeError('a gate needs a concurrency of 1 or more and a queue of 0 or more');
    this.#options = options;
  }

  get stats(): FairGateStats {
    return {
      running: this.#running,
      queued: this.#queued,
      clientsWaiting: this.#queues.size,
      ...this.#counts,
    };
  }

  /**
   * Runs `task` when the client's turn comes. Throws GateFullError when the client already
   * has its fill of calls waiting; when `signal` aborts while the call still waits, it
   * leaves the queue and rejects with the signal's reason (a started call runs to its end).
   */
  async run<T>(client: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.#running < this.#options.concurrency && this.#queued === 0) {
      this.#running++;
      this.#lastServed = client;
    } else {
      await this.#wait(client, signal);
    }
    this.#counts.started++;
    this.#options.onStarted?.(client);
    try {
      return await task();
    } finally {
      this.#running--;
      this.#startNext();
    }
  }

  #wait(client: string, signal: AbortSignal | undefined): Promise<void> {
    const queue = this.#queues.get(client) ?? [];
    if (queue.length >= this.#options.maxQueuedPerClient) {
      this.#counts.refused++;
      throw new GateFullError(
        `too many calls waiting for this client (${this.#options.maxQueuedPerClient} at most)`,
      );
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => waiter.abandon(signal?.reason);
      const waiter: Waiter = {
        start() {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        abandon: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          const waiting = this.#queues.get(client);
          const index = waiting?.indexOf(waiter) ?? -1;
          if (!waiting || index < 0) return;
          waiting.splice(index, 1);
          if (waiting.length === 0) this.#queues.delete(client);
          this.#queued--;
          this.#counts.abandoned++;
          reject(reason);
        },
      };
      queue.push(waiter);
      this.#queues.set(client, queue);
      this.#queued++;
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#options.onQueued?.(client);
    });
  }

  /**
   * Gives each free slot to the first client in turn, which then goes to the back; the client
   * served last goes to the back first, so a client whose call just started does not get the
   * next slot too while another waits.
   */
  #startNext(): void {
    while (this.#running < this.#options.concurrency) {
      if (this.#lastServed !== null && this.#queues.size > 1) {
        const last = this.#queues.get(this.#lastServed);
        if (last && this.#queues.keys().next().value === this.#lastServed) {
          this.#queues.delete(this.#lastServed);
          this.#queues.set(this.#lastServed, last);
        }
      }
      const next = this.#queues.entries().next();
      if (next.done) return;
      const [client, queue] = next.value;
      const waiter = queue.shift();
      this.#queues.delete(client);
      if (queue.length > 0) this.#queues.set(client, queue);
      if (!waiter) continue;
      this.#queued--;
      this.#running++;
      this.#lastServed = client;
      waiter.start();
    }
  }
}

/**
 * Whether `error` is the gate's rejection of a call that left the queue because `signal`
 * aborted (its client went), rather than anything the call itself threw.
 */
export function isAbandoned(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && error === signal.reason;
}

/** Runs `task` as one of `client`'s calls in `gate`, or at once where there is none (tests). */
export function inTurn<T>(
  gate: FairGate | undefined,
  client: string,
  task: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  return gate ? gate.run(client, task, signal) : task();
}
