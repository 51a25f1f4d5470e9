import { type AccessPrincipal, canSeeClassified, type SubtreeCheck } from '../../domain/access/authorize.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { allowedMoves, mayActAs, mayReadProblem, type ProblemActor, type ProblemState, type ProblemUnits } from '../../domain/problems/problem-states.ts';
import type { ProblemRecord } from '../../repositories/problems.repository.ts';
import { rootUnit } from '../../repositories/targets.repository.ts';
import type { AppContext } from '../../app-context.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Who is asking, as the problem use-cases need it: the principal, and a way to learn the unit tree
 * around some units (HTTP: `subtreeCheckFor(request, …)`; the CLI: an operator over everything).
 */
export interface ProblemAccess {
  actor: string;
  principal: AccessPrincipal;
  subtree: (units: readonly string[]) => Promise<SubtreeCheck>;
}

/**
 * The asker as the problem use-cases need it, from a principal and the way its edge learns the unit
 * tree: the one place this is built (the problems' and the pilots' routes, the CLI's operator).
 *
 * @example
 * problemAccessFor(request.principal, (units) => subtreeCheckFor(request, units));
 */
export function problemAccessFor(principal: AccessPrincipal, subtree: ProblemAccess['subtree']): ProblemAccess {
  return { actor: principal.actor, principal, subtree };
}

/** The CLI runs on the server as its operator: a system administrator. */
export function operatorAccess(actor: string): ProblemAccess {
  return problemAccessFor({ kind: 'user', actor, userId: null, tokenId: null, grants: [{ unitCode: '*', role: 'system_admin' }] }, () => Promise.resolve(() => true));
}

export async function cityCode(ctx: AppContext): Promise<string> {
  return (await rootUnit(ctx.db))?.code ?? '';
}

export function unitsOf(problem: ProblemRecord, city: string): ProblemUnits {
  return { proposing: problem.proposingUnit, receiving: problem.receivingUnit, city };
}

/** Reads a problem for this asker, or throws 404 — a problem one may not read does not exist for them. */
export async function readableOrNotFound(access: ProblemAccess, problem: ProblemRecord | null, city: string, code: string): Promise<ProblemRecord> {
  if (problem && (await mayRead(access, problem, city))) return problem;
  throw new NotFoundError(message('problem.problem_not_found', { code }));
}

export async function mayRead(access: ProblemAccess, problem: ProblemRecord, city: string): Promise<boolean> {
  const units = unitsOf(problem, city);
  const tree = await access.subtree([units.proposing, units.receiving, units.city]);
  if (!mayReadProblem(access.principal, units, tree)) return false;
  return !problem.classified || canSeeClassified(access.principal, problem.proposingUnit, tree);
}

/** Whether the asker may act as `actor` on this problem (ward, agency, city decider). */
export async function actsAs(access: ProblemAccess, actor: ProblemActor, problem: ProblemRecord, city: string): Promise<boolean> {
  const units = unitsOf(problem, city);
  return mayActAs(access.principal, actor, units, await access.subtree([units.proposing, units.receiving, units.city]));
}

/** Refuses unless the asker may act as `actor` on this problem; the refusal names who may. */
export async function requireActAs(access: ProblemAccess, actor: ProblemActor, problem: ProblemRecord, city: string): Promise<void> {
  if (!(await actsAs(access, actor, problem, city))) {
    throw new ForbiddenError(message(`problem.only_${actor}`, { problem: problem.code }));
  }
}

/** A move the asker may make now, as the problem's page offers it. */
export interface AllowedTransition {
  to: ProblemState;
  /** The move needs a reason in its note (closing). */
  needsReason: boolean;
}

/**
 * The moves the asker may make on this problem now, by the same decision `transitionProblem` makes
 * (`allowedMoves` → `decideMove`); none for a proposal merged into another (it moves only with it).
 * The move's own conditions (scale class, a KPI, a finished pilot) are checked when it is made.
 */
export async function allowedTransitions(access: ProblemAccess, problem: ProblemRecord, city: string): Promise<AllowedTransition[]> {
  if (problem.mergedInto) return [];
  const units = unitsOf(problem, city);
  const tree = await access.subtree([units.proposing, units.receiving, units.city]);
  return allowedMoves(access.principal, problem.state as ProblemState, units, tree).map((m) => ({ to: m.to, needsReason: m.needsReason }));
}
