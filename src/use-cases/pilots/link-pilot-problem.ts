import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { ConflictError, InputError, problem as fieldProblem } from '../../domain/errors.ts';
import { insertTransition, lockProblems, updateProblem } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message, renderMessage } from '../../domain/messages/message.ts';

/** States of a problem that a new pilot may answer: published (invited solutions) or already piloting. */
export const PILOTABLE_PROBLEM_STATES = ['published', 'in_pilot'] as const;

/**
 * Ties a pilot to the problem it answers, inside the pilot's transaction: the problem must exist
 * (400 naming `problemCode`) and be published or in pilot (409 naming its state). A published problem
 * moves to "in_pilot" — starting a pilot is what that state means — with the move in its history
 * and the audit log, naming the pilot.
 */
export async function linkPilotProblem(trx: Kysely<Database>, problemCode: string, pilotCode: string, actor: string, at: Date): Promise<void> {
  const [problem] = await lockProblems(trx, [problemCode]);
  if (!problem) throw new InputError(message('pilot.invalid_pilot'), [fieldProblem({ field: 'problemCode' }, message('pilot.no_problem_in_registry', { problemCode }))]);
  if (!(PILOTABLE_PROBLEM_STATES as readonly string[]).includes(problem.state)) {
    throw new ConflictError(message('pilot.problem_pilots_answer_published_or', { problemCode, state: problem.state }));
  }
  if (problem.state === 'published') {
    // Kept in Vietnamese, as the record a person reads beside the notes people write (the catalogue's words).
    const note = renderMessage(message('pilot.started_note', { pilot: pilotCode }), 'vi');
    await updateProblem(trx, problem.id, { state: 'in_pilot' }, at);
    await insertTransition(trx, { problemId: problem.id, from: 'published', to: 'in_pilot', actor, note, at });
    await recordAudit(trx, { actor, action: 'transition', entity: 'problem', entityId: problemCode, before: { state: 'published' }, after: { state: 'in_pilot', note, pilot: pilotCode }, at });
  }
}
