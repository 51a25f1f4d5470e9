import type { Role } from '../../db/tables/access.ts';
import type { Principal } from './principal.ts';

/** Roles from least to most powerful; each includes the rights of those before it. */
export const ROLES = ['viewer', 'reporter', 'approver', 'unit_admin', 'system_admin'] as const satisfies readonly Role[];

/** What a request wants to do to a unit's data. */
export const ACTIONS = ['read', 'write', 'approve', 'administer'] as const;
export type Action = (typeof ACTIONS)[number];

/** Token scopes: the four actions, plus `classified` (the explicit right to read classified items). */
export const SCOPES = [...ACTIONS, 'classified'] as const;
export type Scope = (typeof SCOPES)[number];

/** The least role that may perform each action in its subtree. */
export const MINIMUM_ROLE: Record<Action, Role> = {
  read: 'viewer',
  write: 'reporter',
  approve: 'approver',
  administer: 'unit_admin',
};

/**
 * What narrows a principal beyond its grants. The auth layer fills these in; a bare `Principal`
 * (without them) is unrestricted by scopes and has no explicit classified grants.
 */
export interface PrincipalRestrictions {
  /** Token scopes. Empty or absent: every action the role allows. Otherwise only the listed actions. */
  scopes?: readonly string[];
  /** Units under whose subtree the principal was explicitly granted classified reading. */
  classifiedUnits?: readonly string[];
}

/** A principal as the auth layer builds it: the shared contract plus its restrictions. */
export type AccessPrincipal = Principal & PrincipalRestrictions;

/**
 * Answers "is `unit` inside the subtree rooted at `ancestor`?" — true when they are the same unit.
 * The HTTP layer answers it from the units tree, cached per request.
 */
export type SubtreeCheck = (ancestor: string, unit: string) => boolean;

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/**
 * Whether `principal` may perform `action` on the data of `unitCode`: some grant's role is at least
 * the action's minimum and the unit lies in that grant's subtree. `system_admin` may do anything
 * anywhere. A token whose scopes list actions may only perform those.
 *
 * @example
 * const p = { ...ANONYMOUS, kind: 'user', actor: 'user:lan', grants: [{ unitCode: 'VT', role: 'reporter' }] };
 * can(p, 'write', 'VT-VHXH', (a, u) => u.startsWith(a)); // true
 * can(p, 'approve', 'VT', () => true);                  // false: reporter < approver
 */
export function can(principal: AccessPrincipal, action: Action, unitCode: string, isInSubtree: SubtreeCheck): boolean {
  if (!scopeAllows(principal, action)) return false;
  const needed = roleRank(MINIMUM_ROLE[action]);
  return principal.grants.some(
    (g) => g.role === 'system_admin' || (roleRank(g.role) >= needed && inSubtree(isInSubtree, g.unitCode, unitCode)),
  );
}

/**
 * Whether `principal` may see items marked classified ("có yếu tố mật") that belong to `unitCode`.
 * The rule: the principal must be able to read the unit, and in addition either
 *  - hold a role of at least `approver` over a subtree containing the unit (approvers answer for what
 *    their units report, so they see all of it), or
 *  - have an explicit classified grant over a subtree containing the unit (users: `classified_grants`;
 *    tokens: the `classified` scope, which applies to the token's own subtree), or
 *  - be a `system_admin`.
 *
 * @example
 * canSeeClassified({ ...viewer, classifiedUnits: ['VT'] }, 'VT', same); // true
 * canSeeClassified(viewer, 'VT', same);                                 // false
 */
export function canSeeClassified(principal: AccessPrincipal, unitCode: string, isInSubtree: SubtreeCheck): boolean {
  if (!can(principal, 'read', unitCode, isInSubtree)) return false;
  const approver = roleRank('approver');
  for (const g of principal.grants) {
    if (g.role === 'system_admin') return true;
    if (!inSubtree(isInSubtree, g.unitCode, unitCode)) continue;
    if (roleRank(g.role) >= approver) return true;
    if (principal.kind === 'token' && (principal.scopes ?? []).includes('classified')) return true;
  }
  return (principal.classifiedUnits ?? []).some((u) => inSubtree(isInSubtree, u, unitCode));
}

/**
 * Whether `principal` may give `role` over `unitCode` to someone (a user role or a new token): it must
 * administer the unit and may not hand out more than it holds there; only a system admin makes
 * system admins.
 *
 * @example
 * canGrant(unitAdminOfVT, 'reporter', 'VT-VHXH', check);     // true
 * canGrant(unitAdminOfVT, 'system_admin', 'VT-VHXH', check); // false
 */
export function canGrant(principal: AccessPrincipal, role: Role, unitCode: string, isInSubtree: SubtreeCheck): boolean {
  if (principal.grants.some((g) => g.role === 'system_admin')) return scopeAllows(principal, 'administer');
  if (role === 'system_admin' || !can(principal, 'administer', unitCode, isInSubtree)) return false;
  return principal.grants.some((g) => roleRank(g.role) >= roleRank(role) && inSubtree(isInSubtree, g.unitCode, unitCode));
}

/** The units a principal's grants are rooted at with at least `action`'s role; null means everywhere. */
export function scopeRoots(principal: AccessPrincipal, action: Action): string[] | null {
  if (!scopeAllows(principal, action)) return [];
  if (principal.grants.some((g) => g.role === 'system_admin')) return null;
  const needed = roleRank(MINIMUM_ROLE[action]);
  return [...new Set(principal.grants.filter((g) => roleRank(g.role) >= needed).map((g) => g.unitCode))];
}

function scopeAllows(principal: AccessPrincipal, action: Action): boolean {
  const actionScopes = (principal.scopes ?? []).filter((s) => (ACTIONS as readonly string[]).includes(s));
  return actionScopes.length === 0 || actionScopes.includes(action);
}

function inSubtree(isInSubtree: SubtreeCheck, ancestor: string, unit: string): boolean {
  return ancestor === unit || isInSubtree(ancestor, unit);
}
