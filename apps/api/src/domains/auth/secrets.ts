import { createHash, randomBytes } from 'node:crypto';

/**
 * Random secrets Harbor hands out (session tokens, invitation links, API keys, JT/T 808 auth
 * codes) and how they are stored: only their SHA-256, so a leaked table opens nothing. A fast
 * hash is enough for a secret of 128 bits or more drawn at random; people's passwords, which
 * are not, go through argon2 instead.
 */

/** `bytes` random bytes from the system's CSPRNG, base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256, hex: what is stored of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
