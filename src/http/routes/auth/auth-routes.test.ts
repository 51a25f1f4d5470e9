import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../../app-context.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { recordAudit } from '../../../use-cases/audit/record-audit.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { createUser } from '../../../use-cases/users/create-user.ts';
import { createUnit } from '../../../testing/factories.ts';
import { buildServer } from '../../build-server.ts';

// The registrations in build-server.ts: cookie, rate limit and auth reach every route of the real server.
describe(`auth in the real server on ${testEngine}`, () => {
  const ready = (async () => {
    const database = await createTestDatabase();
    return { database, app: await buildServer(contextFor(database)) };
  })();
  // Opening and migrating the database can be slow on a busy machine: let the hook's timeout cover it.
  beforeAll(async () => {
    await ready;
  });
  afterAll(async () => {
    const { app, database } = await ready;
    await app.close();
    await database.close();
  });

  it('publishes the auth, user, token and audit endpoints with the bearer scheme', async () => {
    const { app } = await ready;
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/auth/me', '/api/v1/users', '/api/v1/tokens', '/api/v1/tokens/{id}', '/api/v1/audit']) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
  });

  it('answers anonymous /me, refuses a bad token on any route, and counts requests', async () => {
    const { app } = await ready;
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'anonymous', grants: [] });
    expect(Number(me.headers['x-ratelimit-limit'])).toBeGreaterThan(10);
    const bad = await app.inject({ method: 'GET', url: '/api/health', headers: { authorization: 'Bearer nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('limits login harder than the rest', async () => {
    const { app } = await ready;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } });
    expect(res.statusCode).toBe(401);
    expect(Number(res.headers['x-ratelimit-limit'])).toBe(10);
  });

  it('names the missing field of a malformed login body', async () => {
    const { app } = await ready;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('body.password');
  });

  it('keeps audit verification for system admins', async () => {
    const { app, database } = await ready;
    await recordAudit(database.db, { actor: 'test', action: 'create', entity: 'thing', entityId: 1, before: null, after: { a: 1 } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/audit/verify' })).statusCode).toBe(401);
  });

  it('tells in /me and at login which actions the caller holds anywhere (administer opens administration)', async () => {
    const { app, database } = await ready;
    const ctx = contextFor(database);
    const ward = await createUnit(database.db, { code: 'P_QUYEN', name: 'UBND phường Quyền', kind: 'commune' });
    await createUnit(database.db, { code: 'P_QUYEN_VP', name: 'Văn phòng', kind: 'office', parentId: ward.id });
    const rights = async (authorization?: string) =>
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', ...(authorization ? { headers: { authorization } } : {}) })).json<{ rights: string[] }>().rights;
    const bearer = async (role: 'viewer' | 'reporter' | 'approver' | 'unit_admin' | 'system_admin', scopes?: string[]) =>
      `Bearer ${(await createToken(ctx, 'test', { unit: 'P_QUYEN_VP', role, ...(scopes ? { scopes } : {}) })).token}`;
    expect(await rights()).toEqual([]);
    expect(await rights(await bearer('reporter'))).toEqual(['read', 'write']);
    expect(await rights(await bearer('approver'))).toEqual(['read', 'write', 'approve']);
    expect(await rights(await bearer('unit_admin'))).toEqual(['read', 'write', 'approve', 'administer']);
    // A token narrowed to reading has no administer right, whatever its role.
    expect(await rights(await bearer('unit_admin', ['read']))).toEqual(['read']);

    await createUser(ctx, 'test', { username: 'quyen.chuyenvien', displayName: 'Chuyên viên', unit: 'P_QUYEN_VP', role: 'reporter', password: 'mat-khau-thu-nghiem-2026' });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'quyen.chuyenvien', password: 'mat-khau-thu-nghiem-2026' } });
    expect(login.statusCode).toBe(200);
    expect(login.json<{ rights: string[] }>().rights).toEqual(['read', 'write']);
  });
});
