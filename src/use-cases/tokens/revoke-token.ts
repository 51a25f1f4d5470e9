import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { findTokenById, revokeToken as markRevoked, type TokenRecord } from '../../repositories/tokens.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Revokes a token from now on, audited. Revoking a revoked token changes nothing. The caller has
 * checked that `actor` administers the token's unit.
 *
 * @example
 * await revokeToken(ctx, 'user:admin', 12);
 */
export async function revokeToken(ctx: AppContext, actor: string, id: number): Promise<{ token: TokenRecord; changed: boolean }> {
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const before = await findTokenById(trx, id);
    if (!before) throw new NotFoundError(message('token.no_such_token', { id: String(id) }));
    const at = ctx.now();
    if (!(await markRevoked(trx, id, at))) return false;
    await recordAudit(trx, {
      actor,
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: at.toISOString() },
      at,
    });
    return true;
  });
  const token = await findTokenById(ctx.db, id);
  if (!token) throw new NotFoundError(message('token.no_such_token', { id: String(id) }));
  return { token, changed };
}
