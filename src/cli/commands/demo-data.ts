import type { AppContext } from '../../app-context.ts';
import { seedBuiltInRegistry } from '../../use-cases/units/seed-built-in-registry.ts';

/**
 * Loads the demo city into an empty database. Each area adds its part here as it lands
 * (registry first, then plans, indicators and the simulated series).
 */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<void> {
  const any = await ctx.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await seedBuiltInRegistry(ctx); // registry: the Hanoi units every other part refers to
}
