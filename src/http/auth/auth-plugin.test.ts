import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import type { Role } from '../../db/tables/access.ts';
import { ACTIONS, ROLES, type Action } from '../../domain/access/authorize.ts';
import { hashSecret } from '../../domain/access/secrets.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { recordAudit } from '../../use-cases/audit/record-audit.ts';
import { verifyAuditChain } from '../../use-cases/audit/verify-audit-chain.ts';
import { createToken } from '../../use-cases/tokens/create-token.ts';
import { createUser } from '../../use-cases/users/create-user.ts';
import { grantRole } from '../../use-cases/users/grant-role.ts';
import { problemErrorHandler } from '../problem.ts';
import audit from '../routes/audit/index.ts';
import auth from '../routes/auth/index.ts';
import tokens from '../routes/tokens/index.ts';
import users from '../routes/users/index.ts';
import { authPlugin, classifiedVisibility, requireAccess, sessionCookieName } from './auth-plugin.ts';
import { rateLimitOptions } from './rate-limit.ts';

// HN ─┬─ VT ── VT-VHXH
//     └─ SKHCN
const UNITS = [
  { code: 'HN', parent: null },
  { code: 'VT', parent: 'HN' },
  { code: 'VT-VHXH', parent: 'VT' },
  { code: 'SKHCN', parent: 'HN' },
];
const PASSWORD = 'mật khẩu thử nghiệm';
let clock = new Date('2026-11-22T06:00:00Z');

async function buildTestApp(ctx: AppContext) {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  // The same three registrations as build-server.ts, then our routes and two probe routes.
  await app.register(cookie);
  await app.register(rateLimit, rateLimitOptions());
  await app.register(authPlugin, { ctx });
  app.setErrorHandler(problemErrorHandler);
  for (const routes of [auth, users, tokens, audit]) await routes(app, ctx);
  app.post<{ Params: { action: Action; unit: string } }>('/probe/:action/:unit', async (request) => {
    await requireAccess(request, request.params.action, request.params.unit);
    return { ok: true, actor: request.principal.actor };
  });
  app.get<{ Params: { unit: string } }>('/probe/classified/:unit', async (request) => {
    const visible = await classifiedVisibility(request, [request.params.unit]);
    return { visible: visible(request.params.unit) };
  });
  await app.ready();
  return app;
}

describe(`auth plugin, sessions, tokens and access on ${testEngine}`, () => {
  const ready = (async () => {
    const database = await createTestDatabase();
    const ctx = contextFor(database, () => clock);
    for (const u of UNITS) {
      await database.db
        .insertInto('units')
        .values({
          code: u.code,
          name: `Đơn vị ${u.code}`,
          kind: 'other',
          parent_id: u.parent ? sql<number>`(select id from units where code = ${u.parent})` : null,
          valid_from: null,
          valid_to: null,
        })
        .execute();
    }
    const app = await buildTestApp(ctx);
    return { database, ctx, app };
  })();
  const roleTokens = new Map<Role, string>();

  beforeAll(async () => {
    const { ctx } = await ready;
    for (const role of ROLES) roleTokens.set(role, (await createToken(ctx, 'test', { unit: 'VT', role, name: `probe ${role}` })).token);
    await createUser(ctx, 'test', { username: 'lan', displayName: 'Nguyễn Thị Lan', unit: 'VT', role: 'reporter', password: PASSWORD });
    await createUser(ctx, 'test', { username: 'admin.vt', displayName: 'Trần Văn Quản', unit: 'VT', role: 'unit_admin', password: PASSWORD });
    await createUser(ctx, 'test', { username: 'root', displayName: 'Quản trị hệ thống', unit: 'HN', role: 'system_admin', password: PASSWORD });
  });
  afterAll(async () => {
    const { app, database } = await ready;
    await app.close();
    await database.close();
  });

  const bearer = (role: Role) => ({ authorization: `Bearer ${roleTokens.get(role) ?? ''}` });

  describe('requireAccess through a probe route: role × action × unit', () => {
    const cases = ROLES.flatMap((role) =>
      ACTIONS.flatMap((action) => [
        { role, action, unit: 'VT-VHXH', inScope: true },
        { role, action, unit: 'SKHCN', inScope: role === 'system_admin' },
      ]),
    );
    const allowed: Record<Role, number> = { viewer: 1, reporter: 2, approver: 3, unit_admin: 4, system_admin: 4 };
    it.each(cases)('token $role → $action $unit', async ({ role, action, unit, inScope }) => {
      const { app } = await ready;
      const res = await app.inject({ method: 'POST', url: `/probe/${action}/${unit}`, headers: bearer(role) });
      const permitted = inScope && ACTIONS.indexOf(action) < allowed[role];
      expect(res.statusCode).toBe(permitted ? 200 : 403);
      if (!permitted) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ status: 403, unit, action });
        expect(res.json<{ detail: string }>().detail).toContain(unit);
      }
    });

    it('answers anonymous requests 401, not 403', async () => {
      const { app } = await ready;
      const res = await app.inject({ method: 'POST', url: '/probe/read/VT' });
      expect(res.statusCode).toBe(401);
    });

    it('says refusals as a code with parameters, worded in the language the client asked for', async () => {
      const { app } = await ready;
      const anonymous = await app.inject({ method: 'POST', url: '/probe/read/VT', headers: { 'accept-language': 'en' } });
      expect(anonymous.json()).toMatchObject({ status: 401, code: 'auth.authentication_required', params: {}, detail: 'Authentication required' });
      const refused = await app.inject({ method: 'POST', url: '/probe/approve/SKHCN', headers: bearer('approver') });
      expect(refused.statusCode).toBe(403);
      const body = refused.json<{ code: string; params: Record<string, string>; detail: string; unit: string }>();
      expect(body).toMatchObject({ code: 'auth.not_allowed_approve', params: { unit: 'SKHCN' }, unit: 'SKHCN' });
      // Vietnamese by default, in one language only.
      expect(body.detail).toBe('Không có quyền phê duyệt đối với đơn vị SKHCN');
    });
  });

  describe('bearer tokens', () => {
    it('accepts a live token and names it as the actor', async () => {
      const { app } = await ready;
      const res = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer('reporter') });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ kind: 'token', grants: [{ unitCode: 'VT', role: 'reporter' }], csrfToken: null });
    });

    it.each([
      ['garbage', 'Bearer tdk_not-a-real-token'],
      ['empty bearer', 'Bearer '],
      ['another scheme', 'Basic bGFuOnBhc3M='],
    ])('refuses %s with 401', async (_label, authorization) => {
      const { app } = await ready;
      const res = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Bearer');
    });

    it('refuses a revoked token with 401', async () => {
      const { app, ctx } = await ready;
      const created = await createToken(ctx, 'test', { unit: 'VT', role: 'reporter' });
      const headers = { authorization: `Bearer ${created.token}` };
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
      const admin = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers: bearer('unit_admin') });
      expect(admin.statusCode).toBe(200);
      expect(admin.json()).toMatchObject({ changed: true, token: { id: created.id } });
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    });

    it('refuses an expired token with 401', async () => {
      const { app, ctx } = await ready;
      const created = await createToken(ctx, 'test', { unit: 'VT', role: 'reporter', expires: '30/11/2026' });
      const headers = { authorization: `Bearer ${created.token}` };
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
      const saved = clock;
      clock = new Date('2026-11-30T17:00:00Z'); // midnight in Hanoi after 30/11
      try {
        expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
      } finally {
        clock = saved;
      }
    });

    it('stores only the hash of a token', async () => {
      const { database } = await ready;
      const token = roleTokens.get('viewer') ?? '';
      const rows = await database.db.selectFrom('api_tokens').select('token_hash').execute();
      expect(rows.map((r) => r.token_hash)).toContain(hashSecret(token));
      expect(JSON.stringify(rows)).not.toContain(token);
    });
  });

  describe('sessions and CSRF', () => {
    async function logIn(username: string, password = PASSWORD, remoteAddress = '10.0.0.1') {
      const { app } = await ready;
      return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
    }

    it('signs in with a secure HttpOnly SameSite=Lax cookie and returns the CSRF token', async () => {
      const res = await logIn('lan');
      expect(res.statusCode).toBe(200);
      const body = res.json<{ user: { username: string; grants: unknown[] }; csrfToken: string }>();
      expect(body.user).toMatchObject({ username: 'lan', grants: [{ unitCode: 'VT', role: 'reporter' }] });
      expect(JSON.stringify(body)).not.toMatch(/argon2/);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^__Host-theodoi_session=/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/Secure/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect(setCookie).toMatch(/Path=\//);
      expect(setCookie).not.toMatch(/Domain=/);
      expect(body.csrfToken.length).toBeGreaterThanOrEqual(40);
    });

    it('requires the CSRF header for unsafe methods with a cookie: 403 without, 403 wrong, 200 right', async () => {
      const { app, database } = await ready;
      // A signed-in user acts as their id, never their name (Law 91/2025: records keep no name).
      const lanActor = `user:${(await database.db.selectFrom('users').select('id').where('username', '=', 'lan').executeTakeFirstOrThrow()).id}`;
      const login = await logIn('lan');
      const session = login.cookies.find((c) => c.name === sessionCookieName())?.value ?? '';
      const { csrfToken } = login.json<{ csrfToken: string }>();
      const cookies = { [sessionCookieName()]: session };
      const without = await app.inject({ method: 'POST', url: '/probe/write/VT', cookies });
      expect(without.statusCode).toBe(403);
      expect(without.json<{ code: string }>().code).toBe('auth.csrf_token_wrong');
      expect(without.json<{ detail: string }>().detail).toMatch(/x-csrf-token/);
      const wrong = await app.inject({ method: 'POST', url: '/probe/write/VT', cookies, headers: { 'x-csrf-token': `${csrfToken}x` } });
      expect(wrong.statusCode).toBe(403);
      const right = await app.inject({ method: 'POST', url: '/probe/write/VT', cookies, headers: { 'x-csrf-token': csrfToken } });
      expect(right.statusCode).toBe(200);
      expect(right.json()).toMatchObject({ actor: lanActor });
      // Reads need no CSRF token, and /me gives it back to a reloaded page.
      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies });
      expect(me.json()).toMatchObject({ kind: 'user', actor: lanActor, csrfToken });
      // Out of scope still 403 even with the right CSRF token.
      const out = await app.inject({ method: 'POST', url: '/probe/write/SKHCN', cookies, headers: { 'x-csrf-token': csrfToken } });
      expect(out.statusCode).toBe(403);
      expect(out.json()).toMatchObject({ unit: 'SKHCN' });
    });

    it('logs out: the cookie stops working at once', async () => {
      const { app } = await ready;
      const login = await logIn('lan');
      const cookies = { [sessionCookieName()]: login.cookies.find((c) => c.name === sessionCookieName())?.value ?? '' };
      const { csrfToken } = login.json<{ csrfToken: string }>();
      const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies, headers: { 'x-csrf-token': csrfToken } });
      expect(out.statusCode).toBe(204);
      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies });
      expect(me.json()).toMatchObject({ kind: 'anonymous' });
    });

    it('answers a wrong password and an unknown user identically', async () => {
      const wrong = await logIn('lan', 'sai mật khẩu rồi', '10.0.0.2');
      const unknown = await logIn('khong-co-ai', PASSWORD, '10.0.0.2');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.body).toBe(unknown.body);
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('rate-limits login harder than the rest, per address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await logIn('lan', 'sai mật khẩu rồi', '10.0.0.3')).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses[10]).toBe(429);
      // Another address is not affected, and other routes are not limited as hard.
      expect((await logIn('lan', PASSWORD, '10.0.0.4')).statusCode).toBe(200);
    });

    it('disables a user: open sessions end, sign-in is refused, only an admin in scope may do it', async () => {
      const { app, ctx } = await ready;
      await createUser(ctx, 'test', { username: 'quit', displayName: 'Người nghỉ việc', unit: 'VT-VHXH', role: 'reporter', password: PASSWORD });
      const login = await logIn('quit', PASSWORD, '10.0.0.7');
      const cookies = { [sessionCookieName()]: login.cookies.find((c) => c.name === sessionCookieName())?.value ?? '' };
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).json()).toMatchObject({ kind: 'user' });
      expect((await app.inject({ method: 'POST', url: '/api/v1/users/quit/disable', headers: bearer('approver') })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/v1/users/root/disable', headers: bearer('unit_admin') })).statusCode).toBe(403);
      const res = await app.inject({ method: 'POST', url: '/api/v1/users/quit/disable', headers: bearer('unit_admin') });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ changed: true, user: { username: 'quit', disabled: true } });
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).json()).toMatchObject({ kind: 'anonymous' });
      expect((await logIn('quit', PASSWORD, '10.0.0.7')).statusCode).toBe(401);
    });

    it('a token is only as strong as its creator now: demoted or disabled, the token stops working', async () => {
      const { app, ctx } = await ready;
      const boss = await createUser(ctx, 'test', { username: 'boss', displayName: 'Trưởng phòng', unit: 'VT', role: 'unit_admin', password: PASSWORD });
      const made = await createToken(ctx, `user:${boss.id}`, { unit: 'VT-VHXH', role: 'unit_admin', scopes: ['read', 'administer'], createdBy: boss.id });
      const auth = { authorization: `Bearer ${made.token}` };
      const me = () => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
      expect((await me()).json()).toMatchObject({ kind: 'token' });
      // While the creator may administer VT, the token may create people below it.
      const create = (username: string) =>
        app.inject({ method: 'POST', url: '/api/v1/users', headers: auth, payload: { username, displayName: 'Cán bộ mới', unit: 'VT-VHXH', role: 'unit_admin', password: PASSWORD } });
      expect((await create('new.admin.1')).statusCode).toBe(201);
      // Disabling the creator revokes the tokens they made: the reported attack (a new unit admin) fails.
      expect((await app.inject({ method: 'POST', url: '/api/v1/users/boss/disable', headers: bearer('unit_admin') })).statusCode).toBe(200);
      expect((await me()).statusCode).toBe(401);
      expect((await create('new.admin.2')).statusCode).toBe(401);
      const revoked = await ctx.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', made.id).executeTakeFirstOrThrow();
      expect(revoked.revoked_at).not.toBeNull();
    });

    it('refuses a token whose creator no longer holds the rights it was made with', async () => {
      const { app, ctx, database } = await ready;
      const chief = await createUser(ctx, 'test', { username: 'chief', displayName: 'Chánh văn phòng', unit: 'VT', role: 'unit_admin', password: PASSWORD });
      const made = await createToken(ctx, `user:${chief.id}`, { unit: 'VT', role: 'approver', createdBy: chief.id });
      const auth = { authorization: `Bearer ${made.token}` };
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(200);
      // The chief is moved to a viewer's role (roles are rows; an operator changes them): the token follows.
      await database.db.updateTable('user_roles').set({ role: 'viewer' }).where('user_id', '=', chief.id).execute();
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(401);
    });

    it('signs in case-insensitively by username', async () => {
      expect((await logIn('LAN', PASSWORD, '10.0.0.5')).statusCode).toBe(200);
    });
  });

  describe('classified visibility', () => {
    it.each([
      { role: 'viewer' as const, unit: 'VT-VHXH', visible: false },
      { role: 'reporter' as const, unit: 'VT', visible: false },
      { role: 'approver' as const, unit: 'VT-VHXH', visible: true },
      { role: 'approver' as const, unit: 'SKHCN', visible: false },
      { role: 'unit_admin' as const, unit: 'VT', visible: true },
      { role: 'system_admin' as const, unit: 'SKHCN', visible: true },
    ])('token $role sees classified of $unit: $visible', async ({ role, unit, visible }) => {
      const { app } = await ready;
      const res = await app.inject({ method: 'GET', url: `/probe/classified/${unit}`, headers: bearer(role) });
      expect(res.json()).toEqual({ visible });
    });

    it('follows an explicit grant for a user and the classified scope for a token', async () => {
      const { app, ctx } = await ready;
      await createUser(ctx, 'test', { username: 'mai', displayName: 'Lê Mai', unit: 'VT', role: 'viewer', password: PASSWORD });
      const login = async () => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'mai', password: PASSWORD }, remoteAddress: '10.0.0.6' });
        return { [sessionCookieName()]: res.cookies.find((c) => c.name === sessionCookieName())?.value ?? '' };
      };
      const before = await app.inject({ method: 'GET', url: '/probe/classified/VT-VHXH', cookies: await login() });
      expect(before.json()).toEqual({ visible: false });
      await grantRole(ctx, 'test', { username: 'mai', unit: 'VT', classified: true });
      const after = await app.inject({ method: 'GET', url: '/probe/classified/VT-VHXH', cookies: await login() });
      expect(after.json()).toEqual({ visible: true });
      const scoped = await createToken(ctx, 'test', { unit: 'VT', role: 'viewer', scopes: ['read', 'classified'] });
      const res = await app.inject({ method: 'GET', url: '/probe/classified/VT', headers: { authorization: `Bearer ${scoped.token}` } });
      expect(res.json()).toEqual({ visible: true });
      const anonymous = await app.inject({ method: 'GET', url: '/probe/classified/VT' });
      expect(anonymous.json()).toEqual({ visible: false });
    });
  });

  describe('token, user and audit endpoints', () => {
    it('lets a unit admin create tokens in scope only, never above its role', async () => {
      const { app } = await ready;
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: bearer('unit_admin'),
        payload: { unit: 'VT-VHXH', role: 'reporter', name: 'Cổng DVC', scopes: ['write'], expires: '31/12/2027' },
      });
      expect(ok.statusCode).toBe(201);
      const created = ok.json<{ token: string; id: number; unit: string; scopes: string[]; expiresAt: string }>();
      expect(created).toMatchObject({ unit: 'VT-VHXH', role: 'reporter', scopes: ['write'], expiresAt: '2027-12-31T17:00:00.000Z' });
      const use = await app.inject({ method: 'POST', url: '/probe/write/VT-VHXH', headers: { authorization: `Bearer ${created.token}` } });
      expect(use.statusCode).toBe(200);
      const readDenied = await app.inject({ method: 'POST', url: '/probe/read/VT-VHXH', headers: { authorization: `Bearer ${created.token}` } });
      expect(readDenied.statusCode).toBe(403);

      const outOfScope = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer('unit_admin'), payload: { unit: 'SKHCN', role: 'reporter' } });
      expect(outOfScope.statusCode).toBe(403);
      expect(outOfScope.json()).toMatchObject({ unit: 'SKHCN' });
      const tooStrong = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer('unit_admin'), payload: { unit: 'VT', role: 'system_admin' } });
      expect(tooStrong.statusCode).toBe(403);
      const reporter = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer('reporter'), payload: { unit: 'VT', role: 'viewer' } });
      expect(reporter.statusCode).toBe(403);
      const anonymous = await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { unit: 'VT', role: 'viewer' } });
      expect(anonymous.statusCode).toBe(401);
      const bad = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer('system_admin'), payload: { unit: 'VT', role: 'viewer', scopes: ['fly'], expires: '31/02/2027' } });
      expect(bad.statusCode).toBe(422);
      expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field).sort()).toEqual(['expires', 'scopes']);
      const badRole = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer('system_admin'), payload: { unit: 'VT', role: 'king' } });
      expect(badRole.statusCode).toBe(400);
      expect(badRole.json<{ detail: string }>().detail).toContain('role');
    });

    it('lists tokens in scope without secrets', async () => {
      const { app } = await ready;
      const res = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer('unit_admin') });
      expect(res.statusCode).toBe(200);
      const list = res.json<{ tokens: { unit: string }[] }>().tokens;
      expect(list.length).toBeGreaterThan(5);
      expect(list.every((t) => t.unit === 'VT' || t.unit === 'VT-VHXH')).toBe(true);
      expect(res.body).not.toMatch(/tdk_|token_hash/);
      expect((await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer('approver') })).json()).toEqual({ tokens: [] });
    });

    it('creates users and grants roles within the admin’s subtree', async () => {
      const { app } = await ready;
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer('unit_admin'),
        payload: { username: 'hoa', displayName: 'Phạm Hoa', unit: 'VT-VHXH', role: 'reporter', password: PASSWORD },
      });
      expect(created.statusCode).toBe(201);
      expect(created.body).not.toMatch(/argon2|password/);
      const dup = await app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer('unit_admin'), payload: { username: 'HOA', displayName: 'X', unit: 'VT', role: 'viewer' } });
      expect(dup.statusCode).toBe(409);
      const out = await app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer('unit_admin'), payload: { username: 'tam', displayName: 'T', unit: 'SKHCN', role: 'viewer' } });
      expect(out.statusCode).toBe(403);
      const grant = await app.inject({ method: 'POST', url: '/api/v1/users/hoa/grants', headers: bearer('unit_admin'), payload: { unit: 'VT', role: 'approver' } });
      expect(grant.statusCode).toBe(200);
      expect(grant.json()).toMatchObject({ changed: true, user: { grants: [{ unitCode: 'VT', role: 'approver' }, { unitCode: 'VT-VHXH', role: 'reporter' }] } });
      const list = await app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer('unit_admin') });
      const names = list.json<{ users: { username: string }[] }>().users.map((u) => u.username);
      expect(names).toContain('hoa');
      expect(names).not.toContain('root');
    });

    it('audits every write without secrets, scoped for unit admins, closed to others', async () => {
      const { app, database } = await ready;
      const all = await app.inject({ method: 'GET', url: '/api/v1/audit?limit=1000', headers: bearer('system_admin') });
      expect(all.statusCode).toBe(200);
      const entries = all.json<{ entries: { actor: string; action: string; entity: string }[] }>().entries;
      const kinds = new Set(entries.map((e) => `${e.action} ${e.entity}`));
      for (const k of ['create user', 'grant user', 'disable user', 'create api_token', 'revoke api_token']) expect(kinds).toContain(k);
      const dump = JSON.stringify(await database.db.selectFrom('audit_log').select(['before', 'after']).execute());
      expect(dump).not.toMatch(/argon2|tdk_|token_hash|password"/);
      for (const token of roleTokens.values()) expect(dump).not.toContain(hashSecret(token));

      // An entry written before people were recorded by id names Lan by username: still hers, still VT's.
      await recordAudit(database.db, { actor: 'user:lan', action: 'update', entity: 'thing', entityId: 'truoc-khi-doi', before: null, after: null });
      const scoped = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer('unit_admin') });
      expect(scoped.statusCode).toBe(200);
      const scopedEntries = scoped.json<{ entries: { actor: string; actorName: string }[] }>().entries;
      const actors = new Set(scopedEntries.map((e) => e.actor));
      expect(actors.size).toBeGreaterThan(0);
      // Only VT's tokens and VT's own people (their sign-ins are audited too) acted within VT; people
      // are recorded by id, and shown by the name the users table holds.
      const vtPeople = await database.db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unit_id').select(['u.id', 'u.username']).where('n.code', 'like', 'VT%').execute(); // VT and its offices
      const vtActors = vtPeople.map((u) => `user:${u.id}`);
      const lan = vtPeople.find((u) => u.username === 'lan')!;
      expect(actors).toContain(`user:${lan.id}`);
      expect(scopedEntries.find((e) => e.actor === `user:${lan.id}`)?.actorName).toBe('Nguyễn Thị Lan');
      expect(scopedEntries.find((e) => e.actor === 'user:lan')?.actorName).toBe('Nguyễn Thị Lan');
      expect([...actors].filter((a) => !a.startsWith('token:') && !vtActors.includes(a) && a !== 'user:lan')).toEqual([]);
      expect((await app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer('approver') })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);

      const verify = await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: bearer('system_admin') });
      expect(verify.json()).toMatchObject({ ok: true, firstBadId: null, batches: { checked: 0, notCovered: 0, mismatched: 0, mismatches: [] } });
      const head = await database.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      const anchored = (id: number, hash: string) => app.inject({ method: 'GET', url: `/api/v1/audit/verify?anchorId=${id}&anchorHash=${hash}`, headers: bearer('system_admin') });
      expect((await anchored(Number(head.id), head.hash)).json()).toMatchObject({ ok: true, anchor: { id: Number(head.id), ok: true } });
      expect((await anchored(Number(head.id) + 1000, head.hash)).json()).toMatchObject({ ok: false, anchor: { ok: false } });
      expect((await app.inject({ method: 'GET', url: `/api/v1/audit/verify?anchorId=${head.id}`, headers: bearer('system_admin') })).statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: bearer('unit_admin') })).statusCode).toBe(403);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });
  });
});
