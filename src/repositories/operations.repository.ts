import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** Jobs by state (queued, running, done, failed), for the operator's metrics. */
export async function jobCountsByState(db: Kysely<Database>): Promise<{ state: string; count: number }[]> {
  const rows = await db.selectFrom('jobs').select(['state', sql<string>`count(*)`.as('n')]).groupBy('state').execute();
  return rows.map((r) => ({ state: r.state, count: Number(r.n) }));
}

/** Each connector's last successful run (null: never), for staleness. */
export async function connectorLastSuccess(db: Kysely<Database>): Promise<{ name: string; lastSuccessAt: Date | null }[]> {
  const rows = await db.selectFrom('connectors').select(['name', 'last_success_at']).orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, lastSuccessAt: r.last_success_at }));
}
