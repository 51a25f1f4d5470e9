import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of API tokens, so a leaked one is recognisable by secret scanners. */
export const TOKEN_PREFIX = 'tdk_';

/**
 * A new API token's plaintext: the prefix and 32 random bytes, base64url. Shown once; only
 * `hashSecret(token)` is stored.
 *
 * @example
 * newApiToken(); // 'tdk_Qm9u…' (47 characters)
 */
export function newApiToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** A random opaque value (session ids, CSRF tokens): 32 bytes, base64url. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Hex SHA-256 of a high-entropy secret. Tokens and session ids are 256-bit random values, so a fast
 * hash is enough (no salt or work factor is needed, unlike passwords) and lets us look them up by hash.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time string comparison, for CSRF tokens. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
