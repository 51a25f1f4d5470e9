import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import { activeFrameworks } from '../../repositories/scores.repository.ts';
import { readScoreSnapshots, type ScoreSnapshot } from '../../repositories/snapshots.repository.ts';
import { refreshScoreSnapshots } from './refresh-score-snapshots.ts';
import { message } from '../../domain/messages/message.ts';
import { scoreCoverage } from '../../domain/scoring/coverage.ts';
import { coverageFloor, coverageShare } from '../../domain/scoring/rank.ts';

export interface RankingQuery {
  framework: string;
  period: string;
  kind?: string | null;
  /** One unit's breakdown instead of the whole table. */
  unit?: string | null;
}

/** A stored score with its data coverage read beside it, and whether that is below the framework's floor for ranking. */
export interface RankedSnapshot extends ScoreSnapshot {
  coverage: { withData: number; missing: number };
  /** Less coverage than the framework's `minCoverage` × the best of its kind: ranked after the units that have enough (rank.ts). */
  lowCoverage: boolean;
}

/**
 * The current scores and ranks of a stored framework for a period, read from the snapshot the
 * real-time engine keeps; computed in full (and stored) the first time a period is asked for.
 *
 * @example
 * await getRanking(ctx, { framework: 'HN-DTI', period: '2026', kind: 'commune' });
 */
export async function getRanking(ctx: AppContext, query: RankingQuery): Promise<{ framework: string; version: string; period: string; minCoverage: number; ranking: RankedSnapshot[] }> {
  const period = parsePeriod(query.period);
  if (!period) throw new InputError(message('score.invalid_period_here'), [{ field: 'period', message: `"${query.period}" (vd. 2026)` }]);
  const [framework] = await activeFrameworks(ctx.db, query.framework);
  if (!framework) throw new NotFoundError(message('score.no_such_framework', { framework: query.framework }));
  if (query.kind && !framework.unitKinds.includes(query.kind)) {
    throw new InputError(message('score.framework_does_not_score_kind'), [{ field: 'kind', message: `"${query.kind}" ∉ ${framework.unitKinds.join(', ')}` }]);
  }
  const key = { framework: framework.code, period: period.code, kind: query.kind ?? null, unit: query.unit ?? null };
  let ranking = await readScoreSnapshots(ctx.db, key);
  if (ranking.length === 0 && (await readScoreSnapshots(ctx.db, { ...key, unit: null, kind: null })).length === 0) {
    await refreshScoreSnapshots(ctx, framework, period.code);
    ranking = await readScoreSnapshots(ctx.db, key);
  }
  if (query.unit && ranking.length === 0) throw new NotFoundError(message('score.unit_not_scored', { unit: query.unit }));
  const minCoverage = framework.minCoverage ?? 0;
  return {
    framework: framework.code, version: framework.version, period: period.code, minCoverage,
    // Within a tie (one shared rank), the unit that has more data comes first (rank.ts).
    ranking: withLowCoverage(ranking.map((s) => ({ ...s, coverage: scoreCoverage(s.explain) })), minCoverage)
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.rank - b.rank || coverageShare(b) - coverageShare(a) || a.unit.localeCompare(b.unit)),
  };
}

/**
 * Marks the units below the framework's floor, kind by kind, as rankScores placed them: the floor is
 * relative to the best coverage of the kind (rank.ts), so one unit read alone is never marked.
 */
function withLowCoverage<T extends ScoreSnapshot & { coverage: { withData: number; missing: number } }>(rows: T[], minCoverage: number): (T & { lowCoverage: boolean })[] {
  const floors = new Map<string, number>();
  for (const kind of new Set(rows.map((r) => r.kind))) floors.set(kind, coverageFloor(rows.filter((r) => r.kind === kind), minCoverage));
  return rows.map((r) => ({ ...r, lowCoverage: coverageShare(r) < (floors.get(r.kind) ?? 0) }));
}
