import type { AppContext } from '../../app-context.ts';
import { ConflictError, InputError, NotFoundError, problem as fieldProblem } from '../../domain/errors.ts';
import type { Lang } from '../../domain/messages/message.ts';
import { SOLUTION_REVIEW_MOVES, SOLUTION_REVIEW_STATES, type SolutionReviewState } from '../../domain/problems/problem-vocabulary.ts';
import { listSolutions as readSolutions, lockSolution, reviewSolution as writeReview, type SolutionRecord } from '../../repositories/problem-solutions.repository.ts';
import { findProblemByCode } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nameActors } from '../users/name-actors.ts';
import { cityCode, readableOrNotFound, requireActAs, type ProblemAccess } from './problem-access.ts';
import { message } from '../../domain/messages/message.ts';

export function solutionView(s: SolutionRecord) {
  return {
    id: s.id, problem: s.problemCode, organisationName: s.organisationName, organisationType: s.organisationType,
    contact: { name: s.contactName, title: s.contactTitle, email: s.contactEmail, phone: s.contactPhone },
    consent: { purpose: s.consentPurpose, at: s.consentedAt.toISOString() }, capability: s.capability, approach: s.approach, readiness: s.readiness,
    commitments: { kpi: s.kpiCommitment, time: s.timeCommitment, cost: s.costCommitment }, conditions: s.conditions, state: s.state,
    reviewerNote: s.reviewerNote, reviewedBy: s.reviewedBy, reviewedAt: s.reviewedAt?.toISOString() ?? null, submittedAt: s.submittedAt.toISOString(),
  };
}

/**
 * The solution proposals of a problem, with their contacts: the receiving agency only. Who reviewed
 * each is also given by the name they have now (`reviewedByName`, "deleted user" once erased, in `lang`).
 */
export async function listProblemSolutions(ctx: AppContext, access: ProblemAccess, code: string, lang: Lang = 'vi') {
  const city = await cityCode(ctx);
  const problem = await readableOrNotFound(access, await findProblemByCode(ctx.db, code), city, code);
  await requireActAs(access, 'agency', problem, city);
  const solutions = await readSolutions(ctx.db, problem.id);
  const namer = await nameActors(ctx.db, solutions.flatMap((s) => (s.reviewedBy ? [s.reviewedBy] : [])), lang);
  return { problem: code, solutions: solutions.map((s) => ({ ...solutionView(s), reviewedByName: s.reviewedBy ? namer.name(s.reviewedBy) : null })) };
}

export interface ReviewInput {
  state: string;
  note?: string | null;
  /** On selection: the commitments as agreed (KPI value, time, cost), replacing the proposed ones. */
  kpiCommitment?: string;
  timeCommitment?: string;
  costCommitment?: string | null;
}

/**
 * The receiving agency shortlists, selects or rejects a solution proposal (submitted → shortlisted →
 * selected | rejected), always with a note; selection records the commitments as agreed. Audited.
 */
export async function reviewSolution(ctx: AppContext, access: ProblemAccess, code: string, solutionId: number, input: ReviewInput) {
  const city = await cityCode(ctx);
  const problem = await readableOrNotFound(access, await findProblemByCode(ctx.db, code), city, code);
  await requireActAs(access, 'agency', problem, city);
  const to = input.state as SolutionReviewState;
  if (!(SOLUTION_REVIEW_STATES as readonly string[]).includes(to) || to === 'submitted') {
    throw new InputError(message('problem.invalid_decision'), [fieldProblem({ field: 'state' }, message('problem.one_of_shortlisted_selected_rejected'))]);
  }
  const note = input.note?.trim() || '';
  if (!note || note.length > 2000) throw new InputError(message('problem.review_note_required'), [fieldProblem({ field: 'note' }, message('problem.note_of_characters'))]);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await lockSolution(trx, problem.id, solutionId);
    if (!current) throw new NotFoundError(message('problem.solution_proposal_not_found', { solutionId: String(solutionId), code }));
    const from = current.state as SolutionReviewState;
    if (!SOLUTION_REVIEW_MOVES[from].includes(to)) {
      throw new ConflictError(message('problem.cannot_move_solution_proposal_from', { from, to, value: SOLUTION_REVIEW_MOVES[from].join(', ') || '(không có)' }));
    }
    const at = ctx.now();
    const commitments = to === 'selected' ? { kpiCommitment: input.kpiCommitment?.trim() || undefined, timeCommitment: input.timeCommitment?.trim() || undefined, costCommitment: input.costCommitment === undefined ? undefined : input.costCommitment?.trim() || null } : {};
    await writeReview(trx, solutionId, { state: to, note, actor: access.actor, at, ...commitments });
    await recordAudit(trx, { actor: access.actor, action: 'review_solution', entity: 'problem_solution', entityId: solutionId, before: { state: from }, after: { state: to, note, problem: code, ...commitments }, at });
    return solutionView((await lockSolution(trx, problem.id, solutionId))!);
  });
}
