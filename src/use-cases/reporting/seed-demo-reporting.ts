import type { AppContext } from '../../app-context.ts';
import { planIdsWithVersions } from '../../repositories/reporting.repository.ts';
import { createObligationsFromPlan } from './create-obligations-from-plan.ts';

/**
 * The demo's reporting cycle: monthly obligations for every loaded plan, from today on, so the
 * reminders and the consolidated report work out of the box.
 */
export async function seedDemoReporting(ctx: AppContext): Promise<{ obligations: number }> {
  let obligations = 0;
  for (const planId of await planIdsWithVersions(ctx.db)) obligations += (await createObligationsFromPlan(ctx, { planId, actor: 'system:demo' })).created;
  return { obligations };
}
