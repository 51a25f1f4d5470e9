import type { AccessPrincipal } from './authorize.ts';

/**
 * What decides what a principal may read, without who it is: two readers with the same grants, token
 * scopes and classified grants read the same things, so they may share a kept answer (the overview
 * cache). Sorted, so the order grants were loaded in does not matter.
 *
 * @example
 * visibilityClass({ kind: 'user', actor: 'user:an', userId: 3, tokenId: null, grants: [{ unitCode: 'HN', role: 'viewer' }] })
 * // → '["user",[["HN","viewer"]],[],[]]'
 */
export function visibilityClass(principal: AccessPrincipal): string {
  return JSON.stringify([
    principal.kind,
    principal.grants.map((g) => [g.unitCode, g.role]).sort((a, b) => (a.join('|') < b.join('|') ? -1 : 1)),
    [...(principal.scopes ?? [])].sort(),
    [...(principal.classifiedUnits ?? [])].sort(),
  ]);
}
