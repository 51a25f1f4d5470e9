import type { Role } from '../../db/tables/access.ts';
import { userActor } from './actor.ts';
import type { AccessPrincipal } from './authorize.ts';

/**
 * The principal of a signed-in user: one grant per role held, plus explicit classified grants. Its
 * actor is the user's id, never a name (actor.ts).
 *
 * @example
 * userPrincipal({ id: 7, username: 'lan', grants: [{ unitCode: 'VT', role: 'reporter' }], classifiedUnits: [] });
 * // { kind: 'user', actor: 'user:7', userId: 7, tokenId: null, grants: [...], classifiedUnits: [] }
 */
export function userPrincipal(user: {
  id: number;
  username: string;
  grants: { unitCode: string; role: Role }[];
  classifiedUnits: string[];
}): AccessPrincipal {
  return {
    kind: 'user',
    actor: userActor(user.id),
    userId: user.id,
    tokenId: null,
    grants: user.grants.map((g) => ({ ...g })),
    classifiedUnits: [...user.classifiedUnits],
  };
}

/** The principal of an API token: its one role over its unit's subtree, narrowed by its scopes. */
export function tokenPrincipal(token: { id: number; unitCode: string; role: Role; scopes: string[] }): AccessPrincipal {
  return {
    kind: 'token',
    actor: `token:${token.id}`,
    userId: null,
    tokenId: token.id,
    grants: [{ unitCode: token.unitCode, role: token.role }],
    scopes: [...token.scopes],
  };
}

/** Why a presented token is refused; the client only ever sees a generic 401. */
export type TokenRefusal = 'unknown' | 'revoked' | 'expired';

export function tokenRefusal(token: { revokedAt: Date | null; expiresAt: Date | null } | null, now: Date): TokenRefusal | null {
  if (!token) return 'unknown';
  if (token.revokedAt && token.revokedAt <= now) return 'revoked';
  if (token.expiresAt && token.expiresAt <= now) return 'expired';
  return null;
}
