import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { retryDelayMs } from '../domain/notifications/reminders.ts';
import { claimDueJobs, completeJob, enqueueJob, failJob, releaseJobs, type JobRow } from '../repositories/jobs.repository.ts';

/** Runs one job; throwing schedules a retry with exponential backoff (or fails it for good). */
export type JobHandler = (job: JobRow, ctx: AppContext) => Promise<void>;

/** A failure that retrying cannot fix (bad payload, unknown recipient). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** A job kind that runs every `everyMs`, slot by slot; each slot runs once across all instances. */
export interface RecurringJob {
  kind: string;
  everyMs: number;
}

/**
 * A job kind that runs once ever for a key, across all instances and restarts: as soon as a runner
 * that knows it starts (a refresh owed to an upgrade, keyed by what was upgraded).
 */
export interface OnceJob {
  kind: string;
  key: string;
}

export interface JobRunnerOptions {
  workerId?: string;
  pollMs?: number;
  leaseMs?: number;
  batchSize?: number;
  retryBaseMs?: number;
  recurring?: RecurringJob[];
  once?: OnceJob[];
  onError?: (error: unknown, job: JobRow | null) => void;
}

/**
 * Runs jobs from the PostgreSQL `jobs` table: claims due ones with FOR UPDATE SKIP LOCKED, runs their
 * handlers, retries failures with exponential backoff. Everything it knows is in the table, so a
 * restarted runner (or a second instance) picks up exactly where the last one stopped; a worker that
 * died mid-job loses its lease and the job runs again.
 *
 * @example
 * const runner = new JobRunner(ctx, { 'notification.deliver': deliver }, { recurring: [{ kind: 'reminders.scan', everyMs: 3_600_000 }] });
 * runner.start();
 * // … on shutdown:
 * await runner.stop();
 */
export class JobRunner {
  readonly workerId: string;
  private readonly options: Required<Omit<JobRunnerOptions, 'workerId' | 'onError'>> & Pick<JobRunnerOptions, 'onError'>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  private onceScheduled = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly handlers: Record<string, JobHandler>,
    options: JobRunnerOptions = {},
  ) {
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.options = {
      pollMs: options.pollMs ?? 5_000,
      leaseMs: options.leaseMs ?? 5 * 60_000,
      batchSize: options.batchSize ?? 20,
      retryBaseMs: options.retryBaseMs ?? 30_000,
      recurring: options.recurring ?? [],
      once: options.once ?? [],
      onError: options.onError,
    };
  }

  /** Enqueues the current and next slot of each recurring job (a no-op when they exist). */
  async scheduleRecurring(): Promise<void> {
    const now = this.ctx.now().getTime();
    for (const r of this.options.recurring) {
      const slot = Math.floor(now / r.everyMs) * r.everyMs;
      for (const at of [slot, slot + r.everyMs]) {
        await enqueueJob(this.ctx.db, { kind: r.kind, runAt: new Date(at), dedupeKey: `${r.kind}@${new Date(at).toISOString()}`, maxAttempts: 3 });
      }
    }
  }

  /** Enqueues each once-ever job, the first time this runner drains: its key never changes while it runs. */
  private async scheduleOnce(): Promise<void> {
    if (this.onceScheduled) return;
    for (const o of this.options.once) {
      await enqueueJob(this.ctx.db, { kind: o.kind, runAt: this.ctx.now(), dedupeKey: `${o.kind}#${o.key}`, maxAttempts: 3 });
    }
    this.onceScheduled = true;
  }

  /** Runs every job due now, batch after batch, and returns how many ran. */
  async runDue(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    await this.scheduleRecurring();
    await this.scheduleOnce();
    let ran = 0;
    for (;;) {
      if (this.stopped) return ran;
      const jobs = await claimDueJobs(this.ctx.db, {
        now: this.ctx.now(), workerId: this.workerId, limit: this.options.batchSize, leaseMs: this.options.leaseMs, kinds: Object.keys(this.handlers),
      });
      if (jobs.length === 0) return ran;
      for (const job of jobs) {
        await this.runOne(job);
        ran++;
      }
    }
  }

  private async runOne(job: JobRow): Promise<void> {
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new PermanentJobError(`no handler for ${job.kind}`);
      await handler(job, this.ctx);
      await completeJob(this.ctx.db, job.id, this.workerId, this.ctx.now());
    } catch (error) {
      this.options.onError?.(error, job);
      const message = error instanceof Error ? error.message : String(error);
      const retry = !(error instanceof PermanentJobError) && job.attempts < job.maxAttempts;
      const now = this.ctx.now();
      await failJob(this.ctx.db, job.id, this.workerId, message.slice(0, 2000), retry ? new Date(now.getTime() + retryDelayMs(job.attempts, this.options.retryBaseMs)) : null, now);
    }
  }

  /** Polls every `pollMs` until stopped. */
  start(): void {
    this.stopped = false;
    const tick = () => {
      this.runDue()
        .catch((error: unknown) => this.options.onError?.(error, null))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs);
        });
    };
    tick();
  }

  /** Stops polling, waits for the jobs in hand, and returns any claimed but unstarted ones to the queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running.catch(() => 0);
    await releaseJobs(this.ctx.db, this.workerId);
  }
}
