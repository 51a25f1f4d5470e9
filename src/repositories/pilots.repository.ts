import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PilotsTable } from '../db/tables/pilots.ts';
import type { Pilot, ValidPilotFields } from '../domain/pilots/pilot.ts';

type Db = Kysely<Database>;

function toPilot(row: Selectable<PilotsTable>): Pilot {
  return {
    code: row.code,
    title: row.title,
    problemCode: row.problem_code,
    indicators: row.indicator_codes,
    treatedUnits: row.treated_units,
    comparisonUnits: row.comparison_units,
    start: row.start_period,
    end: row.end_period,
    state: row.state,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function columnsOf(p: ValidPilotFields) {
  return {
    code: p.code, title: p.title, problem_code: p.problemCode, indicator_codes: p.indicators, treated_units: p.treatedUnits,
    comparison_units: p.comparisonUnits, start_period: p.start, end_period: p.end, state: p.state,
  };
}

/** The pilot with this code; `lock` holds its row until the transaction ends (updates queue). */
export async function findPilot(db: Db, code: string, options: { lock?: boolean } = {}): Promise<Pilot | null> {
  let query = db.selectFrom('pilots').selectAll().where('code', '=', code);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toPilot(row) : null;
}

/** Every pilot, newest start first (the caller keeps those it may read). */
export async function listPilots(db: Db, filter: { state?: string | null; problemCode?: string | null } = {}): Promise<Pilot[]> {
  let query = db.selectFrom('pilots').selectAll().orderBy('start_period', 'desc').orderBy('code');
  if (filter.state) query = query.where('state', '=', filter.state as Pilot['state']);
  if (filter.problemCode) query = query.where('problem_code', '=', filter.problemCode);
  return (await query.execute()).map(toPilot);
}

/** Inserts a pilot; null when its code is taken (the caller answers a conflict). */
export async function insertPilot(db: Db, pilot: ValidPilotFields, createdBy: string, at: Date): Promise<Pilot | null> {
  const row = await db
    .insertInto('pilots')
    .values({ ...columnsOf(pilot), created_by: createdBy, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toPilot(row) : null;
}

export async function updatePilotRow(db: Db, code: string, pilot: ValidPilotFields, at: Date): Promise<Pilot> {
  const { code: _code, ...columns } = columnsOf(pilot);
  const row = await db.updateTable('pilots').set({ ...columns, updated_at: at }).where('code', '=', code).returningAll().executeTakeFirstOrThrow();
  return toPilot(row);
}
