import { sql, type Kysely } from 'kysely';

/**
 * A notification keeps its words in English beside the Vietnamese (`title_en`, `body_en`), so the
 * inbox shows each reader their language instead of one text carrying both (issue #12). The e-mail
 * still goes out in Vietnamese (`title`, `body`). Alert notifications written before said both
 * languages in one body — "<reason> (từ ngày dd/mm/yyyy) / <English reason>" — and are split here;
 * any other stored text stays as it is and reads the same in both languages. Self-contained on
 * purpose: a migration must not change with later code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('title_en', 'text').addColumn('body_en', 'text').execute();
  await splitBilingualAlertBodies(db);
}

/** Old alert notifications' "vi (từ ngày d) / en" bodies become `body` and `body_en`; other rows stay. */
export async function splitBilingualAlertBodies(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{ id: number; body: string }>`select id, body from notifications where kind like 'alert.%' and body like '% / %'`.execute(db);
  for (const row of rows.rows) {
    const parts = /^([\s\S]*\(từ ngày (\d{2}\/\d{2}\/\d{4})\)) \/ ([\s\S]+)$/.exec(row.body);
    if (!parts) continue;
    await sql`update notifications set body = ${parts[1]}, body_en = ${`${parts[3]} (since ${parts[2]})`} where id = ${row.id}`.execute(db);
  }
}

/** Back: the English goes (the older code reads `title` and `body` only). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('title_en').dropColumn('body_en').execute();
}
