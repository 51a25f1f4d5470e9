import { sql, type Kysely } from 'kysely';

// A target's importance in the "behind" ranking (domain/evaluation/target-weight.ts): 1 for every
// existing target, so rankings do not move until an administrator says otherwise; bounded as the
// domain bounds it, so no path can store a weight the ranking would not accept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('targets')
    .addColumn('weight', 'double precision', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`alter table targets add constraint targets_weight_range check (weight > 0 and weight <= 10)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('targets').dropConstraint('targets_weight_range').execute();
  await db.schema.alterTable('targets').dropColumn('weight').execute();
}
