import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import { claimDueJobs, enqueueJob, listJobs } from '../repositories/jobs.repository.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { JobRunner, PermanentJobError } from './job-runner.ts';

describe(`job runner on PostgreSQL tables (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let clock = new Date('2026-03-01T00:00:00Z');
  let ctx: AppContext;
  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => clock);
  });
  afterAll(async () => {
    await t.close();
  });

  it('enqueues a dedupe key once, ever — also after the job ran', async () => {
    const ran: number[] = [];
    const runner = new JobRunner(ctx, { 'test.once': (job) => Promise.resolve(void ran.push(job.id)) }, { workerId: 'a' });
    const first = await enqueueJob(t.db, { kind: 'test.once', runAt: clock, dedupeKey: 'k1' });
    expect(first).not.toBeNull();
    expect(await enqueueJob(t.db, { kind: 'test.once', runAt: clock, dedupeKey: 'k1' })).toBeNull();
    expect(await runner.runDue()).toBe(1);
    expect(await enqueueJob(t.db, { kind: 'test.once', runAt: clock, dedupeKey: 'k1' })).toBeNull();
    expect(await runner.runDue()).toBe(0);
    expect(ran).toEqual([first]);
  });

  it('runs a job only when due, retries with exponential backoff, fails for good after max attempts', async () => {
    let calls = 0;
    const runner = new JobRunner(ctx, {
      'test.flaky': () => {
        calls++;
        return Promise.reject(new Error(`boom ${calls}`));
      },
    }, { workerId: 'b', retryBaseMs: 1000 });
    await enqueueJob(t.db, { kind: 'test.flaky', runAt: new Date(clock.getTime() + 5000), maxAttempts: 3 });
    expect(await runner.runDue()).toBe(0);
    clock = new Date(clock.getTime() + 5000);
    expect(await runner.runDue()).toBe(1);
    let [job] = await listJobs(t.db, { kind: 'test.flaky' });
    expect(job).toMatchObject({ state: 'queued', attempts: 1, lastError: 'boom 1' });
    expect(job?.runAt.getTime()).toBe(clock.getTime() + 1000);
    clock = new Date(clock.getTime() + 1000);
    await runner.runDue();
    [job] = await listJobs(t.db, { kind: 'test.flaky' });
    expect(job?.runAt.getTime()).toBe(clock.getTime() + 2000);
    clock = new Date(clock.getTime() + 2000);
    await runner.runDue();
    [job] = await listJobs(t.db, { kind: 'test.flaky' });
    expect(job).toMatchObject({ state: 'failed', attempts: 3, lastError: 'boom 3' });
  });

  it('does not retry a permanent failure', async () => {
    const runner = new JobRunner(ctx, { 'test.bad': () => Promise.reject(new PermanentJobError('bad payload')) }, { workerId: 'c' });
    await enqueueJob(t.db, { kind: 'test.bad', runAt: clock });
    await runner.runDue();
    expect((await listJobs(t.db, { kind: 'test.bad' }))[0]).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it("takes over a dead worker's job once its lease has run out, and never hands one job to two workers", async () => {
    await enqueueJob(t.db, { kind: 'test.lease', runAt: clock });
    const claimed = await claimDueJobs(t.db, { now: clock, workerId: 'dead', limit: 10, leaseMs: 60_000, kinds: ['test.lease'] });
    expect(claimed).toHaveLength(1);
    expect(await claimDueJobs(t.db, { now: clock, workerId: 'other', limit: 10, leaseMs: 60_000, kinds: ['test.lease'] })).toHaveLength(0);
    clock = new Date(clock.getTime() + 61_000);
    const done: string[] = [];
    const runner = new JobRunner(ctx, { 'test.lease': () => Promise.resolve(void done.push('ran')) }, { workerId: 'd' });
    expect(await runner.runDue()).toBe(1);
    expect(done).toEqual(['ran']);
    expect((await listJobs(t.db, { kind: 'test.lease' }))[0]).toMatchObject({ state: 'done', attempts: 2 });

    for (let i = 0; i < 20; i++) await enqueueJob(t.db, { kind: 'test.many', runAt: clock });
    const [a, b] = await Promise.all([
      claimDueJobs(t.db, { now: clock, workerId: 'x', limit: 15, leaseMs: 60_000, kinds: ['test.many'] }),
      claimDueJobs(t.db, { now: clock, workerId: 'y', limit: 15, leaseMs: 60_000, kinds: ['test.many'] }),
    ]);
    const ids = [...a, ...b].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(20);
  });

  it('schedules recurring jobs slot by slot, surviving a restart without running a slot twice', async () => {
    clock = new Date('2026-03-02T10:30:00Z');
    let runs = 0;
    const handlers = { 'test.tick': () => Promise.resolve(void runs++) };
    const first = new JobRunner(ctx, handlers, { workerId: 'r1', recurring: [{ kind: 'test.tick', everyMs: 3_600_000 }] });
    await first.runDue();
    expect(runs).toBe(1);
    await first.stop();
    const second = new JobRunner(ctx, handlers, { workerId: 'r2', recurring: [{ kind: 'test.tick', everyMs: 3_600_000 }] });
    await second.runDue();
    expect(runs).toBe(1);
    clock = new Date('2026-03-02T11:00:00Z');
    await second.runDue();
    expect(runs).toBe(2);
    await second.stop();
  });

  it('runs a once-ever job once per key, whatever the restarts, and again for a new key', async () => {
    let runs = 0;
    const handlers = { 'test.upgrade': () => Promise.resolve(void runs++) };
    const runner = (key: string, id: string) => new JobRunner(ctx, handlers, { workerId: id, once: [{ kind: 'test.upgrade', key }] });
    const first = runner('rev-1', 'o1');
    await first.runDue();
    await first.runDue();
    await first.stop();
    expect(runs).toBe(1);
    const restarted = runner('rev-1', 'o2');
    await restarted.runDue();
    await restarted.stop();
    expect(runs).toBe(1);
    const upgraded = runner('rev-2', 'o3');
    await upgraded.runDue();
    await upgraded.stop();
    expect(runs).toBe(2);
  });
});
