import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DemoCityContents } from '../domain/demo/demo-city-state.ts';

type Db = Kysely<Database>;

/**
 * Counts what decides whether a database is empty, holds the demo city, or holds its own data.
 *
 * @example
 * await demoCityContents(db, { ward: 'HN_P_VINH_TUY', planCode: '12/KH-UBND', indicatorPrefix: 'DEMO_' });
 */
export async function demoCityContents(db: Db, demo: { ward: string; planCode: string; indicatorPrefix: string }): Promise<DemoCityContents> {
  const unit = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  const ward = await db.selectFrom('units').select('id').where('code', '=', demo.ward).executeTakeFirst();
  const count = (row: { n: string | number | bigint }) => Number(row.n);
  const plans = count(await db.selectFrom('plans').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow());
  const otherPlans = count(
    await db
      .selectFrom('plans')
      .leftJoin('units', 'units.id', 'plans.owner_unit_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.or([eb('plans.code', 'is', null), eb('plans.code', '!=', demo.planCode), eb('units.code', 'is', null), eb('units.code', '!=', demo.ward)]))
      .executeTakeFirstOrThrow(),
  );
  const indicators = count(await db.selectFrom('indicators').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow());
  const otherIndicators = count(
    await db.selectFrom('indicators').select((eb) => eb.fn.countAll().as('n')).where('code', 'not like', `${demo.indicatorPrefix}%`).executeTakeFirstOrThrow(),
  );
  return {
    hasUnits: unit !== undefined,
    hasDemoWard: ward !== undefined,
    plans,
    otherPlans,
    indicators,
    otherIndicators,
  };
}
