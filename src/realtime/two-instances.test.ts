/**
 * Two API instances on one PostgreSQL, as deploy/compose.yaml runs them: each job runs once, on
 * whichever instance claims it, and a browser connected to one instance hears what was written
 * through the other. PGlite is one process with its database: there is no second instance to test.
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor } from '../app-context.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect-database.ts';
import { buildServer } from '../http/build-server.ts';
import type { App } from '../http/route-module.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import { STATE_CHANNEL } from './change-clock.ts';
import { enqueueJob } from '../repositories/jobs.repository.ts';
import { seedObservationFixtures } from '../testing/observation-fixtures.ts';
import { sseClient } from '../testing/sse-client.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { createToken } from '../use-cases/tokens/create-token.ts';

if (testEngine !== 'postgres') console.info('two-instances.test.ts: skipped on PGlite (one process owns the database); run with DATABASE_URL');

describe.skipIf(testEngine !== 'postgres')('two instances on one PostgreSQL', () => {
  let first: Awaited<ReturnType<typeof createTestDatabase>>;
  let second: DatabaseHandle;
  const apps: App[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    first = await createTestDatabase();
    second = await connectDatabase({ url: first.url! });
    await seedObservationFixtures(contextFor(first));
    for (const handle of [first, second]) {
      const app = await buildServer(contextFor(handle));
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(app);
      urls.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await second.close();
    await first.close();
  });

  it('runs each queued job exactly once although both instances poll the queue at the same time', async () => {
    const ran: { job: number; instance: string }[] = [];
    const runners = [first, second].map((handle, i) =>
      new JobRunner(contextFor(handle), {
        'test.count': async (job) => {
          ran.push({ job: job.id, instance: `instance-${i}` });
          // A job that takes a moment, so the other instance polls while this one holds it.
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      }, { batchSize: 3 }));
    const queued: number[] = [];
    for (let n = 0; n < 24; n++) queued.push((await enqueueJob(first.db, { kind: 'test.count', runAt: new Date(Date.now() - 1000), payload: { n } }))!);

    const counts = await Promise.all(runners.map((r) => r.runDue()));

    expect(counts[0]! + counts[1]!).toBe(24);
    expect(ran.map((r) => r.job).sort((a, b) => a - b)).toEqual([...queued].sort((a, b) => a - b));
    const states = await first.db.selectFrom('jobs').select(['state']).where('id', 'in', queued).execute();
    expect(states.every((s) => s.state === 'done')).toBe(true);
  });

  it('who a token stands for, kept by an instance, is forgotten when another process announces a change', async () => {
    const ctx = contextFor(first);
    const viewer = await createToken(ctx, 'test', { unit: 'HN', role: 'viewer', scopes: [] });
    const me = () => fetch(`${urls[1]}/api/v1/auth/me`, { headers: { authorization: `Bearer ${viewer.token}` } });
    expect((await me()).status).toBe(200);
    // Revoked by another process (no local write here to move this process's clock): only the
    // announcement at its commit, heard through LISTEN, can tell the instance.
    const other = new pg.Client({ connectionString: first.url! });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('update api_tokens set revoked_at = now() where id = $1', [viewer.id]);
      await other.query(`select pg_notify('${STATE_CHANNEL}', 'revoked elsewhere')`);
      await other.query('commit');
    } finally {
      await other.end();
    }
    await expect.poll(async () => (await me()).status, { timeout: 3000, interval: 50 }).toBe(401);
  });

  it('a live-events client on instance B hears an observation written through instance A', async () => {
    const ctx = contextFor(first);
    const viewer = (await createToken(ctx, 'test', { unit: 'HN', role: 'viewer', scopes: [] })).token;
    const reporter = (await createToken(ctx, 'test', { unit: 'P_VT', role: 'reporter', scopes: [] })).token;
    const onB = await sseClient(`${urls[1]}/api/v1/events`, viewer);
    try {
      const heard = onB.next((e) => e.type === 'observation' && e.unit === 'P_VT');
      const written = await fetch(`${urls[0]}/api/v1/observations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${reporter}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source: 'dvc', observations: [{ indicator: 'DVC_TT', unit: 'P_VT', period: '2026-03', numerator: 41, denominator: 50 }] }),
      });
      expect(written.status, await written.clone().text()).toBeLessThan(300);
      const event = await heard;
      expect(event).toMatchObject({ type: 'observation', unit: 'P_VT' });
    } finally {
      onB.close();
    }
  });
});
