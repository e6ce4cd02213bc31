import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  hashPasswordSync,
  passwordHashParams,
  verifyPassword,
} from './password-hash.ts';

describe('password hashing', () => {
  it('stores argon2id hashes that verify the right password only', async () => {
    const stored = await hashPassword('harbor-demo');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'harbor-demo')).toBe(true);
    expect(await verifyPassword(stored, 'harbor-demo ')).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('treats a malformed stored hash as a failed login, not a crash', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('hashes the same way on the calling thread, and reads back the parameters a hash was made with', async () => {
    const now = hashPasswordSync('harbor-demo');
    expect(await verifyPassword(now, 'harbor-demo')).toBe(true);
    expect(passwordHashParams(now)).toEqual(passwordHashParams(await hashPassword('other')));
    expect(passwordHashParams(now)).toEqual({
      algorithm: 2,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    expect(passwordHashParams('not-a-hash')).toBeNull();
  });
});
