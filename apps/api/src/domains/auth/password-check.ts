import { randomBytes } from 'node:crypto';
import { hashPasswordSync, verifyPassword } from '@harbor/db';

export type VerifyPassword = (passwordHash: string, plain: string) => Promise<boolean>;

/**
 * Checks a login's password with the same work whether or not the email has a usable
 * account, so the answer's timing does not tell which emails exist. For no account (or a
 * disabled one) the password is verified against a stand-in hash made once, when the check
 * is built at start, with the same argon2 parameters as every new password hash; the first
 * unknown email is not slower than the next.
 */
export class PasswordCheck {
  /** The stand-in: a hash of a random secret, so no password matches it. */
  readonly standInHash: string;

  constructor(
    private readonly verify: VerifyPassword = verifyPassword,
    hash: (plain: string) => string = hashPasswordSync,
  ) {
    this.standInHash = hash(randomBytes(32).toString('base64url'));
  }

  /** Whether `plain` is the password of the account whose hash is given; null for no usable account. */
  async matches(passwordHash: string | null, plain: string): Promise<boolean> {
    if (passwordHash === null) {
      await this.verify(this.standInHash, plain);
      return false;
    }
    return this.verify(passwordHash, plain);
  }
}
