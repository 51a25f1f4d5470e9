import type { Role } from '../../db/tables/access.ts';
import { can, type AccessPrincipal, type SubtreeCheck } from '../access/authorize.ts';
import { message, type Message, type MessageCode } from '../messages/message.ts';

/**
 * The life of a problem in the city's registry (action plan 2026, Appendix IV): a ward proposes it,
 * the receiving agency consolidates the catalogue (merging duplicates), appraises feasibility and
 * KPIs, publishes it to invite solutions, runs a pilot and evaluates it; the city then scales it up
 * or closes it. Closing is also possible from every earlier state, with a reason.
 */
export const PROBLEM_STATES = ['proposed', 'consolidated', 'appraised', 'published', 'in_pilot', 'evaluated', 'scaled', 'closed'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];

export const PROBLEM_STATE_LABELS: Record<ProblemState, string> = {
  proposed: 'Đề xuất',
  consolidated: 'Đã tổng hợp',
  appraised: 'Đã thẩm định',
  published: 'Đã công bố',
  in_pilot: 'Đang thử nghiệm',
  evaluated: 'Đã đánh giá',
  scaled: 'Nhân rộng',
  closed: 'Đóng',
};

/**
 * Who acts on a move:
 * - `ward`: staff of the proposing unit (reporter or above there) — the proposal itself;
 * - `agency`: the city's receiving agency (reporter or above at the problem's receiving unit), or a
 *   unit administrator of the city;
 * - `city_decider`: an approver or unit administrator of the city (the root unit).
 */
export type ProblemActor = 'ward' | 'agency' | 'city_decider';

export interface ProblemMove {
  from: ProblemState;
  to: ProblemState;
  by: ProblemActor;
  /** A note saying why is required (closing). */
  needsReason: boolean;
}

const FORWARD: [ProblemState, ProblemState, ProblemActor][] = [
  ['proposed', 'consolidated', 'agency'],
  ['consolidated', 'appraised', 'agency'],
  ['appraised', 'published', 'agency'],
  ['published', 'in_pilot', 'agency'],
  ['in_pilot', 'evaluated', 'agency'],
  ['evaluated', 'scaled', 'city_decider'],
];

/** Every allowed move; anything else is refused with both states named. */
export const PROBLEM_MOVES: readonly ProblemMove[] = [
  ...FORWARD.map(([from, to, by]) => ({ from, to, by, needsReason: false })),
  ...PROBLEM_STATES.filter((s) => s !== 'closed' && s !== 'scaled').map((from) => ({ from, to: 'closed' as const, by: 'city_decider' as const, needsReason: true })),
];

/** The roles (and where) that stand behind each actor, for docs and the refusal message. */
export const ACTOR_ROLES: Record<ProblemActor, { unit: 'proposing' | 'receiving' | 'city'; minimumRole: Role }[]> = {
  ward: [{ unit: 'proposing', minimumRole: 'reporter' }],
  agency: [{ unit: 'receiving', minimumRole: 'reporter' }, { unit: 'city', minimumRole: 'unit_admin' }],
  city_decider: [{ unit: 'city', minimumRole: 'approver' }],
};

export function isProblemState(value: string): value is ProblemState {
  return (PROBLEM_STATES as readonly string[]).includes(value);
}

/** The move from `from` to `to`, or null when the registry does not allow it. */
export function findMove(from: ProblemState, to: ProblemState): ProblemMove | null {
  return PROBLEM_MOVES.find((m) => m.from === from && m.to === to) ?? null;
}

/** Which states may follow `from`. */
export function nextStates(from: ProblemState): ProblemState[] {
  return PROBLEM_MOVES.filter((m) => m.from === from).map((m) => m.to);
}

export interface ProblemUnits {
  proposing: string;
  receiving: string;
  city: string;
}

const ROLE_ACTION = { reporter: 'write', approver: 'approve', unit_admin: 'administer' } as const;

/**
 * Whether `principal` may act as `actor` on a problem with these units. Pure: the caller gives the
 * subtree check.
 *
 * @example
 * mayActAs(reporterOfSKHCN, 'agency', { proposing: 'P_A', receiving: 'SKHCN', city: 'HN' }, tree); // true
 * mayActAs(reporterOfP_A, 'agency', { proposing: 'P_A', receiving: 'SKHCN', city: 'HN' }, tree);    // false
 */
export function mayActAs(principal: AccessPrincipal, actor: ProblemActor, units: ProblemUnits, inSubtree: SubtreeCheck): boolean {
  return ACTOR_ROLES[actor].some(({ unit, minimumRole }) => {
    const action = ROLE_ACTION[minimumRole as keyof typeof ROLE_ACTION];
    return can(principal, action, units[unit], inSubtree);
  });
}

export type MoveDecision =
  | { ok: true; move: ProblemMove }
  | { ok: false; kind: 'invalid' | 'forbidden' | 'reason'; said: Message };

/** Who a move is for, as said to someone refused it. */
const FOR_ACTOR = {
  ward: 'problem.move_for_ward',
  agency: 'problem.move_for_agency',
  city_decider: 'problem.move_for_city_decider',
} as const satisfies Record<ProblemActor, MessageCode>;

/**
 * Decides a requested move: is it a move of the registry at all (else `invalid`, naming both states
 * and what may follow), may this principal make it (else `forbidden`, naming who may), and is the
 * reason there when one is needed.
 */
export function decideMove(
  principal: AccessPrincipal, from: ProblemState, to: ProblemState, units: ProblemUnits, inSubtree: SubtreeCheck, note: string | null | undefined,
): MoveDecision {
  const move = findMove(from, to);
  if (!move) {
    const next = nextStates(from);
    return {
      ok: false, kind: 'invalid',
      said: next.length ? message('problem.move_not_allowed', { from, to, next: next.join(', ') }) : message('problem.move_from_final', { from, to }),
    };
  }
  if (!mayActAs(principal, move.by, units, inSubtree)) {
    return { ok: false, kind: 'forbidden', said: message(FOR_ACTOR[move.by], { from, to }) };
  }
  if (move.needsReason && !(note ?? '').trim()) {
    return { ok: false, kind: 'reason', said: message('problem.move_needs_reason', { to }) };
  }
  return { ok: true, move };
}

/**
 * Who may read a problem: a proposal still in the ward's hands ("proposed") is read by those who
 * may read the proposing unit or the receiving unit, and by the city; from "consolidated" on, anyone
 * who may read the receiving unit, the proposing unit or the city — and once published, everyone
 * through the public catalogue (without personal data). Classified problems also need the
 * classified right at the proposing unit (the caller checks that with `canSeeClassified`).
 */
export function mayReadProblem(principal: AccessPrincipal, units: ProblemUnits, inSubtree: SubtreeCheck): boolean {
  return (['proposing', 'receiving', 'city'] as const).some((u) => can(principal, 'read', units[u], inSubtree));
}

/**
 * The moves this principal may make now from `from`: the registry's moves whose actor the principal
 * is, by `decideMove` itself (the check the transition use-case makes), so that what a screen offers
 * and what the server accepts are decided in one place. A reason, when needed, is the caller's to give.
 */
export function allowedMoves(principal: AccessPrincipal, from: ProblemState, units: ProblemUnits, inSubtree: SubtreeCheck): ProblemMove[] {
  return nextStates(from)
    .map((to) => decideMove(principal, from, to, units, inSubtree, 'reason'))
    .flatMap((d) => (d.ok ? [d.move] : []));
}
