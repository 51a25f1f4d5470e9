import { readFile } from 'node:fs/promises';
import type { AppContext } from '../../app-context.ts';
import { findRegistryUnit } from '../../repositories/units.repository.ts';
import { importPlan, type ImportPlanResult } from './import-plan.ts';

/** Our own illustrative plan for Vĩnh Tuy ward, in the layout of the real plans (not a copy of one). */
export const DEMO_PLAN_FILE = new URL('../../registry/demo-plan.txt', import.meta.url);
const DEMO_OWNER = 'HN_P_VINH_TUY';

/**
 * Imports and publishes the demo plan of Vĩnh Tuy ward. Needs the registry (the ward and its
 * offices) to be loaded first; without it, does nothing and returns null. Running it again changes
 * nothing (the same document is "unchanged").
 *
 * @example
 * await seedBuiltInRegistry(ctx);
 * await seedDemoPlan(ctx); // → { status: 'created', published: true, … }
 */
export async function seedDemoPlan(ctx: AppContext): Promise<ImportPlanResult | null> {
  if (!(await findRegistryUnit(ctx.db, DEMO_OWNER))) return null;
  const bytes = await readFile(DEMO_PLAN_FILE);
  return importPlan(ctx, { bytes, fileName: 'demo-plan.txt', publish: true, owner: DEMO_OWNER, actor: 'system:demo' });
}
