import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { ConflictError, InputError } from '../../domain/errors.ts';
import { insertTransition, lockProblems, updateProblem } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';

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
  if (!problem) throw new InputError('Thí điểm không hợp lệ / invalid pilot', [{ field: 'problemCode', message: `không có bài toán mã "${problemCode}" trong danh mục / no problem "${problemCode}" in the registry` }]);
  if (!(PILOTABLE_PROBLEM_STATES as readonly string[]).includes(problem.state)) {
    throw new ConflictError(`Bài toán ${problemCode} ở trạng thái "${problem.state}"; chỉ thí điểm bài toán "published" hoặc "in_pilot" / problem ${problemCode} is "${problem.state}"; pilots answer published or in_pilot problems only`);
  }
  if (problem.state === 'published') {
    const note = `Bắt đầu thí điểm ${pilotCode} / pilot ${pilotCode} started`;
    await updateProblem(trx, problem.id, { state: 'in_pilot' }, at);
    await insertTransition(trx, { problemId: problem.id, from: 'published', to: 'in_pilot', actor, note, at });
    await recordAudit(trx, { actor, action: 'transition', entity: 'problem', entityId: problemCode, before: { state: 'published' }, after: { state: 'in_pilot', note, pilot: pilotCode }, at });
  }
}
