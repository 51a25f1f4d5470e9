import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError, problem } from '../../domain/errors.ts';
import { targetWeightProblem } from '../../domain/evaluation/target-weight.ts';
import { setTargetWeights, targetForWeight } from '../../repositories/targets.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Sets a published target's importance weight (0 < w ≤ 10), which the "behind" ranking multiplies
 * its pull by; a set target's members take it too. The caller has checked the administer right over
 * the target's unit; a classified target is "not found" to a caller who may not see it. Audited.
 *
 * @example
 * await setTargetWeight(ctx, { code: 'CT_DVC', weight: 3, actor: 'user:admin', mayTouchClassified: false });
 * // → { code: 'CT_DVC', weight: 3, previous: 1 }
 */
export async function setTargetWeight(
  ctx: AppContext,
  input: { code: string; weight: number; actor: string; mayTouchClassified: boolean },
): Promise<{ code: string; weight: number; previous: number }> {
  const said = targetWeightProblem(input.weight);
  if (said) throw new InputError(message('target.invalid_target_weight'), [problem({ field: 'weight' }, said)]);
  return ctx.db.transaction().execute(async (trx) => {
    const target = await targetForWeight(trx, input.code);
    if (!target || (target.classified && !input.mayTouchClassified)) throw new NotFoundError(message('target.no_such_target', { inputCode: input.code }));
    if (target.weight !== input.weight) {
      await setTargetWeights(trx, [{ id: target.id, weight: input.weight, withMembers: target.code }]);
      await recordAudit(trx, {
        actor: input.actor, action: 'set_weight', entity: 'target', entityId: target.id,
        before: { code: target.code, weight: target.weight }, after: { code: target.code, weight: input.weight }, at: ctx.now(),
      });
    }
    return { code: target.code, weight: input.weight, previous: target.weight };
  });
}

/** The unit whose administrators may set a target's weight: its own unit (the root for one without). */
export async function targetWeightScope(ctx: AppContext, code: string, root: string): Promise<string> {
  return (await targetForWeight(ctx.db, code))?.scopeUnitCode ?? root;
}
