import { describe, expect, it } from 'vitest';
import { mayLinkTargets } from './may-link-target.ts';

// A small tree: the city, a ward and one of its offices, and another ward.
const PARENT: Record<string, string | null> = { HN: null, P_A: 'HN', P_A_VP: 'P_A', P_B: 'HN' };
const parentOf = (code: string) => PARENT[code] ?? null;

describe('who may link a published target to an indicator (shown or hidden on the target page)', () => {
  it('lets the administrator of the plan owner or of a unit above it', () => {
    expect(mayLinkTargets([{ unitCode: 'P_A', role: 'unit_admin' }], 'P_A', parentOf)).toBe(true);
    expect(mayLinkTargets([{ unitCode: 'HN', role: 'unit_admin' }], 'P_A', parentOf)).toBe(true);
    expect(mayLinkTargets([{ unitCode: 'P_B', role: 'system_admin' }], 'P_A', parentOf)).toBe(true);
  });

  it('refuses roles below unit_admin, administrators of another ward or of an office below the owner', () => {
    expect(mayLinkTargets([{ unitCode: 'P_A', role: 'approver' }], 'P_A', parentOf)).toBe(false);
    expect(mayLinkTargets([{ unitCode: 'P_B', role: 'unit_admin' }], 'P_A', parentOf)).toBe(false);
    expect(mayLinkTargets([{ unitCode: 'P_A_VP', role: 'unit_admin' }], 'P_A', parentOf)).toBe(false);
    expect(mayLinkTargets([], 'P_A', parentOf)).toBe(false);
  });

  it('ends on a registry whose parents loop', () => {
    const loop = (code: string) => (code === 'X' ? 'Y' : 'X');
    expect(mayLinkTargets([{ unitCode: 'Z', role: 'unit_admin' }], 'X', loop)).toBe(false);
  });
});
