import type { Db } from '@harbor/db';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import { SessionPurge } from '../../domains/auth/session-purge.ts';
import { SessionStreams } from '../../domains/auth/session-streams.ts';

export type Sessions = { streams: SessionStreams; purge: SessionPurge; stop(): void };

/**
 * Live streams end with their session: at once on logout or a disabled account here, and by
 * a check every 30 s for expiry and what other processes ended. Ended sessions are purged
 * every 10 minutes.
 */
export function startSessions(deps: { db: Db; now: Clock; logger: Logger }): Sessions {
  const streams = new SessionStreams(deps);
  streams.start({ everyMs: 30_000 });
  const purge = new SessionPurge(deps);
  purge.start({ everyMs: 10 * 60_000 });
  return {
    streams,
    purge,
    stop() {
      streams.stop();
      purge.stop();
    },
  };
}
