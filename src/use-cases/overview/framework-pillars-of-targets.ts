import type { AppContext } from '../../app-context.ts';
import { frameworkPillars, type FrameworkPillar } from '../../domain/scoring/framework-pillar.ts';
import { targetSectionPaths } from '../../repositories/plans.repository.ts';
import { activeFrameworks } from '../../repositories/scores.repository.ts';

/** A set's member ("CT-01.P_X") takes its set's sections. */
const setCode = (code: string) => code.split('.')[0] ?? code;

/** The framework whose groups the leader's cards show, and each target's group (null: not grouped). */
export interface TargetPillars {
  framework: { code: string; version: string; name: string } | null;
  /** The framework's top-level groups in its own order. */
  pillars: FrameworkPillar[];
  pillarOf: (code: string) => FrameworkPillar | null;
}

/**
 * Places targets under the scoring framework's top-level groups (see `frameworkPillars`): the
 * overview's cards and the lists they link to (`?pillar=`) both read it, so a card's count is the
 * length of its list. Without a stored framework every target is ungrouped.
 *
 * @example
 * const { pillarOf } = await pillarsOfTargets(ctx, targets);
 * pillarOf('CT-01')?.name // 'Chính quyền số'
 */
export async function pillarsOfTargets(ctx: AppContext, targets: readonly { code: string; indicator: string | null }[], frameworkCode?: string): Promise<TargetPillars> {
  const [framework] = await activeFrameworks(ctx.db, frameworkCode);
  if (!framework) return { framework: null, pillars: [], pillarOf: () => null };
  const paths = await targetSectionPaths(ctx.db, [...new Set(targets.flatMap((t) => [t.code, setCode(t.code)]))]);
  const place = frameworkPillars(framework);
  const placed = new Map(targets.map((t) => [t.code, place({ indicator: t.indicator, sectionPath: paths.get(t.code) ?? paths.get(setCode(t.code)) ?? [] })]));
  return {
    framework: { code: framework.code, version: framework.version, name: framework.name },
    pillars: framework.groups.map((g) => ({ id: g.id, name: g.name })),
    pillarOf: (code) => placed.get(code) ?? null,
  };
}
