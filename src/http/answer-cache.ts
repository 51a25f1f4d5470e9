/**
 * Answers kept in memory while the data behind them changes, recomputed one at a time per key.
 *
 * Two kinds of change are heard. `invalidate()` — who may read what, or what is defined, changed —
 * forgets every kept answer and every running computation: nothing from before is served again.
 * `invalidate({ figuresOnly: true })` — new figures (an observation batch, a report) — marks the kept
 * answers as missing a change from that moment. The first request to find its answer missing a
 * change starts its successor and waits for it, so a client asking after a write gets data from after
 * it; requests arriving while that one computation runs are answered with the kept answer at once.
 * So on a deadline day, with figures arriving faster than the answer can be recomputed, reads never
 * queue behind recomputation, at most one computation per key runs at a time, and what is served is
 * at most one computation behind the latest figures (`maxBehindMs` bounds it should a computation hang:
 * past it, requests wait for the running one).
 *
 * What changes with no write at all (a deadline passing) is bounded by `ttlMs`: past it the kept
 * answer is served while its successor is computed. Identical requests that miss share one
 * computation, kept answers only move forward (a computation replaces the kept answer only when it
 * started later), and a failure is not kept.
 *
 * @example
 * const cache = answerCache<Overview>({ ttlMs: 60_000, maxBehindMs: 10_000, maxEntries: 500 });
 * clock.subscribe((kind) => cache.invalidate({ figuresOnly: kind === 'figures' }));
 * await cache.get(JSON.stringify([visibility, unit]), () => getOverview(ctx, { unit }, readable));
 */
export interface AnswerCache<T> {
  get(key: string, work: () => Promise<T>): Promise<T>;
  invalidate(change?: { figuresOnly?: boolean }): void;
  /** How many changes were heard (tests and /metrics read it). */
  readonly version: number;
}

export interface AnswerCacheOptions {
  ttlMs: number;
  /** How long an answer missing new figures may be served while its successor is computed (0: never). */
  maxBehindMs?: number;
  maxEntries: number;
  now?: () => number;
  /** Told of every answer served: how long it had been missing new figures (0 when it misses none). */
  onServe?: (behindMs: number) => void;
}

interface Kept<T> {
  value: T;
  /** When the computation behind it started. */
  at: number;
  /** When the first change it does not include was heard; null while it misses none. */
  missingSince: number | null;
}

interface Entry<T> {
  kept: Kept<T> | null;
  running: { answer: Promise<T>; at: number } | null;
}

export function answerCache<T>(options: AnswerCacheOptions): AnswerCache<T> {
  const now = options.now ?? (() => Date.now());
  const maxBehindMs = options.maxBehindMs ?? 0;
  let version = 0;
  let entries = new Map<string, Entry<T>>();

  const serve = (kept: Kept<T>, at: number): T => {
    options.onServe?.(kept.missingSince === null ? 0 : at - kept.missingSince);
    return kept.value;
  };

  // For a computation, when the first figures change it does not include was heard (weak: forgotten with it).
  const missedWhileRunning = new WeakMap<Promise<T>, number>();

  const start = (key: string, entry: Entry<T>, work: () => Promise<T>): Promise<T> => {
    const at = now();
    const answer = work();
    entry.running = { answer, at };
    answer.then(
      (value) => {
        if (entry.running?.answer === answer) entry.running = null;
        // A figures change heard while it ran is missing from it too: it was marked below.
        if (!entry.kept || entry.kept.at <= at) entry.kept = { value, at, missingSince: missedWhileRunning.get(answer) ?? null };
      },
      () => {
        if (entry.running?.answer === answer) entry.running = null;
        // Forgotten, so the next request tries again instead of inheriting the failure.
        if (entries.get(key) === entry && !entry.kept) entries.delete(key);
      },
    );
    return answer;
  };

  return {
    async get(key, work) {
      let entry = entries.get(key);
      if (!entry) {
        entry = { kept: null, running: null };
        entries.set(key, entry);
        // Oldest first out once full: Map keeps insertion order.
        if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
      }
      const at = now();
      const { kept, running } = entry;
      if (kept && kept.missingSince === null) {
        if (at - kept.at < options.ttlMs) return serve(kept, at);
        // Past its time, nothing written: served once more while its successor is computed.
        if (!running) void start(key, entry, work).catch(() => undefined);
        return serve(kept, at);
      }
      if (running) {
        // Its successor is being computed: the kept answer meanwhile, unless it is too far behind.
        if (kept && kept.missingSince !== null && at - kept.missingSince <= maxBehindMs) return serve(kept, at);
        const value = await running.answer;
        options.onServe?.(missedWhileRunning.has(running.answer) ? now() - (missedWhileRunning.get(running.answer) as number) : 0);
        return value;
      }
      // Nothing kept, or missing a change and nothing computing its successor: this request computes it.
      const value = await start(key, entry, work);
      options.onServe?.(0);
      return value;
    },
    invalidate(change) {
      version++;
      if (!change?.figuresOnly) {
        entries = new Map();
        return;
      }
      const at = now();
      for (const entry of entries.values()) {
        if (entry.kept) entry.kept.missingSince ??= at;
        if (entry.running && !missedWhileRunning.has(entry.running.answer)) missedWhileRunning.set(entry.running.answer, at);
      }
    },
    get version() {
      return version;
    },
  };
}
