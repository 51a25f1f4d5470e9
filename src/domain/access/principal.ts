import type { Role } from '../../db/tables/access.ts';

/**
 * Who is asking: a signed-in user, a machine client with an API token, or nobody. Each grant gives a
 * role over the subtree rooted at a unit.
 */
export interface Principal {
  kind: 'user' | 'token' | 'anonymous';
  /** "user:<id>" or "token:<id>"; written into provenance and the audit log (actor.ts). */
  actor: string;
  userId: number | null;
  tokenId: number | null;
  grants: { unitCode: string; role: Role }[];
}

export const ANONYMOUS: Principal = { kind: 'anonymous', actor: 'anonymous', userId: null, tokenId: null, grants: [] };
