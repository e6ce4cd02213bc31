import type { Logger } from 'pino';

/** A running part of Harbor: what it offers, and how it stops. */
export type Part = { stop(): Promise<void> | void };

/**
 * The parts a process has started, in order. Starting one that fails stops those already
 * running, newest first, so nothing started before it (a listening port, a timer, a database
 * pool) outlives the failed start; `stopAll` does the same on shutdown. A part's stop that
 * fails is logged and the others still stop; the failures are thrown together at the end.
 */
export class Parts {
  private readonly running: { name: string; part: Part }[] = [];

  constructor(private readonly logger: Logger) {}

  /** Starts one part and keeps it for the shutdown; on failure the others stop first. */
  async start<T extends Part>(name: string, start: () => Promise<T> | T): Promise<T> {
    let part: T;
    try {
      part = await start();
    } catch (error) {
      this.logger.error({ err: error, part: name }, `${name} failed to start`);
      await this.stopAll().catch(() => {});
      throw error;
    }
    this.running.push({ name, part });
    return part;
  }

  /** The parts' names, oldest first. */
  get names(): string[] {
    return this.running.map(({ name }) => name);
  }

  /** Stops every running part, newest first. */
  async stopAll(): Promise<void> {
    const failures: unknown[] = [];
    for (let next = this.running.pop(); next; next = this.running.pop()) {
      try {
        await next.part.stop();
        this.logger.debug({ part: next.name }, `${next.name} stopped`);
      } catch (error) {
        this.logger.error({ err: error, part: next.name }, `${next.name} failed to stop`);
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'some parts failed to stop');
  }
}
