import { scopeRoots, type AccessPrincipal, type SubtreeCheck } from '../access/authorize.ts';

/**
 * Whether `principal` may write a pilot over these units: it administers (unit_admin or above) one
 * unit whose subtree holds every one of them. A pilot compares units, so whoever sets it up must
 * answer for all of them at once; administering two wards separately is not administering a pilot
 * across both. Built on `scopeRoots`, so token scopes narrow it as they narrow every other right.
 *
 * @example
 * canAdministerTogether(adminOfDistrict, ['P_A', 'P_B'], inSubtree); // true when both lie under the district
 */
export function canAdministerTogether(principal: AccessPrincipal, unitCodes: readonly string[], isInSubtree: SubtreeCheck): boolean {
  const roots = scopeRoots(principal, 'administer');
  if (roots === null) return true;
  return roots.some((root) => unitCodes.every((u) => u === root || isInSubtree(root, u)));
}
