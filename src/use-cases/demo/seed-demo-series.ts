import type { AppContext } from '../../app-context.ts';
import { generateDemo } from './generate-demo.ts';
import { loadDemo, type DemoLoadSummary } from './load-demo.ts';

/** Seed of the city behind `npm start`, so every fresh demo shows the same story. */
export const DEMO_SEED = 1;

/**
 * The simulated part of the demo: indicators, targets and the monthly series reported up to today
 * for the registry's departments and wards. The alerts they raise are computed by the caller once
 * every target of the demo is in place (`seedDemoIfEmpty`).
 *
 * @example
 * await seedDemoSeries(ctx); // at the end of seedDemoIfEmpty
 */
export async function seedDemoSeries(ctx: AppContext): Promise<DemoLoadSummary> {
  const today = ctx.now().toISOString().slice(0, 10);
  return loadDemo(ctx, await generateDemo(ctx, { seed: DEMO_SEED, cutoff: today }));
}
