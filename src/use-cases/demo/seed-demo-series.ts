import type { AppContext } from '../../app-context.ts';
import { refreshAlerts } from '../alerts/refresh-alerts.ts';
import { generateDemo } from './generate-demo.ts';
import { loadDemo, type DemoLoadSummary } from './load-demo.ts';

/** Seed of the city behind `npm start`, so every fresh demo shows the same story. */
export const DEMO_SEED = 1;

/**
 * The simulated part of the demo: indicators, targets and the monthly series reported up to today
 * for the registry's departments and wards, then the alerts they raise.
 *
 * @example
 * await seedDemoSeries(ctx); // at the end of seedDemoIfEmpty
 */
export async function seedDemoSeries(ctx: AppContext): Promise<DemoLoadSummary> {
  const today = ctx.now().toISOString().slice(0, 10);
  const summary = await loadDemo(ctx, await generateDemo(ctx, { seed: DEMO_SEED, cutoff: today }));
  await refreshAlerts(ctx, { asOf: today });
  return summary;
}
