import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { AccessPrincipal } from '../../domain/access/authorize.ts';
import { userPrincipal } from '../../domain/access/principal-of.ts';
import { hashSecret } from '../../domain/access/secrets.ts';
import { findLiveSession } from '../../repositories/sessions.repository.ts';
import { findUserById } from '../../repositories/users.repository.ts';

/**
 * The signed-in user behind a session cookie and the session's CSRF token; null when the session is
 * unknown, expired, or its user disabled.
 *
 * @example
 * const s = await resolveSession(ctx.db, cookieValue, ctx.now());
 */
export async function resolveSession(
  db: Kysely<Database>,
  sessionId: string,
  now: Date,
): Promise<{ principal: AccessPrincipal; csrfToken: string; expiresAt: Date } | null> {
  const session = await findLiveSession(db, hashSecret(sessionId), now);
  if (!session) return null;
  const user = await findUserById(db, session.userId);
  if (!user || user.disabled) return null;
  return { principal: userPrincipal(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}
