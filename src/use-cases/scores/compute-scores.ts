import type { AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { monthsOf, parsePeriod, type Period } from '../../domain/periods/period.ts';
import type { CellValue, RolledValue } from '../../domain/rollup/aggregate.ts';
import { rollupAt } from '../../domain/rollup/rollup.ts';
import { shareMeeting } from '../../domain/rollup/share-meeting.ts';
import type { TreeUnit, UnitTree } from '../../domain/rollup/unit-tree.ts';
import { criteriaOf, indicatorsOf, type Criterion, type Framework, type Over } from '../../domain/scoring/framework.ts';
import { rankScores } from '../../domain/scoring/rank.ts';
import { scoreUnit, type AssessedInput, type MeasuredInput, type UnitScore } from '../../domain/scoring/score.ts';
import { readCurrentValues } from '../../repositories/current-values.repository.ts';
import { findIndicatorsByCode, type IndicatorForRollup } from '../../repositories/rollups.repository.ts';
import { reduceOwnMonthlyInputs, type ScoreInputRequest } from '../../repositories/score-inputs.repository.ts';
import { currentAssessments } from '../../repositories/scores.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { aggregateOptionsFor, relatedUnitIds } from '../rollups/get-unit-series.ts';
import { message, type Message } from '../../domain/messages/message.ts';

export interface ComputeScoresQuery {
  framework: Framework;
  /** Period code the framework is scored for ("2026", "2026-H1"…). */
  period: string;
  /** Rank only units of this kind; default every kind of the framework, each ranked separately. */
  kind?: string | null;
  /** Score only these unit ids (the real-time engine passes the units a change touches). */
  onlyUnits?: ReadonlySet<number> | null;
}

export interface ComputeScoresOptions {
  /** The unit tree, when the caller already holds it (the real-time engine). */
  tree?: UnitTree;
  /**
   * Reference path, kept to check the database path against: read every current monthly cell into
   * JS, roll up and reduce there (the way scores were computed before the reduction moved to SQL).
   * Gives identical results, several times slower on a large city.
   */
  referenceInputs?: boolean;
}

export interface RankedUnitScore extends UnitScore {
  unitId: number;
  rank: number;
}

export interface ComputedScores {
  framework: { code: string; version: string };
  period: string;
  /** Ranked within each kind; ordered by kind, then rank. */
  ranking: RankedUnitScore[];
}

/**
 * Scores every unit a framework applies to for a period and ranks them within each kind. A measured
 * criterion reads the unit's monthly series (its own observations, or rolled up from its subtree as
 * the tree stood each month) and reduces it with the criterion's `over` (default: the last month with
 * a value). Assessed criteria read the latest self and appraised points. Units whose series is their
 * own cells (no children, no predecessors: most wards and agencies) have that reduction done in SQL
 * (`reduceOwnMonthlyInputs`), so a full recompute reads one row per unit × input instead of every
 * monthly cell; the rules, groups, ranks and explanations stay in `domain/scoring`.
 *
 * @example
 * const { ranking } = await computeScores(ctx, { framework, period: '2026', kind: 'commune' });
 * ranking[0]; // → { unit: 'P_VINH_TUY', score: 312.5, max: 400, rank: 1, groups: {...}, explain: [...] }
 */
export async function computeScores(ctx: AppContext, query: ComputeScoresQuery, reuse: ComputeScoresOptions = {}): Promise<ComputedScores> {
  const { framework } = query;
  const period = parsePeriod(query.period);
  if (!period) throw new InputError(message('score.invalid_period_again'), [{ field: 'period', message: `"${query.period}" (vd. 2026, 2026-H1)` }]);
  if (query.kind && !framework.unitKinds.includes(query.kind)) {
    throw new InputError(message('score.framework_does_not_score_kind'), [
      { field: 'kind', message: `"${query.kind}" ∉ ${framework.unitKinds.join(', ')}` },
    ]);
  }
  const tree = reuse.tree ?? (await loadUnitTree(ctx.db));
  const kinds = query.kind ? [query.kind] : framework.unitKinds;
  const units = [...tree.units.values()].filter((u) => kinds.includes(u.kind) && tree.isActive(u.id, period.end));
  const scored = query.onlyUnits ? units.filter((u) => query.onlyUnits?.has(u.id)) : units;

  const indicators = new Map((await findIndicatorsByCode(ctx.db, indicatorsOf(framework))).map((i) => [i.code, i]));
  const criteria = criteriaOf(framework);
  const reducedOf = reuse.referenceInputs
    ? await referenceInputs(ctx, tree, period, [...indicators.values()], query.onlyUnits ? relatedUnitIds(tree, ...scored.map((u) => u.id)) : null)
    : await databaseInputs(ctx, tree, period, indicators, criteria.map((c) => c.criterion), scored, !!query.onlyUnits);
  const assessments = new Map<string, AssessedInput>();
  for (const a of await currentAssessments(ctx.db, framework.code, period.code, query.onlyUnits ? scored.map((u) => u.id) : null)) {
    const key = `${a.unitId}|${a.criterion}`;
    const entry = assessments.get(key) ?? { self: null, appraised: null };
    entry[a.kind] = { points: a.points, evidence: a.evidenceUrl, by: a.actor };
    assessments.set(key, entry);
  }

  const scores = scored.map((u) => {
    const measured = new Map<string, MeasuredInput>();
    const assessed = new Map<string, AssessedInput>();
    for (const { criterion } of criteria) {
      if (criterion.rule === 'assessed') {
        const a = assessments.get(`${u.id}|${criterion.id}`);
        if (a) assessed.set(criterion.id, a);
        continue;
      }
      if ('indicator' in criterion) {
        const ind = indicators.get(criterion.indicator);
        if (!ind) {
          measured.set(criterion.id, { value: null, direction: 'up', source: message('score.source.indicator_not_defined', { indicator: criterion.indicator }) });
          continue;
        }
        const reduced = reducedOf(ind, u.id, criterion.over);
        measured.set(criterion.id, { value: reduced.value, direction: ind.direction, source: describeSource(ind.code, reduced, period) });
      } else {
        const share = criterion.share;
        const ind = indicators.get(share.indicator);
        const children = tree.activeChildren(u.id, period.end).filter((c) => !share.kinds || share.kinds.includes(c.kind));
        const values = children.map((c) => ({ unit: c.code, value: ind ? reducedOf(ind, c.id, criterion.over).value : null }));
        const r = shareMeeting(values, share.op, share.goal);
        measured.set(criterion.id, {
          value: r.share,
          direction: 'up',
          source: r.failing.length
            ? message('score.source.share_failing', { met: r.met, total: r.total, indicator: share.indicator, op: share.op, goal: share.goal, failing: `${r.failing.slice(0, 10).join(', ')}${r.failing.length > 10 ? '…' : ''}` })
            : message('score.source.share', { met: r.met, total: r.total, indicator: share.indicator, op: share.op, goal: share.goal }),
        });
      }
    }
    return { unitId: u.id, ...scoreUnit(framework, { code: u.code, kind: u.kind }, measured, assessed) };
  });

  const ranking: RankedUnitScore[] = [];
  for (const kind of kinds) ranking.push(...rankScores(scores.filter((s) => s.kind === kind), { minCoverage: framework.minCoverage ?? 0 }));
  return { framework: { code: framework.code, version: framework.version }, period: period.code, ranking };
}

interface MonthValue extends RolledValue {
  period: string;
}

/** Rolled-up monthly values per indicator and unit, computed lazily and memoised. */
async function loadSeries(ctx: AppContext, tree: UnitTree, period: Period, indicators: IndicatorForRollup[], unitIds: number[] | null) {
  const months = monthsOf(period);
  const cells = await readCurrentValues(ctx.db, { indicatorIds: indicators.map((i) => i.id), unitIds, periods: { kind: 'month', from: period.start, to: period.end } });
  const byIndicator = new Map<number, Map<string, Map<number, CellValue>>>();
  for (const c of cells) {
    let perPeriod = byIndicator.get(c.indicatorId);
    if (!perPeriod) byIndicator.set(c.indicatorId, (perPeriod = new Map<string, Map<number, CellValue>>()));
    let m = perPeriod.get(c.period);
    if (!m) perPeriod.set(c.period, (m = new Map<number, CellValue>()));
    m.set(c.unitId, c);
  }
  const rollers = new Map<string, ((unitId: number) => RolledValue)[]>();
  for (const ind of indicators) {
    const perPeriod = byIndicator.get(ind.id) ?? new Map<string, Map<number, CellValue>>();
    rollers.set(
      ind.code,
      months.map((m) => rollupAt(tree, m.end, perPeriod.get(m.code) ?? new Map<number, CellValue>(), ind.aggregation, aggregateOptionsFor(ind))),
    );
  }
  return {
    of(indicator: string, unitId: number): MonthValue[] {
      const r = rollers.get(indicator) ?? [];
      return months.map((m, i) => ({ period: m.code, ...(r[i]?.(unitId) ?? { value: null, numerator: null, denominator: null, source: 'none' as const, count: 0 }) }));
    },
  };
}

/** Reduces a month series to the one figure a criterion scores, remembering which months it read. */
export function reduce(series: readonly MonthValue[], over: Over): { value: number | null; months: MonthValue[] } {
  const present = series.filter((p): p is MonthValue & { value: number } => p.value !== null);
  if (present.length === 0) return { value: null, months: [] };
  const values = present.map((p) => p.value);
  switch (over) {
    case 'last': return { value: values[values.length - 1] as number, months: [present[present.length - 1] as MonthValue] };
    case 'sum': return { value: values.reduce((a, b) => a + b, 0), months: present };
    case 'mean': return { value: values.reduce((a, b) => a + b, 0) / values.length, months: present };
    case 'max': return { value: Math.max(...values), months: present };
    case 'min': return { value: Math.min(...values), months: present };
  }
}

/** The one figure a criterion scores for a unit, with what `describeSource` tells about it. */
interface ReducedInput {
  value: number | null;
  /** How many months the reduction read. */
  months: number;
  /** The last month read: its code and where its value came from; null without data. */
  last: { period: string; source: RolledValue['source']; count: number } | null;
}

type ReducedOf = (indicator: IndicatorForRollup, unitId: number, over: Over) => ReducedInput;

function summarise(reduced: { value: number | null; months: MonthValue[] }): ReducedInput {
  const last = reduced.months[reduced.months.length - 1];
  return { value: reduced.value, months: reduced.months.length, last: last ? { period: last.period, source: last.source, count: last.count } : null };
}

/** The reference path: every current cell into JS, rolled up and reduced there. */
async function referenceInputs(ctx: AppContext, tree: UnitTree, period: Period, indicators: IndicatorForRollup[], unitIds: number[] | null): Promise<ReducedOf> {
  const series = await loadSeries(ctx, tree, period, indicators, unitIds);
  return (ind, unitId, over) => summarise(reduce(series.of(ind.code, unitId), over));
}

/**
 * The database path. A unit without children or predecessors has its own cells as its series (the
 * roll-up of nothing is no value), so its figures are reduced in SQL and only one row per unit ×
 * indicator × `over` is read. Units whose series is a roll-up (a city, a ward scored on its
 * offices, a ward formed by a merger) are rolled up in JS from the cells of their subtrees only.
 */
async function databaseInputs(
  ctx: AppContext,
  tree: UnitTree,
  period: Period,
  indicators: ReadonlyMap<string, IndicatorForRollup>,
  criteria: readonly Criterion[],
  scored: readonly TreeUnit[],
  onlySome: boolean,
): Promise<ReducedOf> {
  const parents = new Set<number>();
  for (const u of tree.units.values()) if (u.parentId !== null) parents.add(u.parentId);
  const ownSeries = (id: number) => !parents.has(id) && tree.predecessors(id).length === 0;

  const needed = new Set(scored.map((u) => u.id));
  if (criteria.some((c) => c.rule !== 'assessed' && 'share' in c)) {
    for (const u of scored) for (const c of tree.activeChildren(u.id, period.end)) needed.add(c.id);
  }
  const leaves = [...needed].filter(ownSeries);
  const rolled = [...needed].filter((id) => !ownSeries(id));

  const requests = new Map<string, ScoreInputRequest>();
  for (const c of criteria) {
    if (c.rule === 'assessed') continue;
    const ind = indicators.get('indicator' in c ? c.indicator : c.share.indicator);
    if (!ind) continue;
    requests.set(`${ind.id}|${c.over}`, { indicatorId: ind.id, over: c.over, ratioScale: aggregateOptionsFor(ind).ratioScale ?? 1 });
  }
  const own = new Map<string, ReducedInput>();
  const rows = await reduceOwnMonthlyInputs(ctx.db, {
    inputs: [...requests.values()],
    months: monthsOf(period).map((m) => m.code),
    from: period.start,
    to: period.end,
    // A full recompute reads every unit (no long id list); a real-time update only its few units.
    unitIds: onlySome ? leaves : null,
  });
  for (const r of rows) own.set(`${r.indicatorId}|${r.over}|${r.unitId}`, { value: r.value, months: r.months, last: { period: r.lastPeriod, source: 'own', count: 1 } });

  const series = rolled.length ? await loadSeries(ctx, tree, period, [...indicators.values()], relatedUnitIds(tree, ...rolled)) : null;
  const leafSet = new Set(leaves);
  const none: ReducedInput = { value: null, months: 0, last: null };
  return (ind, unitId, over) => {
    if (leafSet.has(unitId) || !series) return own.get(`${ind.id}|${over}|${unitId}`) ?? none;
    return summarise(reduce(series.of(ind.code, unitId), over));
  };
}

/**
 * Where a criterion's figure came from. Periods are given by code (`period`), named in the reader's
 * language when the explanation is put into words (domain/scoring/explain-words.ts).
 */
function describeSource(indicator: string, reduced: ReducedInput, period: Period): Message {
  if (reduced.value === null || reduced.last === null) return message('score.source.no_data_in', { indicator, period: period.code });
  const last = reduced.last;
  const own = last.source === 'own';
  if (reduced.months === 1) {
    return own
      ? message('score.source.own_in', { indicator, period: last.period })
      : message('score.source.rolled_in', { indicator, period: last.period, units: last.count });
  }
  return own
    ? message('score.source.own_over', { indicator, months: reduced.months })
    : message('score.source.rolled_over', { indicator, months: reduced.months, units: last.count });
}
