import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect-database.ts';
import { parseFramework } from '../domain/scoring/framework.ts';
import { buildServer } from '../http/build-server.ts';
import type { App } from '../http/route-module.ts';
import { readScoreSnapshots, readTargetStatuses } from '../repositories/snapshots.repository.ts';
import { sseClient } from '../testing/sse-client.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { ingestObservations } from '../use-cases/observations/ingest-observations.ts';
import { refreshScoreSnapshots } from '../use-cases/scores/refresh-score-snapshots.ts';
import { createToken } from '../use-cases/tokens/create-token.ts';

const framework = parseFramework({
  code: 'RT', version: '1', name: 'rt', unitKinds: ['commune'],
  groups: [{ id: 'cqs', name: 'Chính quyền số', criteria: [{ id: 'C1', name: 'online', rule: 'ratio', indicator: 'ONLINE', goal: 80, max: 10 }, { id: 'C2', name: 'council', rule: 'assessed', max: 5 }] }],
});

describe(`real-time re-evaluation (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  const servers: App[] = [];
  const handles: DatabaseHandle[] = [];
  const urls: string[] = [];
  let token = '';

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => new Date('2026-06-20T00:00:00Z'));
    const city = await ctx.db.insertInto('units').values({ code: 'HN', name: 'Hà Nội', kind: 'city', parent_id: null }).returning('id').executeTakeFirstOrThrow();
    const unitIds: Record<string, number> = {};
    for (const code of ['P_A', 'P_B']) {
      unitIds[code] = (await ctx.db.insertInto('units').values({ code, name: code, kind: 'commune', parent_id: city.id }).returning('id').executeTakeFirstOrThrow()).id;
    }
    const ind = await ctx.db.insertInto('indicators').values({ code: 'ONLINE', name: 'Tỷ lệ hồ sơ trực tuyến', measure: '%', aggregation: 'mean' }).returning('id').executeTakeFirstOrThrow();
    for (const [code, value] of [['P_A', 70], ['P_B', 40]] as const) {
      for (const month of ['2026-03', '2026-04', '2026-05']) {
        await ctx.db.insertInto('observations').values({
          indicator_id: ind.id, unit_id: unitIds[code] as number, period: month, period_start: `${month}-01`, period_end: `${month}-28`,
          version: 1, value, origin: 'system', source: 't', actor: 't',
        }).execute();
      }
    }
    await ctx.db.insertInto('targets').values({
      code: 'CT-B', indicator_id: ind.id, text: 'Tỷ lệ hồ sơ trực tuyến ≥ 80%', op: '>=', value: 80, scope_unit_id: unitIds.P_B as number, due_on: '2026-12-31', start_on: '2026-01-01', baseline: 30,
    }).execute();
    await refreshScoreSnapshots(ctx, framework, '2026');
    token = (await createToken(ctx, 'dashboard', { unit: 'HN', role: 'viewer', scopes: [] })).token;

    // Two server instances on one PostgreSQL, each with its own connections and LISTEN; PGlite is one process.
    handles.push(t);
    if (t.url) handles.push(await connectDatabase({ url: t.url }));
    for (const handle of handles) {
      const app = await buildServer(contextFor(handle, () => new Date('2026-06-20T00:00:00Z')));
      await app.listen({ port: 0, host: '127.0.0.1' });
      servers.push(app);
      urls.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    }
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const h of handles.slice(1)) await h.close();
    await t.close();
  });

  it('starts from the stored ranking: P_A first, P_B second, the target not on track', async () => {
    const stored = await readScoreSnapshots(ctx.db, { framework: 'RT', period: '2026' });
    expect(stored.map((s) => [s.unit, s.rank])).toEqual([['P_A', 1], ['P_B', 2]]);
  });

  it('pushes the new status, score and rank to every instance’s SSE clients and stores the snapshots', async () => {
    const clients = await Promise.all(urls.map((u) => sseClient(`${u}/api/v1/events`, token)));
    const waits = clients.map((c) =>
      Promise.all([
        c.next((e) => e.type === 'observation' && e.unit === 'P_B'),
        c.next((e) => e.type === 'target_status' && e.target === 'CT-B' && e.current === 95),
        c.next((e) => e.type === 'rank' && e.unit === 'P_B' && e.rank === 1),
        c.next((e) => e.type === 'rank' && e.unit === 'P_A' && e.rank === 2),
      ]),
    );
    await ingestObservations(ctx, { actor: 'test', origin: 'system', principal: null }, {
      source: 'dvc', observations: [{ indicator: 'ONLINE', unit: 'P_B', period: '2026-06', value: 95 }],
    });
    const received = await Promise.all(waits);
    expect(received).toHaveLength(testEngine === 'postgres' ? 2 : 1);
    const status = received[0]?.[1];
    expect(status).toMatchObject({ type: 'target_status', status: 'met', previous: null });
    for (const c of clients) c.close();

    // The events are sent after the snapshots are written, so they are readable now.
    const stored = await readScoreSnapshots(ctx.db, { framework: 'RT', period: '2026' });
    expect(stored.map((s) => [s.unit, s.rank, s.score])).toEqual([['P_B', 1, 10], ['P_A', 2, 8.75]]);
    const target = await ctx.db.selectFrom('targets').select('id').where('code', '=', 'CT-B').executeTakeFirstOrThrow();
    expect((await readTargetStatuses(ctx.db, [target.id]))[0]).toMatchObject({ status: 'met', current: 95 });
  });

  it('serves the ranking and a unit’s breakdown over HTTP', async () => {
    const ranking = await fetch(`${urls[0]}/api/v1/scores?framework=RT&period=2026&kind=commune`).then((r) => r.json() as Promise<{ ranking: { unit: string; rank: number; coverage: { withData: number; missing: number } }[] }>);
    expect(ranking.ranking.map((r) => [r.unit, r.rank])).toEqual([['P_B', 1], ['P_A', 2]]);
    // Coverage is read beside the score: the measured criterion is known, the assessed one not appraised yet.
    expect(ranking.ranking.map((r) => r.coverage)).toEqual([{ withData: 1, missing: 1 }, { withData: 1, missing: 1 }]);
    const unit = await fetch(`${urls[0]}/api/v1/scores/P_A?framework=RT&period=2026`).then((r) => r.json() as Promise<{ explain: { criterion: string; input: number }[] }>);
    expect(unit.explain[0]).toMatchObject({ criterion: 'C1', input: 70 });
    const missing = await fetch(`${urls[0]}/api/v1/scores/NOWHERE?framework=RT&period=2026`);
    expect(missing.status).toBe(404);
    const rollup = await fetch(`${urls[0]}/api/v1/rollups?indicator=ONLINE&unit=HN&from=2026-05&to=2026-06`, { headers: { authorization: `Bearer ${token}` } });
    expect(await rollup.json()).toMatchObject({ series: [{ period: '2026-05', value: 55 }, { period: '2026-06', value: 95 }] });
    const anonymous = await fetch(`${urls[0]}/api/v1/events`);
    expect(anonymous.status).toBe(401);
  });

  it('takes appraised points with evidence over HTTP and re-ranks live', async () => {
    const client = await sseClient(`${urls[0]}/api/v1/events?types=rank`, token);
    const moved = client.next((e) => e.type === 'rank' && e.unit === 'P_A' && e.rank === 1);
    const body = { framework: 'RT', criterion: 'C2', unit: 'P_A', period: '2026', kind: 'appraised', points: 5, evidence: 'bien-ban-01.pdf' };
    const viewer = await fetch(`${urls[0]}/api/v1/scores/assessments`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(viewer.status).toBe(403);
    const approver = (await createToken(ctx, 'council', { unit: 'HN', role: 'approver', scopes: [] })).token;
    const res = await fetch(`${urls[0]}/api/v1/scores/assessments`, { method: 'POST', headers: { authorization: `Bearer ${approver}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    expect(await moved).toMatchObject({ previous: 2 });
    client.close();
    const unit = await fetch(`${urls[0]}/api/v1/scores/P_A?framework=RT&period=2026`).then((r) => r.json() as Promise<{ score: number; rank: number }>);
    expect(unit).toMatchObject({ score: 13.75, rank: 1 });
  });
});
