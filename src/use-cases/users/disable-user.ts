import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { deleteUserSessions, disableUser as markDisabled, findUserByUsername, type UserRecord } from '../../repositories/users.repository.ts';
import { revokeTokensCreatedBy } from '../../repositories/tokens.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Disables a user (someone who left): sign-in is refused, open sessions end and the API tokens the
 * user created are revoked at once (a token never outlives its creator's power). Nothing the
 * user entered is touched, and the user row stays for provenance. Audited; disabling twice changes
 * nothing. The caller has checked that `actor` administers the user's home unit.
 *
 * @example
 * await disableUser(ctx, 'cli:root', 'lan');
 */
export async function disableUser(ctx: AppContext, actor: string, username: string): Promise<{ user: UserRecord; changed: boolean }> {
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserByUsername(trx, username);
    if (!user) throw new NotFoundError(message('user.no_such_user', { username }));
    const at = ctx.now();
    if (!(await markDisabled(trx, user.id, at))) return false;
    await deleteUserSessions(trx, user.id);
    const tokensRevoked = await revokeTokensCreatedBy(trx, user.id, at);
    await recordAudit(trx, { actor, action: 'disable', entity: 'user', entityId: user.id, before: { disabled: false }, after: { disabled: true, tokensRevoked }, at });
    return true;
  });
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new NotFoundError(message('user.no_such_user', { username }));
  return { user, changed };
}
