import type { AppContext } from '../../app-context.ts';
import { ConflictError, InputError, problem, type Problem } from '../../domain/errors.ts';
import { validateProposal, type ProposalInput } from '../../domain/problems/intake-rules.ts';
import { AREA_TYPE_CODES, PRIORITIES, SCALE_CLASS_CODES } from '../../domain/problems/problem-vocabulary.ts';
import { findProblemByCode, lockProblems, updateProblem as writeProblem, type ProblemChanges } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { actsAs, cityCode, readableOrNotFound, requireActAs, type ProblemAccess } from './problem-access.ts';
import { problemView, type ProblemView } from './problem-view.ts';
import { message } from '../../domain/messages/message.ts';

/** The receiving agency's standardisation (step 2–3): scale, priority, data, outputs, sandbox, resources. */
export interface AppraisalInput {
  scaleClass?: string | null;
  priority?: string;
  areaType?: string | null;
  dataInputs?: string | null;
  outputStandards?: string | null;
  sandboxConditions?: string | null;
  resources?: string | null;
  classified?: boolean;
}

export type ProblemUpdate = ProposalInput & AppraisalInput;

const EDITABLE_BY_AGENCY = new Set(['proposed', 'consolidated', 'appraised']);

/**
 * Edits a problem. The proposing ward edits its own proposal while it is "proposed" (the Mẫu 01
 * fields, checked by the same rules as at intake); the receiving agency edits until it is published,
 * and alone sets the appraisal fields. After publication the problem is what solvers answered: 409.
 */
export async function updateProblem(ctx: AppContext, access: ProblemAccess, code: string, input: ProblemUpdate): Promise<ProblemView> {
  const city = await cityCode(ctx);
  const current = await readableOrNotFound(access, await findProblemByCode(ctx.db, code), city, code);
  const agency = await actsAs(access, 'agency', current, city);
  if (!agency) {
    await requireActAs(access, 'ward', current, city);
    if (current.state !== 'proposed') throw new ConflictError(message('problem.only_problem_can_edited_by', { code, state: current.state }));
    const appraisalKeys = (['scaleClass', 'priority', 'areaType', 'dataInputs', 'outputStandards', 'sandboxConditions', 'resources', 'classified'] as const).filter((k) => input[k] !== undefined);
    if (appraisalKeys.length) await requireActAs(access, 'agency', current, city);
  } else if (!EDITABLE_BY_AGENCY.has(current.state)) {
    throw new ConflictError(message('problem.problem_cannot_edited_once_published', { code, state: current.state }));
  }
  const merged: ProposalInput = {
    name: input.name ?? current.name, fields: input.fields ?? current.fields, problem: input.problem ?? current.problem,
    currentHandling: input.currentHandling ?? current.currentHandling, managementNeed: input.managementNeed ?? current.managementNeed,
    pilotScope: input.pilotScope ?? current.pilotScope, dataAvailable: input.dataAvailable !== undefined ? input.dataAvailable : current.dataAvailable,
    contactName: input.contactName !== undefined ? input.contactName : current.contact.name ?? '(không có)',
    contactTitle: input.contactTitle !== undefined ? input.contactTitle : current.contact.title,
    contactPhone: input.contactPhone !== undefined ? input.contactPhone : current.contact.phone,
    contactEmail: input.contactEmail !== undefined ? input.contactEmail : current.contact.email,
  };
  const checked = validateProposal(merged, { ward: !agency });
  const problems: Problem[] = checked.ok ? [] : [...checked.problems];
  if (input.scaleClass != null && !(SCALE_CLASS_CODES as string[]).includes(input.scaleClass)) problems.push(problem({ field: 'scaleClass' }, message('problem.not_one_of', { SCALE_CLASS_CODES: SCALE_CLASS_CODES.join(', ') })));
  if (input.priority !== undefined && !(PRIORITIES as readonly string[]).includes(input.priority)) problems.push(problem({ field: 'priority' }, message('problem.not_one_of_again', { PRIORITIES: PRIORITIES.join(', ') })));
  if (input.areaType != null && !(AREA_TYPE_CODES as string[]).includes(input.areaType)) problems.push(problem({ field: 'areaType' }, message('problem.not_one_of_here', { AREA_TYPE_CODES: AREA_TYPE_CODES.join(', ') })));
  if (!checked.ok || problems.length) throw new InputError(message('problem.problem_not_valid'), problems);
  const p = checked.proposal;
  const changes: ProblemChanges = {
    name: p.name, fields: p.fields, problem: p.problem, current_handling: p.currentHandling, management_need: p.managementNeed, pilot_scope: p.pilotScope,
    data_available: p.dataAvailable, contact_title: p.contactTitle, contact_phone: p.contactPhone, contact_email: p.contactEmail,
  };
  if (input.contactName !== undefined) changes.contact_name = p.contactName;
  const optional = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);
  if (input.scaleClass !== undefined) changes.scale_class = input.scaleClass;
  if (input.priority !== undefined) changes.priority = input.priority;
  if (input.areaType !== undefined) changes.area_type = input.areaType;
  if (input.classified !== undefined) changes.classified = input.classified;
  for (const [key, column] of [['dataInputs', 'data_inputs'], ['outputStandards', 'output_standards'], ['sandboxConditions', 'sandbox_conditions'], ['resources', 'resources']] as const) {
    const v = optional(input[key]);
    if (v !== undefined) changes[column] = v;
  }
  await ctx.db.transaction().execute(async (trx) => {
    const [locked] = await lockProblems(trx, [code]);
    if (!locked || locked.state !== current.state) throw new ConflictError(message('problem.changed_state_meanwhile_reload', { code }));
    const at = ctx.now();
    await writeProblem(trx, locked.id, changes, at);
    const { contact_name: _n, contact_title: _t, contact_phone: _p, contact_email: _e, ...audited } = changes;
    await recordAudit(trx, { actor: access.actor, action: 'update', entity: 'problem', entityId: code, before: { name: current.name, fields: current.fields, state: current.state }, after: audited, at });
  });
  return problemView((await findProblemByCode(ctx.db, code))!, true);
}
