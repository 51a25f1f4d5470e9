import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import { activeFrameworks } from '../../repositories/scores.repository.ts';
import { readScoreSnapshots, type ScoreSnapshot } from '../../repositories/snapshots.repository.ts';
import { refreshScoreSnapshots } from './refresh-score-snapshots.ts';
import { message } from '../../domain/messages/message.ts';

export interface RankingQuery {
  framework: string;
  period: string;
  kind?: string | null;
  /** One unit's breakdown instead of the whole table. */
  unit?: string | null;
}

/**
 * The current scores and ranks of a stored framework for a period, read from the snapshot the
 * real-time engine keeps; computed in full (and stored) the first time a period is asked for.
 *
 * @example
 * await getRanking(ctx, { framework: 'HN-DTI', period: '2026', kind: 'commune' });
 */
export async function getRanking(ctx: AppContext, query: RankingQuery): Promise<{ framework: string; version: string; period: string; ranking: ScoreSnapshot[] }> {
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
  return { framework: framework.code, version: framework.version, period: period.code, ranking };
}
