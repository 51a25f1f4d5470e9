import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertWebhookTarget } from './webhook-target.ts';

export const SIGNATURE_HEADER = 'x-theodoi-signature';
export const TIMESTAMP_HEADER = 'x-theodoi-timestamp';
export const EVENT_HEADER = 'x-theodoi-event';
export const DELIVERY_HEADER = 'x-theodoi-delivery';

/**
 * HMAC-SHA256 over "<timestamp>.<body>" with the subscription's secret, hex encoded and prefixed
 * "sha256=". Signing the timestamp too lets a receiver refuse replays of old deliveries.
 *
 * @example signWebhook('s3cret', '1774000000', '{"event":"report.reminder"}') // 'sha256=…'
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = 'WebhookError';
  }
}

/**
 * POSTs a signed JSON payload; throws WebhookError unless the receiver answers 2xx within the timeout.
 */
export async function postWebhook(
  delivery: { url: string; secret: string; event: string; deliveryId: string; payload: unknown; at: Date },
  timeoutMs = 10_000,
): Promise<{ status: number }> {
  const body = JSON.stringify(delivery.payload);
  const timestamp = String(Math.floor(delivery.at.getTime() / 1000));
  let response: Response;
  try {
    // Again at delivery: the name may resolve to an internal address now.
    await assertWebhookTarget(new URL(delivery.url));
    response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [SIGNATURE_HEADER]: signWebhook(delivery.secret, timestamp, body),
        [TIMESTAMP_HEADER]: timestamp,
        [EVENT_HEADER]: delivery.event,
        [DELIVERY_HEADER]: delivery.deliveryId,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new WebhookError(`webhook ${delivery.url}: ${error instanceof Error ? error.message : String(error)}`, null);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new WebhookError(`webhook ${delivery.url} answered ${response.status}`, response.status);
  return { status: response.status };
}
