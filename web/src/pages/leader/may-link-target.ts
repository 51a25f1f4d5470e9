/** Roles that hold the administer right over their subtree (src/domain/access/authorize.ts: unit_admin and above). */
const ADMINISTERING = new Set(['unit_admin', 'system_admin']);

/**
 * Whether the signed-in person may link a plan's published targets to indicators: the API asks for the
 * administer right over the plan's owner (the tree's root for a plan without one), so a grant of
 * unit_admin on that unit or above it, or system_admin anywhere. Only to show or hide the action —
 * the server checks every request regardless.
 *
 * @example
 * mayLinkTargets([{ unitCode: 'HN_P_VT', role: 'unit_admin' }], 'HN_P_VT', (c) => ({ HN_P_VT: 'HN' })[c] ?? null) // → true
 */
export function mayLinkTargets(
  grants: readonly { unitCode: string; role: string }[],
  ownerCode: string | null,
  parentOf: (code: string) => string | null,
): boolean {
  if (grants.some((g) => g.role === 'system_admin')) return true;
  const admin = new Set(grants.filter((g) => ADMINISTERING.has(g.role)).map((g) => g.unitCode));
  if (admin.size === 0 || ownerCode === null) return false;
  // Up from the owner to the root; a cycle in a broken registry must not hang the page.
  const seen = new Set<string>();
  for (let code: string | null = ownerCode; code !== null && !seen.has(code); code = parentOf(code)) {
    if (admin.has(code)) return true;
    seen.add(code);
  }
  return false;
}
