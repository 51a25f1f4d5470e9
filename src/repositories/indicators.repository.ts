import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { IndicatorsTable } from '../db/tables/observations.ts';
import type { Frequency, IndicatorDefinition } from '../domain/indicators/indicator.ts';

type Db = Kysely<Database>;

export interface StoredIndicator extends IndicatorDefinition {
  id: number;
}

function toIndicator(row: Selectable<IndicatorsTable>): StoredIndicator {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    measure: row.measure,
    direction: row.direction,
    aggregation: row.aggregation,
    numerator: row.numerator,
    denominator: row.denominator,
    frequency: row.frequency as Frequency,
    sourceSystem: row.source_system,
    classified: row.classified,
  };
}

/** Every indicator, by code; classified ones only when asked for. */
export async function listIndicators(db: Db, options: { includeClassified: boolean }): Promise<StoredIndicator[]> {
  let query = db.selectFrom('indicators').selectAll().orderBy('code');
  if (!options.includeClassified) query = query.where('classified', '=', false);
  return (await query.execute()).map(toIndicator);
}

export async function findIndicatorByCode(db: Db, code: string): Promise<StoredIndicator | null> {
  const row = await db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toIndicator(row) : null;
}

export async function findIndicatorsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, StoredIndicator>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('indicators').selectAll().where('code', 'in', [...codes]).execute();
  return new Map(rows.map((r) => [r.code, toIndicator(r)]));
}

/** Locks the indicators rows with these codes (re-imports of the same file then queue instead of racing). */
export async function lockIndicatorCodes(trx: Db, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  await trx.selectFrom('indicators').select('id').where('code', 'in', [...codes]).forUpdate().execute();
}

export async function insertIndicator(trx: Db, def: IndicatorDefinition): Promise<StoredIndicator> {
  const row = await trx
    .insertInto('indicators')
    .values(columnsOf(def))
    .onConflict((oc) => oc.column('code').doUpdateSet(columnsOf(def)))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toIndicator(row);
}

export async function updateIndicator(trx: Db, def: IndicatorDefinition): Promise<StoredIndicator> {
  const row = await trx.updateTable('indicators').set(columnsOf(def)).where('code', '=', def.code).returningAll().executeTakeFirstOrThrow();
  return toIndicator(row);
}

function columnsOf(def: IndicatorDefinition) {
  return {
    code: def.code,
    name: def.name,
    measure: def.measure,
    direction: def.direction,
    aggregation: def.aggregation,
    numerator: def.numerator,
    denominator: def.denominator,
    frequency: def.frequency,
    source_system: def.sourceSystem,
    classified: def.classified,
  };
}
