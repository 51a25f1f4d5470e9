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

/** A contact named on a problem (Mẫu 01) or a solution proposal (Mẫu 02), who need not be a user. */
export interface ContactRecord {
  /** `problem:<code>` or `solution:<id>`: how an export or an erasure names one contact. */
  contactId: string;
  kind: 'problem' | 'solution';
  rowId: number;
  problem: string;
  proposingUnit: string;
  receivingUnit: string;
  organisation: string | null;
  name: string | null;
  title: string | null;
  phone: string | null;
  email: string | null;
  consentPurpose: string | null;
  consentedAt: Date | null;
}

/** Which contacts: all with this e-mail (case-insensitive), or one problem's, or one solution proposal's. */
export type ContactSelector = { email: string } | { problemCode: string } | { solutionId: number };

/** The contacts a selector names, problems' first (by code), then solution proposals' (by id). */
export async function findContacts(db: Kysely<Database>, selector: ContactSelector): Promise<ContactRecord[]> {
  let problems = db.selectFrom('problems as p').innerJoin('units as pu', 'pu.id', 'p.proposing_unit_id').innerJoin('units as ru', 'ru.id', 'p.receiving_unit_id')
    .select(['p.id', 'p.code', 'pu.code as proposing', 'ru.code as receiving', 'p.contact_name', 'p.contact_title', 'p.contact_phone', 'p.contact_email']);
  let solutions = db.selectFrom('problem_solutions as s').innerJoin('problems as p', 'p.id', 's.problem_id')
    .innerJoin('units as pu', 'pu.id', 'p.proposing_unit_id').innerJoin('units as ru', 'ru.id', 'p.receiving_unit_id')
    .select(['s.id', 'p.code', 'pu.code as proposing', 'ru.code as receiving', 's.organisation_name', 's.contact_name', 's.contact_title', 's.contact_phone', 's.contact_email', 's.consent_purpose', 's.consented_at']);
  if ('email' in selector) {
    const key = selector.email.trim().toLowerCase();
    problems = problems.where(sql<string>`lower(p.contact_email)`, '=', key);
    solutions = solutions.where(sql<string>`lower(s.contact_email)`, '=', key);
  } else if ('problemCode' in selector) {
    problems = problems.where('p.code', '=', selector.problemCode);
    solutions = solutions.where(sql<boolean>`false`);
  } else {
    problems = problems.where(sql<boolean>`false`);
    solutions = solutions.where('s.id', '=', selector.solutionId);
  }
  const [p, s] = [await problems.orderBy('p.code').execute(), await solutions.orderBy('s.id').execute()];
  return [
    ...p.map((r): ContactRecord => ({
      contactId: `problem:${r.code}`, kind: 'problem', rowId: r.id, problem: r.code, proposingUnit: r.proposing, receivingUnit: r.receiving, organisation: null,
      name: r.contact_name, title: r.contact_title, phone: r.contact_phone, email: r.contact_email, consentPurpose: null, consentedAt: null,
    })),
    ...s.map((r): ContactRecord => ({
      contactId: `solution:${r.id}`, kind: 'solution', rowId: r.id, problem: r.code, proposingUnit: r.proposing, receivingUnit: r.receiving, organisation: r.organisation_name,
      name: r.contact_name, title: r.contact_title, phone: r.contact_phone, email: r.contact_email, consentPurpose: r.consent_purpose, consentedAt: r.consented_at,
    })),
  ];
}

/** Replaces these contacts' name with `marker` and removes their title, phone and e-mail; the proposals stay. */
export async function eraseContacts(db: Kysely<Database>, contacts: readonly Pick<ContactRecord, 'kind' | 'rowId'>[], marker: string): Promise<void> {
  const blank = { contact_name: marker, contact_title: null, contact_phone: null, contact_email: null };
  const problemIds = contacts.filter((c) => c.kind === 'problem').map((c) => c.rowId);
  const solutionIds = contacts.filter((c) => c.kind === 'solution').map((c) => c.rowId);
  if (problemIds.length) await db.updateTable('problems').set(blank).where('id', 'in', problemIds).execute();
  if (solutionIds.length) await db.updateTable('problem_solutions').set(blank).where('id', 'in', solutionIds).execute();
}
