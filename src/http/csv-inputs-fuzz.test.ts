/**
 * The CSV inputs (observation batches, target imports) against the real server with random and
 * almost-right files: always a 4xx or a 2xx, never a 5xx, and a refused file stores nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { seedObservationFixtures } from '../testing/observation-fixtures.ts';
import { createToken } from '../use-cases/tokens/create-token.ts';
import { buildServer } from './build-server.ts';
import type { App } from './route-module.ts';

const cell = fc.oneof(
  fc.constantFrom('DVC_TT', 'DN_SO', 'P_VT', 'P_HK', 'HN', '2026-01', '2026-Q1', '80', '95,5', '-1', '1e309', '', '"', '=1+1', 'ghi chú', '>=', '31/12/2026', '*commune'),
  fc.string({ maxLength: 12 }),
);
const csv = (header: string) =>
  fc.array(fc.array(cell, { minLength: 1, maxLength: 9 }), { maxLength: 6 }).map((rows) => [header, ...rows.map((r) => r.join(','))].join('\n'));

describe(`CSV inputs on ${testEngine}: random and almost-right files`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let admin: Record<string, string>;
  const count = async (table: 'observations' | 'targets') => Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await seedObservationFixtures(ctx);
    admin = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'system_admin' })).token}` };
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('observation batches: never a 5xx; a refused batch stores nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(csv('indicator,unit,period,value,note'), fc.string({ maxLength: 300 })), async (body) => {
      const before = await count('observations');
      const res = await app.inject({ method: 'POST', url: '/api/v1/observations?source=fuzz', headers: { ...admin, 'content-type': 'text/csv' }, payload: body });
      expect(res.statusCode, body).toBeLessThan(500);
      if (res.statusCode >= 400) expect(await count('observations')).toBe(before);
    }), { seed: 71, numRuns: 80 });
  }, 240_000);

  it('target imports: never a 5xx; a refused file stores nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(csv('code,indicator,unit,op,value,due,start,baseline'), fc.string({ maxLength: 300 })), async (body) => {
      const before = await count('targets');
      const res = await app.inject({ method: 'POST', url: '/api/v1/targets/import', headers: { ...admin, 'content-type': 'text/csv' }, payload: body });
      expect(res.statusCode, body).toBeLessThan(500);
      if (res.statusCode >= 400) expect(await count('targets')).toBe(before);
    }), { seed: 72, numRuns: 80 });
  }, 240_000);
});
