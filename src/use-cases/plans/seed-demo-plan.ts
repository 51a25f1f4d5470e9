import { readFile } from 'node:fs/promises';
import type { AppContext } from '../../app-context.ts';
import { findIndicatorByCode } from '../../repositories/indicators.repository.ts';
import { findPlansByCode } from '../../repositories/plans.repository.ts';
import { findRegistryUnit } from '../../repositories/units.repository.ts';
import { linkTargetIndicatorsFromCsv, type TargetLinkImportSummary } from '../targets/link-target-indicator.ts';
import { importPlan, type ImportPlanResult } from './import-plan.ts';

/** Our own illustrative plan for Vĩnh Tuy ward, in the layout of the real plans (not a copy of one). */
export const DEMO_PLAN_FILE = new URL('../../registry/demo-plan.txt', import.meta.url);
export const DEMO_OWNER = 'HN_P_VINH_TUY';
export const DEMO_PLAN_CODE = '12/KH-UBND';

/**
 * The demo plan's targets that a simulated indicator measures as the plan states them: T4 (files
 * settled on time) is exactly DEMO_HS_DUNG_HAN. The other targets have no such indicator in the
 * demo (iHanoi accounts are not monthly use; residents' digital skills are not officials') and stay
 * "not linked", as a real plan's would until someone links them.
 */
const DEMO_LINKS: { target: string; indicator: string }[] = [{ target: 'T4', indicator: 'DEMO_HS_DUNG_HAN' }];

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

/**
 * Links the demo plan's measurable targets to the demo indicators (after `seedDemoSeries`, which
 * defines them), so the plan's targets are evaluated from the simulated series. Does nothing when
 * the plan or the indicators are absent; running it again changes nothing ("unchanged").
 *
 * @example
 * await seedDemoSeries(ctx);
 * await linkDemoPlanTargets(ctx); // → { linked: 1, replaced: 0, unchanged: 0, … }
 */
export async function linkDemoPlanTargets(ctx: AppContext): Promise<TargetLinkImportSummary | null> {
  const plan = (await findPlansByCode(ctx.db, DEMO_PLAN_CODE)).find((p) => p.ownerUnitCode === DEMO_OWNER);
  if (!plan) return null;
  const links = [];
  for (const link of DEMO_LINKS) if (await findIndicatorByCode(ctx.db, link.indicator)) links.push(link);
  if (links.length === 0) return null;
  const csv = ['plan,target,indicator', ...links.map((l) => `${plan.id},${l.target},${l.indicator}`)].join('\n');
  return linkTargetIndicatorsFromCsv(ctx, csv, { actor: 'system:demo' });
}
