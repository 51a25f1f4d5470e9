import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { actorsOfUser } from '../domain/access/actor.ts';

/** What the system holds about a person beyond their user row: the records an export lists. */
export interface PersonalFootprint {
  sessions: { createdAt: Date; expiresAt: Date }[];
  tokens: { id: number; name: string; unitCode: string; role: string; createdAt: Date; revokedAt: Date | null }[];
  /** Audit entries the person made (references, not payloads; newest first, at most 10,000). */
  auditEntries: { id: number; at: Date; action: string; entity: string; entityId: string | null }[];
  /** Observation versions recorded under the person's name. */
  observationVersions: number;
  /** Problems (Mẫu 01) naming the person as contact, matched by their e-mail. */
  problemContacts: { problem: string; name: string | null; title: string | null; phone: string | null; email: string | null }[];
  /** Solution proposals (Mẫu 02) naming the person as contact, matched by their e-mail. */
  solutionContacts: { problem: string; id: number; organisation: string; name: string | null; title: string | null; phone: string | null; email: string | null; consentedAt: Date }[];
}

/**
 * Everything recorded under a user: sessions, the API tokens they made, the audit entries and
 * observation versions recorded under them (`user:<id>`, or `user:<username>` before ids); and the problem and solution proposals whose
 * contact is the person, found by their e-mail (case-insensitive) — the one detail both sides hold.
 */
export async function personalFootprint(db: Kysely<Database>, user: { id: number; username: string; email?: string | null }): Promise<PersonalFootprint> {
  const actors = actorsOfUser(user);
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
    .where('actor', 'in', actors)
    .orderBy('id', 'desc')
    .limit(10_000)
    .execute();
  const observations = await db.selectFrom('observations').select(sql<string>`count(*)`.as('n')).where('actor', 'in', actors).executeTakeFirstOrThrow();
  return {
    sessions: sessions.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at })),
    tokens: tokens.map((t) => ({ id: t.id, name: t.name, unitCode: t.unit_code, role: t.role, createdAt: t.created_at, revokedAt: t.revoked_at })),
    auditEntries: audit.map((a) => ({ id: Number(a.id), at: a.at, action: a.action, entity: a.entity, entityId: a.entity_id })),
    observationVersions: Number(observations.n),
    ...(await contactsByEmail(db, user.email ?? null)),
  };
}

async function contactsByEmail(db: Kysely<Database>, email: string | null): Promise<Pick<PersonalFootprint, 'problemContacts' | 'solutionContacts'>> {
  const key = email?.trim().toLowerCase();
  if (!key) return { problemContacts: [], solutionContacts: [] };
  const problems = await db.selectFrom('problems').select(['code', 'contact_name', 'contact_title', 'contact_phone', 'contact_email'])
    .where(sql<string>`lower(contact_email)`, '=', key).orderBy('code').execute();
  const solutions = await db.selectFrom('problem_solutions as s').innerJoin('problems as p', 'p.id', 's.problem_id')
    .select(['p.code', 's.id', 's.organisation_name', 's.contact_name', 's.contact_title', 's.contact_phone', 's.contact_email', 's.consented_at'])
    .where(sql<string>`lower(s.contact_email)`, '=', key).orderBy('s.id').execute();
  return {
    problemContacts: problems.map((r) => ({ problem: r.code, name: r.contact_name, title: r.contact_title, phone: r.contact_phone, email: r.contact_email })),
    solutionContacts: solutions.map((r) => ({ problem: r.code, id: r.id, organisation: r.organisation_name, name: r.contact_name, title: r.contact_title, phone: r.contact_phone, email: r.contact_email, consentedAt: r.consented_at })),
  };
}

/**
 * Removes the person's contact details from problem and solution proposals found by their e-mail
 * (name, title, phone, e-mail); the proposals themselves stay (they are the unit's and the
 * organisation's, not the person's). Returns how many of each were changed.
 */
export async function eraseContactsByEmail(db: Kysely<Database>, email: string | null, placeholderName: string): Promise<{ problems: number; solutions: number }> {
  const key = email?.trim().toLowerCase();
  if (!key) return { problems: 0, solutions: 0 };
  const blank = { contact_name: placeholderName, contact_title: null, contact_phone: null, contact_email: null };
  const p = await db.updateTable('problems').set(blank).where(sql<string>`lower(contact_email)`, '=', key).executeTakeFirst();
  const s = await db.updateTable('problem_solutions').set(blank).where(sql<string>`lower(contact_email)`, '=', key).executeTakeFirst();
  return { problems: Number(p.numUpdatedRows), solutions: Number(s.numUpdatedRows) };
}

/** Replaces a user's name, e-mail and password hash; the row and its id stay for provenance. */
export async function eraseUserDetails(db: Kysely<Database>, userId: number, placeholderName: string): Promise<void> {
  await db.updateTable('users').set({ display_name: placeholderName, email: null, password_hash: null }).where('id', '=', userId).execute();
}
