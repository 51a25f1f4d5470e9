import type { AppContext } from '../../app-context.ts';
import { hashSecret } from '../../domain/access/secrets.ts';
import { deleteSession } from '../../repositories/sessions.repository.ts';

/**
 * Ends a session: the cookie value stops working at once, wherever it was copied.
 *
 * @example
 * await logOut(ctx, request.cookies['__Host-theodoi_session']);
 */
export async function logOut(ctx: AppContext, sessionId: string): Promise<void> {
  await deleteSession(ctx.db, hashSecret(sessionId));
}
