import type { AppContext } from '../../app-context.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../domain/scoring/load-framework.ts';
import { refreshScoreSnapshots } from './refresh-score-snapshots.ts';

/**
 * Demo: stores the shipped Hanoi framework and scores the current year, so the dashboard shows a
 * ranking from the start and the real-time engine keeps it current as demo data arrives.
 *
 * @example
 * await seedDemoScores(ctx);
 */
export async function seedDemoScores(ctx: AppContext): Promise<void> {
  await refreshScoreSnapshots(ctx, frameworkFromFile(SHIPPED_FRAMEWORK_PATH), String(ctx.now().getUTCFullYear()));
}
