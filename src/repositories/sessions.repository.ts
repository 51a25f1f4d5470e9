import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export async function insertSession(
  db: Kysely<Database>,
  session: { idHash: string; userId: number; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: session.idHash, user_id: session.userId, csrf_token: session.csrfToken, expires_at: session.expiresAt })
    .execute();
}

/** The live session with this id hash (not expired at `now`, user not disabled); null otherwise. */
export async function findLiveSession(
  db: Kysely<Database>,
  idHash: string,
  now: Date,
): Promise<{ userId: number; csrfToken: string; expiresAt: Date } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Drops sessions that expired before `now`; returns how many. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const rows = await db.deleteFrom('sessions').where('expires_at', '<=', now).returning('id_hash').execute();
  return rows.length;
}
