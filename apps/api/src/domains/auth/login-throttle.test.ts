import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BackoffPolicy, LoginThrottle, LoginThrottledError } from './login-throttle.ts';

// rate-limiter-flexible's memory store reads Date.now() and expires keys with setTimeout:
// vitest's fake timers give it a fixed clock that only moves when the test moves it.
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-25T08:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

const ACCOUNT: BackoffPolicy = {
  freeFailures: 3,
  windowSeconds: 60,
  firstLockoutSeconds: 10,
  maxLockoutSeconds: 40,
  strikeMemorySeconds: 3_600,
};
const ADDRESS: BackoffPolicy = { ...ACCOUNT, freeFailures: 5 };

const wrong = async () => null;
const right = async () => 'session';

/** The wait in seconds a throttled attempt is told, or null when the attempt ran. */
async function waitOf(
  throttle: LoginThrottle,
  keys: { email: string; address: string },
  attempt: () => Promise<string | null> = wrong,
): Promise<number | null> {
  try {
    await throttle.guard(keys, attempt);
    return null;
  } catch (error) {
    if (error instanceof LoginThrottledError) return error.retryAfterSeconds;
    throw error;
  }
}

const seconds = (n: number) => vi.advanceTimersByTime(n * 1_000);

describe('login throttle', () => {
  it('locks an email out after its free failures, without running the attempt, for a shrinking wait', async () => {
    const throttle = new LoginThrottle({
      account: ACCOUNT,
      address: { ...ADDRESS, freeFailures: 100 },
    });
    const keys = { email: 'someone@harbor.test', address: '10.0.0.1' };
    for (let i = 0; i < 3; i += 1) expect(await waitOf(throttle, keys)).toBeNull();
    const attempt = vi.fn(right);
    expect(await waitOf(throttle, keys, attempt)).toBe(10);
    expect(attempt).not.toHaveBeenCalled();
    seconds(4);
    expect(await waitOf(throttle, keys, attempt)).toBe(6);
    expect(attempt).not.toHaveBeenCalled();
    seconds(6);
    expect(await waitOf(throttle, keys, attempt)).toBeNull();
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('doubles each further lockout up to the cap, and forgets it all on a success', async () => {
    const throttle = new LoginThrottle({
      account: ACCOUNT,
      address: { ...ADDRESS, freeFailures: 100 },
    });
    const keys = { email: 'someone@harbor.test', address: '10.0.0.1' };
    const lockouts: (number | null)[] = [];
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < 3; i += 1) expect(await waitOf(throttle, keys)).toBeNull();
      const wait = await waitOf(throttle, keys);
      lockouts.push(wait);
      seconds(wait ?? 0);
    }
    expect(lockouts).toEqual([10, 20, 40, 40]);

    expect(await waitOf(throttle, keys, right)).toBeNull();
    for (let i = 0; i < 3; i += 1) expect(await waitOf(throttle, keys)).toBeNull();
    expect(await waitOf(throttle, keys)).toBe(10);
  });

  it('forgets free failures once their window passes', async () => {
    const throttle = new LoginThrottle({ account: ACCOUNT, address: ADDRESS });
    const keys = { email: 'someone@harbor.test', address: '10.0.0.1' };
    for (let i = 0; i < 3; i += 1) expect(await waitOf(throttle, keys)).toBeNull();
    seconds(60);
    for (let i = 0; i < 3; i += 1) expect(await waitOf(throttle, keys)).toBeNull();
    expect(await waitOf(throttle, keys)).toBe(10);
  });

  it('counts failures per address over every email, and a success does not clear the address', async () => {
    const throttle = new LoginThrottle({ account: ACCOUNT, address: ADDRESS });
    const from = (email: string) => ({ email, address: '10.0.0.9' });
    for (let i = 0; i < 4; i += 1)
      expect(await waitOf(throttle, from(`guess${i}@harbor.test`))).toBeNull();
    expect(await waitOf(throttle, from('mine@harbor.test'), right)).toBeNull();
    expect(await waitOf(throttle, from('guess9@harbor.test'))).toBeNull();
    expect(await waitOf(throttle, from('other@harbor.test'), right)).toBe(10);
    // Another address is not held back by this one.
    expect(
      await waitOf(throttle, { email: 'other@harbor.test', address: '10.0.0.10' }, right),
    ).toBeNull();
  });

  it('does not count an attempt that failed with an error rather than an answer', async () => {
    const throttle = new LoginThrottle({ account: ACCOUNT, address: ADDRESS });
    const keys = { email: 'someone@harbor.test', address: '10.0.0.1' };
    const broken = async (): Promise<string | null> => {
      throw new Error('database unreachable');
    };
    for (let i = 0; i < 5; i += 1)
      await expect(throttle.guard(keys, broken)).rejects.toThrow('database unreachable');
    for (let i = 0; i < 3; i += 1) expect(await waitOf(throttle, keys)).toBeNull();
    expect(await waitOf(throttle, keys)).toBe(10);
  });

  it('lets no more concurrent guesses through than free failures', async () => {
    const throttle = new LoginThrottle({ account: ACCOUNT, address: ADDRESS });
    const keys = { email: 'someone@harbor.test', address: '10.0.0.1' };
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const attempt = vi.fn(async () => {
      await gate;
      return null;
    });
    const outcomes = Array.from({ length: 20 }, () => waitOf(throttle, keys, attempt));
    release();
    const waits = await Promise.all(outcomes);
    expect(attempt).toHaveBeenCalledTimes(3);
    expect(waits.filter((wait) => wait === null)).toHaveLength(3);
    expect(waits.filter((wait) => wait !== null)).toHaveLength(17);
  });
});
