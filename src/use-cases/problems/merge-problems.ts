import type { AppContext } from '../../app-context.ts';
import { ConflictError, InputError, NotFoundError, problem } from '../../domain/errors.ts';
import { validateProposal } from '../../domain/problems/intake-rules.ts';
import { findProblemByCode, insertOrigins, insertProblem, insertTransition, lockProblems, unitIdByCode, updateProblem } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { cityCode, readableOrNotFound, requireActAs, type ProblemAccess } from './problem-access.ts';
import { auditedProblem, problemView, type ProblemView } from './problem-view.ts';
import { message } from '../../domain/messages/message.ts';

export interface MergeInput {
  /** The proposals to merge (at least two), all "proposed" and sent to the same receiving agency. */
  codes: string[];
  /** The consolidated problem's wording; by default the first proposal's. */
  name?: string;
  problem?: string;
  currentHandling?: string;
  managementNeed?: string;
  pilotScope?: string;
  fields?: string[];
  note?: string | null;
}

/**
 * Step 2, consolidation: N ward proposals of one problem become one consolidated problem of the
 * receiving agency. The new problem keeps them as its origins; each proposal moves to
 * "consolidated" and points to it (it moves on only through the merged problem). The fields of
 * management are those the proposals share (else the first's), unless given. Only the receiving
 * agency merges. One transaction, audited.
 *
 * @example
 * await mergeProblems(ctx, access, { codes: ['BT-2026-0001', 'BT-2026-0003'], name: 'Ngập úng cục bộ khi mưa lớn' });
 */
export async function mergeProblems(ctx: AppContext, access: ProblemAccess, input: MergeInput): Promise<ProblemView & { origins: string[] }> {
  const codes = [...new Set(input.codes.map((c) => c.trim()).filter(Boolean))];
  if (codes.length < 2) throw new InputError(message('problem.at_least_two_proposals_needed'), [problem({ field: 'codes' }, message('problem.at_least_distinct_codes'))]);
  const city = await cityCode(ctx);
  const first = await readableOrNotFound(access, await findProblemByCode(ctx.db, codes[0]!), city, codes[0]!);
  // Rights are decided before the transaction: learning the unit tree reads outside it, which on a
  // single-connection engine (PGlite) would wait for the transaction forever.
  for (const c of codes) {
    const p = await readableOrNotFound(access, await findProblemByCode(ctx.db, c), city, c);
    await requireActAs(access, 'agency', p, city);
  }
  const code = await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockProblems(trx, codes);
    for (const c of codes) {
      const p = locked.find((x) => x.code === c);
      if (!p) throw new NotFoundError(message('problem.problem_not_found_again', { c }));
      if (p.state !== 'proposed') throw new ConflictError(message('problem.cannot_merge_merging_takes_proposals', { c, state: p.state }));
      if (p.receivingUnit !== first.receivingUnit) throw new ConflictError(message('problem.for_another_receiving_agency', { c, receivingUnit: p.receivingUnit, receivingUnit2: first.receivingUnit }));
    }
    const shared = first.fields.filter((f) => locked.every((p) => p.fields.includes(f)));
    const checked = validateProposal({
      name: input.name ?? first.name, fields: input.fields ?? (shared.length ? shared : first.fields), problem: input.problem ?? first.problem,
      currentHandling: input.currentHandling ?? first.currentHandling, managementNeed: input.managementNeed ?? first.managementNeed,
      pilotScope: input.pilotScope ?? first.pilotScope, dataAvailable: first.dataAvailable, contactName: '(cơ quan tiếp nhận)',
    }, { ward: false });
    if (!checked.ok) throw new InputError(message('problem.merged_problem_not_valid'), checked.problems);
    const p = checked.proposal;
    const receiving = (await unitIdByCode(trx, first.receivingUnit))!;
    const areaTypes = new Set(locked.map((x) => x.areaType));
    const at = ctx.now();
    const created = await insertProblem(trx, {
      name: p.name, fields: p.fields, problem: p.problem, currentHandling: p.currentHandling, managementNeed: p.managementNeed,
      pilotScope: p.pilotScope, dataAvailable: p.dataAvailable, proposingUnitId: receiving.id, receivingUnitId: receiving.id,
      contactName: null, contactTitle: null, contactPhone: null, contactEmail: null, state: 'consolidated',
      areaType: areaTypes.size === 1 ? [...areaTypes][0]! : null, createdBy: access.actor, at,
    });
    await insertOrigins(trx, created.id, locked.map((x) => x.id));
    const note = input.note?.trim() || `Hợp nhất từ ${codes.join(', ')}`;
    await insertTransition(trx, { problemId: created.id, from: null, to: 'consolidated', actor: access.actor, note, at });
    for (const origin of locked) {
      await updateProblem(trx, origin.id, { state: 'consolidated', merged_into_id: created.id }, at);
      await insertTransition(trx, { problemId: origin.id, from: 'proposed', to: 'consolidated', actor: access.actor, note: `Hợp nhất vào ${created.code}`, at });
    }
    await recordAudit(trx, { actor: access.actor, action: 'merge', entity: 'problem', entityId: created.code, before: null, after: { ...auditedProblem({ code: created.code, name: p.name, fields: p.fields, state: 'consolidated' }), origins: codes }, at });
    return created.code;
  });
  return { ...problemView((await findProblemByCode(ctx.db, code))!, false), origins: codes };
}
