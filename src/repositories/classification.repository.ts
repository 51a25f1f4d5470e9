import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What can be marked classified ("có yếu tố mật"). A section's mark is carried by every item under it. */
export type ClassifiableKind = 'plan' | 'section' | 'target' | 'task' | 'indicator';
export const CLASSIFIABLE_KINDS: readonly ClassifiableKind[] = ['plan', 'section', 'target', 'task', 'indicator'];

/** A classifiable row: its id, and the unit whose subtree answers for it (null: the whole city). */
export interface ClassifiableRow {
  id: number;
  ownerCode: string | null;
}

/** Finds a plan (by id), a section (by id), a target or task (by code) or an indicator (by code). */
export async function findClassifiable(db: Db, kind: ClassifiableKind, ref: string): Promise<ClassifiableRow | null> {
  const owner = (planId: unknown) => sql<string | null>`(select u.code from plans p join units u on u.id = p.owner_unit_id where p.id = ${planId})`;
  if (kind === 'indicator') {
    const r = await db.selectFrom('indicators').select('id').where('code', '=', ref).executeTakeFirst();
    return r ? { id: r.id, ownerCode: null } : null;
  }
  if (kind === 'plan') {
    if (!/^\d+$/.test(ref)) return null;
    const r = await db.selectFrom('plans as p').leftJoin('units as u', 'u.id', 'p.owner_unit_id').select(['p.id', 'u.code']).where('p.id', '=', Number(ref)).executeTakeFirst();
    return r ? { id: r.id, ownerCode: r.code } : null;
  }
  if (kind === 'section') {
    if (!/^\d+$/.test(ref)) return null;
    const r = await db
      .selectFrom('plan_sections as s')
      .innerJoin('plan_versions as v', 'v.id', 's.plan_version_id')
      .select((eb) => ['s.id', owner(eb.ref('v.plan_id')).as('ownerCode')])
      .where('s.id', '=', Number(ref))
      .executeTakeFirst();
    return r ? { id: r.id, ownerCode: r.ownerCode } : null;
  }
  const { rows } = await sql<{ id: number; owner_code: string | null }>`
    select i.id, ${owner(sql.ref('v.plan_id'))} as owner_code
    from ${sql.table(kind === 'target' ? 'targets' : 'tasks')} i left join plan_versions v on v.id = i.plan_version_id
    where i.code = ${ref} limit 1`.execute(db);
  const r = rows[0];
  return r ? { id: r.id, ownerCode: r.owner_code } : null;
}

/**
 * Sets the mark. A plan's or a section's mark is carried by every item under it (all the plan's
 * versions; the section's subtree), recorded as carried so that lifting it lifts only what it gave;
 * an item's own mark is never lifted by its plan or section. Answers the rows changed.
 */
export async function setClassified(db: Db, kind: ClassifiableKind, id: number, classified: boolean): Promise<number> {
  if (kind === 'section') {
    const below = sql<number>`(with recursive tree(id) as (select ${id}::int union all select s.id from plan_sections s join tree on s.parent_id = tree.id) select id from tree)`;
    const sections = await db.updateTable('plan_sections').set({ classified }).where('id', 'in', below).where('classified', '!=', classified).returning('id').execute();
    return sections.length + (await carryMark(db, 'section', 'section_id', below, classified));
  }
  if (kind === 'plan') {
    const plans = await db.updateTable('plans').set({ classified }).where('id', '=', id).where('classified', '!=', classified).returning('id').execute();
    return plans.length + (await carryPlanMark(db, id, classified));
  }
  const table = kind === 'target' ? 'targets' : kind === 'task' ? 'tasks' : 'indicators';
  if (table === 'indicators') {
    const rows = await db.updateTable(table).set({ classified }).where('id', '=', id).where('classified', '!=', classified).returning('id').execute();
    return rows.length;
  }
  // Marking an item that carries its plan's or section's mark makes the mark its own: lifting the
  // plan's or section's mark later no longer lifts it.
  const rows = await db.updateTable(table).set({ classified, classified_by: null }).where('id', '=', id)
    .where((eb) => eb.or([eb('classified', '!=', classified), ...(classified ? [eb('classified_by', 'is not', null)] : [])]))
    .returning('id').execute();
  return rows.length;
}

/**
 * Gives (or lifts) a plan's mark to the items of every version of the plan. Publishing a version of
 * a marked plan calls it too, so items that are new in that version are marked from the start.
 */
export async function carryPlanMark(db: Db, planId: number, classified: boolean): Promise<number> {
  const versions = sql<number>`(select id from plan_versions where plan_id = ${planId})`;
  return carryMark(db, 'plan', 'plan_version_id', versions, classified);
}

/** Marks the items whose `column` is in `within` (or lifts the marks `origin` gave them). */
async function carryMark(db: Db, origin: 'plan' | 'section', column: 'section_id' | 'plan_version_id', within: RawBuilder<number>, classified: boolean): Promise<number> {
  let changed = 0;
  for (const table of ['targets', 'tasks'] as const) {
    if (classified) {
      changed += (await db.updateTable(table).set({ classified: true, classified_by: origin }).where('classified', '=', false).where(column, 'in', within).returning('id').execute()).length;
      continue;
    }
    // Lifting one mark: an item that the other (its plan, or a marked section) still covers keeps
    // its mark, now carried from there; the rest are lifted.
    const stillCovered = origin === 'plan'
      ? sql<boolean>`section_id in (select id from plan_sections where classified)`
      : sql<boolean>`plan_version_id in (select v.id from plan_versions v join plans p on p.id = v.plan_id where p.classified)`;
    await db.updateTable(table).set({ classified_by: origin === 'plan' ? 'section' : 'plan' })
      .where('classified_by', '=', origin).where(column, 'in', within).where(stillCovered).execute();
    changed += (await db.updateTable(table).set({ classified: false, classified_by: null }).where('classified_by', '=', origin).where(column, 'in', within).returning('id').execute()).length;
  }
  return changed;
}

/** After a version of a plan is published: if the plan is marked, its new items carry the mark. */
export async function carryPlanMarkIfMarked(db: Db, planId: number): Promise<number> {
  const plan = await db.selectFrom('plans').select('classified').where('id', '=', planId).executeTakeFirst();
  return plan?.classified ? carryPlanMark(db, planId, true) : 0;
}
