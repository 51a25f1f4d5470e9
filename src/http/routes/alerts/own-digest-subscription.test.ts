import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../../repositories/audit.repository.ts';
import { digestSubscribers } from '../../../repositories/alert-digests.repository.ts';
import { createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { createUser } from '../../../use-cases/users/create-user.ts';
import { sessionCookieName } from '../../auth/auth-plugin.ts';

const PASSWORD = 'ban-tin-mat-khau-2026';

describe(`a person's own daily alert digest: GET/PUT /api/v1/alerts/digest/subscription (${testEngine})`, () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
      await createUnit(ctx.db, { code: 'P_A', name: 'Phường Đông Anh', kind: 'commune', parentId: hn.id });
      await createUnit(ctx.db, { code: 'P_B', name: 'Phường Thanh Xuân', kind: 'commune', parentId: hn.id });
      await createUser(ctx, 'test', { username: 'chu.tich.a', displayName: 'Chủ tịch phường A', unit: 'P_A', role: 'viewer', password: PASSWORD, email: 'ChuTich@DongAnh.gov.vn' });
      await createUser(ctx, 'test', { username: 'khong.thu', displayName: 'Không có thư', unit: 'P_A', role: 'viewer', password: PASSWORD });
      token = (await createToken(ctx, 'test', { unit: 'P_A', role: 'viewer', scopes: [] })).token;
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const signIn = async (username: string) => {
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    return { cookies: { [sessionCookieName()]: login.cookies.find((c) => c.name === sessionCookieName())?.value ?? '' }, headers: { 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken } };
  };

  it('subscribes the person\'s own address to a unit they may read, audited, and says so when asked again', async () => {
    const as = await signIn('chu.tich.a');
    const before = await server.app.inject({ method: 'GET', url: '/api/v1/alerts/digest/subscription?unit=P_A', ...as });
    expect(before.json()).toEqual({ unit: 'P_A', unitName: 'Phường Đông Anh', email: 'chutich@donganh.gov.vn', subscribed: false });
    const set = await server.app.inject({ method: 'PUT', url: '/api/v1/alerts/digest/subscription', payload: { unit: 'P_A', subscribed: true }, ...as });
    expect(set.statusCode).toBe(200);
    expect(set.json<{ subscribed: boolean }>().subscribed).toBe(true);
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/alerts/digest/subscription?unit=P_A', ...as })).json<{ subscribed: boolean }>().subscribed).toBe(true);
    // The daily job sends to it: the address is among the unit's subscribers.
    expect((await digestSubscribers(server.ctx.db)).find((s) => s.unitCode === 'P_A')?.emails).toEqual(['chutich@donganh.gov.vn']);
    const audit = await listAuditEntries(server.ctx.db, { entity: 'alert_digest_subscription', limit: 10, actorUnitRoots: null });
    expect(audit.map((e) => e.action)).toContain('subscribe');

    const off = await server.app.inject({ method: 'PUT', url: '/api/v1/alerts/digest/subscription', payload: { unit: 'P_A', subscribed: false }, ...as });
    expect(off.json<{ subscribed: boolean }>().subscribed).toBe(false);
    expect((await digestSubscribers(server.ctx.db)).find((s) => s.unitCode === 'P_A')).toBeUndefined();
  });

  it('refuses a unit the person may not read (403), a write without the CSRF token (403), and nobody signed in (401)', async () => {
    const as = await signIn('chu.tich.a');
    expect((await server.app.inject({ method: 'PUT', url: '/api/v1/alerts/digest/subscription', payload: { unit: 'P_B', subscribed: true }, ...as })).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'PUT', url: '/api/v1/alerts/digest/subscription', payload: { unit: 'P_A', subscribed: true }, cookies: as.cookies })).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/alerts/digest/subscription?unit=P_A' })).statusCode).toBe(401);
    expect((await digestSubscribers(server.ctx.db)).find((s) => s.unitCode === 'P_B')).toBeUndefined();
  });

  it('tells a person without an e-mail address what to do (422, field email), and a token that subscriptions are people\'s (403)', async () => {
    const as = await signIn('khong.thu');
    const res = await server.app.inject({ method: 'PUT', url: '/api/v1/alerts/digest/subscription', payload: { unit: 'P_A', subscribed: true }, ...as, headers: { ...as.headers, 'accept-language': 'vi' } });
    expect(res.statusCode).toBe(422);
    const first = res.json<{ errors: { field: string; message: string }[] }>().errors[0];
    expect(first?.field).toBe('email');
    expect(first?.message).toContain('chưa có địa chỉ e-mail');
    const byToken = await server.app.inject({ method: 'GET', url: '/api/v1/alerts/digest/subscription?unit=P_A', headers: { authorization: `Bearer ${token}` } });
    expect(byToken.statusCode).toBe(403);
  });
});
