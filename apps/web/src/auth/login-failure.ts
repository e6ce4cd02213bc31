import type { TFunction } from 'i18next';
import { retryAfterSeconds, trpcCode } from '../trpc.ts';

/**
 * What the login form says about a failed login: wrong credentials, or too many failed
 * logins and how long to wait (in seconds under a minute, else in whole minutes, rounded up).
 */
export function loginFailureText(error: unknown, t: TFunction): string {
  if (trpcCode(error) !== 'TOO_MANY_REQUESTS') return t('login.failed');
  // The api always says; a minute is the shortest lockout it gives if it ever does not.
  const seconds = retryAfterSeconds(error) ?? 60;
  return seconds < 60
    ? t('login.throttledSeconds', { seconds })
    : t('login.throttledMinutes', { minutes: Math.ceil(seconds / 60) });
}
