import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { checkPilotFields, pilotUnits, type Pilot, type PilotFields } from '../../domain/pilots/pilot.ts';
import { findPilot, updatePilotRow } from '../../repositories/pilots.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkPilotRegistry } from './check-pilot-registry.ts';
import { linkPilotProblem } from './link-pilot-problem.ts';
import { authorizePilotProblem, type PilotWriter } from './create-pilot.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Changes a pilot: the fields given replace the stored ones (the code stays; it names the pilot).
 * The writer must be allowed over the units before AND after the change (moving a pilot away from
 * units is writing about them too). Audited with the state before and after; one transaction.
 *
 * @example
 * await updatePilot(ctx, 'TD-01', { state: 'running' }, { actor: 'user:lan' });
 */
export async function updatePilot(ctx: AppContext, code: string, changes: Omit<PilotFields, 'code'>, writer: PilotWriter): Promise<Pilot> {
  // Tying the pilot to another problem needs the writer's right over that problem, learnt before the
  // transaction (the check reads the unit tree; PGlite has one connection).
  const current = await findPilot(ctx.db, code);
  if (typeof changes.problemCode === 'string' && changes.problemCode !== current?.problemCode) await authorizePilotProblem(ctx.db, changes.problemCode, writer);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findPilot(trx, code, { lock: true });
    if (!before) throw new NotFoundError(message('pilot.pilot_not_found', { code }));
    const merged: PilotFields = {
      code: before.code, title: before.title, problemCode: before.problemCode, indicators: before.indicators, treatedUnits: before.treatedUnits,
      comparisonUnits: before.comparisonUnits, start: before.start, end: before.end, state: before.state,
    };
    for (const [key, value] of Object.entries(changes)) if (value !== undefined && key !== 'code') (merged as Record<string, unknown>)[key] = value;
    const checked = checkPilotFields(merged);
    if ('problems' in checked) throw new InputError(message('pilot.invalid_pilot'), checked.problems);
    const problems = await checkPilotRegistry(trx, checked.pilot);
    if (problems.length) throw new InputError(message('pilot.invalid_pilot'), problems);
    await writer.authorize?.([...new Set([...pilotUnits(before), ...pilotUnits(checked.pilot)])]);
    const at = ctx.now();
    // Re-linking to another problem is checked as creating would be; keeping the link is not (the
    // problem has moved on by the time its pilot finishes).
    if (checked.pilot.problemCode && checked.pilot.problemCode !== before.problemCode) await linkPilotProblem(trx, checked.pilot.problemCode, code, writer.actor, at);
    const after = await updatePilotRow(trx, code, checked.pilot, at);
    const { createdAt: _c, updatedAt: _u, createdBy: _b, ...beforeFields } = before;
    await recordAudit(trx, { actor: writer.actor, action: 'update', entity: 'pilot', entityId: code, before: beforeFields, after: checked.pilot, at });
    return after;
  });
}
