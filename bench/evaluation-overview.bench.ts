// The whole-city evaluation behind the leader's overview (GET /api/v1/evaluation?unit=HN) on the demo
// city, against the path it replaced, in the same run on the same database: own figures in one query,
// then every set or parent target rolled up one by one through getUnitSeries, and every target
// forecast afresh. "cold" is the first request after a change of figures (no cells or forecasts
// remembered), "warm" a repeated request with the same figures (the overview reloading). Both paths
// share today's forecaster (src/domain/forecasting, timed on its own in forecast.bench.ts). Runs on
// PGlite, or on the PostgreSQL named by DATABASE_URL.
import { contextFor, type AppContext } from '../src/app-context.ts';
import { seedDemoIfEmpty } from '../src/use-cases/demo/seed-demo-if-empty.ts';
import { evaluateTarget } from '../src/domain/evaluation/evaluate-target.ts';
import type { SeriesPoint } from '../src/domain/forecasting/forecast.ts';
import { parsePeriod } from '../src/domain/periods/period.ts';
import { readCurrentValues } from '../src/repositories/current-values.repository.ts';
import { targetsForEvaluation, untrackedTargets } from '../src/repositories/targets.repository.ts';
import { loadUnitTree } from '../src/repositories/unit-tree.repository.ts';
import { createTestDatabase, testEngine } from '../src/testing/test-database.ts';
import { evaluateTargets, forgetEvaluations, specOf } from '../src/use-cases/evaluation/evaluate-targets.ts';
import { getUnitSeries } from '../src/use-cases/rollups/get-unit-series.ts';
import { percentile, type Benchmark, type BenchResult } from './harness.ts';

const RUNS = Number(process.env.BENCH_EVALUATION_RUNS ?? 3);

/** The targets' own current monthly values up to the month of `asOf`, keyed "indicatorId|unitId". */
async function ownMonthlySeries(ctx: AppContext, cells: readonly { indicatorId: number; unitId: number }[], asOf: string): Promise<Map<string, SeriesPoint[]>> {
  const wanted = new Set(cells.map((c) => `${c.indicatorId}|${c.unitId}`));
  const to = parsePeriod(asOf.slice(0, 7))?.end ?? asOf;
  const values = await readCurrentValues(ctx.db, { indicatorIds: [...new Set(cells.map((c) => c.indicatorId))], unitIds: [...new Set(cells.map((c) => c.unitId))], periods: { kind: 'month', to } });
  const out = new Map<string, SeriesPoint[]>();
  for (const v of values) {
    const key = `${v.indicatorId}|${v.unitId}`;
    if (!wanted.has(key)) continue;
    const list = out.get(key) ?? [];
    list.push({ period: v.period, value: v.value });
    out.set(key, list);
  }
  return out;
}

/** The evaluation as it was before the one-pass roll-up and the remembered forecasts. */
async function previousPath(ctx: AppContext, asOf: string): Promise<number> {
  const tree = await loadUnitTree(ctx.db);
  const targets = await targetsForEvaluation(ctx.db);
  const isSet = (scope: string | null) => (scope ?? '').startsWith('set:');
  const own = await ownMonthlySeries(ctx, targets.filter((t) => !isSet(t.scopeKind)).map((t) => ({ indicatorId: t.indicatorId, unitId: t.scopeUnitId })), asOf);
  const cache = new Map<string, SeriesPoint[]>();
  for (const t of targets) {
    const points = own.get(`${t.indicatorId}|${t.scopeUnitId}`);
    if (points && !isSet(t.scopeKind)) cache.set(`${t.indicatorCode}|${t.scopeUnitCode}`, points);
  }
  let evaluated = 0;
  for (const t of targets) {
    const key = `${t.indicatorCode}|${t.scopeUnitCode}`;
    let series = cache.get(key);
    if (!series) {
      series = (await getUnitSeries(ctx, { indicator: t.indicatorCode, unit: t.scopeUnitCode, to: asOf.slice(0, 7) }, { tree })).map((p) => ({ period: p.period, value: p.value }));
      cache.set(key, series);
    }
    evaluateTarget(specOf(t), series, asOf);
    evaluated++;
  }
  return evaluated + (await untrackedTargets(ctx.db)).length;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const bench: Benchmark = {
  title: `Evaluation of the whole demo city (overview) on ${testEngine}`,
  async run() {
    const database = await createTestDatabase();
    try {
      const ctx = contextFor(database);
      await seedDemoIfEmpty(ctx);
      const asOf = ctx.now().toISOString().slice(0, 10);
      const before: number[] = [];
      const cold: number[] = [];
      const warm: number[] = [];
      let targets = 0;
      await previousPath(ctx, asOf); // warm up the database's caches and the JIT for both paths alike
      for (let i = 0; i < RUNS; i++) {
        before.push(await timed(() => previousPath(ctx, asOf)));
        forgetEvaluations();
        cold.push(await timed(async () => (targets = (await evaluateTargets(ctx, { asOf })).targets.length)));
        warm.push(await timed(() => evaluateTargets(ctx, { asOf })));
      }
      const baseline = percentile(before, 50);
      const result = (name: string, values: number[]): BenchResult => ({
        name, value: Math.round(percentile(values, 50)), unit: 'ms',
        baselineName: 'previous path (sets rolled up one by one, every forecast afresh)', baselineValue: Math.round(baseline),
        higherIsBetter: false, notes: { targets, runs: RUNS, engine: testEngine },
      });
      return [result('whole-city evaluation, cold (figures changed)', cold), result('whole-city evaluation, warm (same figures)', warm)];
    } finally {
      await database.close();
    }
  },
};

export default bench;
