import type { AppContext } from '../../app-context.ts';
import { ConflictError, InputError } from '../../domain/errors.ts';
import { checkPilotFields, pilotUnits, type Pilot, type PilotFields } from '../../domain/pilots/pilot.ts';
import { insertPilot } from '../../repositories/pilots.repository.ts';
import { findProblemByCode, type ProblemRecord } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkPilotRegistry } from './check-pilot-registry.ts';
import { linkPilotProblem } from './link-pilot-problem.ts';
import { message } from '../../domain/messages/message.ts';

export interface PilotWriter {
  /** Principal.actor, written as the creator and into the audit log. */
  actor: string;
  /** Refuses (throws) unless the writer may write a pilot over these units; absent: trusted (CLI). */
  authorize?: (unitCodes: string[]) => Promise<void> | void;
  /**
   * Refuses (throws) unless the writer may start a pilot of this problem — its receiving agency or the
   * city, by the problems' own policy; absent: trusted (CLI).
   */
  authorizeProblem?: (problem: ProblemRecord) => Promise<void>;
}

/** The writer's right over the problem a pilot answers (an unknown code is left to linkPilotProblem's 400). */
export async function authorizePilotProblem(db: Parameters<typeof findProblemByCode>[0], problemCode: string | null, writer: PilotWriter): Promise<void> {
  if (!problemCode || !writer.authorizeProblem) return;
  const problem = await findProblemByCode(db, problemCode);
  if (problem) await writer.authorizeProblem(problem);
}

/**
 * Creates a pilot with comparison: checks its fields, that its units and indicators exist, that the
 * writer may write over all its units, and stores it with an audit entry, in one transaction. A pilot
 * of a problem needs the problem published or in pilot, and moves a published one to in_pilot.
 *
 * @example
 * await createPilot(ctx, { code: 'TD-01', title: 'Tiếp nhận hồ sơ trực tuyến', indicators: ['DVC_TT'],
 *   treatedUnits: ['P_A', 'P_B'], comparisonUnits: ['P_C', 'P_D'], start: '2026-03' }, { actor: 'user:lan' });
 */
export async function createPilot(ctx: AppContext, input: PilotFields, writer: PilotWriter): Promise<Pilot> {
  const checked = checkPilotFields(input);
  if ('problems' in checked) throw new InputError(message('pilot.invalid_pilot'), checked.problems);
  const fields = checked.pilot;
  const problems = await checkPilotRegistry(ctx.db, fields);
  if (problems.length) throw new InputError(message('pilot.invalid_pilot'), problems);
  await writer.authorize?.(pilotUnits(fields));
  await authorizePilotProblem(ctx.db, fields.problemCode, writer);
  return ctx.db.transaction().execute(async (trx) => {
    const at = ctx.now();
    // The problem is checked (and locked) first: an unknown code would otherwise fail as a foreign key.
    if (fields.problemCode) await linkPilotProblem(trx, fields.problemCode, fields.code, writer.actor, at);
    const pilot = await insertPilot(trx, fields, writer.actor, at);
    if (!pilot) throw new ConflictError(message('pilot.pilot_already_exists', { fieldsCode: fields.code }));
    await recordAudit(trx, { actor: writer.actor, action: 'create', entity: 'pilot', entityId: pilot.code, before: null, after: fields, at });
    return pilot;
  });
}
