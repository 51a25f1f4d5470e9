import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { personalFootprint, type PersonalFootprint } from '../../repositories/personal-data.repository.ts';
import { findUserByUsername, type UserRecord } from '../../repositories/users.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

export interface PersonalDataExport {
  format: 'theodoi-personal-data/v1';
  exportedAt: string;
  user: Omit<UserRecord, 'createdAt'> & { createdAt: string };
  /** The footprint with its times as ISO strings: an export is a document, not live objects. */
  footprint: {
    sessions: { createdAt: string; expiresAt: string }[];
    tokens: (Omit<PersonalFootprint['tokens'][number], 'createdAt' | 'revokedAt'> & { createdAt: string; revokedAt: string | null })[];
    auditEntries: (Omit<PersonalFootprint['auditEntries'][number], 'at'> & { at: string })[];
    observationVersions: number;
    problemContacts: PersonalFootprint['problemContacts'];
    solutionContacts: (Omit<PersonalFootprint['solutionContacts'][number], 'consentedAt'> & { consentedAt: string })[];
  };
}

/**
 * Everything the system holds about one person, for their right of access (Law 91/2025 art. 14):
 * their user row, grants, sessions, the tokens they made, and references to what they did (audit
 * entries and observation versions recorded under their name), and the problem (Mẫu 01) and solution
 * (Mẫu 02) proposals naming them as contact, found by their e-mail. The export itself is audited —
 * who asked for whose data — without the data.
 *
 * @example
 * const data = await exportPersonalData(ctx, 'user:admin', 'lan'); // data.user.displayName === 'Nguyễn Thị Lan'
 */
export async function exportPersonalData(ctx: AppContext, actor: string, username: string): Promise<PersonalDataExport> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new NotFoundError(message('user.no_such_user', { username }));
  const footprint = await personalFootprint(ctx.db, user);
  const at = ctx.now();
  await recordAudit(ctx.db, { actor, action: 'export_personal_data', entity: 'user', entityId: user.id, before: null, after: { auditEntries: footprint.auditEntries.length, tokens: footprint.tokens.length }, at });
  return {
    format: 'theodoi-personal-data/v1',
    exportedAt: at.toISOString(),
    user: { ...user, createdAt: user.createdAt.toISOString() },
    footprint: {
      sessions: footprint.sessions.map((s) => ({ createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString() })),
      tokens: footprint.tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), revokedAt: t.revokedAt?.toISOString() ?? null })),
      auditEntries: footprint.auditEntries.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
      observationVersions: footprint.observationVersions,
      problemContacts: footprint.problemContacts,
      solutionContacts: footprint.solutionContacts.map((c) => ({ ...c, consentedAt: new Date(c.consentedAt).toISOString() })),
    },
  };
}
