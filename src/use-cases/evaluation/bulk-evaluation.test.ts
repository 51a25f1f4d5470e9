import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { seedDemoIfEmpty } from '../demo/seed-demo-if-empty.ts';
import { evaluateTarget } from '../../domain/evaluation/evaluate-target.ts';
import { InputError } from '../../domain/errors.ts';
import type { SeriesPoint } from '../../domain/forecasting/forecast.ts';
import type { UnitTree } from '../../domain/rollup/unit-tree.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import { readCurrentValues } from '../../repositories/current-values.repository.ts';
import { targetsForEvaluation, type TargetForEvaluation } from '../../repositories/targets.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { getUnitSeries } from '../rollups/get-unit-series.ts';
import { evaluateTargets, specOf } from './evaluate-targets.ts';
import { cellKey, loadTargetSeries } from './target-series.ts';

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

/**
 * The evaluation as it was before the bulk path, kept as the reference: own figures of single-unit
 * cells in one query, every other cell (sets, parents) rolled up one by one through getUnitSeries.
 */
async function referenceSeries(ctx: AppContext, tree: UnitTree, targets: TargetForEvaluation[], asOf: string): Promise<Map<string, SeriesPoint[]>> {
  const isSet = (t: TargetForEvaluation) => (t.scopeKind ?? '').startsWith('set:');
  const own = await ownMonthlySeries(ctx, targets.filter((t) => !isSet(t)).map((t) => ({ indicatorId: t.indicatorId, unitId: t.scopeUnitId })), asOf);
  const byCodes = new Map<string, SeriesPoint[]>();
  for (const t of targets) {
    const points = own.get(cellKey(t));
    if (points && !isSet(t)) byCodes.set(`${t.indicatorCode}|${t.scopeUnitCode}`, points);
  }
  const out = new Map<string, SeriesPoint[]>();
  for (const t of targets) {
    const key = `${t.indicatorCode}|${t.scopeUnitCode}`;
    let series = byCodes.get(key);
    if (!series) {
      series = (await getUnitSeries(ctx, { indicator: t.indicatorCode, unit: t.scopeUnitCode, to: asOf.slice(0, 7) }, { tree })).map((p) => ({ period: p.period, value: p.value }));
      byCodes.set(key, series);
    }
    out.set(cellKey(t), series);
  }
  return out;
}

describe(`whole-city evaluation in one pass on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let today: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    today = ctx.now().toISOString().slice(0, 10);
    await seedDemoIfEmpty(ctx);
  }, 240_000);
  afterAll(async () => database.close());

  it('gives every target the series the one-by-one roll-up gave, at several dates', async () => {
    const tree = await loadUnitTree(ctx.db);
    const targets = await targetsForEvaluation(ctx.db);
    expect(targets.some((t) => (t.scopeKind ?? '').startsWith('set:'))).toBe(true);
    for (const asOf of [today, '2026-03-15', '2025-12-31']) {
      const bulk = await loadTargetSeries(ctx, tree, targets, asOf);
      const reference = await referenceSeries(ctx, tree, targets, asOf);
      expect(bulk.size).toBe(reference.size);
      for (const t of targets) expect(bulk.get(cellKey(t)), `${t.code} at ${asOf}`).toEqual(reference.get(cellKey(t)));
    }
  }, 240_000);

  it('evaluates the whole city exactly as the reference path does, also when remembered', async () => {
    const tree = await loadUnitTree(ctx.db);
    const targets = await targetsForEvaluation(ctx.db);
    const reference = await referenceSeries(ctx, tree, targets, today);
    const expected = new Map(targets.map((t) => [t.code, evaluateTarget(specOf(t), reference.get(cellKey(t)) ?? [], today)]));
    for (let run = 0; run < 2; run++) {
      const { targets: evaluated } = await evaluateTargets(ctx, { asOf: today });
      const tracked = evaluated.filter((e) => expected.has(e.code));
      expect(tracked).toHaveLength(targets.length);
      for (const e of tracked) {
        const { text: _t, indicator: _i, unit: _u, responsibleUnit: _r, op: _o, goal: _g, due: _d, scopeKind: _s, classified: _c, weight: _w, measure: _m, ...ev } = e;
        expect(ev, e.code).toEqual(expected.get(e.code));
      }
    }
    const statuses = new Set([...expected.values()].map((e) => e.status));
    expect(statuses.size).toBeGreaterThan(1);
  }, 240_000);

  it('reads the figures again once a correction arrives (nothing stale is remembered)', async () => {
    const tree = await loadUnitTree(ctx.db);
    const targets = await targetsForEvaluation(ctx.db);
    const single = targets.find((t) => t.scopeKind === 'unit')!;
    const before = (await loadTargetSeries(ctx, tree, targets, today)).get(cellKey(single))!;
    const last = before.filter((p) => p.value !== null).pop()!;
    const row = await ctx.db.selectFrom('observations').selectAll().where('indicator_id', '=', single.indicatorId).where('unit_id', '=', single.scopeUnitId)
      .where('period', '=', last.period).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    const { id: _id, recorded_at: _at, ...copy } = row;
    await ctx.db.insertInto('observations').values({ ...copy, version: row.version + 1, value: (last.value ?? 0) + 1 }).execute();
    const after = (await loadTargetSeries(ctx, tree, targets, today)).get(cellKey(single))!;
    expect(after.find((p) => p.period === last.period)!.value).toBe((last.value ?? 0) + 1);
    expect(after).toEqual((await referenceSeries(ctx, tree, targets, today)).get(cellKey(single)));
  }, 120_000);

  it('filters by target codes, and names unknown codes', async () => {
    const all = await evaluateTargets(ctx, { asOf: today });
    const set = all.targets.find((t) => (t.scopeKind ?? '').startsWith('set:'))!;
    const single = all.targets.find((t) => t.scopeKind === 'unit')!;
    const picked = await evaluateTargets(ctx, { asOf: today, targets: [single.code, set.code] });
    expect(picked.targets).toEqual(all.targets.filter((t) => t.code === single.code || t.code === set.code));
    expect(picked.targets.every((t) => typeof t.text === 'string' && t.text.length > 0)).toBe(true);
    const error = await evaluateTargets(ctx, { targets: [set.code, 'KHONG-CO'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([expect.objectContaining({ field: 'target', message: expect.stringContaining('KHONG-CO') as unknown })]);
  }, 120_000);
});
