import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { JobState } from '../db/tables/notifications.ts';

type Db = Kysely<Database>;

export interface JobRow {
  id: number;
  kind: string;
  payload: unknown;
  dedupeKey: string | null;
  state: JobState;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
}

export interface NewJob {
  kind: string;
  payload?: unknown;
  runAt: Date;
  /** A job with the same key is never enqueued again, even after it ran. */
  dedupeKey?: string | null;
  maxAttempts?: number;
}

/** Enqueues a job; returns its id, or null when a job with the same dedupe key already exists. */
export async function enqueueJob(db: Db, job: NewJob): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt,
      dedupe_key: job.dedupeKey ?? null,
      ...(job.maxAttempts !== undefined ? { max_attempts: job.maxAttempts } : {}),
      locked_by: null,
      locked_until: null,
      last_error: null,
      finished_at: null,
    })
    .onConflict((c) => c.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Claims up to `limit` due jobs for one worker: queued jobs whose time has come, and running jobs
 * whose worker's lease ran out (it died). SKIP LOCKED lets several workers claim side by side
 * without waiting on or taking each other's rows.
 */
export async function claimDueJobs(db: Db, opts: { now: Date; workerId: string; limit: number; leaseMs: number; kinds?: readonly string[] }): Promise<JobRow[]> {
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
  const kinds = opts.kinds && opts.kinds.length ? sql`and kind = any(${[...opts.kinds]})` : sql``;
  const result = await sql<{
    id: number; kind: string; payload: unknown; dedupe_key: string | null; state: JobState; run_at: Date; attempts: number; max_attempts: number; last_error: string | null;
  }>`
    update jobs set state = 'running', locked_by = ${opts.workerId}, locked_until = ${leaseUntil}, attempts = attempts + 1
    where id in (
      select id from jobs
      where ((state = 'queued' and run_at <= ${opts.now}) or (state = 'running' and locked_until < ${opts.now})) ${kinds}
      order by run_at, id
      limit ${opts.limit}
      for update skip locked
    )
    returning id, kind, payload, dedupe_key, state, run_at, attempts, max_attempts, last_error`.execute(db);
  return result.rows
    .map((r) => ({
      id: Number(r.id), kind: r.kind, payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload, dedupeKey: r.dedupe_key,
      state: r.state, runAt: r.run_at, attempts: r.attempts, maxAttempts: r.max_attempts, lastError: r.last_error,
    }))
    .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
}

export async function completeJob(db: Db, id: number, workerId: string, at: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: 'done', finished_at: at, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Records a failure: back to the queue at `retryAt`, or failed for good when that is null. */
export async function failJob(db: Db, id: number, workerId: string, error: string, retryAt: Date | null, at: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { state: 'queued', run_at: retryAt, last_error: error, locked_by: null, locked_until: null }
        : { state: 'failed', finished_at: at, last_error: error, locked_by: null, locked_until: null },
    )
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Puts a worker's unfinished jobs back in the queue, when it stops cleanly. */
export async function releaseJobs(db: Db, workerId: string): Promise<void> {
  await db.updateTable('jobs').set({ state: 'queued', locked_by: null, locked_until: null }).where('state', '=', 'running').where('locked_by', '=', workerId).execute();
}

export async function listJobs(db: Db, filter: { kind?: string; state?: JobState } = {}): Promise<JobRow[]> {
  let q = db.selectFrom('jobs').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.state) q = q.where('state', '=', filter.state);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload, dedupeKey: r.dedupe_key,
    state: r.state, runAt: r.run_at, attempts: r.attempts, maxAttempts: r.max_attempts, lastError: r.last_error,
  }));
}
