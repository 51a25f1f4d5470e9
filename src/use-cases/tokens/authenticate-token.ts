import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { AccessPrincipal } from '../../domain/access/authorize.ts';
import { tokenPrincipal, tokenRefusal, type TokenRefusal } from '../../domain/access/principal-of.ts';
import { hashSecret } from '../../domain/access/secrets.ts';
import { findTokenByHash } from '../../repositories/tokens.repository.ts';

/**
 * The principal a bearer token stands for, or why it is refused (unknown, revoked, expired).
 *
 * @example
 * const r = await authenticateToken(ctx.db, 'tdk_…', ctx.now());
 * if ('refused' in r) reply 401;
 */
export async function authenticateToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ principal: AccessPrincipal } | { refused: TokenRefusal }> {
  const record = await findTokenByHash(db, hashSecret(token));
  const refused = tokenRefusal(record, now);
  if (refused || !record) return { refused: refused ?? 'unknown' };
  return { principal: tokenPrincipal(record) };
}
