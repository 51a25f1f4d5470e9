import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** What the system holds about a person beyond their user row: the records an export lists. */
export interface PersonalFootprint {
  sessions: { createdAt: Date; expiresAt: Date }[];
  tokens: { id: number; name: string; unitCode: string; role: string; createdAt: Date; revokedAt: Date | null }[];
  /** Audit entries the person made (references, not payloads; newest first, at most 10,000). */
  auditEntries: { id: number; at: Date; action: string; entity: string; entityId: string | null }[];
  /** Observation versions recorded under the person's name. */
  observationVersions: number;
}

/**
 * Everything recorded under a user: sessions, the API tokens they made, the audit entries and
 * observation versions whose actor is `user:<username>`.
 */
export async function personalFootprint(db: Kysely<Database>, user: { id: number; username: string }): Promise<PersonalFootprint> {
  const actor = `user:${user.username}`;
  const sessions = await db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', user.id).orderBy('created_at').execute();
  const tokens = await db
    .selectFrom('api_tokens')
    .innerJoin('units', 'units.id', 'api_tokens.unit_id')
    .select(['api_tokens.id', 'api_tokens.name', 'units.code as unit_code', 'api_tokens.role', 'api_tokens.created_at', 'api_tokens.revoked_at'])
    .where('api_tokens.created_by', '=', user.id)
    .orderBy('api_tokens.id')
    .execute();
  const audit = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'entity', 'entity_id'])
    .where('actor', '=', actor)
    .orderBy('id', 'desc')
    .limit(10_000)
    .execute();
  const observations = await db.selectFrom('observations').select(sql<string>`count(*)`.as('n')).where('actor', '=', actor).executeTakeFirstOrThrow();
  return {
    sessions: sessions.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at })),
    tokens: tokens.map((t) => ({ id: t.id, name: t.name, unitCode: t.unit_code, role: t.role, createdAt: t.created_at, revokedAt: t.revoked_at })),
    auditEntries: audit.map((a) => ({ id: Number(a.id), at: a.at, action: a.action, entity: a.entity, entityId: a.entity_id })),
    observationVersions: Number(observations.n),
  };
}

/** Replaces a user's name, e-mail and password hash; the row and its id stay for provenance. */
export async function eraseUserDetails(db: Kysely<Database>, userId: number, placeholderName: string): Promise<void> {
  await db.updateTable('users').set({ display_name: placeholderName, email: null, password_hash: null }).where('id', '=', userId).execute();
}
