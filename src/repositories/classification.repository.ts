import { sql, type Kysely, type Transaction } from 'kysely';
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

/** Sets the mark; for a section, on every target and task of it and of the sections below it. Answers the rows changed. */
export async function setClassified(db: Db, kind: ClassifiableKind, id: number, classified: boolean): Promise<number> {
  if (kind === 'section') {
    const below = sql<number>`(with recursive tree(id) as (select ${id}::int union all select s.id from plan_sections s join tree on s.parent_id = tree.id) select id from tree)`;
    const targets = await db.updateTable('targets').set({ classified }).where('section_id', 'in', below).where('classified', '!=', classified).returning('id').execute();
    const tasks = await db.updateTable('tasks').set({ classified }).where('section_id', 'in', below).where('classified', '!=', classified).returning('id').execute();
    return targets.length + tasks.length;
  }
  const table = kind === 'plan' ? 'plans' : kind === 'target' ? 'targets' : kind === 'task' ? 'tasks' : 'indicators';
  const rows = await db.updateTable(table).set({ classified }).where('id', '=', id).where('classified', '!=', classified).returning('id').execute();
  return rows.length;
}
