/** How long to wait between attempts to reach something that went away: doubling from `baseMs`, at most `capMs`. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/**
 * Re-listening after a lost connection: a PostgreSQL restart usually takes about a second, so the
 * first retries come quickly; an outage of minutes costs one attempt every 30 s at most.
 */
export const LISTEN_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 30_000 };

/**
 * The wait before retry number `attempt` (1 for the first): the capped exponential ceiling, of which
 * half is fixed and half random ("equal jitter"). The random half spreads the instances that lost
 * their connections at the same moment (a restart) so they do not all reconnect in step; the fixed
 * half keeps each wait at least half the ceiling, so backing off still backs off. Tests pass `random`.
 *
 * @example
 * backoffDelay(3, { baseMs: 250, capMs: 30_000 }, () => 0.5); // 750: ceiling 1000, 500 + 250
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
