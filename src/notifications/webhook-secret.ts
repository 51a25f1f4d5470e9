import { secretKey } from '../config.ts';
import { missingSecretKey, openSecret, sealSecret, secretHint } from '../domain/secrets/secret-box.ts';
import type { StoredSecret } from '../repositories/notifications.repository.ts';

/** Bound into every sealed webhook secret, so a value sealed for another purpose never opens here. */
const PURPOSE = 'webhook_subscriptions.secret';

/**
 * Seals a new webhook secret for storage, with the hint lists show. Refuses without
 * THEODOI_SECRET_KEY rather than store the secret readable.
 */
export function sealWebhookSecret(secret: string): { sealed: string; hint: string } {
  const key = secretKey();
  if (!key) throw missingSecretKey();
  return { sealed: sealSecret(key, secret, PURPOSE), hint: secretHint(secret) };
}

/**
 * The secret to sign a delivery with. A row from before sealing still signs with its plain secret,
 * so upgrading without a key does not stop deliveries; it is sealed at the first start with one.
 */
export function openWebhookSecret(stored: StoredSecret): string {
  if (stored.sealed !== null) {
    const key = secretKey();
    if (!key) throw missingSecretKey();
    return openSecret(key, stored.sealed, PURPOSE);
  }
  if (stored.plain !== null) return stored.plain;
  throw new Error('webhook has no secret');
}
