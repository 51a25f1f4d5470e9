import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import { loadBuiltInRegistry } from '../registry/hanoi.ts';
import { upsertRegistryUnits } from '../repositories/units.repository.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { createToken } from '../use-cases/tokens/create-token.ts';
import { buildServer } from './build-server.ts';
import type { App } from './route-module.ts';
import { jsonDepth, nulPath } from './untrusted-body.ts';

describe('untrusted bodies, pure parts', () => {
  it('measures JSON depth without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonDepth('"{{{"')).toBe(0);
    expect(jsonDepth(String.raw`["\"["]`)).toBe(1);
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
      const depthOf = (x: unknown): number => (x !== null && typeof x === 'object' ? 1 + Math.max(0, ...Object.values(x).map(depthOf)) : 0);
      expect(jsonDepth(JSON.stringify(v))).toBe(depthOf(v));
    }), { seed: 11, numRuns: 300 });
  });

  it('finds the path of a NUL anywhere in a body', () => {
    expect(nulPath({ observations: [{ note: 'ok' }, { note: 'a\u0000b' }] }, 'body')).toBe('body.observations.1.note');
    expect(nulPath({ a: 'x', b: [1, null, true] }, 'body')).toBeNull();
  });
});

describe(`untrusted bodies against the real server on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let admin: Record<string, string>;
  const observationCount = async () => Number((await ctx.db.selectFrom('observations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await ctx.db.transaction().execute((trx) => upsertRegistryUnits(trx, loadBuiltInRegistry()));
    admin = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'system_admin' })).token}` };
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('refuses a NUL byte in any text field with 422 naming the field, and stores nothing', async () => {
    const before = await observationCount();
    const res = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: admin, payload: { source: 'x', observations: [{ indicator: 'X', unit: 'HN', period: '2026-01', value: 1, note: 'ghi\u0000chú' }] } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ errors: [{ field: 'observations.0.note' }] });
    expect(await observationCount()).toBe(before);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a\u0000', password: 'x' } });
    expect(login.statusCode).toBe(422);
    expect(login.json()).toMatchObject({ errors: [{ field: 'username' }] });
    const query = await app.inject({ method: 'GET', url: '/api/v1/units?q=a%00b' });
    expect(query.statusCode).toBe(422);
    expect(query.json()).toMatchObject({ errors: [{ field: 'query.q' }] });
  });

  it('refuses JSON nested 100,000 deep early with a 400, signed in or not', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const headers of [{}, admin]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: { ...headers, 'content-type': 'application/json' }, payload: deep });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('MAX_JSON_DEPTH');
    }
  });

  it('refuses invalid UTF-8 in JSON and CSV bodies instead of replacing it', async () => {
    const bad = Buffer.concat([Buffer.from('{"source":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","observations":[]}')]);
    const json = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: { ...admin, 'content-type': 'application/json' }, payload: bad });
    expect(json.statusCode).toBe(400);
    expect(json.body).toContain('UTF-8');
    const csv = Buffer.concat([Buffer.from('indicator,unit,period,value\nX,HN,2026-01,'), Buffer.from([0xff]), Buffer.from('\n')]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/observations?source=t', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('UTF-8');
  });

  it('answers any JSON body on every write endpoint with something other than a 5xx (fuzz)', async () => {
    const openapi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const writes = Object.entries(openapi.paths).flatMap(([path, methods]) =>
      Object.keys(methods).filter((m) => ['post', 'put', 'patch'].includes(m)).map((m) => ({ method: m.toUpperCase() as 'POST', url: path.replace(/\{[^}]+\}/g, 'X1') })),
    );
    expect(writes.length).toBeGreaterThan(20);
    const before = await observationCount();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue({ maxDepth: 4 }), async (endpoint, body) => {
        const res = await app.inject({ ...endpoint, headers: { ...admin, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        expect(res.statusCode, `${endpoint.method} ${endpoint.url} ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(500);
      }),
      { seed: 57, numRuns: 300 },
    );
    expect(await observationCount()).toBe(before);
  });
});
