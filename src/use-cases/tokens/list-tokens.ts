import type { AppContext } from '../../app-context.ts';
import { listTokens as selectTokens, type TokenRecord } from '../../repositories/tokens.repository.ts';

/**
 * Tokens newest first (never their secrets, which are not stored); `unitRoots` limits to tokens bound
 * inside those subtrees (null: all).
 *
 * @example
 * const tokens = await listTokens(ctx, null);
 */
export async function listTokens(ctx: AppContext, unitRoots: string[] | null): Promise<TokenRecord[]> {
  return selectTokens(ctx.db, { unitRoots });
}
