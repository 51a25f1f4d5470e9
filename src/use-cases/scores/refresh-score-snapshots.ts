import type { AppContext } from '../../app-context.ts';
import type { Framework } from '../../domain/scoring/framework.ts';
import { saveFramework } from '../../repositories/scores.repository.ts';
import { writeScoreSnapshots } from '../../repositories/snapshots.repository.ts';
import { computeScores, type ComputedScores } from './compute-scores.ts';

/**
 * Stores the framework (making it active, so the real-time engine keeps it current) and recomputes
 * every score and rank of a period in full, replacing the stored snapshot of each kind.
 *
 * @example
 * await refreshScoreSnapshots(ctx, framework, '2026');
 */
export async function refreshScoreSnapshots(ctx: AppContext, framework: Framework, period: string, kind?: string | null): Promise<ComputedScores> {
  await saveFramework(ctx.db, framework);
  const computed = await computeScores(ctx, { framework, period, kind: kind ?? null });
  for (const k of kind ? [kind] : framework.unitKinds) {
    await writeScoreSnapshots(
      ctx.db,
      { framework: framework.code, version: framework.version, period: computed.period, kind: k },
      computed.ranking.filter((r) => r.kind === k).map((r) => ({ unitId: r.unitId, score: r.score, max: r.max, selfScore: r.selfScore, rank: r.rank, groups: r.groups, explain: r.explain })),
      { replaceAll: true },
    );
  }
  return computed;
}
