import type { AppContext } from '../../app-context.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError, problem, problem as fieldProblem } from '../../domain/errors.ts';
import { decideMove, isProblemState, PROBLEM_STATES } from '../../domain/problems/problem-states.ts';
import { listPilots } from '../../repositories/pilots.repository.ts';
import { countProblemKpis } from '../../repositories/problem-kpis.repository.ts';
import { scalingEvidence } from './scaling-evidence.ts';
import { findProblemByCode, insertTransition, lockProblems, updateProblem } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { cityCode, readableOrNotFound, unitsOf, type ProblemAccess } from './problem-access.ts';
import { problemView, type ProblemView } from './problem-view.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Moves a problem to another state, if the registry allows that move (else 409 naming both states),
 * the asker is the one who makes it (else 403 naming who does), and the move's conditions hold:
 * appraisal fixes the scale class, publishing needs at least one KPI (a target the city measures),
 * closing needs a reason, and a proposal merged into another moves only with it. Audited, with the
 * note, in the problem's history. Evaluating needs at least one finished pilot of the problem;
 * scaling up must cite one (`evidencePilot`) whose effect estimate is sufficient, and the estimate
 * is kept in the transition record (scaling-evidence.ts).
 *
 * @example
 * await transitionProblem(ctx, access, 'BT-2026-0004', 'published', 'Công bố đợt 1');
 * await transitionProblem(ctx, access, 'BT-2026-0004', 'scaled', 'Hiệu quả rõ', { evidencePilot: 'TD-01' });
 */
export async function transitionProblem(ctx: AppContext, access: ProblemAccess, code: string, to: string, note?: string | null, options: { evidencePilot?: string | null } = {}): Promise<ProblemView> {
  if (!isProblemState(to)) throw new InputError(message('problem.invalid_state'), [problem({ field: 'to' }, message('http.filter_value_not_one_of', { value: to, allowed: PROBLEM_STATES.join(', ') }))]);
  const city = await cityCode(ctx);
  const before = await readableOrNotFound(access, await findProblemByCode(ctx.db, code), city, code);
  // The unit tree is learnt before the transaction (a read outside it would wait on PGlite's one connection).
  const tree = await access.subtree([before.proposingUnit, before.receivingUnit, city]);
  const text = note?.trim() || null;
  if (text && text.length > 2000) throw new InputError(message('problem.note_too_long'), [problem({ field: 'note' }, message('problem.at_most_characters'))]);
  // The effect estimate reads series outside the transaction (PGlite has one connection); rights and
  // the move itself are checked first so that a refused caller learns nothing of the pilot.
  const early = decideMove(access.principal, before.state as (typeof PROBLEM_STATES)[number], to, unitsOf(before, city), tree, text);
  const evidence = to === 'scaled' && early.ok ? await scalingEvidence(ctx, code, options.evidencePilot) : null;
  await ctx.db.transaction().execute(async (trx) => {
    const [problem] = await lockProblems(trx, [code]);
    if (!problem) throw new NotFoundError(message('problem.problem_not_found', { code }));
    const from = problem.state as (typeof PROBLEM_STATES)[number];
    const units = unitsOf(problem, city);
    const decision = decideMove(access.principal, from, to, units, tree, text);
    if (!decision.ok) {
      if (decision.kind === 'invalid') throw new ConflictError(decision.said);
      if (decision.kind === 'forbidden') throw new ForbiddenError(decision.said);
      throw new InputError(decision.said, [fieldProblem({ field: 'note' }, decision.said)]);
    }
    if (problem.mergedInto) throw new ConflictError(message('problem.was_merged_into_move_problem', { code, mergedInto: problem.mergedInto }));
    if (to === 'appraised' && !problem.scaleClass) {
      throw new ConflictError(message('problem.cannot_move_set_scale_class', { from, to }));
    }
    if (to === 'published' && (await countProblemKpis(trx, problem.id)) === 0) {
      throw new ConflictError(message('problem.cannot_move_problem_has_no', { from, to }));
    }
    if (to === 'evaluated' && !(await listPilots(trx, { problemCode: code })).some((p) => p.state === 'finished')) {
      throw new ConflictError(message('problem.cannot_move_problem_has_no_again', { from, to }));
    }
    const at = ctx.now();
    await updateProblem(trx, problem.id, { state: to }, at);
    await insertTransition(trx, { problemId: problem.id, from, to, actor: access.actor, note: text, at, evidence });
    await recordAudit(trx, { actor: access.actor, action: 'transition', entity: 'problem', entityId: code, before: { state: from }, after: { state: to, note: text, ...(evidence ? { evidence } : {}) }, at });
  });
  return problemView((await findProblemByCode(ctx.db, code))!, false);
}
