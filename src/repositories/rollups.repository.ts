import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface IndicatorForRollup {
  id: number;
  code: string;
  measure: string;
  direction: 'up' | 'down';
  aggregation: 'sum' | 'mean' | 'ratio' | 'min' | 'max' | 'last';
  classified: boolean;
}

export async function findIndicatorsByCode(db: Kysely<Database>, codes: readonly string[]): Promise<IndicatorForRollup[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('indicators')
    .select(['id', 'code', 'measure', 'direction', 'aggregation', 'classified'])
    .where('code', 'in', [...codes])
    .execute();
}

export async function findIndicatorsById(db: Kysely<Database>, ids: readonly number[]): Promise<IndicatorForRollup[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('indicators')
    .select(['id', 'code', 'measure', 'direction', 'aggregation', 'classified'])
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * A cheap token that changes whenever observations are added: the table is append-only (a
 * correction is a new version), so its row count and highest id say whether anything was written.
 */
export async function observationsFingerprint(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('observations')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last')])
    .executeTakeFirst();
  return `${Number(row?.n ?? 0)}:${Number(row?.last ?? 0)}`;
}
