import type { AppContext } from '../../app-context.ts';
import { findRegistryUnit, registryIsEmpty } from '../../repositories/units.repository.ts';
import { refreshAlerts } from '../../use-cases/alerts/refresh-alerts.ts';
import { linkDemoPlanTargets, seedDemoPlan } from '../../use-cases/plans/seed-demo-plan.ts';
import { seedBuiltInRegistry } from '../../use-cases/units/seed-built-in-registry.ts';
import { seedDemoSeries } from '../../use-cases/demo/seed-demo-series.ts';
import { seedDemoReporting } from '../../use-cases/reporting/seed-demo-reporting.ts';
import { seedDemoScores } from '../../use-cases/scores/seed-demo-scores.ts';

/** The ward whose plan the demo imports: its presence says the registry is the built-in one. */
const DEMO_WARD = 'HN_P_VINH_TUY';

/**
 * Loads the demo city into an empty database. Each area adds its part here as it lands
 * (registry first, then plans, indicators and the simulated series). "Empty" also covers a database
 * holding only the built-in registry (every command loads it on first use): no plan, no indicator,
 * and the demo ward present. A database with its own registry, plans or indicators is left alone.
 */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<void> {
  if (!(await registryIsEmpty(ctx.db))) {
    const plan = await ctx.db.selectFrom('plans').select('id').limit(1).executeTakeFirst();
    const indicator = await ctx.db.selectFrom('indicators').select('id').limit(1).executeTakeFirst();
    if (plan || indicator || !(await findRegistryUnit(ctx.db, DEMO_WARD))) return;
  }
  // Filled by the areas as they land.
  await seedBuiltInRegistry(ctx); // registry: the Hanoi units every other part refers to
  await seedDemoPlan(ctx); // plans: after the registry (it needs the ward's units), before indicators
  await seedDemoSeries(ctx); // simulator: indicators, targets, monthly series up to today
  await linkDemoPlanTargets(ctx); // targets: the demo plan's measurable targets linked to the demo indicators
  await refreshAlerts(ctx, { asOf: ctx.now().toISOString().slice(0, 10) }); // alerts: once every target is in place
  await seedDemoReporting(ctx); // reporting: monthly obligations of every plan's lead units
  await seedDemoScores(ctx); // scoring: the shipped Hanoi framework, current year, kept current in real time
}
