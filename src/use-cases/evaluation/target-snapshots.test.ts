import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { seedDemoIfEmpty } from '../demo/seed-demo-if-empty.ts';
import { evaluateTarget, type TargetEvaluation } from '../../domain/evaluation/evaluate-target.ts';
import { EVALUATION_MODEL_REVISION } from '../../domain/evaluation/evaluation-model.ts';
import { startRealtimeEngine, type RealtimeEngine } from '../../realtime/realtime-engine.ts';
import { observationsFingerprint } from '../../repositories/rollups.repository.ts';
import { readTargetEvaluations } from '../../repositories/snapshots.repository.ts';
import { targetsForEvaluation, type TargetForEvaluation } from '../../repositories/targets.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { createJobRunner } from '../../jobs/start-job-runner.ts';
import { ingestObservations } from '../observations/ingest-observations.ts';
import { linkTargetIndicator } from '../targets/link-target-indicator.ts';
import { evaluateTargets, specOf } from './evaluate-targets.ts';
import { cellKey, loadTargetSeries } from './target-series.ts';
import { refreshAllTargetSnapshots, specKeyOf } from './target-snapshots.ts';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

describe(`evaluations read from stored snapshots on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let engine: RealtimeEngine;
  let clock = new Date();
  const today = () => dayOf(clock);

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => clock);
    await seedDemoIfEmpty(ctx);
    engine = await startRealtimeEngine(ctx);
  }, 300_000);
  afterAll(async () => {
    await engine.stop();
    await database.close();
  });

  /** Every numeric target evaluated from scratch: its figures read and the domain rule applied, nothing stored or remembered. */
  async function recomputed(): Promise<Map<string, TargetEvaluation>> {
    const tree = await loadUnitTree(ctx.db);
    const targets = await targetsForEvaluation(ctx.db);
    const series = await loadTargetSeries(ctx, tree, targets, today());
    return new Map(targets.map((t) => [t.code, evaluateTarget(specOf(t), series.get(cellKey(t)) ?? [], today())]));
  }

  /** What /evaluation, the overview and the public page read, reduced to the evaluation itself. */
  async function read(): Promise<Map<string, TargetEvaluation>> {
    const { targets } = await evaluateTargets(ctx, {});
    const out = new Map<string, TargetEvaluation>();
    for (const e of targets) {
      const { text: _t, indicator: _i, unit: _u, responsibleUnit: _r, op: _o, goal: _g, due: _d, scopeKind: _s, classified: _c, weight: _w, measure: _m, ...ev } = e;
      out.set(e.code, ev);
    }
    return out;
  }

  /** Targets whose stored snapshot does not hold (missing, of another day or definition, older than the figures). */
  async function notHolding(): Promise<string[]> {
    const targets = await targetsForEvaluation(ctx.db);
    const version = await observationsFingerprint(ctx.db);
    const stored = new Map((await readTargetEvaluations(ctx.db, targets.map((t) => t.id))).map((s) => [s.targetId, s]));
    return targets.filter((t) => {
      const s = stored.get(t.id);
      return !s || s.asOf !== today() || s.specKey !== specKeyOf(t) || s.inputsVersion !== version || s.evaluation === null;
    }).map((t) => t.code);
  }

  /**
   * Waits for the real-time engine to have re-evaluated the write: on PostgreSQL its notification
   * arrives over the network, after the write returns. Nothing here computes: it only reads the
   * stored snapshots until all hold again.
   */
  async function reEvaluated(): Promise<void> {
    await expect.poll(async () => {
      await engine.idle();
      return notHolding();
    }, { timeout: 60_000, interval: 100 }).toEqual([]);
  }

  async function expectReadsEqualRecomputation(): Promise<Map<string, TargetEvaluation>> {
    const expected = await recomputed();
    const got = await read();
    expect(expected.size).toBeGreaterThan(10);
    for (const [code, e] of expected) expect(got.get(code), code).toEqual(e);
    return expected;
  }

  const monthlySingleTarget = async (): Promise<TargetForEvaluation> => {
    const monthly = new Set((await ctx.db.selectFrom('indicators').select('id').where('frequency', '=', 'monthly').execute()).map((r) => r.id));
    const t = (await targetsForEvaluation(ctx.db)).find((x) => x.scopeKind === 'unit' && monthly.has(x.indicatorId) && x.dueOn > today());
    if (!t) throw new Error('the demo city has no open single-unit target on a monthly indicator');
    return t;
  };

  it('after an ingest, a correction and a link change, reads equal a full recomputation, with no snapshot left for the read to compute', async () => {
    await refreshAllTargetSnapshots(ctx);
    expect(await notHolding()).toEqual([]);
    await expectReadsEqualRecomputation();

    const target = await monthlySingleTarget();
    const month = today().slice(0, 7);
    const writer = { actor: 'test', origin: 'import' as const, principal: null };
    const before = (await read()).get(target.code)!;

    // A new figure for the current month, through the ingest use case (announced on the change feed).
    await ingestObservations(ctx, writer, { source: 'kiem-thu', observations: [{ indicator: target.indicatorCode, unit: target.scopeUnitCode, period: month, value: 3 }] });
    await reEvaluated();
    const afterIngest = await expectReadsEqualRecomputation();
    expect(afterIngest.get(target.code)!.current).toBe(3);
    expect(afterIngest.get(target.code)).not.toEqual(before);

    // A correction of that figure: a new version of the same cell.
    await ingestObservations(ctx, writer, { source: 'kiem-thu', observations: [{ indicator: target.indicatorCode, unit: target.scopeUnitCode, period: month, value: 97 }] });
    await reEvaluated();
    expect((await expectReadsEqualRecomputation()).get(target.code)!.current).toBe(97);

    // A link change: the same target measured against a goal far out of reach.
    const { plan_id: planId } = await ctx.db.selectFrom('targets as t').innerJoin('plan_versions as pv', 'pv.id', 't.plan_version_id')
      .select('pv.plan_id').where('t.id', '=', target.id).executeTakeFirstOrThrow();
    await linkTargetIndicator(ctx, {
      plan: String(planId), target: target.code, indicator: target.indicatorCode, unit: target.scopeUnitCode,
      op: target.op === '<=' ? '<=' : '>=', value: target.op === '<=' ? '-1000' : '100000', due: target.dueOn, replace: true,
    }, { actor: 'test' });
    await reEvaluated();
    const afterLink = await expectReadsEqualRecomputation();
    expect(afterLink.get(target.code)!.status).not.toBe('met');
    expect(afterLink.get(target.code)!.pMiss).toBeGreaterThan(0.5);
  }, 300_000);

  it('computes and stores on read what has no snapshot that holds: a new target, a snapshot of yesterday, an unannounced write', async () => {
    const targets = await targetsForEvaluation(ctx.db);
    const [a, b] = targets;
    await ctx.db.deleteFrom('target_status_current').where('target_id', '=', a!.id).execute();
    await ctx.db.updateTable('target_status_current').set({ as_of: '2000-01-01' }).where('target_id', '=', b!.id).execute();
    expect((await notHolding()).sort()).toEqual([a!.code, b!.code].sort());
    await expectReadsEqualRecomputation();
    expect(await notHolding()).toEqual([]);

    // A snapshot stored by an older evaluation model, of today and of the same figures, saying
    // something else (as a refitted calibration would): the upgrade's first read computes it again.
    const c = targets[2]!;
    const [stored] = await readTargetEvaluations(ctx.db, [c.id]);
    const key = JSON.parse(stored!.specKey!) as unknown[];
    expect(key.at(-1), 'a snapshot names the model that computed it').toBe(EVALUATION_MODEL_REVISION);
    const olderKey = JSON.stringify([...key.slice(0, -1), '2000-01-01.1']);
    const olderSays = { ...(stored!.evaluation as TargetEvaluation), pMiss: 0.987654, reason: 'mô hình cũ' };
    await ctx.db.updateTable('target_status_current').set({ spec_key: olderKey, evaluation: JSON.stringify(olderSays), p_miss: 0.987654 }).where('target_id', '=', c.id).execute();
    expect(await notHolding()).toEqual([c.code]);
    expect((await expectReadsEqualRecomputation()).get(c.code)!.pMiss).not.toBe(0.987654);
    expect(await notHolding()).toEqual([]);

    // A figure written straight into the table (no change announced): every snapshot is then in doubt;
    // the read recomputes those whose indicator and unit (or a unit above it) the figure is on, and
    // finds the others still holding.
    const target = await monthlySingleTarget();
    const computedAt = async () => new Map((await ctx.db.selectFrom('target_status_current').select(['target_id', 'computed_at']).execute()).map((r) => [r.target_id, new Date(r.computed_at).getTime()]));
    const before = await computedAt();
    const row = await ctx.db.selectFrom('observations').selectAll().where('indicator_id', '=', target.indicatorId).where('unit_id', '=', target.scopeUnitId)
      .orderBy('period', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    const { id: _id, recorded_at: _at, ...copy } = row;
    await ctx.db.insertInto('observations').values({ ...copy, version: row.version + 1, value: 55.5 }).execute();
    expect((await notHolding()).length).toBe(targets.length);
    const expected = await expectReadsEqualRecomputation();
    expect(expected.get(target.code)!.current).toBe(55.5);
    expect(await notHolding()).toEqual([]);
    const tree = await loadUnitTree(ctx.db);
    const above = new Set(tree.affectedUnits(target.scopeUnitId, today()));
    const after = await computedAt();
    const redone = targets.filter((t) => after.get(t.id) !== before.get(t.id));
    expect(redone.map((t) => t.code)).toContain(target.code);
    // Only targets on that indicator for that unit or one above it (a set target shares its cell with
    // its single-unit twin, so those are evaluated with it): never the country again.
    for (const t of redone) expect(t.indicatorId === target.indicatorId && above.has(t.scopeUnitId), t.code).toBe(true);
    expect(redone.length).toBeLessThan(targets.length / 4);
  }, 300_000);

  it("the day's re-evaluation moves what time alone moves, and reads then agree with a recomputation at the new date", async () => {
    clock = new Date(clock.getTime() + 400 * 24 * 3600_000);
    expect((await notHolding()).length).toBeGreaterThan(10);
    await refreshAllTargetSnapshots(ctx);
    expect(await notHolding()).toEqual([]);
    const later = await expectReadsEqualRecomputation();
    // Over a year on, with no new figures, some open targets have come due and been missed.
    expect([...later.values()].some((e) => e.status === 'missed')).toBe(true);
  }, 300_000);

  it('after an upgrade of the evaluation model, the job runner re-evaluates every target once, before anyone reads', async () => {
    const targets = await targetsForEvaluation(ctx.db);
    await refreshAllTargetSnapshots(ctx);
    // Every snapshot as an older model stored it.
    for (const s of await readTargetEvaluations(ctx.db, targets.map((t) => t.id))) {
      const older = JSON.stringify([...(JSON.parse(s.specKey!) as unknown[]).slice(0, -1), '2000-01-01.1']);
      await ctx.db.updateTable('target_status_current').set({ spec_key: older }).where('target_id', '=', s.targetId).execute();
    }
    expect((await notHolding()).length).toBe(targets.length);
    const runner = createJobRunner(ctx, { mailer: null, recurring: [], workerId: 'upgrade-1' });
    await runner.runDue();
    await runner.stop();
    expect(await notHolding()).toEqual([]);
    // Once for this revision: a restart does not re-evaluate again.
    const restarted = createJobRunner(ctx, { mailer: null, recurring: [], workerId: 'upgrade-2' });
    expect(await restarted.runDue()).toBe(0);
    await restarted.stop();
  }, 300_000);
});
