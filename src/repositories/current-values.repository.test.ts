import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import { seedDemoIfEmpty } from '../use-cases/demo/seed-demo-if-empty.ts';
import { evaluateTarget } from '../domain/evaluation/evaluate-target.ts';
import { monthsOf, parsePeriod, type Period } from '../domain/periods/period.ts';
import type { UnitTree } from '../domain/rollup/unit-tree.ts';
import { criteriaOf } from '../domain/scoring/framework.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../domain/scoring/load-framework.ts';
import { toUpstreamExport } from '../exports/upstream/upstream-export.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { evaluateTargets, specOf } from '../use-cases/evaluation/evaluate-targets.ts';
import { getDataShare } from '../use-cases/observations/get-data-share.ts';
import { getPublicPlanProgress } from '../use-cases/public/get-public-plan-progress.ts';
import { listPublicPlans } from '../use-cases/public/list-public-plans.ts';
import { buildReportContent } from '../use-cases/reporting/build-report-content.ts';
import { relatedUnitIds, seriesFromCells } from '../use-cases/rollups/get-unit-series.ts';
import { computeScores, reduce } from '../use-cases/scores/compute-scores.ts';
import { readCurrentValues } from './current-values.repository.ts';
import { listObligations } from './reporting.repository.ts';
import { targetsForEvaluation } from './targets.repository.ts';
import { loadUnitTree } from './unit-tree.repository.ts';

/**
 * Characterises every reader of current values (evaluation, scores, the public page, the report and
 * its upstream export, the data share) on the demo city against an independent recomputation: every
 * stored version read back with a plain select and the latest per cell picked in JS, then fed to the
 * same pure domain functions. Written before the readers were merged into `readCurrentValues`
 * (issue #13) and kept so that any reader drifting from "highest version per cell, one period rule"
 * fails here.
 */

interface NaiveCell {
  indicatorId: number;
  unitId: number;
  period: string;
  periodStart: string;
  periodEnd: string;
  version: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  recordedAt: number;
  observationId: number;
  source: string;
  origin: string;
}

const MONTH = /^\d{4}-\d{2}$/;
const NOW = new Date('2026-12-04T06:00:00Z');

/** The latest version of every cell, from every stored version (no distinct on, no packing). */
async function naiveCurrentCells(ctx: AppContext): Promise<NaiveCell[]> {
  const rows = await ctx.db
    .selectFrom('observations')
    .select(['id', 'indicator_id', 'unit_id', 'period', 'period_start', 'period_end', 'version', 'value', 'numerator', 'denominator', 'recorded_at', 'source', 'origin'])
    .execute();
  const latest = new Map<string, NaiveCell>();
  for (const r of rows) {
    const key = `${r.indicator_id}|${r.unit_id}|${r.period}`;
    const seen = latest.get(key);
    if (seen && seen.version > r.version) continue;
    latest.set(key, {
      indicatorId: r.indicator_id, unitId: r.unit_id, period: r.period, periodStart: String(r.period_start), periodEnd: String(r.period_end), version: r.version,
      value: r.value, numerator: r.numerator, denominator: r.denominator, recordedAt: r.recorded_at.getTime(), observationId: Number(r.id), source: r.source, origin: r.origin,
    });
  }
  return [...latest.values()].sort((a, b) => a.indicatorId - b.indicatorId || a.unitId - b.unitId || (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

/** Monthly cells of one indicator whose month lies inside [from, to]. */
function monthlyCells(cells: readonly NaiveCell[], indicatorId: number, range: { from?: string; to: string }): NaiveCell[] {
  return cells.filter((c) => c.indicatorId === indicatorId && MONTH.test(c.period) && c.periodEnd <= range.to && (!range.from || c.periodStart >= range.from));
}

/**
 * The demo has one version per month; corrections (a new version, some withdrawing the value) and
 * quarterly and yearly figures are added so that "latest version" and the period rule are exercised.
 */
async function addCorrectionsAndOtherPeriods(ctx: AppContext): Promise<void> {
  const rows = await ctx.db.selectFrom('observations').selectAll().where('version', '=', 1).where('value', 'is not', null).orderBy('id').execute();
  const picked = rows.filter((_, i) => i % 37 === 0);
  expect(picked.length).toBeGreaterThan(100);
  const later = new Date(NOW.getTime() - 3_600_000);
  await ctx.db.insertInto('observations').values(picked.map(({ id: _id, recorded_at: _at, ...r }, i) => ({
    ...r, version: 2, value: i % 5 === 0 ? null : (r.value ?? 0) + 1.25, recorded_at: later, reason: 'correction',
  }))).execute();
  const first = picked[0]!;
  const base = { ...first, value: 42, version: 1, recorded_at: later };
  const { id: _id, ...copy } = base;
  await ctx.db.insertInto('observations').values([
    { ...copy, period: '2026-Q1', period_start: '2026-01-01', period_end: '2026-03-31' },
    { ...copy, period: '2026-Q1', period_start: '2026-01-01', period_end: '2026-03-31', version: 2, value: 43 },
    { ...copy, period: '2025', period_start: '2025-01-01', period_end: '2025-12-31' },
  ]).execute();
}

describe(`current values on the demo city, against an independent recomputation (${testEngine})`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let cells: NaiveCell[];
  let tree: UnitTree;
  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => NOW);
    await seedDemoIfEmpty(ctx);
    await addCorrectionsAndOtherPeriods(ctx);
    cells = await naiveCurrentCells(ctx);
    tree = await loadUnitTree(ctx.db);
  }, 240_000);
  afterAll(async () => database.close());

  it('reads the latest version of each cell under the one period rule, whatever the filter', async () => {
    const strip = ({ periodStart: _s, periodEnd: _e, observationId: _i, source: _so, origin: _o, ...c }: NaiveCell) => c;
    const indicatorIds = [...new Set(cells.map((c) => c.indicatorId))].slice(0, 5);
    const unitIds = [...new Set(cells.map((c) => c.unitId))].slice(0, 40);
    const inFilter = (c: NaiveCell) => indicatorIds.includes(c.indicatorId) && unitIds.includes(c.unitId);

    const months = await readCurrentValues(ctx.db, { indicatorIds, unitIds, periods: { kind: 'month', from: '2026-02-01', to: '2026-06-30' } });
    const expected = cells.filter((c) => inFilter(c) && MONTH.test(c.period) && c.periodStart >= '2026-02-01' && c.periodEnd <= '2026-06-30');
    expect(expected.length).toBeGreaterThan(100);
    expect(months).toEqual(expected.map(strip));

    const withCodes = await readCurrentValues(ctx.db, { indicatorIds, periods: { kind: 'month', to: '2026-12-31', codes: ['2026-03', '2025-11'] }, provenance: true });
    expect(withCodes).toEqual(cells.filter((c) => indicatorIds.includes(c.indicatorId) && ['2026-03', '2025-11'].includes(c.period)).map(({ periodStart: _s, periodEnd: _e, ...c }) => c));

    const everyKind = await readCurrentValues(ctx.db, { unitIds, periods: { kind: 'any' } });
    expect(everyKind).toEqual(cells.filter((c) => unitIds.includes(c.unitId)).map(strip));

    const quarter = cells.find((c) => c.period === '2026-Q1')!;
    const ofUnit = await readCurrentValues(ctx.db, { indicatorIds: [quarter.indicatorId], unitIds: [quarter.unitId], periods: { kind: 'any', from: '2025-01-01' } });
    expect(ofUnit.filter((c) => !MONTH.test(c.period)).map((c) => [c.period, c.version, c.value])).toEqual([['2025', 1, 42], ['2026-Q1', 2, 43]]);
    const monthsOfUnit = await readCurrentValues(ctx.db, { indicatorIds: [quarter.indicatorId], unitIds: [quarter.unitId], periods: { kind: 'month' } });
    expect(monthsOfUnit.every((c) => MONTH.test(c.period))).toBe(true);
    expect(monthsOfUnit.length).toBeGreaterThan(0);

    const some = expected.filter((_, i) => i % 7 === 0);
    const exact = await readCurrentValues(ctx.db, { cells: [...some, { indicatorId: some[0]!.indicatorId, unitId: some[0]!.unitId, period: '1999-01' }], periods: { kind: 'any' } });
    expect(exact).toEqual(some.map(strip));

    expect(await readCurrentValues(ctx.db, { indicatorIds: [], periods: { kind: 'any' } })).toEqual([]);
    expect(await readCurrentValues(ctx.db, { unitIds: [], periods: { kind: 'month' } })).toEqual([]);
    expect(await readCurrentValues(ctx.db, { cells: [], periods: { kind: 'any' } })).toEqual([]);
  }, 120_000);

  it('evaluates every target on the latest versions of its months up to the month of asOf', async () => {
    const targets = await targetsForEvaluation(ctx.db);
    const indicators = new Map((await ctx.db.selectFrom('indicators').select(['id', 'aggregation', 'measure']).execute()).map((i) => [i.id, i]));
    for (const asOf of ['2026-12-04', '2026-03-15']) {
      const end = (parsePeriod(asOf.slice(0, 7)) as Period).end;
      const { targets: evaluated } = await evaluateTargets(ctx, { asOf, includeClassified: true });
      const byCode = new Map(evaluated.map((e) => [e.code, e]));
      let withData = 0;
      for (const t of targets) {
        const own = monthlyCells(cells, t.indicatorId, { to: end }).filter((c) => c.unitId === t.scopeUnitId);
        const isSet = (t.scopeKind ?? '').startsWith('set:');
        const related = new Set(relatedUnitIds(tree, t.scopeUnitId));
        const series = own.length && !isSet
          ? own.map((c) => ({ period: c.period, value: c.value }))
          : seriesFromCells(tree, t.scopeUnitId, indicators.get(t.indicatorId)!, monthlyCells(cells, t.indicatorId, { to: end }).filter((c) => related.has(c.unitId)), { start: null, end })
            .map((p) => ({ period: p.period, value: p.value }));
        const { text: _t, indicator: _i, unit: _u, responsibleUnit: _r, op: _o, goal: _g, due: _d, scopeKind: _s, classified: _c, weight: _w, measure: _m, ...ev } = byCode.get(t.code)!;
        expect(ev, `${t.code} at ${asOf}`).toEqual(evaluateTarget(specOf(t), series, asOf));
        if (ev.current !== null) withData++;
      }
      expect(withData).toBeGreaterThan(100);
    }
  }, 240_000);

  it('scores each unit on the latest versions of the months of the period', async () => {
    const framework = frameworkFromFile(SHIPPED_FRAMEWORK_PATH);
    const indicators = new Map((await ctx.db.selectFrom('indicators').select(['id', 'code', 'aggregation', 'measure']).execute()).map((i) => [i.code, i]));
    const criteria = new Map(criteriaOf(framework).map((c) => [c.criterion.id, c.criterion]));
    for (const code of ['2026', '2026-H1']) {
      const period = parsePeriod(code) as Period;
      const months = new Set(monthsOf(period).map((m) => m.code));
      const { ranking } = await computeScores(ctx, { framework, period: code });
      let checked = 0;
      for (const score of ranking) {
        const unitId = tree.byCode.get(score.unit)!.id;
        const related = new Set(relatedUnitIds(tree, unitId));
        for (const e of score.explain) {
          const criterion = criteria.get(e.criterion);
          if (!criterion || criterion.rule === 'assessed' || !('indicator' in criterion) || !e.applicable) continue;
          const indicator = indicators.get(criterion.indicator);
          if (!indicator) continue;
          const own = monthlyCells(cells, indicator.id, { from: period.start, to: period.end }).filter((c) => related.has(c.unitId) && months.has(c.period));
          // `reduce` reads only the periods and values.
          const series = seriesFromCells(tree, unitId, indicator, own, { start: period.start, end: period.end }).map((p) => ({ ...p, numerator: null, denominator: null }));
          expect(e.input, `${score.unit} ${e.criterion} ${code}`).toBe(reduce(series, criterion.over).value);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
    }
  }, 240_000);

  it('shows the public page the same figures as the evaluation recomputed from the versions', async () => {
    const evaluated = new Map((await evaluateTargets(ctx, { asOf: '2026-12-04', includeClassified: true })).targets.map((e) => [e.code, e]));
    const plans = await listPublicPlans(ctx);
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) {
      const page = await getPublicPlanProgress(ctx, p.id);
      for (const t of page.targets) {
        const e = evaluated.get(t.code);
        expect({ current: t.current, currentPeriod: t.currentPeriod }, t.code).toEqual({ current: e?.current ?? null, currentPeriod: e?.currentPeriod ?? null });
      }
    }
  }, 120_000);

  it('quotes in the report and its upstream export the last month with a value, with its provenance', async () => {
    const [obligation] = await listObligations(ctx.db, { activeOnly: true });
    const linked = await ctx.db.selectFrom('targets').select(['id', 'code', 'indicator_id', 'scope_unit_id']).where('indicator_id', 'is not', null).orderBy('id').execute();
    const scoped = { ...obligation!, scope: { ...obligation!.scope, targetIds: linked.map((t) => t.id) } };
    for (const code of ['2026-11', '2026-06']) {
      const period = parsePeriod(code) as Period;
      const content = await buildReportContent(ctx.db, scoped, period, NOW);
      const exported = toUpstreamExport(content, { state: 'none', submittedAt: null, approvedAt: null }, NOW);
      let quoted = 0;
      for (const f of exported.figures) {
        const t = linked.find((x) => x.code === f.target)!;
        const unitId = t.scope_unit_id ?? obligation!.unit.id;
        const last = monthlyCells(cells, t.indicator_id!, { to: period.end }).filter((c) => c.unitId === unitId && c.value !== null).pop();
        expect({ value: f.value, valuePeriod: f.valuePeriod, sourceSystem: f.sourceSystem, origin: f.origin, recordedAt: f.recordedAt }, f.target).toEqual({
          value: last?.value ?? null, valuePeriod: last?.period ?? null, sourceSystem: last?.source ?? null, origin: last?.origin ?? null,
          recordedAt: last ? new Date(last.recordedAt).toISOString() : null,
        });
        if (last) quoted++;
      }
      expect(quoted).toBeGreaterThan(100);
    }
  }, 120_000);

  it('counts every current value of any period kind in the data share', async () => {
    for (const unit of ['HN', 'HN_P_VINH_TUY']) {
      const share = await getDataShare(ctx, null, unit, { subtree: true });
      const root = tree.byCode.get(unit)!.id;
      const subtree = new Set([...tree.units.values()].filter((u) => { for (let p: number | null = u.id; p !== null; p = tree.units.get(p)?.parentId ?? null) if (p === root) return true; return false; }).map((u) => u.id));
      const mine = cells.filter((c) => subtree.has(c.unitId));
      expect(share.total, unit).toBe(mine.length);
      expect(share.imported, unit).toBe(mine.filter((c) => c.origin === 'import').length);
    }
  }, 120_000);
});
