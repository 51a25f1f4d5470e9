import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { message, renderMessage, type Message } from '../messages/message.ts';

/**
 * Secrets we must give back later (webhook signing secrets: we sign with them, so we cannot keep only
 * a hash) are stored sealed with AES-256-GCM under the installation's key, THEODOI_SECRET_KEY. A copy
 * of the database alone (a backup, a dump, a read-only SQL account) then reveals none of them.
 *
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. The version lets a later format or
 * key scheme be told apart; the purpose is bound as associated data so a sealed value cannot be
 * moved to another kind of column and opened there.
 */
export const SECRET_KEY_ENV = 'THEODOI_SECRET_KEY';

const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
  /** What to tell the operator, as a catalogued message; the text is in Vietnamese, the house language. */
  readonly said: Message;
  constructor(said: Message) {
    super(renderMessage(said, 'vi'));
    this.said = said;
  }
}

/**
 * Reads a 32-byte key written as 64 hex digits or as base64 / base64url (43 or 44 characters).
 * Anything else is refused rather than stretched: a short or mistyped key must not quietly weaken
 * every secret sealed with it.
 *
 * @example parseSecretKey(randomBytes(32).toString('base64')) // a 32-byte Buffer
 */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)
      ? Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
      : null;
  if (!key || key.length !== 32) {
    throw new SecretKeyError(message('secret.key_malformed', { variable: SECRET_KEY_ENV }));
  }
  return key;
}

/**
 * The key to seal secrets with, or null when there is none. The only fallback is for the test suite
 * (NODE_ENV=test, which Vitest sets): a fixed, public key, so tests exercise the real sealing code.
 * Nowhere else is a key derived or invented: without THEODOI_SECRET_KEY, writing a secret is refused.
 */
export function secretKeyFrom(env: NodeJS.ProcessEnv): Buffer | null {
  const configured = env[SECRET_KEY_ENV];
  if (configured !== undefined && configured.trim() !== '') return parseSecretKey(configured);
  if (env.NODE_ENV === 'test') return TEST_ONLY_KEY;
  return null;
}

/** Public by design, and only ever used when NODE_ENV=test with no key configured. */
const TEST_ONLY_KEY = createHash('sha256').update('theodoi: test-only secret key, never for real data').digest();

/** The error for writing a secret with no key configured; it says how to set one. */
export function missingSecretKey(): SecretKeyError {
  return new SecretKeyError(message('secret.key_missing', { variable: SECRET_KEY_ENV }));
}

/** @example sealSecret(key, 's3cret', 'webhook-secret') // 'v1.…' */
export function sealSecret(key: Buffer, plaintext: string, purpose: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Opens a sealed secret; throws SecretKeyError when the key is not the one it was sealed with. */
export function openSecret(key: Buffer, sealed: string, purpose: string): string {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length) {
    throw new SecretKeyError(message('secret.sealed_format_unknown'));
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretKeyError(message('secret.wrong_key', { variable: SECRET_KEY_ENV }));
  }
}

/**
 * What lists show instead of a secret: its last four characters, enough for an operator to tell which
 * secret a receiver holds, too few to help guess it (a generated secret has 192 bits).
 *
 * @example secretHint('abcdefghijklmnop') // '…mnop'
 */
export function secretHint(secret: string): string {
  return secret.length <= 8 ? '…' : `…${secret.slice(-4)}`;
}
