import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError, problem as fieldProblem, type Problem } from '../../domain/errors.ts';
import { squash } from '../../domain/plans/text-folding.ts';
import { ORGANISATION_TYPE_CODES } from '../../domain/problems/problem-vocabulary.ts';
import { insertSolution } from '../../repositories/problem-solutions.repository.ts';
import { findProblemByCode } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message, renderMessage, type Lang, type MessageCode } from '../../domain/messages/message.ts';

/**
 * Why the contact's details are kept, as shown to the proposer before consent (Decree 13/2023/NĐ-CP
 * on personal data protection: purpose stated, consent recorded, access limited), in the language
 * the form is read in. The text consented to is stored with the proposal as it was shown.
 */
export function solutionConsentPurpose(lang: Lang): string {
  return renderMessage(message('problem.solution_consent_purpose'), lang);
}

/** The shortest time, from opening the form to sending it, a person takes to fill Mẫu 02 (bots send at once). */
export const MIN_FILL_MS = 5000;

export interface SolutionInput {
  organisationName?: string;
  organisationType?: string;
  contactName?: string;
  contactTitle?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  capability?: string;
  approach?: string;
  readiness?: string | null;
  kpiCommitment?: string;
  timeCommitment?: string;
  costCommitment?: string | null;
  conditions?: string | null;
  /** Must be true: the proposer agrees to the processing stated in solutionConsentPurpose. */
  consent?: boolean;
  /** Honeypot: a field hidden from people; anything in it means a bot. */
  website?: string | null;
  /** When the form was opened (ISO timestamp the page wrote); a form sent faster than MIN_FILL_MS is refused. */
  startedAt?: string | null;
}

const MAX = 4000;

/**
 * A university, institute or company proposes to solve a published problem (Mẫu 02), from the open
 * page without signing in. Refused: a problem that is not published (404, as if it did not exist),
 * a filled honeypot or a form sent in under MIN_FILL_MS (422 without saying which, so bots learn
 * nothing), missing consent, missing fields (422 naming each). The contact's details are stored for
 * the receiving agency only; the audit entry leaves them out.
 */
export async function submitSolution(ctx: AppContext, problemCode: string, input: SolutionInput, lang: Lang = 'vi'): Promise<{ id: number; problem: string; state: 'submitted' }> {
  const problem = await findProblemByCode(ctx.db, problemCode);
  if (!problem || problem.state !== 'published' || problem.classified) throw new NotFoundError(message('problem.no_published_problem', { problemCode }));
  const at = ctx.now();
  const started = input.startedAt ? Date.parse(input.startedAt) : NaN;
  if ((input.website ?? '').trim() !== '' || !Number.isFinite(started) || at.getTime() - started < MIN_FILL_MS) {
    throw new InputError(message('problem.proposal_was_not_accepted_please'), [fieldProblem({ field: 'form' }, message('problem.invalid_form_submission'))]);
  }
  const text = (v: string | null | undefined) => squash((v ?? '').normalize('NFC').replaceAll('\u0000', ''));
  const problems: Problem[] = [];
  const required = {
    organisationName: 'problem.solution_required_organisation_name', contactName: 'problem.solution_required_contact_name',
    capability: 'problem.solution_required_capability', approach: 'problem.solution_required_approach',
    kpiCommitment: 'problem.solution_required_kpi_commitment', timeCommitment: 'problem.solution_required_time_commitment',
  } as const satisfies Partial<Record<keyof SolutionInput, MessageCode>>;
  for (const [k, code] of Object.entries(required)) if (!text(input[k as keyof typeof required])) problems.push(fieldProblem({ field: k }, message(code)));
  for (const k of Object.keys(input) as (keyof SolutionInput)[]) {
    const v = input[k];
    if (typeof v === 'string' && v.length > MAX) problems.push(fieldProblem({ field: k }, message('problem.too_long', { MAX })));
  }
  if (!(ORGANISATION_TYPE_CODES as string[]).includes(input.organisationType ?? '')) problems.push(fieldProblem({ field: 'organisationType' }, message('problem.one_of', { ORGANISATION_TYPE_CODES: ORGANISATION_TYPE_CODES.join(', ') })));
  const email = text(input.contactEmail);
  const phone = text(input.contactPhone);
  if (!email && !phone) problems.push(fieldProblem({ field: 'contactEmail' }, message('problem.e_mail_or_phone_number')));
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push(fieldProblem({ field: 'contactEmail' }, message('problem.invalid_e_mail')));
  if (phone && !/^\+?[0-9 .()-]{8,20}$/.test(phone)) problems.push(fieldProblem({ field: 'contactPhone' }, message('problem.invalid_phone_number')));
  if (input.consent !== true) problems.push(fieldProblem({ field: 'consent' }, message('problem.solution_consent_required')));
  if (problems.length) throw new InputError(message('problem.solution_proposal_not_valid_form'), problems);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await insertSolution(trx, {
      problemId: problem.id, organisationName: text(input.organisationName), organisationType: input.organisationType!, contactName: text(input.contactName),
      contactTitle: text(input.contactTitle) || null, contactEmail: email || null, contactPhone: phone || null, consentPurpose: solutionConsentPurpose(lang),
      consentedAt: at, capability: text(input.capability), approach: text(input.approach), readiness: text(input.readiness) || null,
      kpiCommitment: text(input.kpiCommitment), timeCommitment: text(input.timeCommitment), costCommitment: text(input.costCommitment) || null,
      conditions: text(input.conditions) || null,
    });
    await recordAudit(trx, { actor: 'public', action: 'submit_solution', entity: 'problem_solution', entityId: id, before: null, after: { problem: problemCode, organisationName: text(input.organisationName), organisationType: input.organisationType, contactName: text(input.contactName), consent: true }, at });
    return id;
  });
  return { id, problem: problemCode, state: 'submitted' };
}
