import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../db/tables/access.ts';
import { createJobRunner } from '../../../jobs/start-job-runner.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../../../notifications/webhook.ts';
import { listDeliveries } from '../../../repositories/notifications.repository.ts';
import { createUnit } from '../../../testing/factories.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { sealPlaintextWebhookSecrets } from '../../../use-cases/notifications/seal-plaintext-webhook-secrets.ts';
import { sendNotification } from '../../../use-cases/notifications/send-notification.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

// The receiver below listens on loopback, which a real installation refuses unless allowed.
process.env.THEODOI_WEBHOOK_ALLOW_PRIVATE = '1';

interface Hook { body: string; headers: IncomingMessage['headers'] }
interface WebhookJson { id: number; url: string; unit: string | null; events: string[]; active: boolean; secretHint: string | null }

/** Runs `work` with these environment variables set (undefined: unset), restoring them after. */
async function withEnv<T>(vars: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  apply(vars);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

describe(`webhook secrets and the webhooks API (${testEngine})`, () => {
  let server: TestServer;
  let receiver: Server;
  let hookUrl = '';
  const hooks: Hook[] = [];
  const units = { ward: 0 };
  const tokens = new Map<string, string>();
  const as = async (role: Role, unit: string) => {
    const key = `${role}@${unit}`;
    let token = tokens.get(key);
    if (!token) tokens.set(key, (token = (await createToken(server.ctx, 'test', { unit, role })).token));
    return { authorization: `Bearer ${token}` };
  };
  let notificationNo = 0;
  /** Sends one notification to the ward and runs every delivery due; answers what the receiver got. */
  const notifyWard = async (): Promise<Hook[]> => {
    const before = hooks.length;
    const ctx = server.ctx;
    await ctx.db.transaction().execute((trx) =>
      sendNotification(trx, {
        unitId: units.ward, event: 'report.reminder', title: 'Nhắc hạn', body: 'Sắp đến hạn báo cáo', data: {},
        dedupeKey: `webhooks-test:${++notificationNo}`, emails: [], webhookUnitIds: [units.ward], at: ctx.now(),
      }),
    );
    const runner = createJobRunner(ctx, { mailer: null, recurring: [], once: [] });
    await runner.runDue();
    await runner.stop();
    return hooks.slice(before);
  };
  const signedWith = (secret: string, h: Hook | undefined) =>
    h !== undefined && verifyWebhookSignature(secret, String(h.headers[TIMESTAMP_HEADER]), h.body, String(h.headers[SIGNATURE_HEADER]));

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        hooks.push({ body, headers: req.headers });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    server = await startTestServer(async (ctx) => {
      const city = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
      units.ward = (await createUnit(ctx.db, { code: 'P_VT', name: 'UBND phường Vĩnh Tuy', kind: 'commune', parentId: city.id })).id;
      await createUnit(ctx.db, { code: 'P_KHAC', name: 'UBND phường Khác', kind: 'commune', parentId: city.id });
    });
  });

  afterAll(async () => {
    await server.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  let hookId = 0;
  let secret = '';

  it('stores the secret encrypted: the raw row does not contain it, and delivery still signs with it', async () => {
    const created = await server.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: await as('unit_admin', 'P_VT'), payload: { url: hookUrl, unit: 'P_VT', events: ['report.*'] } });
    expect(created.statusCode).toBe(201);
    ({ id: hookId, secret } = created.json<{ id: number; secret: string }>());
    expect(secret.length).toBeGreaterThan(20);

    const row = await server.ctx.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', hookId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secret).toBeNull();
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_hint).toBe(`…${secret.slice(-4)}`);

    const got = await notifyWard();
    expect(got).toHaveLength(1);
    expect(signedWith(secret, got[0])).toBe(true);
    expect(signedWith('sai', got[0])).toBe(false);
  });

  it('lists a unit\'s webhooks with a hint and never the secret', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/webhooks?unit=P_VT', headers: await as('unit_admin', 'P_VT') });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(secret);
    const { webhooks } = res.json<{ webhooks: (WebhookJson & Record<string, unknown>)[] }>();
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]).toMatchObject({ id: hookId, url: hookUrl, unit: 'P_VT', events: ['report.*'], active: true, secretHint: `…${secret.slice(-4)}` });
    expect(Object.keys(webhooks[0] ?? {})).not.toContain('secret');
    // Without a unit: the subtrees the caller administers; another ward's admin sees none of them.
    const mine = await server.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: await as('unit_admin', 'P_VT') });
    expect(mine.json<{ webhooks: WebhookJson[] }>().webhooks.map((w) => w.id)).toEqual([hookId]);
    const others = await server.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: await as('unit_admin', 'P_KHAC') });
    expect(others.json<{ webhooks: WebhookJson[] }>().webhooks).toEqual([]);
    const city = await server.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: await as('system_admin', 'HN') });
    expect(city.json<{ webhooks: WebhookJson[] }>().webhooks.map((w) => w.id)).toEqual([hookId]);
  });

  it('refuses viewers, another ward\'s admin and anonymous callers; unknown webhooks are 404', async () => {
    for (const headers of [await as('viewer', 'P_VT'), await as('unit_admin', 'P_KHAC')]) {
      expect((await server.app.inject({ method: 'GET', url: '/api/v1/webhooks?unit=P_VT', headers })).statusCode).toBe(403);
      expect((await server.app.inject({ method: 'POST', url: `/api/v1/webhooks/${hookId}/rotate`, headers })).statusCode).toBe(403);
      expect((await server.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hookId}`, headers })).statusCode).toBe(403);
    }
    expect((await server.app.inject({ method: 'POST', url: `/api/v1/webhooks/${hookId}/rotate` })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'POST', url: '/api/v1/webhooks/99999/rotate', headers: await as('unit_admin', 'P_VT') })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'DELETE', url: '/api/v1/webhooks/99999', headers: await as('unit_admin', 'P_VT') })).statusCode).toBe(404);
    // Nothing changed: the secret still signs.
    expect(signedWith(secret, (await notifyWard())[0])).toBe(true);
  });

  it('rotates: the new secret is returned once and signs from then on; the old one no longer does', async () => {
    const res = await server.app.inject({ method: 'POST', url: `/api/v1/webhooks/${hookId}/rotate`, headers: await as('unit_admin', 'P_VT') });
    expect(res.statusCode).toBe(200);
    const rotated = res.json<{ id: number; secret: string; secretHint: string }>();
    expect(rotated.id).toBe(hookId);
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.secretHint).toBe(`…${rotated.secret.slice(-4)}`);
    const row = await server.ctx.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', hookId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(rotated.secret);

    const [h] = await notifyWard();
    expect(signedWith(rotated.secret, h)).toBe(true);
    expect(signedWith(secret, h)).toBe(false);
    const list = await server.app.inject({ method: 'GET', url: '/api/v1/webhooks?unit=P_VT', headers: await as('unit_admin', 'P_VT') });
    expect(list.body).not.toContain(rotated.secret);
    expect(list.json<{ webhooks: WebhookJson[] }>().webhooks[0]?.secretHint).toBe(rotated.secretHint);
    secret = rotated.secret;
  });

  it('refuses to store a secret without THEODOI_SECRET_KEY outside tests, naming the variable', async () => {
    await withEnv({ NODE_ENV: 'production', THEODOI_SECRET_KEY: undefined }, async () => {
      const res = await server.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: await as('unit_admin', 'P_VT'), payload: { url: 'https://example.test/other', unit: 'P_VT' } });
      expect(res.statusCode).toBe(503);
      expect(res.json<{ detail: string }>().detail).toContain('THEODOI_SECRET_KEY');
      const rotate = await server.app.inject({ method: 'POST', url: `/api/v1/webhooks/${hookId}/rotate`, headers: await as('unit_admin', 'P_VT') });
      expect(rotate.statusCode).toBe(503);
    });
    await withEnv({ THEODOI_SECRET_KEY: 'too-short' }, async () => {
      const res = await server.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: await as('unit_admin', 'P_VT'), payload: { url: 'https://example.test/other', unit: 'P_VT' } });
      expect(res.statusCode).toBe(503);
      expect(res.json<{ detail: string }>().detail).toContain('THEODOI_SECRET_KEY');
    });
    // Nothing was stored by the refused registrations.
    expect(await server.ctx.db.selectFrom('webhook_subscriptions').select('id').execute()).toHaveLength(1);
  });

  it('with another key, delivery fails (and is retried later) rather than sign with garbage', async () => {
    const got = await withEnv({ THEODOI_SECRET_KEY: randomBytes(32).toString('base64') }, () => notifyWard());
    expect(got).toEqual([]);
    const failed = (await listDeliveries(server.ctx.db, { channel: 'webhook' })).at(-1);
    expect(failed).toMatchObject({ state: 'pending', lastError: expect.stringContaining('THEODOI_SECRET_KEY') as unknown });
  });

  it('seals a plain-text secret from before at start with a key, and it still signs the same', async () => {
    const key = randomBytes(32).toString('hex');
    const legacy = await server.ctx.db
      .insertInto('webhook_subscriptions')
      .values({ url: hookUrl, secret: 'cu-chua-ma-hoa-0001', unit_id: units.ward, events: [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    await withEnv({ THEODOI_SECRET_KEY: key }, async () => {
      expect(await sealPlaintextWebhookSecrets(server.ctx)).toEqual({ sealed: 1 });
      expect(await sealPlaintextWebhookSecrets(server.ctx)).toEqual({ sealed: 0 });
      const row = await server.ctx.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', legacy.id).executeTakeFirstOrThrow();
      expect(row.secret).toBeNull();
      expect(JSON.stringify(row)).not.toContain('cu-chua-ma-hoa');
      expect(row.secret_hint).toBe('…0001');
      // The first webhook was sealed with the test key, so under this key only the legacy one delivers now.
      const got = await notifyWard();
      expect(got.filter((h) => signedWith('cu-chua-ma-hoa-0001', h))).toHaveLength(1);
    });
    await server.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${legacy.id}`, headers: await as('unit_admin', 'P_VT') });
  });

  it('deletes: no further deliveries, pending ones included; the secret is erased and the list no longer shows it', async () => {
    // A delivery queued before the deletion…
    const ctx = server.ctx;
    await ctx.db.transaction().execute((trx) =>
      sendNotification(trx, {
        unitId: units.ward, event: 'report.reminder', title: 'Nhắc hạn', body: 'x', data: {},
        dedupeKey: `webhooks-test:${++notificationNo}`, emails: [], webhookUnitIds: [units.ward], at: ctx.now(),
      }),
    );
    const res = await server.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hookId}`, headers: await as('unit_admin', 'P_VT') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: hookId, deleted: true });
    // …is not made, and nothing new is queued for it.
    expect(await notifyWard()).toEqual([]);
    const row = await ctx.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', hookId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ active: false, secret: null, secret_sealed: null, secret_hint: null });
    expect(row.deleted_at).not.toBeNull();
    const list = await server.app.inject({ method: 'GET', url: '/api/v1/webhooks?unit=P_VT', headers: await as('unit_admin', 'P_VT') });
    expect(list.json<{ webhooks: WebhookJson[] }>().webhooks).toEqual([]);
    expect((await server.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hookId}`, headers: await as('unit_admin', 'P_VT') })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'POST', url: `/api/v1/webhooks/${hookId}/rotate`, headers: await as('unit_admin', 'P_VT') })).statusCode).toBe(404);
  });

  it('documents list, rotate and delete in the OpenAPI document, with no secret in the list schema', async () => {
    const spec = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> }>();
    expect(Object.keys(spec.paths['/api/v1/webhooks'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(spec.paths['/api/v1/webhooks/{id}/rotate'] ?? {})).toEqual(['post']);
    expect(Object.keys(spec.paths['/api/v1/webhooks/{id}'] ?? {})).toEqual(['delete']);
    const listed = JSON.stringify(spec.paths['/api/v1/webhooks']?.get?.responses);
    expect(listed).toContain('secretHint');
    expect(listed).not.toMatch(/"secret"/);
  });

  it('audits every write without a secret in the log', async () => {
    const entries = await server.ctx.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'entity_id', 'before', 'after'])
      .where('entity', '=', 'webhook_subscription')
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.action, e.entity_id])).toEqual([
      ['create', String(hookId)],
      ['rotate_secret', String(hookId)],
      ['encrypt_secret', expect.any(String) as unknown],
      ['delete', expect.any(String) as unknown],
      ['delete', String(hookId)],
    ]);
    expect(entries.map((e) => e.actor)).toEqual(['token:1', 'token:1', 'system:secrets', 'token:1', 'token:1']);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('cu-chua-ma-hoa');
  });
});
