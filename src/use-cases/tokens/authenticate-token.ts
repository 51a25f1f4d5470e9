import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { canGrant, canSeeClassified, type AccessPrincipal } from '../../domain/access/authorize.ts';
import { tokenPrincipal, tokenRefusal, userPrincipal, type TokenRefusal } from '../../domain/access/principal-of.ts';
import { hashSecret } from '../../domain/access/secrets.ts';
import { findTokenByHash, type TokenRecord } from '../../repositories/tokens.repository.ts';
import { findUserById, unitAncestries } from '../../repositories/users.repository.ts';

/**
 * The principal a bearer token stands for, or why it is refused (unknown, revoked, expired). A token
 * is only as strong as its creator is now: a token whose creator was disabled, or no longer holds the
 * rights to grant the token's role over its unit, is refused; its `classified` scope holds only while
 * the creator may still see classified items there. Tokens made by an operator (CLI, no creator)
 * stand on their own.
 *
 * @example
 * const r = await authenticateToken(ctx.db, 'tdk_…', ctx.now());
 * if ('refused' in r) reply 401; // else r.principal, valid until r.expiresAt (null: no expiry)
 */
export async function authenticateToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ principal: AccessPrincipal; expiresAt: Date | null } | { refused: TokenRefusal }> {
  const record = await findTokenByHash(db, hashSecret(token));
  const refused = tokenRefusal(record, now);
  if (refused || !record) return { refused: refused ?? 'unknown' };
  const principal = tokenPrincipal(record);
  // Its own expiry, so that whoever keeps the answer stops at that moment.
  const expiresAt = record.expiresAt;
  if (record.createdBy === null) return { principal, expiresAt };
  const bound = await boundByCreator(db, record, record.createdBy, principal);
  return 'refused' in bound ? bound : { ...bound, expiresAt };
}

async function boundByCreator(
  db: Kysely<Database>,
  record: TokenRecord,
  createdBy: number,
  principal: AccessPrincipal,
): Promise<{ principal: AccessPrincipal } | { refused: TokenRefusal }> {
  const creator = await findUserById(db, createdBy);
  if (!creator || creator.disabled) return { refused: 'revoked' };
  const ancestry = (await unitAncestries(db, [record.unitCode])).get(record.unitCode) ?? new Set([record.unitCode]);
  const inSubtree = (ancestor: string, unit: string) => ancestor === unit || (unit === record.unitCode && ancestry.has(ancestor));
  const creatorNow = userPrincipal(creator);
  if (!canGrant(creatorNow, record.role, record.unitCode, inSubtree)) return { refused: 'revoked' };
  if ((principal.scopes ?? []).includes('classified') && !canSeeClassified(creatorNow, record.unitCode, inSubtree)) {
    return { principal: { ...principal, scopes: (principal.scopes ?? []).filter((s) => s !== 'classified') } };
  }
  return { principal };
}
