import type { Frequency } from '../indicators/indicator.ts';

const DAY = 24 * 60 * 60 * 1000;

/** How long a value of each frequency stays fresh; a little over the period so a late day is not an alarm. */
const FRESH_FOR: Record<Frequency, number | null> = {
  daily: 2 * DAY,
  weekly: 8 * DAY,
  monthly: 32 * DAY,
  quarterly: 93 * DAY,
  half_yearly: 185 * DAY,
  yearly: 367 * DAY,
  ad_hoc: null,
};

export interface Staleness {
  /** True when the last success is older than the strictest expected frequency, or there never was one. */
  stale: boolean;
  /** The strictest (shortest) frequency among the indicators the source delivers; null if none is regular. */
  expectedFrequency: Frequency | null;
  /** Milliseconds since the last success; null when there never was one. */
  ageMs: number | null;
  /** When the source becomes (or became) stale; null when nothing is expected. */
  staleAt: Date | null;
}

/**
 * Whether a source is stale against the update frequency of what it delivers.
 *
 * @example
 * staleness(new Date('2026-01-01'), ['monthly', 'yearly'], new Date('2026-03-01')).stale // → true
 */
export function staleness(lastSuccessAt: Date | null, frequencies: readonly Frequency[], now: Date): Staleness {
  const windows = frequencies.map((f) => ({ f, ms: FRESH_FOR[f] })).filter((w): w is { f: Frequency; ms: number } => w.ms !== null);
  const strictest = windows.sort((a, b) => a.ms - b.ms)[0] ?? null;
  if (!lastSuccessAt) return { stale: strictest !== null, expectedFrequency: strictest?.f ?? null, ageMs: null, staleAt: null };
  const ageMs = Math.max(0, now.getTime() - lastSuccessAt.getTime());
  if (!strictest) return { stale: false, expectedFrequency: null, ageMs, staleAt: null };
  const staleAt = new Date(lastSuccessAt.getTime() + strictest.ms);
  return { stale: now.getTime() > staleAt.getTime(), expectedFrequency: strictest.f, ageMs, staleAt };
}
