import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Counts one hit of `key` in its current window of `windowMs` and answers the count and the window's
 * remaining time, in one statement so concurrent instances never lose a hit: a window that has
 * ended starts again at 1. Windows that ended a day ago are pruned on the way.
 */
export async function countRateLimitHit(db: Kysely<Database>, key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }> {
  const window = `${Math.max(1, Math.round(windowMs))} milliseconds`;
  const { rows } = await sql<{ hits: number; ttl_ms: number }>`
    with pruned as (
      delete from rate_limit_hits where window_start < now() - interval '1 day' - ${window}::interval and key <> ${key}
    )
    insert into rate_limit_hits as h (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when h.window_start + ${window}::interval <= now() then 1 else h.hits + 1 end,
      window_start = case when h.window_start + ${window}::interval <= now() then now() else h.window_start end
    returning hits, (extract(epoch from (window_start + ${window}::interval - now())) * 1000)::float8 as ttl_ms`.execute(db);
  const row = rows[0]!;
  return { hits: row.hits, ttlMs: Math.max(0, Math.round(row.ttl_ms)) };
}
