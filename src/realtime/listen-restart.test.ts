import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect-database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildServer } from '../http/build-server.ts';
import type { App } from '../http/route-module.ts';
import { readTargetStatuses } from '../repositories/snapshots.repository.ts';
import { findPostgresBin, startPrivatePostgres, type PrivatePostgres } from '../testing/private-postgres.ts';
import { sseClient } from '../testing/sse-client.ts';
import { ingestObservations } from '../use-cases/observations/ingest-observations.ts';
import { createToken } from '../use-cases/tokens/create-token.ts';
import type { RealtimeStatus } from './realtime-engine.ts';

// A fault test on a PostgreSQL server of its own, whatever engine the suite runs on: it restarts it.
const bin = findPostgresBin();
const title = bin ? 'real time across a PostgreSQL restart' : 'real time across a PostgreSQL restart (skipped: no PostgreSQL binaries under /usr/lib/postgresql/*/bin)';

describe.skipIf(!bin)(title, () => {
  let pg: PrivatePostgres;
  let handle: DatabaseHandle;
  let ctx: AppContext;
  let app: App;
  let url = '';
  let token = '';

  const health = async () => (await fetch(`${url}/api/health`).then((r) => r.json())) as { status: string; realtime: RealtimeStatus };
  const write = (unit: string, period: string, value: number) =>
    ingestObservations(ctx, { actor: 'test', origin: 'system', principal: null }, { source: 'dvc', observations: [{ indicator: 'ONLINE', unit, period, value }] });
  const latestSeq = async () => Number((await ctx.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq);
  const targetCurrent = async () => {
    const target = await ctx.db.selectFrom('targets').select('id').where('code', '=', 'CT-B').executeTakeFirstOrThrow();
    return (await readTargetStatuses(ctx.db, [target.id]))[0]?.current;
  };

  beforeAll(async () => {
    const started = await startPrivatePostgres();
    if (!started) throw new Error('PostgreSQL binaries vanished');
    pg = started;
    // A slow, fixed re-listen (2–4 s after the loss) so that the writes below surely land while deaf.
    handle = await connectDatabase({ url: pg.url }, { listenBackoff: { baseMs: 4000, capMs: 4000 } });
    await migrateToLatest(handle.db);
    ctx = contextFor(handle, () => new Date('2026-12-20T00:00:00Z'));
    const city = await ctx.db.insertInto('units').values({ code: 'HN', name: 'Hà Nội', kind: 'city', parent_id: null }).returning('id').executeTakeFirstOrThrow();
    const ids: Record<string, number> = {};
    for (const code of ['P_A', 'P_B']) ids[code] = (await ctx.db.insertInto('units').values({ code, name: code, kind: 'commune', parent_id: city.id }).returning('id').executeTakeFirstOrThrow()).id;
    const ind = await ctx.db.insertInto('indicators').values({ code: 'ONLINE', name: 'Tỷ lệ hồ sơ trực tuyến', measure: '%', aggregation: 'mean' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('targets').values({
      code: 'CT-B', indicator_id: ind.id, text: 'Tỷ lệ hồ sơ trực tuyến ≥ 80%', op: '>=', value: 80, scope_unit_id: ids.P_B as number, due_on: '2026-12-31', start_on: '2026-01-01', baseline: 30,
    }).execute();
    token = (await createToken(ctx, 'dashboard', { unit: 'HN', role: 'viewer', scopes: [] })).token;
    app = await buildServer(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await pg?.close();
  });

  it('re-listens, applies every write made while deaf exactly once, resumes live events and reports the gap', async () => {
    const client = await sseClient(`${url}/api/v1/events`, token);
    const before = client.next((e) => e.type === 'target_status' && e.target === 'CT-B' && e.current === 50);
    await write('P_B', '2026-06', 50);
    await before;
    const seqBefore = await latestSeq();
    expect(await health()).toMatchObject({ realtime: { listener: 'listening', lastSequence: seqBefore, lastGap: null } });

    await pg.restart();
    const deaf = await health();
    expect(deaf.realtime.listener).toBe('reconnecting');
    expect(Date.parse(deaf.realtime.since)).toBeGreaterThan(0);

    // Two writes while no connection listens: their notifications are lost, the change log keeps them.
    const caughtUp = [
      client.next((e) => e.type === 'target_status' && e.target === 'CT-B' && e.current === 60),
      client.next((e) => e.type === 'observation' && e.unit === 'P_A' && e.period === '2026-07'),
    ];
    await write('P_B', '2026-07', 60);
    await write('P_A', '2026-07', 90);
    expect((await health()).realtime.listener).toBe('reconnecting');
    await Promise.all(caughtUp);

    let after = await health();
    for (let i = 0; i < 100 && !after.realtime.lastGap; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await health();
    }
    expect(after.realtime).toMatchObject({
      listener: 'listening',
      lastSequence: seqBefore + 2,
      lastGap: { fromSequence: seqBefore, toSequence: seqBefore + 2, batchesCaughtUp: 2, changesCaughtUp: 2 },
    });
    const gap = after.realtime.lastGap!;
    expect(Date.parse(gap.to) - Date.parse(gap.from)).toBe(gap.durationMs);
    expect(gap.durationMs).toBeGreaterThanOrEqual(1000);
    expect(Date.parse(after.realtime.since)).toBe(Date.parse(gap.to));

    // Live again: a write now arrives by notification, on the same SSE connection.
    const live = client.next((e) => e.type === 'target_status' && e.target === 'CT-B' && e.current === 85);
    await write('P_B', '2026-08', 85);
    expect(await live).toMatchObject({ status: 'met' });
    expect(await targetCurrent()).toBe(85);

    // Exactly once: each write was applied (one 'observation' event per application) a single time.
    await new Promise((r) => setTimeout(r, 500));
    const applications = client.seen.filter((e) => e.type === 'observation').map((e) => e.type === 'observation' && `${e.unit} ${e.period}`);
    expect(applications.sort()).toEqual(['P_A 2026-07', 'P_B 2026-06', 'P_B 2026-07', 'P_B 2026-08']);
    expect((await health()).realtime).toMatchObject({ listener: 'listening', lastSequence: seqBefore + 3, lastGap: gap });
    client.close();
  }, 120_000);
});
