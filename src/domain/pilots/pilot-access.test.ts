import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../access/principal.ts';
import type { AccessPrincipal } from '../access/authorize.ts';
import { canAdministerTogether } from './pilot-access.ts';

// HN ⊃ Q1 ⊃ {P_A, P_B}; HN ⊃ P_C.
const PARENT: Record<string, string> = { Q1: 'HN', P_A: 'Q1', P_B: 'Q1', P_C: 'HN' };
const inSubtree = (ancestor: string, unit: string) => {
  for (let u: string | undefined = unit; u; u = PARENT[u]) if (u === ancestor) return true;
  return false;
};
const principal = (grants: AccessPrincipal['grants'], scopes?: string[]): AccessPrincipal => ({ ...ANONYMOUS, kind: 'token', actor: 'token:1', grants, ...(scopes ? { scopes } : {}) });

describe('who may write a pilot', () => {
  it('needs one unit administered whose subtree holds every unit of the pilot', () => {
    expect(canAdministerTogether(principal([{ unitCode: 'Q1', role: 'unit_admin' }]), ['P_A', 'P_B'], inSubtree)).toBe(true);
    expect(canAdministerTogether(principal([{ unitCode: 'Q1', role: 'unit_admin' }]), ['P_A', 'P_C'], inSubtree)).toBe(false);
    // Administering both wards separately is not administering a pilot across them.
    expect(canAdministerTogether(principal([{ unitCode: 'P_A', role: 'unit_admin' }, { unitCode: 'P_B', role: 'unit_admin' }]), ['P_A', 'P_B'], inSubtree)).toBe(false);
    expect(canAdministerTogether(principal([{ unitCode: 'HN', role: 'approver' }]), ['P_A', 'P_B'], inSubtree)).toBe(false);
    expect(canAdministerTogether(principal([{ unitCode: 'P_C', role: 'system_admin' }]), ['P_A', 'P_B'], inSubtree)).toBe(true);
    // A token limited to reading may not write, whatever its role.
    expect(canAdministerTogether(principal([{ unitCode: 'HN', role: 'unit_admin' }], ['read']), ['P_A'], inSubtree)).toBe(false);
  });
});
