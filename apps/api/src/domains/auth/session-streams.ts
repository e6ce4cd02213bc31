import type { Db } from '@harbor/db';
import type { Logger } from 'pino';

/** Why a session's streams were ended. */
export type SessionEndReason = 'logged out' | 'account changed' | 'session ended';

/** The abort reason a session's signal carries. */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
  constructor(readonly reason: SessionEndReason) {
    super(`the session ended: ${reason}`);
  }
}

/** One stream's hold on its session: `signal` aborts when the session ends; `release` when the stream is over. */
export type SessionLease = {
  signal: AbortSignal;
  release(): void;
  /** An error from the stream's source after the stream had ended, with nowhere else to go. */
  report(error: unknown): void;
};

type Watched = { userId: string; controller: AbortController; streams: number };

/**
 * The open live streams (SSE subscriptions) of each session, so they end with the session.
 * Logout, a disabled account and a new password end them at once in this process; a check
 * every `everyMs` (one query for all watched sessions) ends the streams of sessions that
 * expired or were ended elsewhere (another api process, the purge, a disabled user).
 */
export class SessionStreams {
  private readonly sessions = new Map<string, Watched>();
  private readonly byUser = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  readonly stats = { ended: 0, checks: 0, checkFailures: 0, sourceErrors: 0 };

  constructor(private readonly deps: { db: Db; now: () => Date; logger?: Logger | undefined }) {}

  /** Open streams, over every session. */
  get openStreams(): number {
    let open = 0;
    for (const watched of this.sessions.values()) open += watched.streams;
    return open;
  }

  watch(session: { tokenHash: string; userId: string }): SessionLease {
    const { tokenHash, userId } = session;
    let watched = this.sessions.get(tokenHash);
    if (!watched) {
      watched = { userId, controller: new AbortController(), streams: 0 };
      this.sessions.set(tokenHash, watched);
      const hashes = this.byUser.get(userId) ?? new Set<string>();
      hashes.add(tokenHash);
      this.byUser.set(userId, hashes);
    }
    watched.streams += 1;
    const held = watched;
    let isReleased = false;
    return {
      signal: held.controller.signal,
      release: () => {
        if (isReleased) return;
        isReleased = true;
        held.streams -= 1;
        if (held.streams === 0 && this.sessions.get(tokenHash) === held) this.forget(tokenHash);
      },
      report: (error) => {
        this.stats.sourceErrors += 1;
        this.deps.logger?.warn({ err: error }, 'a live stream failed while winding down');
      },
    };
  }

  /** Ends the streams of one session (logout ends exactly the session it was called with). */
  endSession(tokenHash: string, reason: SessionEndReason): void {
    const watched = this.sessions.get(tokenHash);
    if (!watched) return;
    this.forget(tokenHash);
    this.stats.ended += watched.streams;
    watched.controller.abort(new SessionEndedError(reason));
  }

  /** Ends the streams of every session of a user (disabled, or given a new password). */
  endUser(userId: string, reason: SessionEndReason): void {
    for (const tokenHash of [...(this.byUser.get(userId) ?? [])])
      this.endSession(tokenHash, reason);
  }

  /** Ends the streams whose session is gone, expired or belongs to a disabled user; one query. */
  async check(): Promise<void> {
    const watched = [...this.sessions.keys()];
    this.stats.checks += 1;
    if (watched.length === 0) return;
    const alive = await this.deps.db.prisma.session.findMany({
      where: {
        tokenHash: { in: watched },
        expiresAt: { gt: this.deps.now() },
        user: { isActive: true },
      },
      select: { tokenHash: true },
    });
    const isAlive = new Set(alive.map((session) => session.tokenHash));
    for (const tokenHash of watched)
      if (!isAlive.has(tokenHash)) this.endSession(tokenHash, 'session ended');
  }

  start(options: { everyMs: number }): void {
    this.stop();
    this.timer = setInterval(() => {
      this.check().catch((error: unknown) => {
        this.stats.checkFailures += 1;
        this.deps.logger?.error({ err: error }, 'live streams not checked against their sessions');
      });
    }, options.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private forget(tokenHash: string): void {
    const watched = this.sessions.get(tokenHash);
    if (!watched) return;
    this.sessions.delete(tokenHash);
    const hashes = this.byUser.get(watched.userId);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.byUser.delete(watched.userId);
  }
}
