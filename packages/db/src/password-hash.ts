import { hash, hashSync, parseOptions, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum: 19 MiB of memory, 2 iterations, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id; the package exports it as an ambient const enum.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

/**
 * The same hash, computed on the calling thread: for the one hash a process makes at start
 * (login's stand-in for accounts that do not exist), where there is nothing to wait for.
 */
export function hashPasswordSync(plain: string): string {
  return hashSync(plain, OPTIONS);
}

/** False for a wrong password and for a hash that is not an argon2 hash at all. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}

export type PasswordHashParams = {
  algorithm: number;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
};

/** The argon2 parameters a stored hash was made with (what verifying it costs); null when it is no argon2 hash. */
export function passwordHashParams(passwordHash: string): PasswordHashParams | null {
  try {
    const { algorithm, memoryCost, timeCost, parallelism } = parseOptions(passwordHash);
    return { algorithm, memoryCost, timeCost, parallelism };
  } catch {
    return null;
  }
}
