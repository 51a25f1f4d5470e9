import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ConnectorsTable } from '../db/tables/connectors.ts';

type Db = Kysely<Database>;

export type ConnectorState = Selectable<ConnectorsTable>;

/**
 * Takes the run lease of a connector unless another run (in any instance) holds a lease younger than
 * `leaseMs`; returns whether this caller got it. One atomic statement, so two instances racing for
 * the same connector cannot both win.
 */
export async function acquireRunLease(db: Db, name: string, token: string, now: Date, leaseMs: number): Promise<boolean> {
  const expired = new Date(now.getTime() - leaseMs);
  const result = await sql<{ name: string }>`
    insert into connectors (name, running_since, run_token, last_run_at)
    values (${name}, ${now}, ${token}, ${now})
    on conflict (name) do update
      set running_since = excluded.running_since, run_token = excluded.run_token, last_run_at = excluded.last_run_at
      where connectors.running_since is null or connectors.running_since < ${expired}
    returning name`.execute(db);
  return result.rows.length === 1;
}

export async function recordRunSuccess(
  db: Db,
  name: string,
  token: string,
  run: { at: Date; rows: number; imported: number; updated: number; unchanged: number; indicators: string[] },
): Promise<void> {
  await db
    .updateTable('connectors')
    .set({
      last_success_at: run.at, rows: run.rows, imported: run.imported, updated: run.updated, unchanged: run.unchanged,
      indicators: run.indicators, running_since: null, run_token: null,
    })
    .where('name', '=', name)
    .where('run_token', '=', token)
    .execute();
}

export async function recordRunFailure(db: Db, name: string, token: string, run: { at: Date; error: string }): Promise<void> {
  await db
    .updateTable('connectors')
    .set({ last_error_at: run.at, last_error: run.error, running_since: null, run_token: null })
    .where('name', '=', name)
    .where('run_token', '=', token)
    .execute();
}

export async function listConnectorStates(db: Db): Promise<ConnectorState[]> {
  return db.selectFrom('connectors').selectAll().orderBy('name').execute();
}

export async function findConnectorState(db: Db, name: string): Promise<ConnectorState | null> {
  return (await db.selectFrom('connectors').selectAll().where('name', '=', name).executeTakeFirst()) ?? null;
}

/** The expected update frequency of each of these indicators. */
export async function indicatorFrequencies(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('indicators').select(['code', 'frequency']).where('code', 'in', [...codes]).execute();
  return new Map(rows.map((r) => [r.code, r.frequency]));
}
