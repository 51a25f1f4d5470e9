import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from '../domain/notifications/network-address.ts';
import { InputError, problem } from '../domain/errors.ts';
import { message } from '../domain/messages/message.ts';

/** An operator's switch for installations whose receivers sit on the internal network (and for tests). */
export function privateWebhookTargetsAllowed(): boolean {
  return process.env.THEODOI_WEBHOOK_ALLOW_PRIVATE === '1';
}

/**
 * Refuses a webhook URL whose host is, or resolves to, an internal address (loopback, private,
 * link-local…), unless the operator allows them (`THEODOI_WEBHOOK_ALLOW_PRIVATE=1`). Checked when a
 * webhook is registered and again before each delivery, since a name can be made to resolve elsewhere
 * later. A name that does not resolve yet is accepted at registration (`unresolved: 'allow'`: nothing
 * can be judged, and delivery checks again) and refused at delivery.
 *
 * @example
 * await assertWebhookTarget(new URL('http://169.254.169.254/latest')); // InputError on field "url"
 */
export async function assertWebhookTarget(url: URL, options: { unresolved: 'allow' | 'refuse' } = { unresolved: 'refuse' }): Promise<void> {
  if (privateWebhookTargetsAllowed()) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    if (options.unresolved === 'allow') return;
    throw new InputError(message('notification.webhook_host_does_not_resolve'), [{ field: 'url', message: host }]);
  }
  const internal = addresses.find((a) => !isPublicAddress(a));
  if (internal !== undefined) {
    throw new InputError(message('notification.webhook_may_not_target_internal'), [
      problem({ field: 'url' }, message('notification.loopback_private_and_link_local', { host, internal })),
    ]);
  }
}
