import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { findPlanById, findPlansByCode, type PlanRow } from '../../repositories/plans.repository.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * The plan a person means by `ref`: its id ("3") or its document code ("131/KH-UBND"). A code shared
 * by several plans (different issuers) is refused with their ids, rather than guessed.
 *
 * @example
 * await findPlanByRef(ctx.db, '131/KH-UBND')
 */
export async function findPlanByRef(db: Kysely<Database>, ref: string | number): Promise<PlanRow> {
  const text = String(ref).trim();
  if (/^\d+$/.test(text)) {
    const plan = await findPlanById(db, Number(text));
    if (plan) return plan;
  } else if (text) {
    const plans = await findPlansByCode(db, text);
    if (plans.length === 1 && plans[0]) return plans[0];
    if (plans.length > 1) {
      throw new InputError(message('plan.several_plans_share_code', { text }), [
        { field: 'plan', message: `dùng mã số kế hoạch: ${plans.map((p) => p.id).join(', ')}` },
      ]);
    }
  }
  throw new NotFoundError(message('plan.no_plan', { text }));
}
