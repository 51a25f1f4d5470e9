/**
 * The overview is kept in memory, serialised with its ETag, until a change is heard (issue #13). What
 * keeping must never do: answer from before a write, or hand one caller's answer to a caller who may
 * read something else.
 */
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { changeClockFor } from '../../../realtime/change-clock.ts';
import { seedObservationFixtures } from '../../../testing/observation-fixtures.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { setClassification } from '../../../use-cases/classification/set-classification.ts';
import type { Overview } from '../../../use-cases/overview/get-overview.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

describe(`the kept overview, ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  const bearer: Record<'leader' | 'leaderClassified' | 'reporter', string> = {} as never;
  let secretId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await seedObservationFixtures(ctx);
    const units = new Map((await ctx.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
    const indicator = await ctx.db.selectFrom('indicators').select('id').where('code', '=', 'DVC_TT').executeTakeFirstOrThrow();
    const year = ctx.now().getUTCFullYear();
    const target = (code: string, unit: string) => ({
      code, indicator_id: indicator.id, text: `Tỷ lệ hồ sơ trực tuyến của ${unit} đạt 80%`, op: '>=' as const, value: 80,
      scope_unit_id: units.get(unit)!, due_on: `${year}-12-31`, start_on: `${year}-01-01`, baseline: 40,
    });
    await ctx.db.insertInto('targets').values([target('CT_VT', 'P_VT'), target('CT_HK', 'P_HK')]).execute();
    secretId = (await ctx.db.selectFrom('targets').select('id').where('code', '=', 'CT_VT').executeTakeFirstOrThrow()).id;
    bearer.leader = (await createToken(ctx, 'test', { unit: 'HN', role: 'viewer', scopes: [] })).token;
    bearer.leaderClassified = (await createToken(ctx, 'test', { unit: 'HN', role: 'viewer', scopes: ['read', 'classified'] })).token;
    bearer.reporter = (await createToken(ctx, 'test', { unit: 'P_HK', role: 'reporter', scopes: [] })).token;
    app = await buildServer(ctx);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const overview = (who: keyof typeof bearer, extra: Record<string, string> = {}, server: App = app) =>
    server.inject({ method: 'GET', url: '/api/v1/overview?unit=HN', headers: { authorization: `Bearer ${bearer[who]}`, ...extra } });

  it('is kept while nothing changes, and equals an answer computed afresh', async () => {
    // Changes are heard here, so the overview is kept without asking the database each time.
    expect(changeClockFor(database).version).not.toBeNull();
    const first = await overview('leader');
    const again = await overview('leader');
    expect(first.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(first.json<Overview>().targets.total).toBe(2);
    // A server that has kept nothing computes the same answer.
    const fresh = await buildServer(ctx);
    try {
      const computed = await overview('leader', {}, fresh);
      expect(computed.json()).toEqual(first.json());
      expect(computed.headers.etag).toBe(first.headers.etag);
    } finally {
      await fresh.close();
    }
    // The kept answer is served compressed as the client accepts, and 304 to a client holding it.
    const br = await overview('leader', { 'accept-encoding': 'gzip;q=0.5, br' });
    if (Buffer.byteLength(first.body) >= 1024) {
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(first.body);
    }
    expect(br.headers.etag).toBe(first.headers.etag);
    expect((await overview('leader', { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);
  });

  it('keeps through sign-ins, failed ones included: they change nothing kept', async () => {
    const clock = changeClockFor(database);
    const before = clock.version;
    const failed = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'khong_co_ai', password: 'sai-mat-khau-123' } });
    expect(failed.statusCode).toBe(401);
    // The failed sign-in is audited, yet the clock stays: a flood of them cannot empty the caches.
    expect(await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'login_failed').executeTakeFirst()).toBeDefined();
    expect(clock.version).toBe(before);
  });

  it('answers anew after a write: an observation through the API, then a classification', async () => {
    const before = await overview('leader');
    const o = before.json<Overview>();
    expect(o.targets.counts.no_data).toBe(2);
    const month = ctx.now().toISOString().slice(0, 7);
    const clock = changeClockFor(database);
    const version = clock.version;
    const written = await app.inject({
      method: 'POST', url: '/api/v1/observations', headers: { authorization: `Bearer ${bearer.reporter}` },
      payload: { source: 'dvc', observations: [{ indicator: 'DVC_TT', unit: 'P_HK', period: month, numerator: 45, denominator: 50 }] },
    });
    expect(written.statusCode, written.body).toBeLessThan(300);
    const after = await overview('leader', { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json<Overview>().targets.counts.no_data).toBe(1);
    // New figures change nothing about who may read what: what is kept on that (who a token stands
    // for) stays; a classification does not.
    expect(clock.version).toBe(version);

    await setClassification(ctx, 'test', { kind: 'target', id: secretId, ref: 'CT_VT', classified: true });
    const hidden = await overview('leader', { 'if-none-match': after.headers.etag as string });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json<Overview>().targets.total).toBe(1);
    expect(clock.version).not.toBe(version);
  });

  it('never hands one caller the answer kept for a caller who may read more or less', async () => {
    // CT_VT is classified (previous test): the leader without the right reads one target, with it two,
    // whichever asked first and however their requests interleave.
    const plain = await overview('leader');
    const granted = await overview('leaderClassified');
    expect(plain.json<Overview>().targets.total).toBe(1);
    expect(plain.body).not.toContain('"CT_VT"');
    expect(granted.json<Overview>().targets.total).toBe(2);
    expect(granted.headers.etag).not.toBe(plain.headers.etag);
    const together = await Promise.all([overview('leaderClassified'), overview('leader'), overview('leaderClassified'), overview('leader')]);
    expect(together.map((r) => r.json<Overview>().targets.total)).toEqual([2, 1, 2, 1]);
    // A client holding the other caller's ETag gets its own answer, not a 304.
    expect((await overview('leader', { 'if-none-match': granted.headers.etag as string })).statusCode).toBe(200);

    await setClassification(ctx, 'test', { kind: 'target', id: secretId, ref: 'CT_VT', classified: false });
    expect((await overview('leader')).json<Overview>().targets.total).toBe(2);
  });
});
