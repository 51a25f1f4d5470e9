import type { AppContext } from '../../app-context.ts';
import { hashSecret } from '../../domain/access/secrets.ts';
import { announceStateChange } from '../../realtime/change-clock.ts';
import { deleteSession } from '../../repositories/sessions.repository.ts';

/**
 * Ends a session: the cookie value stops working at once, wherever it was copied.
 *
 * @example
 * await logOut(ctx, request.cookies['__Host-theodoi_session']);
 */
export async function logOut(ctx: AppContext, sessionId: string): Promise<void> {
  // Announced, as an audit entry would be: instances that keep who a session stands for forget it.
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, hashSecret(sessionId));
    await announceStateChange(trx, 'logout');
  });
}
