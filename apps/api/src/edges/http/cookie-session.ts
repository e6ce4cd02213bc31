import type { Db } from '@harbor/db';
import type { SessionUser } from '@harbor/shared';
import type { Request } from 'express';
import type { Clock } from '../../core/clock.ts';
import { SESSION_COOKIE, userForSessionToken } from '../../domains/auth/session.ts';

/**
 * The user of a plain HTTP request (a download, a photo) by the session cookie, exactly as
 * tRPC's context finds it; null without a live session. Needs cookieParser before it.
 */
export async function sessionUserOf(
  deps: { db: Db; now: Clock },
  req: Request,
): Promise<SessionUser | null> {
  const token: unknown = req.cookies?.[SESSION_COOKIE];
  const session =
    typeof token === 'string' ? await userForSessionToken(deps.db, token, deps.now()) : null;
  return session?.user ?? null;
}
