import { afterEach, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../domain/notifications/network-address.ts';
import { InputError } from '../domain/errors.ts';
import { assertWebhookTarget } from './webhook-target.ts';
import { postWebhook, WebhookError } from './webhook.ts';

describe('webhook targets', () => {
  afterEach(() => {
    delete process.env.THEODOI_WEBHOOK_ALLOW_PRIVATE;
  });

  it.each([
    ['127.0.0.1', false], ['127.8.9.10', false], ['0.0.0.0', false], ['10.1.2.3', false], ['172.20.0.5', false], ['192.168.1.1', false],
    ['169.254.169.254', false], ['100.64.0.1', false], ['::1', false], ['::', false], ['fe80::1', false], ['fd12:3456::1', false],
    ['::ffff:127.0.0.1', false], ['::ffff:10.0.0.1', false], ['224.0.0.1', false], ['not-an-ip', false],
    ['203.162.4.190', true], ['8.8.8.8', true], ['2001:4860:4860::8888', true], ['::ffff:8.8.8.8', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it.each(['http://127.0.0.1:5432/x', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/', 'http://10.0.0.7/hook', 'http://localhost:3000/api'])(
    'refuses %s, naming the url field',
    async (url) => {
      const error = await assertWebhookTarget(new URL(url)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems[0]?.field).toBe('url');
    },
  );

  it('lets an operator allow internal receivers, and checks again at delivery', async () => {
    await expect(postWebhook({ url: 'http://127.0.0.1:9/hook', secret: 's', event: 'e', deliveryId: 'd', payload: {}, at: new Date() }, 1000)).rejects.toThrow(/không được trỏ vào mạng nội bộ/);
    process.env.THEODOI_WEBHOOK_ALLOW_PRIVATE = '1';
    await expect(assertWebhookTarget(new URL('http://127.0.0.1:5432/x'))).resolves.toBeUndefined();
    // Allowed, the delivery goes out (and fails only because nothing listens on the discard port).
    const error = await postWebhook({ url: 'http://127.0.0.1:9/hook', secret: 's', event: 'e', deliveryId: 'd', payload: {}, at: new Date() }, 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as Error).message).not.toMatch(/không được trỏ vào mạng nội bộ/);
  });
});
