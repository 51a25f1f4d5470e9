import type { AppContext } from '../../app-context.ts';
import { listPlans as listPlanRows, type PlanListRow } from '../../repositories/plans.repository.ts';

export type PlanSummary = PlanListRow;

/**
 * Every imported plan with its version count, latest version and published version.
 *
 * @example
 * (await listPlans(ctx)).map((p) => `${p.id} ${p.code ?? ''} ${p.title}`)
 */
export async function listPlans(ctx: AppContext): Promise<PlanSummary[]> {
  return listPlanRows(ctx.db);
}
