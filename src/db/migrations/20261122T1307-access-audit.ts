import { sql, type Kysely } from 'kysely';

// Identity and audit hardening beside the initial schema: explicit classified-read grants, lookups the
// auth layer does on every request, and an audit log the application can only append to.
export async function up(db: Kysely<unknown>): Promise<void> {
  // An explicit right to read classified items in a unit's subtree, for users whose role is below
  // approver there (see docs/security.md).
  await db.schema
    .createTable('classified_grants')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('classified_grants_pk', ['user_id', 'unit_id'])
    .execute();

  await db.schema.createIndex('user_roles_user_idx').on('user_roles').column('user_id').execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_hash_idx').on('audit_log').column('hash').unique().execute();

  // Defence in depth: the chain already detects edits, this refuses them outright unless someone with
  // owner rights disables the trigger first (and the chain still tells).
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only (% refused)', tg_op;
    end
    $$`.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
  await sql`drop trigger if exists audit_log_append_only on audit_log`.execute(db);
  await sql`drop function if exists audit_log_append_only()`.execute(db);
  await db.schema.dropIndex('audit_log_hash_idx').ifExists().execute();
  await db.schema.dropIndex('audit_log_entity_idx').ifExists().execute();
  await db.schema.dropIndex('sessions_user_idx').ifExists().execute();
  await db.schema.dropIndex('user_roles_user_idx').ifExists().execute();
  await db.schema.dropTable('classified_grants').ifExists().execute();
}
