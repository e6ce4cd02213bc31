import {
  createInbox,
  type Msg,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';

/** A JetStream publish the server refused, or answered with something that is not an ack. */
export class StreamPublishError extends Error {
  constructor(
    message: string,
    /** JetStream's own error code (10077: the stream is full, discarding new messages). */
    readonly errCode?: number,
  ) {
    super(message);
    this.name = 'StreamPublishError';
  }
}

const utf8 = new TextDecoder();

type Waiting = { resolve: () => void; reject: (error: Error) => void; deadline: number };

/**
 * JetStream publishes whose acknowledgements all come to one subscription of this connection,
 * matched by the reply subject's last token, and expire together on one timer.
 *
 * The client's own `publish` makes each a request of its own: a timer set and cleared, and an
 * Error object made for every answer (the request "cancelled" once answered, stack trace and
 * all). At a few thousand publishes a second that was a third of the bus's CPU in a gateway's
 * profile (docs/benchmarks.md, issue 20). What is sent and what counts as stored are the
 * same: the message on its subject, stored when the stream's ack names a stream; an error
 * answer, a no-responders status (no stream takes the subject) or no answer in time is a
 * failure the caller retries.
 */
export class StreamPublisher {
  private readonly inbox = createInbox();
  private readonly waiting = new Map<string, Waiting>();
  private next = 0;
  private isClosed = false;
  private readonly sweep: NodeJS.Timeout;
  private readonly answers: Subscription;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs = 5_000,
  ) {
    this.answers = this.nc.subscribe(`${this.inbox}.*`, {
      callback: (error, message) => {
        if (!error) this.answer(message);
      },
    });
    this.sweep = setInterval(() => this.expire(), Math.min(1_000, timeoutMs)).unref();
  }

  /** Resolves once the stream has stored the message; rejects when it did not, or not in time. */
  publish(subject: string, payload: Uint8Array): Promise<void> {
    if (this.isClosed) return Promise.reject(new StreamPublishError('the publisher is closed'));
    const token = (this.next++).toString(36);
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(token, { resolve, reject, deadline: performance.now() + this.timeoutMs });
      try {
        this.nc.publish(subject, payload, { reply: `${this.inbox}.${token}` });
      } catch (error) {
        this.waiting.delete(token);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Publishes still waiting for their answer. */
  get inFlight(): number {
    return this.waiting.size;
  }

  /** Fails what still waits (the connection is closing) and every later publish; stops listening. */
  close(): void {
    this.isClosed = true;
    clearInterval(this.sweep);
    if (!this.answers.isClosed()) this.answers.unsubscribe();
    for (const waiting of this.waiting.values())
      waiting.reject(new StreamPublishError('the connection closed before the stream answered'));
    this.waiting.clear();
  }

  private answer(message: Msg): void {
    const token = message.subject.slice(this.inbox.length + 1);
    const waiting = this.waiting.get(token);
    if (!waiting) return;
    this.waiting.delete(token);
    // A status with no payload: 503 when no stream takes the subject.
    if (message.data.length === 0) {
      const code = message.headers?.code ?? 0;
      waiting.reject(new StreamPublishError(`no stream answered the publish (status ${code})`));
      return;
    }
    let ack: { stream?: unknown; error?: { description?: unknown; err_code?: unknown } };
    try {
      ack = JSON.parse(utf8.decode(message.data));
    } catch {
      waiting.reject(new StreamPublishError('the stream answered with something not JSON'));
      return;
    }
    if (ack.error) {
      const { description, err_code: errCode } = ack.error;
      waiting.reject(
        new StreamPublishError(
          typeof description === 'string' ? description : 'the stream refused the message',
          typeof errCode === 'number' ? errCode : undefined,
        ),
      );
    } else if (typeof ack.stream === 'string' && ack.stream !== '') waiting.resolve();
    else waiting.reject(new StreamPublishError('the stream answered without naming itself'));
  }

  private expire(): void {
    const now = performance.now();
    for (const [token, waiting] of this.waiting) {
      if (waiting.deadline > now) continue;
      this.waiting.delete(token);
      waiting.reject(new StreamPublishError(`no answer from the stream in ${this.timeoutMs} ms`));
    }
  }
}
