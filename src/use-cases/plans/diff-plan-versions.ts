import type { AppContext } from '../../app-context.ts';
import { diffDrafts, type PlanDiff } from '../../domain/plans/diff-drafts.ts';
import { InputError } from '../../domain/errors.ts';
import { findVersion, listVersions, versionDraft } from '../../repositories/plans.repository.ts';
import { findPlanByRef } from './find-plan.ts';
import { message } from '../../domain/messages/message.ts';

export interface PlanVersionsDiff extends PlanDiff {
  planId: number;
  from: number;
  to: number;
}

/**
 * What changed between two versions of a plan (by default the latest against the one before):
 * targets and tasks added, removed, and changed field by field.
 *
 * @example
 * const diff = await diffPlanVersions(ctx, '131/KH-UBND', { from: 1, to: 2 });
 * diff.targets.changed.map((c) => c.fields)
 */
export async function diffPlanVersions(
  ctx: AppContext,
  ref: string | number,
  range: { from?: number | null; to?: number | null } = {},
): Promise<PlanVersionsDiff> {
  const plan = await findPlanByRef(ctx.db, ref);
  const versions = await listVersions(ctx.db, plan.id);
  const latest = versions[versions.length - 1]?.versionNo ?? 0;
  const to = range.to ?? latest;
  const from = range.from ?? to - 1;
  const available = versions.map((v) => v.versionNo).join(', ') || '(không có)';
  const [fromVersion, toVersion] = await Promise.all([findVersion(ctx.db, plan.id, from), findVersion(ctx.db, plan.id, to)]);
  if (!fromVersion || !toVersion) {
    const problems = [
      ...(!fromVersion ? [{ field: 'from', message: `không có phiên bản ${from}; có: ${available}` }] : []),
      ...(!toVersion ? [{ field: 'to', message: `không có phiên bản ${to}; có: ${available}` }] : []),
    ];
    throw new InputError(message('plan.cannot_compare_these_versions', { from, to }), problems);
  }
  const [a, b] = await Promise.all([versionDraft(ctx.db, fromVersion.id), versionDraft(ctx.db, toVersion.id)]);
  return { planId: plan.id, from, to, ...diffDrafts(a, b) };
}
