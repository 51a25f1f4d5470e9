import { sql, type Kysely } from 'kysely';

/**
 * An erased contact's name read "[đã xoá dữ liệu cá nhân / personal data erased]": one text in two
 * languages, shown as it is in both. It becomes the Vietnamese record alone, which the screens word
 * in the reader's language (src/domain/problems/erased-contact.ts). Self-contained on purpose.
 */
const OLD = '[đã xoá dữ liệu cá nhân / personal data erased]';
const NEW = '[đã xoá dữ liệu cá nhân]';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update problems set contact_name = ${NEW} where contact_name = ${OLD}`.execute(db);
  await sql`update problem_solutions set contact_name = ${NEW} where contact_name = ${OLD}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update problems set contact_name = ${OLD} where contact_name = ${NEW}`.execute(db);
  await sql`update problem_solutions set contact_name = ${OLD} where contact_name = ${NEW}`.execute(db);
}
