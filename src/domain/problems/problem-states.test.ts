import { message, renderMessage, type Message } from '../messages/message.ts';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/tables/access.ts';
import type { AccessPrincipal } from '../access/authorize.ts';
import { allowedMoves, decideMove, mayReadProblem, PROBLEM_MOVES, PROBLEM_STATES, type ProblemState } from './problem-states.ts';

// HN (city) > SKHCN (receiving agency), P_A, P_B (wards).
const PARENT: Record<string, string> = { SKHCN: 'HN', P_A: 'HN', P_B: 'HN' };
const tree = (ancestor: string, unit: string) => ancestor === unit || PARENT[unit] === ancestor;
const who = (unitCode: string, role: Role): AccessPrincipal => ({ kind: 'user', actor: `user:${role}@${unitCode}`, userId: 1, tokenId: null, grants: [{ unitCode, role }] });
const units = { proposing: 'P_A', receiving: 'SKHCN', city: 'HN' };

const wardReporter = who('P_A', 'reporter');
const otherWard = who('P_B', 'unit_admin');
const agencyStaff = who('SKHCN', 'reporter');
const agencyViewer = who('SKHCN', 'viewer');
const cityAdmin = who('HN', 'unit_admin');
const cityApprover = who('HN', 'approver');
const cityReporter = who('HN', 'reporter');

describe('problem states and who moves them', () => {
  const forward: [ProblemState, ProblemState][] = [['proposed', 'consolidated'], ['consolidated', 'appraised'], ['appraised', 'published'], ['published', 'in_pilot'], ['in_pilot', 'evaluated']];

  it.each(forward)('%s → %s: the receiving agency or a city unit admin; not the ward, another ward, a viewer or a city approver', (from, to) => {
    for (const p of [agencyStaff, cityAdmin]) expect(decideMove(p, from, to, units, tree, null)).toMatchObject({ ok: true });
    // A city reporter stands in the receiving agency's subtree: it may act for the agency.
    expect(decideMove(cityReporter, from, to, units, tree, null).ok).toBe(true);
    for (const p of [wardReporter, otherWard, agencyViewer]) expect(decideMove(p, from, to, units, tree, null)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('evaluated → scaled: only a city approver or unit admin', () => {
    for (const p of [cityApprover, cityAdmin]) expect(decideMove(p, 'evaluated', 'scaled', units, tree, null).ok).toBe(true);
    for (const p of [agencyStaff, wardReporter, cityReporter]) expect(decideMove(p, 'evaluated', 'scaled', units, tree, null)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('closed from every state before the end, by the city decider, with a reason', () => {
    for (const from of PROBLEM_STATES.filter((s) => s !== 'closed' && s !== 'scaled')) {
      expect(decideMove(cityApprover, from, 'closed', units, tree, 'Trùng với bài toán cấp Thành phố')).toMatchObject({ ok: true });
      expect(decideMove(cityApprover, from, 'closed', units, tree, '  ')).toMatchObject({ ok: false, kind: 'reason', said: message('problem.move_needs_reason', { to: 'closed' }) });
      expect(decideMove(agencyStaff, from, 'closed', units, tree, 'lý do')).toMatchObject({ ok: false, kind: 'forbidden', said: message('problem.move_for_city_decider', { from, to: 'closed' }) });
    }
  });

  it('refuses moves that skip or go back, naming both states and what may follow', () => {
    const skip = decideMove(cityAdmin, 'proposed', 'published', units, tree, null);
    expect(skip).toMatchObject({ ok: false, kind: 'invalid' });
    const said = skip.ok ? null : skip.said;
    expect(said).toEqual(message('problem.move_not_allowed', { from: 'proposed', to: 'published', next: 'consolidated, closed' }));
    expect(renderMessage(said!, 'vi')).toBe('Không thể chuyển bài toán từ "proposed" sang "published"; từ "proposed" chỉ có thể sang: consolidated, closed');
    expect(renderMessage(said!, 'en')).toBe('Cannot move a problem from "proposed" to "published"; from "proposed" it may go to: consolidated, closed');
    expect(decideMove(cityAdmin, 'published', 'appraised', units, tree, null)).toMatchObject({ ok: false, kind: 'invalid' });
    // From a final state nothing follows, and that is said rather than an empty list.
    const fromClosed = decideMove(cityAdmin, 'closed', 'proposed', units, tree, null);
    expect(fromClosed).toMatchObject({ ok: false, kind: 'invalid', said: { code: 'problem.move_from_final' } });
    expect(renderMessage((fromClosed as { said: Message }).said, 'en')).toBe('Cannot move a problem from "closed" to "proposed": "closed" is a final state');
    expect(decideMove(cityAdmin, 'scaled', 'closed', units, tree, 'x')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(PROBLEM_MOVES).toHaveLength(6 + 6);
  });

  it('reads: the proposing ward, the receiving agency and the city; not another ward', () => {
    for (const p of [wardReporter, agencyViewer, cityApprover]) expect(mayReadProblem(p, units, tree)).toBe(true);
    expect(mayReadProblem(otherWard, units, tree)).toBe(false);
  });

  it('allowedMoves offers exactly the moves decideMove lets this person make (a reason left to the caller)', () => {
    const to = (p: AccessPrincipal, from: ProblemState) => allowedMoves(p, from, units, tree).map((m) => m.to).sort();
    expect(to(wardReporter, 'proposed')).toEqual([]);
    expect(to(agencyStaff, 'proposed')).toEqual(['consolidated']);
    expect(to(cityApprover, 'appraised')).toEqual(['closed', 'published']);
    expect(to(agencyStaff, 'evaluated')).toEqual([]);
    expect(to(cityAdmin, 'evaluated')).toEqual(['closed', 'scaled']);
    expect(to(cityAdmin, 'scaled')).toEqual([]);
    for (const p of [wardReporter, otherWard, agencyStaff, agencyViewer, cityAdmin, cityApprover, cityReporter]) {
      for (const from of PROBLEM_STATES) {
        const offered = new Set(allowedMoves(p, from, units, tree).map((m) => m.to));
        for (const next of PROBLEM_STATES) expect(offered.has(next)).toBe(decideMove(p, from, next, units, tree, 'lý do').ok);
      }
    }
  });
});
