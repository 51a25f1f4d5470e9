import type { AppContext } from '../../app-context.ts';
import { userActor } from '../../domain/access/actor.ts';
import { hashSecret, randomSecret } from '../../domain/access/secrets.ts';
import { deleteExpiredSessions, insertSession } from '../../repositories/sessions.repository.ts';
import { findLogin, findUserById, type UserRecord } from '../../repositories/users.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { burnPasswordCheck, verifyPassword } from '../users/hash-password.ts';

/** How long a web session lasts, in hours (`THEODOI_SESSION_HOURS`, default 12: one working day). */
export function sessionHours(): number {
  const hours = Number(process.env.THEODOI_SESSION_HOURS ?? 12);
  return Number.isFinite(hours) && hours > 0 ? hours : 12;
}

export interface LoginResult {
  /** The session id for the cookie; only its hash is stored. */
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRecord;
}

/**
 * Checks a username and password and opens a session. Null on any failure — unknown user, disabled
 * user, no password, wrong password — after the same amount of work, so the caller cannot tell which.
 *
 * @example
 * const session = await logIn(ctx, 'lan', 'mật khẩu');
 * if (!session) reply 401 'Tên đăng nhập hoặc mật khẩu không đúng';
 */
export async function logIn(ctx: AppContext, username: string, password: string): Promise<LoginResult | null> {
  const name = username.normalize('NFC').trim();
  const login = await findLogin(ctx.db, name);
  if (!login || login.disabled || !login.passwordHash) {
    await burnPasswordCheck(password);
    await auditFailedLogin(ctx, name);
    return null;
  }
  const user = (await verifyPassword(login.passwordHash, password)) ? await findUserById(ctx.db, login.id) : null;
  if (!user) {
    await auditFailedLogin(ctx, name);
    return null;
  }
  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + sessionHours() * 3_600_000);
  // Opportunistic housekeeping: expired rows are useless, and logins are rare enough to carry it.
  await deleteExpiredSessions(ctx.db, now);
  await ctx.db.transaction().execute(async (trx) => {
    await insertSession(trx, { idHash: hashSecret(sessionId), userId: user.id, csrfToken, expiresAt });
    await recordAudit(trx, { actor: userActor(user.id), action: 'login', entity: 'user', entityId: user.id, before: null, after: { ok: true }, at: now });
  });
  return { sessionId, csrfToken, expiresAt, user };
}

/**
 * A failed sign-in is evidence of guessing: it goes in the audit log under the name that was tried
 * (never the password), the same entry whether the user exists or not.
 */
async function auditFailedLogin(ctx: AppContext, username: string): Promise<void> {
  await recordAudit(ctx.db, { actor: 'anonymous', action: 'login_failed', entity: 'user', entityId: null, before: null, after: { username: username.slice(0, 100) }, at: ctx.now() });
}
