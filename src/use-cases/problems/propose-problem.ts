import type { AppContext } from '../../app-context.ts';
import { can } from '../../domain/access/authorize.ts';
import { ForbiddenError, InputError, problem, type Problem } from '../../domain/errors.ts';
import { validateProposal, type CleanProposal, type ProposalInput } from '../../domain/problems/intake-rules.ts';
import { findProblemByCode, insertProblem, insertTransition, unitAreaType, unitIdByCode } from '../../repositories/problems.repository.ts';
import type { Database } from '../../db/database.ts';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { cityCode, type ProblemAccess } from './problem-access.ts';
import { auditedProblem, problemView, type ProblemView } from './problem-view.ts';
import { message } from '../../domain/messages/message.ts';

export interface ProposeProblemInput extends ProposalInput {
  /** The proposing unit (the ward, or a city agency for a city-level problem). */
  unit: string;
  /** The city's receiving agency; the city itself when not given. */
  receivingUnit?: string | null;
}

/** A proposal that passed the intake rules and the rights check, ready to store. */
export interface CheckedProposal {
  proposal: CleanProposal;
  unit: string;
  unitId: number;
  receivingUnitId: number;
}

/**
 * The checks of a proposal, apart from storing it (an import checks every row before storing any):
 * the units exist, the asker may write for the proposing unit (403 otherwise), and the Mẫu 01 intake
 * rules hold. Input problems are returned, not thrown (an import lists them for the whole file); a
 * refused right throws 403.
 */
export async function checkProposal(ctx: AppContext, access: ProblemAccess, input: ProposeProblemInput): Promise<{ ok: true; checked: CheckedProposal } | { ok: false; problems: Problem[] }> {
  const city = await cityCode(ctx);
  const receiving = input.receivingUnit?.trim() || city;
  const [unit, receivingUnit] = await Promise.all([unitIdByCode(ctx.db, input.unit), unitIdByCode(ctx.db, receiving)]);
  const problems: Problem[] = [];
  if (!unit) problems.push(problem({ field: 'unit' }, message('problem.unknown_unit', { unit: input.unit })));
  if (!receivingUnit) problems.push(problem({ field: 'receivingUnit' }, message('problem.unknown_unit_again', { receiving })));
  if (problems.length) return { ok: false, problems };
  const tree = await access.subtree([input.unit, receiving, city]);
  if (!can(access.principal, 'write', input.unit, tree)) {
    throw new ForbiddenError(message('problem.not_allowed_to_propose_for', { unit: input.unit }));
  }
  const ward = input.unit !== receiving && input.unit !== city;
  const checked = validateProposal(input, { ward });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  return { ok: true, checked: { proposal: checked.proposal, unit: input.unit, unitId: unit!.id, receivingUnitId: receivingUnit!.id } };
}

/** Stores a checked proposal as "proposed" inside the caller's transaction, with its first move and the audit entry. */
export async function storeProposal(trx: Kysely<Database>, access: ProblemAccess, c: CheckedProposal, at: Date): Promise<string> {
  const p = c.proposal;
  const created = await insertProblem(trx, {
    ...p, dataAvailable: p.dataAvailable, proposingUnitId: c.unitId, receivingUnitId: c.receivingUnitId, state: 'proposed',
    areaType: await unitAreaType(trx, c.unitId), createdBy: access.actor, at,
  });
  await insertTransition(trx, { problemId: created.id, from: null, to: 'proposed', actor: access.actor, note: null, at });
  await recordAudit(trx, { actor: access.actor, action: 'propose', entity: 'problem', entityId: created.code, before: null, after: auditedProblem({ code: created.code, name: p.name, fields: p.fields, state: 'proposed', proposingUnit: c.unit }), at });
  return created.code;
}

/**
 * A ward's proposal (Mẫu 01) enters the registry as "proposed". The asker must be able to write for
 * the proposing unit (a reporter of the ward or above). A ward's proposal may not name a technology,
 * a vendor or a budget; a problem the receiving agency or the city enters for itself may. Audited
 * (without the contact's details).
 *
 * @example
 * await proposeProblem(ctx, access, { unit: 'P_A', name: 'Ùn ứ rác…', fields: ['Môi trường'], … });
 * // → { code: 'BT-2026-0001', state: 'proposed', … }
 */
export async function proposeProblem(ctx: AppContext, access: ProblemAccess, input: ProposeProblemInput): Promise<ProblemView> {
  const result = await checkProposal(ctx, access, input);
  if (!result.ok) {
    const unitProblem = result.problems.some((p) => p.field === 'unit' || p.field === 'receivingUnit');
    throw new InputError(message(unitProblem ? 'problem.invalid_unit' : 'problem.proposal_not_valid_form'), result.problems);
  }
  const at = ctx.now();
  const code = await ctx.db.transaction().execute((trx) => storeProposal(trx, access, result.checked, at));
  return problemView((await findProblemByCode(ctx.db, code))!, true);
}
