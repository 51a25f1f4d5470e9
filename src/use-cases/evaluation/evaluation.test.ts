import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { monthCode, monthNumber } from '../../domain/forecasting/forecast.ts';
import { insertIndicator } from '../../repositories/indicators.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { listAlerts } from '../alerts/list-alerts.ts';
import { refreshAlerts } from '../alerts/refresh-alerts.ts';
import { ingestObservations } from '../observations/ingest-observations.ts';
import { importTargets } from '../targets/import-targets.ts';
import { importRegistryUnits } from '../units/import-units.ts';
import { evaluateTargets } from './evaluate-targets.ts';

const unit = (code: string, kind: 'city' | 'commune' | 'agency', parent: string | null) =>
  ({ code, name: `Đơn vị ${code}`, kind, parent, aliases: [], validFrom: null, validTo: null, successors: [] });

/** Monthly values from 2025-01 for `months` months. */
function rows(indicator: string, unitCode: string, months: number, f: (i: number) => number) {
  return Array.from({ length: months }, (_, i) => ({ indicator, unit: unitCode, period: monthCode(monthNumber('2025-01') + i), value: Math.round(f(i) * 100) / 100 }));
}

describe(`targets, evaluation and alerts on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-08-05T08:00:00Z'));
    await importRegistryUnits(ctx, [unit('HN', 'city', null), unit('P_A', 'commune', 'HN'), unit('P_B', 'commune', 'HN'), unit('P_C', 'commune', 'HN'), unit('SO_1', 'agency', 'HN')]);
    await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
      code: 'DVC', name: 'Tỷ lệ hồ sơ trực tuyến', measure: '%', direction: 'up', aggregation: 'mean', numerator: null, denominator: null,
      frequency: 'monthly', sourceSystem: 'dvc', classified: false,
    }));
    await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
      code: 'TRE', name: 'Tỷ lệ hồ sơ trễ hạn', measure: '%', direction: 'down', aggregation: 'mean', numerator: null, denominator: null,
      frequency: 'monthly', sourceSystem: 'dvc', classified: false,
    }));
    await ingestObservations(ctx, { actor: 'test', origin: 'import', principal: null }, {
      source: 'test',
      observations: [
        ...rows('DVC', 'P_A', 19, (i) => 50 + 2 * i + (i % 2 ? 0.4 : -0.4)), // on track for 90 by 12/2026
        ...rows('DVC', 'P_B', 19, (i) => 50 + 0.6 * i + (i % 2 ? 0.4 : -0.4)), // far behind
        ...rows('DVC', 'P_C', 12, (i) => 60 + 1 * i), // stopped reporting after 12/2025
        ...rows('TRE', 'SO_1', 19, (i) => 9 - 0.1 * i + (i % 2 ? 0.2 : -0.2)), // lower is better, falling too slowly
      ],
    });
  });
  afterAll(async () => database.close());

  it('rejects a file naming unknown indicators and units, by line and field, storing nothing', async () => {
    const csv = [
      'code,indicator,unit,op,value,due',
      'CT1,DVC,P_A,>=,90,31/12/2026',
      'CT2,NOPE,P_A,>=,90,31/12/2026',
      'CT3,DVC,P_ZZZ,>=,90,2026-12-31',
      'CT4,DVC,*nowhere,>=,90,2026-12-31',
      'CT5,DVC,P_A,=>,90,2026-12-31',
      'CT6,DVC,P_A,>=,abc,31/02/2026',
    ].join('\n');
    const error = await importTargets(ctx, csv, 'test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as InputError).problems.map((p) => `${p.line}:${p.field}`);
    expect(problems).toEqual(['5:unit', '6:op', '7:value', '7:due']);
    // Syntax problems are reported first; with those fixed the references are checked.
    const error2 = await importTargets(ctx, csv.split('\n').slice(0, 4).join('\n'), 'test').catch((e: unknown) => e);
    expect((error2 as InputError).problems.map((p) => `${p.line}:${p.field}`)).toEqual(['3:indicator', '4:unit']);
    const stored = await ctx.db.selectFrom('targets').select('code').execute();
    expect(stored).toEqual([]);
  });

  it('imports single-unit and set targets (each ward separately plus the city roll-up), idempotently', async () => {
    const csv = [
      'code,indicator,unit,op,value,due,start,baseline',
      'DVC90,DVC,*commune,>=,90,31/12/2026,01/01/2026,',
      'TRE5,TRE,SO_1,<=,5,2026-12-31,,',
    ].join('\n');
    const first = await importTargets(ctx, csv, 'test');
    expect(first.created).toBe(5);
    expect(first.codes).toEqual(['DVC90', 'DVC90.P_A', 'DVC90.P_B', 'DVC90.P_C', 'TRE5']);
    const audited = await ctx.db.selectFrom('audit_log').select(['actor', 'action', 'entity', 'after']).where('entity', '=', 'targets').execute();
    expect(audited).toEqual([expect.objectContaining({ actor: 'test', action: 'import' })]);
    expect(await importTargets(ctx, csv, 'test')).toMatchObject({ created: 0, unchanged: 5 });
    const clash = await importTargets(ctx, csv.replace('TRE5,TRE,SO_1,<=,5', 'TRE5,TRE,SO_1,<=,4'), 'test').catch((e: unknown) => e);
    expect((clash as InputError).problems).toEqual([expect.objectContaining({ line: 3, field: 'code' })]);
  });

  it('evaluates every target at a date with status, forecast, pMiss and reason', async () => {
    const { targets } = await evaluateTargets(ctx, { asOf: '2026-08-05' });
    const by = new Map(targets.map((t) => [t.code, t]));
    expect(by.get('DVC90.P_A')).toMatchObject({ status: 'on_track', unit: 'P_A', responsibleUnit: 'P_A' });
    expect(by.get('DVC90.P_B')).toMatchObject({ status: 'at_risk' });
    expect(by.get('DVC90.P_B')!.pMiss).toBeGreaterThan(0.9);
    expect(by.get('TRE5')).toMatchObject({ status: 'at_risk', op: '<=' });
    // The city target is computed from the wards' roll-up (mean of the wards reporting each month).
    const city = by.get('DVC90')!;
    expect(city.unit).toBe('HN');
    expect(city.current).toBeCloseTo((50 + 2 * 18 + 50 + 0.6 * 18) / 2, 0);
    for (const t of targets) {
      expect(typeof t.reason).toBe('string');
      expect(t.pMiss).toBeGreaterThanOrEqual(0);
      expect(t.pMiss).toBeLessThanOrEqual(1);
    }
    const ward = await evaluateTargets(ctx, { asOf: '2026-08-05', unit: 'P_B' });
    expect(ward.targets.map((t) => t.code)).toEqual(['DVC90.P_B']);
    // A plan target not linked to an indicator is still listed, as "not linked" (not missing data) with the reason.
    const pb = await ctx.db.selectFrom('units').select('id').where('code', '=', 'P_B').executeTakeFirstOrThrow();
    await ctx.db.insertInto('targets').values({ code: 'KH-01', text: 'Chỉ tiêu định tính', op: 'qualitative', value: null, scope_unit_id: pb.id, plan_version_id: null, section_id: null, seq: null, indicator_id: null, measure: null, goal_raw: null, baseline: null, scope_kind: null, start_on: null, due_on: '2026-12-31', due_raw: null, basis: null, source_line: null }).execute();
    const withPlan = await evaluateTargets(ctx, { asOf: '2026-08-05', unit: 'P_B' });
    expect(withPlan.targets.map((t) => [t.code, t.status])).toEqual([['DVC90.P_B', 'at_risk'], ['KH-01', 'unlinked']]);
    expect(withPlan.targets[1]!.reason).toContain('Chưa gắn chỉ số');
    await ctx.db.deleteFrom('targets').where('code', '=', 'KH-01').execute();
    const early = await evaluateTargets(ctx, { asOf: '2024-06-30', unit: 'P_A' });
    expect(early.targets[0]!.status).toBe('no_data');
    await expect(evaluateTargets(ctx, { asOf: '31/13/2026' })).rejects.toBeInstanceOf(InputError);
    await expect(evaluateTargets(ctx, { unit: 'NOPE' })).rejects.toBeInstanceOf(InputError);
  });

  it('raises alerts naming target or task, unit, since when and why; one open per subject; resolves them', async () => {
    const city = await ctx.db.selectFrom('units').select('id').where('code', '=', 'P_A').executeTakeFirstOrThrow();
    const task = await ctx.db.insertInto('tasks').values({ code: 'NV1', title: 'Triển khai hệ thống', due_kind: 'date', due_start: null, due_end: '2026-08-20', due_raw: '20/08/2026', source_line: null, plan_version_id: null, section_id: null, seq: null, result: null, product: null }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('task_responsibilities').values({ task_id: task.id, role: 'lead', unit_id: city.id, name: 'Đơn vị P_A' }).execute();

    const first = await refreshAlerts(ctx, { asOf: '2026-08-05' });
    expect(first.raised).toBeGreaterThan(0);
    const open = await listAlerts(ctx, { open: true });
    const kinds = open.map((a) => `${a.kind}:${a.target ?? a.task ?? a.indicator}:${a.unit}`);
    expect(kinds).toEqual(expect.arrayContaining(['target_at_risk:DVC90.P_B:P_B', 'target_at_risk:TRE5:SO_1', 'task_due_soon:NV1:P_A', 'stale_source:DVC:P_C']));
    expect(kinds).not.toContain('target_at_risk:DVC90.P_A:P_A');
    // Each alert names what it is about, not only codes.
    expect(open.find((a) => a.target === 'DVC90.P_B')).toMatchObject({ unitName: 'Đơn vị P_B', targetText: expect.stringContaining('Tỷ lệ hồ sơ trực tuyến') as unknown });
    expect(open.find((a) => a.task === 'NV1')).toMatchObject({ taskTitle: 'Triển khai hệ thống', unitName: 'Đơn vị P_A', targetText: null });
    expect(open.find((a) => a.kind === 'stale_source')).toMatchObject({ indicatorName: 'Tỷ lệ hồ sơ trực tuyến', unitName: 'Đơn vị P_C' });
    const stale = open.find((a) => a.kind === 'stale_source')!;
    expect(stale.since).toBe('2026-02-25');
    expect(stale.reason).toContain('tháng 12/2025');
    // The reason says what holds; the subject is named beside it, never as codes inside it.
    for (const a of open) expect(`${a.reason} ${a.reasonEn}`).not.toMatch(/DVC90|TRE5|NV1|P_[ABC]|SO_1|\bDVC\b/);

    // Running again refreshes instead of duplicating, and keeps `since`.
    const second = await refreshAlerts(ctx, { asOf: '2026-08-10' });
    expect(second.raised).toBe(0);
    const again = await listAlerts(ctx, { open: true });
    expect(again).toHaveLength(open.length);
    expect(again.find((a) => a.target === 'DVC90.P_B')!.since).toBe('2026-08-05');

    // An important target (weight 3) is graded by a longer critical window, and its alert says so.
    await ctx.db.updateTable('targets').set({ weight: 3 }).where('code', '=', 'DVC90.P_B').execute();
    await refreshAlerts(ctx, { asOf: '2026-08-10' });
    const weighted = (await listAlerts(ctx, { open: true })).find((a) => a.target === 'DVC90.P_B')!;
    expect(weighted.since).toBe('2026-08-05');
    expect(weighted.data).toMatchObject({ weight: 3 });
    expect(weighted.reason).toContain('trọng số 3 (quan trọng)');
    expect(weighted.reasonEn).toContain('Weight 3 (important)');
    await ctx.db.updateTable('targets').set({ weight: 1 }).where('code', '=', 'DVC90.P_B').execute();

    // The task is done: its alert is resolved; a later date makes the overdue one for no one.
    await ctx.db.updateTable('tasks').set({ status: 'done' }).where('id', '=', task.id).execute();
    const third = await refreshAlerts(ctx, { asOf: '2026-08-10' });
    expect(third.resolved).toBe(1);
    expect((await listAlerts(ctx, { open: true })).some((a) => a.task === 'NV1')).toBe(false);
    expect((await listAlerts(ctx, { open: false })).map((a) => a.task)).toContain('NV1');
    const ward = await listAlerts(ctx, { unit: 'P_B', open: true });
    expect(ward.map((a) => `${a.kind}:${a.target}:${a.unit}`)).toEqual(['target_at_risk:DVC90.P_B:P_B']);
  });
});
