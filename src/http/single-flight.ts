/**
 * Identical requests arriving while one is being answered share that answer instead of each
 * computing it again: a key's work runs once at a time, and every caller of the same key meanwhile
 * gets its promise. Nothing is kept once the work settles, so an answer is never older than the
 * work in flight when the request arrived (no cache to invalidate), and a failure reaches only
 * those who waited for it.
 *
 * @example
 * const shared = singleFlight<Overview>();
 * await shared(JSON.stringify([principal, unit]), () => getOverview(ctx, { unit }, readable));
 */
export function singleFlight<T>(): (key: string, work: () => Promise<T>) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (key, work) => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = work().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
