/**
 * Answers kept in memory until the data behind them changes: `invalidate()` (called on every live
 * event this instance hears — each instance hears every other instance's changes through LISTEN)
 * starts a new data version, and an answer is only served under the version it was computed in.
 * What changes with no write at all (a deadline passing) is bounded by `ttlMs`: an answer older than
 * that is still served while one computation of its successor runs (stale while revalidating), so a
 * steady load never queues behind the periodic recomputation. Identical requests that miss share one
 * computation (single flight), and a failure is not kept.
 *
 * @example
 * const cache = answerCache<Overview>({ ttlMs: 10_000, maxEntries: 500 });
 * bus.subscribe(() => cache.invalidate());
 * await cache.get(JSON.stringify([visibility, unit]), () => getOverview(ctx, { unit }, readable));
 */
export interface AnswerCache<T> {
  get(key: string, work: () => Promise<T>): Promise<T>;
  invalidate(): void;
  /** The data version answers are currently kept under (tests and /metrics read it). */
  readonly version: number;
}

export function answerCache<T>(options: { ttlMs: number; maxEntries: number; now?: () => number }): AnswerCache<T> {
  const now = options.now ?? (() => Date.now());
  let version = 0;
  const entries = new Map<string, { version: number; at: number; answer: Promise<T>; settled: boolean; refreshing: boolean }>();
  const put = (key: string, answer: Promise<T>) => {
    const entry = { version, at: now(), answer, settled: false, refreshing: false };
    entries.delete(key);
    entries.set(key, entry);
    answer.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    // Oldest first out once full: Map keeps insertion order, and a recomputed key is re-inserted.
    if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    return entry;
  };
  return {
    get(key, work) {
      const hit = entries.get(key);
      if (hit && hit.version === version) {
        if (now() - hit.at < options.ttlMs) return hit.answer;
        if (hit.settled) {
          if (!hit.refreshing) {
            hit.refreshing = true;
            const started = version;
            const next = work();
            next.then(
              () => {
                // Only if no change was heard meanwhile (which cleared the entry).
                if (version === started && entries.get(key) === hit) put(key, next);
              },
              () => {
                hit.refreshing = false;
              },
            );
          }
          return hit.answer;
        }
      }
      return put(key, work()).answer;
    },
    invalidate() {
      version++;
      entries.clear();
    },
    get version() {
      return version;
    },
  };
}
