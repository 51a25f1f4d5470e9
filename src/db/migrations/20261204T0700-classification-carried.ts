import { sql, type Kysely } from 'kysely';

// A mark on a plan or a section is carried by every item under it, and the item remembers where
// its mark came from (`classified_by`: 'plan', 'section', or null for its own mark). Unmarking the
// plan or section then lifts only the marks it gave, never one an administrator set on the item.
// A section's own mark is kept on the section too: its title is as classified as its items.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['targets', 'tasks']) {
    await db.schema.alterTable(table).addColumn('classified_by', 'text').execute();
    await db.schema.alterTable(table).addCheckConstraint(`${table}_classified_by`, sql`classified_by in ('plan', 'section') and classified or classified_by is null`).execute();
  }
  await db.schema.alterTable('plan_sections').addColumn('classified', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  // Items of plans already marked: until now only the plan row said so, and several reads missed it.
  for (const table of ['targets', 'tasks']) {
    await sql`
      update ${sql.table(table)} i set classified = true, classified_by = 'plan'
      from plan_versions v join plans p on p.id = v.plan_id
      where v.id = i.plan_version_id and p.classified and not i.classified`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['targets', 'tasks']) await db.schema.alterTable(table).dropColumn('classified_by').execute();
  await db.schema.alterTable('plan_sections').dropColumn('classified').execute();
}
