import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/tables/access.ts';
import { ACTIONS, can, canGrant, canSeeClassified, ROLES, scopeRoots, type AccessPrincipal, type Action, type SubtreeCheck } from './authorize.ts';
import { ANONYMOUS } from './principal.ts';

// HN ─┬─ VT ── VT-VHXH
//     └─ SKHCN
const PARENT: Record<string, string | null> = { HN: null, VT: 'HN', 'VT-VHXH': 'VT', SKHCN: 'HN' };
const inSubtree: SubtreeCheck = (ancestor, unit) => {
  for (let u: string | null | undefined = unit; u; u = PARENT[u]) if (u === ancestor) return true;
  return false;
};

function user(role: Role, unitCode = 'VT', extra: Partial<AccessPrincipal> = {}): AccessPrincipal {
  return { kind: 'user', actor: `user:${role}`, userId: 1, tokenId: null, grants: [{ unitCode, role }], ...extra };
}

const ALLOWED: Record<Role, Action[]> = {
  viewer: ['read'],
  reporter: ['read', 'write'],
  approver: ['read', 'write', 'approve'],
  unit_admin: ['read', 'write', 'approve', 'administer'],
  system_admin: ['read', 'write', 'approve', 'administer'],
};

describe('can: role × action × unit', () => {
  const cases = ROLES.flatMap((role) =>
    ACTIONS.flatMap((action) => [
      { role, action, unit: 'VT', inScope: true },
      { role, action, unit: 'VT-VHXH', inScope: true },
      { role, action, unit: 'SKHCN', inScope: role === 'system_admin' },
      { role, action, unit: 'HN', inScope: role === 'system_admin' },
    ]),
  );
  it.each(cases)('$role may $action on $unit: in scope $inScope', ({ role, action, unit, inScope }) => {
    expect(can(user(role), action, unit, inSubtree)).toBe(inScope && ALLOWED[role].includes(action));
  });

  it('gives the anonymous principal nothing', () => {
    for (const action of ACTIONS) expect(can(ANONYMOUS, action, 'VT', inSubtree)).toBe(false);
  });

  it('lets a system admin act on units outside any tree, even unknown ones', () => {
    expect(can(user('system_admin', 'SKHCN'), 'administer', 'NOT-A-UNIT', () => false)).toBe(true);
  });

  it('combines grants: the strongest grant covering the unit decides', () => {
    const p: AccessPrincipal = { ...user('viewer', 'HN'), grants: [{ unitCode: 'HN', role: 'viewer' }, { unitCode: 'VT', role: 'approver' }] };
    expect(can(p, 'approve', 'VT-VHXH', inSubtree)).toBe(true);
    expect(can(p, 'write', 'SKHCN', inSubtree)).toBe(false);
    expect(can(p, 'read', 'SKHCN', inSubtree)).toBe(true);
  });

  it('narrows a token to its action scopes', () => {
    const token: AccessPrincipal = { kind: 'token', actor: 'token:1', userId: null, tokenId: 1, grants: [{ unitCode: 'VT', role: 'approver' }], scopes: ['write'] };
    expect(can(token, 'write', 'VT', inSubtree)).toBe(true);
    expect(can(token, 'read', 'VT', inSubtree)).toBe(false);
    expect(can(token, 'approve', 'VT', inSubtree)).toBe(false);
    expect(can({ ...token, scopes: ['classified'] }, 'approve', 'VT', inSubtree)).toBe(true);
  });
});

describe('canSeeClassified', () => {
  it.each([
    { who: 'viewer in scope', p: user('viewer'), unit: 'VT', expected: false },
    { who: 'reporter in scope', p: user('reporter'), unit: 'VT-VHXH', expected: false },
    { who: 'approver in scope', p: user('approver'), unit: 'VT-VHXH', expected: true },
    { who: 'unit admin in scope', p: user('unit_admin'), unit: 'VT', expected: true },
    { who: 'approver out of scope', p: user('approver'), unit: 'SKHCN', expected: false },
    { who: 'system admin anywhere', p: user('system_admin', 'SKHCN'), unit: 'VT-VHXH', expected: true },
    { who: 'viewer with explicit grant', p: user('viewer', 'VT', { classifiedUnits: ['VT'] }), unit: 'VT-VHXH', expected: true },
    { who: 'explicit grant without read right', p: user('viewer', 'VT', { classifiedUnits: ['SKHCN'] }), unit: 'SKHCN', expected: false },
    { who: 'explicit grant elsewhere', p: user('viewer', 'VT', { classifiedUnits: ['VT-VHXH'] }), unit: 'VT', expected: false },
    { who: 'token with classified scope', p: { ...user('reporter'), kind: 'token' as const, scopes: ['classified'] }, unit: 'VT', expected: true },
    { who: 'token without classified scope', p: { ...user('reporter'), kind: 'token' as const, scopes: [] }, unit: 'VT', expected: false },
    { who: 'token with classified but no read scope', p: { ...user('reporter'), kind: 'token' as const, scopes: ['write', 'classified'] }, unit: 'VT', expected: false },
    { who: 'anonymous', p: ANONYMOUS, unit: 'VT', expected: false },
  ])('$who → $expected', ({ p, unit, expected }) => {
    expect(canSeeClassified(p, unit, inSubtree)).toBe(expected);
  });
});

describe('canGrant', () => {
  it('lets a unit admin hand out up to unit admin inside the subtree only', () => {
    const admin = user('unit_admin');
    expect(canGrant(admin, 'reporter', 'VT-VHXH', inSubtree)).toBe(true);
    expect(canGrant(admin, 'unit_admin', 'VT', inSubtree)).toBe(true);
    expect(canGrant(admin, 'system_admin', 'VT', inSubtree)).toBe(false);
    expect(canGrant(admin, 'viewer', 'SKHCN', inSubtree)).toBe(false);
  });

  it('refuses below unit admin and allows a system admin everything', () => {
    expect(canGrant(user('approver'), 'viewer', 'VT', inSubtree)).toBe(false);
    expect(canGrant(user('system_admin', 'HN'), 'system_admin', 'SKHCN', inSubtree)).toBe(true);
  });
});

describe('scopeRoots', () => {
  it('lists the grant roots that carry the action, or null for a system admin', () => {
    const p: AccessPrincipal = { ...user('viewer'), grants: [{ unitCode: 'HN', role: 'viewer' }, { unitCode: 'VT', role: 'unit_admin' }] };
    expect(scopeRoots(p, 'read')?.sort()).toEqual(['HN', 'VT']);
    expect(scopeRoots(p, 'administer')).toEqual(['VT']);
    expect(scopeRoots(user('system_admin'), 'administer')).toBeNull();
    expect(scopeRoots(ANONYMOUS, 'read')).toEqual([]);
  });
});
