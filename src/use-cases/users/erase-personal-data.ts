import type { AppContext } from '../../app-context.ts';
import { erasedName } from '../../domain/access/erased-name.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { eraseContactsByEmail, eraseUserDetails } from '../../repositories/personal-data.repository.ts';
import { revokeTokensCreatedBy } from '../../repositories/tokens.repository.ts';
import { deleteUserSessions, disableUser as markDisabled, findUserByUsername, type UserRecord } from '../../repositories/users.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

export { erasedName } from '../../domain/access/erased-name.ts';

/**
 * Erases a person's details (Law 91/2025 art. 16): the name becomes a placeholder, the e-mail and
 * password hash are removed, the account is disabled, sessions end and the tokens they made are
 * revoked; problem and solution proposals naming them as contact (by their e-mail) lose the contact's
 * details. What they entered (figures, reports) stays, attributed to their user id (`user:<id>`;
 * older records name the username), and screens then show "deleted user" (actor-name.ts); the audit chain never held their details (record-audit.ts).
 * Audited; erasing twice changes nothing more.
 *
 * @example
 * await erasePersonalData(ctx, 'user:admin', 'lan'); // displayName → "Người dùng đã xoá dữ liệu #7"
 */
export async function erasePersonalData(ctx: AppContext, actor: string, username: string): Promise<{ user: UserRecord; changed: boolean }> {
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserByUsername(trx, username);
    if (!user) throw new NotFoundError(message('user.no_such_user', { username }));
    if (user.displayName === erasedName(user.id) && user.email === null && user.disabled) return false;
    const at = ctx.now();
    // Contacts are found by the e-mail, so they go before the e-mail itself is erased.
    const contactsErased = await eraseContactsByEmail(trx, user.email, erasedName(user.id));
    await eraseUserDetails(trx, user.id, erasedName(user.id));
    await markDisabled(trx, user.id, at);
    await deleteUserSessions(trx, user.id);
    const tokensRevoked = await revokeTokensCreatedBy(trx, user.id, at);
    await recordAudit(trx, { actor, action: 'erase_personal_data', entity: 'user', entityId: user.id, before: null, after: { erased: ['displayName', 'email', 'password'], disabled: true, tokensRevoked, contactsErased }, at });
    return true;
  });
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new NotFoundError(message('user.no_such_user', { username }));
  return { user, changed };
}
