import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Framework } from '../../domain/scoring/framework.ts';
import { criteriaView, summarizeFramework, type CriterionView, type FrameworkSummary } from '../../domain/scoring/framework-summary.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../domain/scoring/load-framework.ts';
import { activeFrameworks } from '../../repositories/scores.repository.ts';
import { message } from '../../domain/messages/message.ts';

/** A framework as administrators see it; `stored: false` for the shipped one before anything was scored with it. */
export type FrameworkListing = FrameworkSummary & { stored: boolean };

/**
 * The active scoring frameworks (latest stored version of each code), and the framework shipped with
 * Theo Dõi when it has not been stored yet, so a fresh installation still shows what it will score.
 *
 * @example
 * (await listFrameworks(ctx))[0]; // { code: 'HN-DTI', version: '2026.1', groups: [...], criterionCount: 17, stored: true, … }
 */
export async function listFrameworks(ctx: AppContext): Promise<FrameworkListing[]> {
  return (await availableFrameworks(ctx)).map(({ framework, stored }) => ({ ...summarizeFramework(framework), stored }));
}

/**
 * One framework with every criterion: group, rule, points, applicable unit kinds and data source.
 *
 * @example
 * (await getFramework(ctx, 'HN-DTI')).criteria.filter((c) => c.rule === 'assessed');
 */
export async function getFramework(ctx: AppContext, code: string): Promise<FrameworkListing & { criteria: CriterionView[] }> {
  const found = (await availableFrameworks(ctx)).find((f) => f.framework.code === code);
  if (!found) throw new NotFoundError(message('score.no_such_framework_again', { code }));
  return { ...summarizeFramework(found.framework), stored: found.stored, criteria: criteriaView(found.framework) };
}

async function availableFrameworks(ctx: AppContext): Promise<{ framework: Framework; stored: boolean }[]> {
  const stored = await activeFrameworks(ctx.db);
  const out = stored.map((framework) => ({ framework, stored: true }));
  const shipped = frameworkFromFile(SHIPPED_FRAMEWORK_PATH);
  if (!stored.some((f) => f.code === shipped.code)) out.push({ framework: shipped, stored: false });
  return out.sort((a, b) => a.framework.code.localeCompare(b.framework.code));
}
