/**
 * Walks every operation of the OpenAPI document as an outsider would: anonymous, with the token of
 * a user who has since been disabled, and as a viewer of one ward asking for another ward. Nothing
 * but the public surface may answer with data, and no caller may make the server fail (5xx). New
 * endpoints are walked as soon as they are registered: a route that forgets its guard fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import { openApiOperations, type ApiOperation as Operation } from '../testing/openapi-operations.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { seedObservationFixtures } from '../testing/observation-fixtures.ts';
import { createToken } from '../use-cases/tokens/create-token.ts';
import { createUser } from '../use-cases/users/create-user.ts';
import { disableUser } from '../use-cases/users/disable-user.ts';
import { buildServer } from './build-server.ts';
import type { App } from './route-module.ts';

/**
 * Operations anyone may call, by design: health, sign-in and its helpers, the public and open-data
 * pages, the API description. Everything else must refuse an anonymous caller.
 */
const PUBLIC = [
  /^GET \/api\/health$/,
  /^GET \/api\/v1\/public\//,
  // Universities, institutes and companies propose solutions to published problems without an account.
  /^POST \/api\/v1\/public\/problems\/\{code\}\/solutions$/,
  /^GET \/api\/v1\/open-data/,
  /^POST \/api\/v1\/auth\/(login|logout)$/,
  /^GET \/api\/v1\/auth\/(demo-accounts|csrf)$/,
  /^GET \/api\/v1\/openapi/,
  /^GET \/docs/,
  // Who is signed in: answers "nobody" to an anonymous caller.
  /^GET \/api\/v1\/auth\/me$/,
  // The administrative registry (names, kinds, parents of units) and the scoring frameworks (the
  // published method) are public facts, not data entered by anyone.
  /^GET \/api\/v1\/units$/,
  /^GET \/api\/v1\/scores\/frameworks$/,
  // Scores and rankings are published by the steering office (scores route); assessments are not.
  /^GET \/api\/v1\/scores/,
];

/** The live event stream never ends; its per-subscriber filtering has its own tests (realtime, events). */
const STREAMS = new Set(['/api/v1/events']);

// Two wards of the observation fixtures; ward B has a figure of its own that ward A must never see.
const WARD_A = 'P_VT';
const WARD_B = 'P_HK';
const WARD_B_TRACES = ['P_HK', 'Hoàn Kiếm', '4242.5', '4242,5', 'so-lieu-rieng-cua-phuong-b'];
// A classified indicator of the fixtures, with a figure of ward A.
const CLASSIFIED_TRACES = ['MAT_01', 'Chỉ số có yếu tố mật', '77.125', '77,125', 'so-lieu-mat-cua-phuong-a'];

describe(`access matrix over every OpenAPI operation on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let operations: Operation[];
  let disabledToken: string;
  let wardViewer: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await seedObservationFixtures(ctx);
    app = await buildServer(ctx);
    await app.ready();
    const admin = (await createToken(ctx, 'test', { unit: 'HN', role: 'system_admin' })).token;
    const stored = await app.inject({
      method: 'POST', url: '/api/v1/observations', headers: { authorization: `Bearer ${admin}` },
      payload: { source: 'kiem-thu', observations: [
        { indicator: 'DN_SO', unit: WARD_B, period: '2026-01', value: 4242.5, note: 'so-lieu-rieng-cua-phuong-b' },
        { indicator: 'MAT_01', unit: WARD_A, period: '2026', value: 77.125, note: 'so-lieu-mat-cua-phuong-a' },
      ] },
    });
    expect(stored.statusCode).toBe(200);
    operations = openApiOperations(app);
    // A city administrator's own token, made before the administrator was disabled.
    const gone = await createUser(ctx, 'test', { username: 'da.nghi', displayName: 'Người đã nghỉ', unit: 'HN', role: 'system_admin', password: 'mat-khau-dai-du-12' });
    disabledToken = (await createToken(ctx, 'user:da.nghi', { unit: 'HN', role: 'system_admin', createdBy: gone.id })).token;
    await disableUser(ctx, 'test', 'da.nghi');
    wardViewer = (await createToken(ctx, 'test', { unit: WARD_A, role: 'viewer' })).token;
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const urlOf = (op: Operation, query = '') => `${op.path.replace(/\{[^}]+\}/g, '1')}${query}`;
  const isPublic = (op: Operation) => PUBLIC.some((re) => re.test(`${op.method} ${op.path}`));
  const send = (op: Operation, headers: Record<string, string>, query = '') =>
    app.inject({ method: op.method as 'GET', url: urlOf(op, query), headers: { ...headers, ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { 'content-type': 'application/json' }) }, ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: '{}' }) });

  it('finds the operations to walk', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.some((op) => op.path === '/api/v1/evaluation')).toBe(true);
  });

  it('refuses an anonymous caller everywhere but the public surface, and never fails', async () => {
    const answered: string[] = [];
    for (const op of operations) {
      const res = await send(op, {});
      expect(res.statusCode, `${op.method} ${op.path}`).toBeLessThan(500);
      if (!isPublic(op) && res.statusCode < 400) answered.push(`${op.method} ${op.path} → ${res.statusCode}`);
    }
    expect(answered).toEqual([]);
  });

  it("refuses the token of a user who has been disabled, everywhere but the public surface", async () => {
    const answered: string[] = [];
    for (const op of operations.filter((o) => !isPublic(o))) {
      const res = await send(op, { authorization: `Bearer ${disabledToken}` });
      expect(res.statusCode, `${op.method} ${op.path}`).toBeLessThan(500);
      if (res.statusCode !== 401) answered.push(`${op.method} ${op.path} → ${res.statusCode}`);
    }
    expect(answered).toEqual([]);
  });

  it("shows a ward's viewer who names another ward nothing of it, on every read that takes a unit", async () => {
    // The figure is there for those allowed: the city's administrator reads it.
    const cityView = await app.inject({ method: 'GET', url: `/api/v1/observations?unit=${WARD_B}`, headers: { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'viewer' })).token}` } });
    expect(cityView.body).toContain('so-lieu-rieng-cua-phuong-b');
    const reads = operations.filter((op) => op.method === 'GET' && !isPublic(op) && !STREAMS.has(op.path) && op.queryParams.includes('unit') && !op.path.includes('{'));
    expect(reads.length).toBeGreaterThan(5);
    const answered: string[] = [];
    for (const op of reads) {
      const own = await send(op, { authorization: `Bearer ${wardViewer}` }, `?unit=${WARD_A}`);
      expect(own.statusCode, `${op.path} own ward`).toBeLessThan(500);
      const other = await send(op, { authorization: `Bearer ${wardViewer}` }, `?unit=${WARD_B}`);
      expect(other.statusCode, `${op.path} other ward`).toBeLessThan(500);
      // Refused, or answered with nothing of ward B (a list filtered to what the caller may read).
      const leaked = WARD_B_TRACES.filter((trace) => other.body.includes(trace));
      if (other.statusCode < 400 && leaked.length) answered.push(`${op.path} → ${other.statusCode} showing ${leaked.join(', ')}`);
    }
    expect(answered).toEqual([]);
  }, 240_000);

  it('shows a city viewer without the classified right nothing classified, on every read', async () => {
    const plain = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'viewer' })).token}` };
    const cleared = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'viewer', scopes: ['read', 'classified'] })).token}` };
    // The figure is there for those allowed to see it.
    expect((await app.inject({ method: 'GET', url: '/api/v1/observations?unit=P_VT', headers: cleared })).body).toContain('so-lieu-mat-cua-phuong-a');
    const rollup = await app.inject({ method: 'GET', url: `/api/v1/rollups?indicator=MAT_01&unit=${WARD_A}`, headers: cleared });
    expect([rollup.statusCode, rollup.body.includes('MAT_01')]).toEqual([200, true]);
    const reads = operations.filter((op) => op.method === 'GET' && !STREAMS.has(op.path) && !op.path.includes('{'));
    const answered: string[] = [];
    for (const op of reads) {
      const queries = [''];
      if (op.queryParams.includes('unit')) queries.push(`?unit=${WARD_A}`);
      // Asked by name: the classified indicator itself, alone and with its unit and period.
      if (op.queryParams.includes('indicator')) queries.push('?indicator=MAT_01', `?indicator=MAT_01&unit=${WARD_A}`, `?indicator=MAT_01&unit=${WARD_A}&period=2026`);
      for (const query of queries) {
        const res = await send(op, plain, query);
        expect(res.statusCode, `${op.path}${query}`).toBeLessThan(500);
        const leaked = CLASSIFIED_TRACES.filter((trace) => res.body.includes(trace));
        if (res.statusCode < 400 && leaked.length) answered.push(`${op.path}${query} → ${res.statusCode} showing ${leaked.join(', ')}`);
      }
    }
    expect(answered).toEqual([]);
  }, 240_000);

  it("answers a writer without the classified right about a classified code exactly as about one that does not exist (dry run included)", async () => {
    const reporter = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: WARD_A, role: 'reporter' })).token}` };
    const cleared = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: WARD_A, role: 'reporter', scopes: ['read', 'write', 'classified'] })).token}` };
    const attempt = (code: string, headers: Record<string, string>) => app.inject({
      method: 'POST', url: '/api/v1/observations?dryRun=true', headers,
      payload: { source: 'kiem-thu', observations: [{ indicator: code, unit: WARD_A, period: '2026', value: 50 }] },
    });
    const secret = await attempt('MAT_01', reporter);
    const nothing = await attempt('KHONG_CO_MA', reporter);
    expect([secret.statusCode, nothing.statusCode]).toEqual([422, 422]);
    expect(secret.body.replaceAll('MAT_01', 'X')).toBe(nothing.body.replaceAll('KHONG_CO_MA', 'X'));
    expect((await attempt('MAT_01', cleared)).statusCode).toBe(200);
  });
});
