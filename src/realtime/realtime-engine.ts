import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../app-context.ts';
import type { DatabaseHandle } from '../db/connect-database.ts';
import { AppliedSequences } from '../domain/realtime/applied-sequences.ts';
import { backoffDelay, LISTEN_BACKOFF } from '../domain/realtime/backoff.ts';
import { pruneChangeLog, readChangesAfter, readLatestChangeSeq } from '../repositories/change-log.repository.ts';
import { applyChanges, type AppliedChanges } from '../use-cases/realtime/apply-changes.ts';
import {
  changeMessageFromLog,
  CHANGE_CHANNEL,
  LIVE_EVENT_CHANNEL,
  parseChangeMessage,
  parseLiveEventMessage,
  publishLiveEvents,
  type AssessmentChange,
  type ChangeMessage,
  type ObservationChange,
} from './change-feed.ts';
import { eventBusFor, type EventBus, type LiveEvent } from './event-bus.ts';

/** A time the listener could not hear changes, and what it caught up on after listening again. */
export interface ListenGap {
  /** When the connection was lost, and when LISTEN was in effect again (ISO). */
  from: string;
  to: string;
  durationMs: number;
  /** The highest change number applied when the connection was lost, and after the catch-up. */
  fromSequence: number;
  toSequence: number;
  /** Logged batches applied by the catch-up, and the changed cells they held. */
  batchesCaughtUp: number;
  changesCaughtUp: number;
}

/** What GET /api/health reports about real time. */
export interface RealtimeStatus {
  /** 'listening' when both channels are heard; 'reconnecting' while either connection is being re-opened. */
  listener: 'listening' | 'reconnecting' | 'stopped';
  /** When the listener entered that state (ISO). */
  since: string;
  /** The highest change-log number applied by this process; null when none since it started. */
  lastSequence: number | null;
  lastGap: ListenGap | null;
}

export interface RealtimeEngine {
  bus: EventBus;
  /** Resolves once every notification received so far has been applied. */
  idle(): Promise<void>;
  status(): RealtimeStatus;
  stop(): Promise<void>;
}

interface Logger {
  error(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

/** Change-log rows older than this are deleted: a listener deaf for longer cannot catch up on them. */
export const CHANGE_LOG_RETENTION_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;
const CATCH_UP_PAGE = 500;

const engines = new WeakMap<DatabaseHandle, RealtimeEngine>();

/** The engine running on an open database, for the health route; undefined when none was started. */
export function realtimeEngineFor(database: DatabaseHandle): RealtimeEngine | undefined {
  return engines.get(database);
}

/**
 * Listens on the change channel and applies each batch of changes: re-evaluates the targets, scores
 * and ranks they touch and stores the snapshots. Every server instance runs one (each hears the same
 * NOTIFY). The live events a pass produces are announced on LIVE_EVENT_CHANNEL, and every instance
 * relays what it hears there to its own dashboards: the instance that stored a change first is the one
 * that sees it as a change, so relaying is what makes all instances' dashboards agree. Notifications
 * that arrive while a batch is being applied are merged into the next batch, so a burst of writes
 * costs one pass.
 *
 * Every batch is numbered in the change log. When the LISTEN connection is lost (a PostgreSQL
 * restart) it is re-opened with backoff; once listening again the engine reads the log above the last
 * number it applied and applies what it missed. Each number is applied once: a batch that arrives
 * both by the catch-up and by its notification is skipped the second time. The gap is kept for
 * /api/health.
 *
 * @example
 * const engine = await startRealtimeEngine(ctx, app.log);
 * app.addHook('onClose', () => engine.stop());
 */
export async function startRealtimeEngine(ctx: AppContext, log?: Logger): Promise<RealtimeEngine> {
  const bus = eventBusFor(ctx.database);
  let pendingObservations = new Map<string, ObservationChange>();
  let pendingAssessments = new Map<string, AssessmentChange>();
  let pendingSeqs: number[] = [];
  let running: Promise<void> | null = null;
  let stopped = false;
  let lastSequence: number | null = null;
  let lastGap: ListenGap | null = null;
  // Operational times (when a connection dropped) are wall-clock times, not the domain clock
  // `ctx.now` that tests and the simulator move.
  let since = new Date();
  const down = new Set<string>();
  let applied: AppliedSequences | null = null;
  let catchingUp: Promise<void> | null = null;
  const stopping = new AbortController();

  const drain = async (): Promise<void> => {
    while (!stopped && (pendingObservations.size || pendingAssessments.size || pendingSeqs.length)) {
      const observations = [...pendingObservations.values()];
      const assessments = [...pendingAssessments.values()];
      const seqs = pendingSeqs;
      pendingObservations = new Map();
      pendingAssessments = new Map();
      pendingSeqs = [];
      // A transient failure (a serialisation conflict with another instance) is retried once; after
      // that the next change recomputes from the stored data, and the batch's numbers are given back
      // so the catch-up after a lost connection (the usual cause) redoes it. One failure must not stop
      // the listener.
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          const events: LiveEvent[] = [];
          const result: AppliedChanges = await applyChanges(ctx, { observations, assessments }, (e) => events.push(e));
          // After the snapshots are stored, so a dashboard that re-reads on an event sees the new state.
          await publishLiveEvents(ctx.db, events);
          if (seqs.length) lastSequence = Math.max(lastSequence ?? 0, ...seqs);
          log?.debug?.({ applied: result, observations: observations.length, events: events.length }, 'realtime: changes applied');
          break;
        } catch (err) {
          log?.error({ err, attempt }, 'realtime: applying changes failed');
          if (attempt === 2) for (const seq of seqs) applied?.release(seq);
        }
      }
    }
  };
  const kick = () => {
    running ??= drain().finally(() => {
      running = null;
      if (!stopped && (pendingObservations.size || pendingAssessments.size || pendingSeqs.length)) kick();
    });
  };

  /** Queues a batch unless its number was already taken; true when queued. */
  const enqueue = (message: ChangeMessage): boolean => {
    if (stopped) return false;
    if (message.seq !== undefined) {
      // Before the first read of the log (start-up) nothing can have been caught up yet.
      if (applied && !applied.claim(message.seq)) return false;
      pendingSeqs.push(message.seq);
    }
    if (message.kind === 'observations') for (const c of message.changes) pendingObservations.set(`${c.indicator}|${c.unit}|${c.period}`, c);
    else for (const c of message.changes) pendingAssessments.set(`${c.framework}|${c.unit}|${c.period}`, c);
    kick();
    return true;
  };

  // The change channel's gap, caught up once every channel listens again: the catch-up's live events
  // go out on LIVE_EVENT_CHANNEL, which this process must hear to pass them to its own dashboards.
  let changeGap: { at: Date; fromSequence: number } | null = null;
  const lost = (channel: string) => (error: Error | null) => {
    if (stopped) return;
    const at = new Date();
    if (down.size === 0) since = at;
    down.add(channel);
    if (channel === CHANGE_CHANNEL) changeGap ??= { at, fromSequence: applied?.highest ?? 0 };
    log?.error({ err: error, channel }, 'realtime: listening connection lost; reconnecting');
  };
  const retryFailed = (channel: string) => (attempt: number, delayMs: number, error: unknown) => {
    log?.warn?.({ err: error, channel, attempt, delayMs }, 'realtime: listening again failed; retrying');
  };
  const relistened = (channel: string) => () => {
    down.delete(channel);
    log?.info?.({ channel }, 'realtime: listening again');
    if (down.size > 0 || stopped) return;
    const to = new Date();
    since = to;
    const gap = changeGap;
    changeGap = null;
    if (!gap) return;
    // Two losses in a row catch up one after the other, each reporting its own gap.
    const current: Promise<void> = (catchingUp ?? Promise.resolve()).then(() => catchUp(gap, to)).finally(() => {
      if (catchingUp === current) catchingUp = null;
    });
    catchingUp = current;
  };

  /** Applies every logged batch this process has not taken, then records the gap. */
  const catchUp = async (gap: { at: Date; fromSequence: number }, to: Date): Promise<void> => {
    let batches = 0;
    let changes = 0;
    for (let attempt = 1; !stopped; attempt++) {
      try {
        let after = applied?.catchUpAfter() ?? 0;
        for (;;) {
          const rows = await readChangesAfter(ctx.db, after, CATCH_UP_PAGE);
          for (const row of rows) {
            const message = changeMessageFromLog(row);
            if (message && enqueue(message)) {
              batches++;
              changes += message.changes.length;
            }
          }
          if (rows.length < CATCH_UP_PAGE) break;
          after = rows[rows.length - 1]?.seq ?? after;
        }
        break;
      } catch (err) {
        // The pool may still hold connections from before the restart; the next attempt gets fresh ones.
        const delayMs = backoffDelay(attempt, LISTEN_BACKOFF);
        log?.warn?.({ err, attempt, delayMs }, 'realtime: catching up failed; retrying');
        await sleep(delayMs, undefined, { signal: stopping.signal, ref: false }).catch(() => undefined);
      }
    }
    while (running) await running;
    if (stopped) return;
    lastGap = {
      from: gap.at.toISOString(),
      to: to.toISOString(),
      durationMs: to.getTime() - gap.at.getTime(),
      fromSequence: gap.fromSequence,
      toSequence: applied?.highest ?? gap.fromSequence,
      batchesCaughtUp: batches,
      changesCaughtUp: changes,
    };
    log?.info?.({ gap: lastGap }, 'realtime: caught up after a listening gap');
  };

  const unlistenEvents = await ctx.database.listen(
    LIVE_EVENT_CHANNEL,
    (payload) => {
      if (stopped) return;
      for (const event of parseLiveEventMessage(payload)) bus.publish(event);
    },
    { onLost: lost(LIVE_EVENT_CHANNEL), onRetryFailed: retryFailed(LIVE_EVENT_CHANNEL), onRelisten: relistened(LIVE_EVENT_CHANNEL) },
  );
  const early: ChangeMessage[] = [];
  const unlisten = await ctx.database.listen(
    CHANGE_CHANNEL,
    (payload) => {
      const message = parseChangeMessage(payload);
      if (!message || stopped) return;
      if (!applied) early.push(message);
      else enqueue(message);
    },
    { onLost: lost(CHANGE_CHANNEL), onRetryFailed: retryFailed(CHANGE_CHANNEL), onRelisten: relistened(CHANGE_CHANNEL) },
  );
  // Read after LISTEN is in effect: a batch committed in between is both below this number and
  // notified, and the notification applies it. Batches committed before are not ours to re-apply.
  applied = new AppliedSequences(await readLatestChangeSeq(ctx.db));
  for (const message of early.splice(0)) enqueue(message);

  const prune = () =>
    pruneChangeLog(ctx.db, new Date(Date.now() - CHANGE_LOG_RETENTION_MS)).catch((err: unknown) => log?.warn?.({ err }, 'realtime: pruning the change log failed'));
  await prune();
  const pruneTimer = setInterval(() => void prune(), PRUNE_EVERY_MS);
  pruneTimer.unref();

  const engine: RealtimeEngine = {
    bus,
    async idle() {
      while (running || catchingUp) await (catchingUp ?? running);
    },
    status() {
      return {
        listener: stopped ? 'stopped' : down.size ? 'reconnecting' : 'listening',
        since: since.toISOString(),
        lastSequence,
        lastGap,
      };
    },
    async stop() {
      stopped = true;
      stopping.abort();
      since = new Date();
      clearInterval(pruneTimer);
      await unlisten();
      await unlistenEvents();
      while (running || catchingUp) await (catchingUp ?? running);
    },
  };
  engines.set(ctx.database, engine);
  return engine;
}
