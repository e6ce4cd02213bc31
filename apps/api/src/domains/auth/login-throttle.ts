import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * How many failed logins a key (an email as submitted, or a client address) may have before
 * it must wait, and how the waits grow.
 */
export type BackoffPolicy = {
  /** Failed logins allowed within `windowSeconds` (counted from the first) before a lockout. */
  freeFailures: number;
  windowSeconds: number;
  /** The first lockout; each further one doubles, up to `maxLockoutSeconds`. */
  firstLockoutSeconds: number;
  maxLockoutSeconds: number;
  /** How long a lockout is remembered for the doubling (from the latest one); a success forgets it. */
  strikeMemorySeconds: number;
};

/** Per email: a user mistypes a few times; a guesser gets 5 tries per lockout, the lockouts doubling to an hour. */
export const ACCOUNT_POLICY: BackoffPolicy = {
  freeFailures: 5,
  windowSeconds: 15 * 60,
  firstLockoutSeconds: 60,
  maxLockoutSeconds: 3_600,
  strikeMemorySeconds: 24 * 3_600,
};

/** Per address: several people behind one office address, so more room, the same back-off. */
export const ADDRESS_POLICY: BackoffPolicy = { ...ACCOUNT_POLICY, freeFailures: 20 };

/** A login refused unseen because its email or its address failed too often; `retryAfterSeconds` says when to try again. */
export class LoginThrottledError extends Error {
  override name = 'LoginThrottledError';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed logins: try again in ${retryAfterSeconds} s`);
  }
}

/** Where one key's counts live: a failures counter and a lockouts ("strikes") counter. */
export type BackoffStore = { failures: RateLimiterAbstract; strikes: RateLimiterAbstract };

/**
 * The in-process store. One process is Harbor's default; several api processes behind a load
 * balancer would each count alone, so a multi-process deployment passes the same limiters
 * from rate-limiter-flexible's PostgreSQL (`RateLimiterPostgres`) or Redis store instead.
 */
export function memoryBackoffStore(name: string, policy: BackoffPolicy): BackoffStore {
  return {
    failures: new RateLimiterMemory({
      keyPrefix: `${name}-failures`,
      points: policy.freeFailures,
      duration: policy.windowSeconds,
    }),
    strikes: new RateLimiterMemory({
      keyPrefix: `${name}-strikes`,
      points: Number.MAX_SAFE_INTEGER,
      duration: policy.strikeMemorySeconds,
    }),
  };
}

/**
 * rate-limiter-flexible counts and blocks; the doubling of the lockouts is the library's own
 * "dynamic block duration" recipe (a second counter of lockouts), written out here.
 */
class Backoff {
  constructor(
    private readonly policy: BackoffPolicy,
    private readonly store: BackoffStore,
  ) {}

  /**
   * Takes one attempt from the key before the password is checked, so concurrent guesses
   * cannot all pass a check made before any of them failed. Null when the attempt may run,
   * else the milliseconds to wait.
   */
  async take(key: string): Promise<number | null> {
    try {
      await this.store.failures.consume(key);
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // The first refusal past the free failures starts a lockout; later ones wait it out.
      if (refusal.consumedPoints !== this.store.failures.points + 1) return refusal.msBeforeNext;
      const strikes = (await this.store.strikes.penalty(key)).consumedPoints;
      // From the latest lockout, not the first: a slow, steady guesser keeps its long waits.
      await this.store.strikes.set(key, strikes, this.policy.strikeMemorySeconds);
      const seconds = Math.min(
        this.policy.firstLockoutSeconds * 2 ** (strikes - 1),
        this.policy.maxLockoutSeconds,
      );
      await this.store.failures.block(key, seconds);
      return seconds * 1_000;
    }
  }

  /** Gives back an attempt that did not fail (a success, or an error before any answer). */
  async giveBack(key: string): Promise<void> {
    const current = await this.store.failures.get(key);
    // A locked key stays locked: giving back would lower its count under the lockout mark.
    if (current && current.consumedPoints <= this.store.failures.points)
      await this.store.failures.reward(key);
  }

  /** Forgets the key's failures and lockouts. */
  async forget(key: string): Promise<void> {
    await this.store.failures.delete(key);
    await this.store.strikes.delete(key);
  }
}

export type LoginThrottleOptions = {
  account?: BackoffPolicy;
  address?: BackoffPolicy;
  /** The counters; in memory unless given (tests give small policies, deployments a shared store). */
  accountStore?: BackoffStore;
  addressStore?: BackoffStore;
};

/**
 * Limits failed logins per email as submitted and per client address, with lockouts that
 * double while failures go on. An email with no account is counted exactly like one with
 * an account, so the throttle tells nothing about which emails exist. A success forgets the
 * email's failures; the address keeps its count (a guesser with one working account must
 * not clear its address by logging in with it).
 */
export class LoginThrottle {
  private readonly account: Backoff;
  private readonly address: Backoff;

  constructor(options: LoginThrottleOptions = {}) {
    const account = options.account ?? ACCOUNT_POLICY;
    const address = options.address ?? ADDRESS_POLICY;
    this.account = new Backoff(
      account,
      options.accountStore ?? memoryBackoffStore('login-account', account),
    );
    this.address = new Backoff(
      address,
      options.addressStore ?? memoryBackoffStore('login-address', address),
    );
  }

  /**
   * Runs one login attempt under the throttle. `attempt` answers null for wrong credentials
   * (counted as a failure) or the login's result (a success); when it throws, nothing is
   * counted. Throws LoginThrottledError, without running `attempt`, while either key waits.
   */
  async guard<T>(
    keys: { email: string; address: string },
    attempt: () => Promise<T | null>,
  ): Promise<T | null> {
    // The address first: a flood of made-up emails from one address then stops at the
    // address's limit instead of filling memory with one counter per email.
    const addressWait = await this.address.take(keys.address);
    if (addressWait !== null) throw throttled(addressWait);
    const accountWait = await this.account.take(keys.email);
    if (accountWait !== null) {
      await this.address.giveBack(keys.address);
      throw throttled(accountWait);
    }
    let result: T | null;
    try {
      result = await attempt();
    } catch (error) {
      await this.address.giveBack(keys.address);
      await this.account.giveBack(keys.email);
      throw error;
    }
    if (result !== null) {
      await this.address.giveBack(keys.address);
      await this.account.forget(keys.email);
    }
    return result;
  }
}

function throttled(waitMs: number): LoginThrottledError {
  return new LoginThrottledError(Math.max(1, Math.ceil(waitMs / 1_000)));
}
