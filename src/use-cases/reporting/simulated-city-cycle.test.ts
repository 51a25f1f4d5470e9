import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import { formatFigureVi } from '../../domain/reporting/vietnamese-format.ts';
import { generateCity, type SimCity, type SimUnit } from '../../simulator/generate-city.ts';
import { createIndicator, createObservations, createPlan, createUnit } from '../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { buildReportDocument } from '../reports/build-report-document.ts';
import { approveReport } from './approve-report.ts';
import { createObligationsFromPlan } from './create-obligations-from-plan.ts';
import { getTimeliness } from './get-timeliness.ts';
import { prepareSubmission } from './prepare-submission.ts';
import { returnReport } from './return-report.ts';
import { submitAsIs as submitReport } from '../../testing/submit-as-is.ts';

const vn = (iso: string) => new Date(`${iso}+07:00`);

// A small simulated city: the simulator's targets, goals, due dates and series (reports that had not
// arrived by the cut-off are absent, as in the demo), run through one monthly reporting cycle.
const UNITS: SimUnit[] = [
  { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city', parent: null },
  ...[1, 2, 3, 4].map((i) => ({ code: `SIM_P00${i}`, name: `Phường mô phỏng ${i}`, kind: 'commune' as const, parent: 'HN' })),
  ...[1, 2].map((i) => ({ code: `SIM_SO0${i}`, name: `Sở mô phỏng ${i}`, kind: 'agency' as const, parent: 'HN' })),
];

describe(`a reporting cycle on the simulator's data (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let clock = vn('2026-03-10T09:00:00');
  let ctx: AppContext;
  let sim: SimCity;
  const unitIds = new Map<string, number>();
  let planId = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => clock);
    sim = generateCity({ seed: 11, units: UNITS, cutoff: '2026-04-10' });
    for (const u of UNITS) {
      const parentId = u.parent ? unitIds.get(u.parent) ?? null : null;
      unitIds.set(u.code, (await createUnit(t.db, { code: u.code, name: u.name, kind: u.kind, parentId })).id);
    }
    const indicatorIds = new Map<string, number>();
    for (const ind of sim.indicators) indicatorIds.set(ind.code, (await createIndicator(t.db, { code: ind.code, name: ind.name, measure: ind.measure, direction: ind.direction })).id);
    await createObservations(t.db, sim.observations.map((o) => ({ indicatorId: indicatorIds.get(o.indicator) ?? 0, unitId: unitIds.get(o.unit) ?? 0, period: o.period, value: o.value, source: 'simulator' })));
    const plan = await createPlan(t.db, {
      code: '99/KH-UBND',
      ownerUnitId: unitIds.get('HN') ?? null,
      targets: sim.targets.map((x) => ({
        code: x.code, indicatorId: indicatorIds.get(x.indicator) ?? null, op: x.op, value: x.value, measure: '%', dueOn: x.due,
        leadUnitId: unitIds.get(x.unit) ?? null, scopeUnitId: unitIds.get(x.unit) ?? null,
      })),
      tasks: UNITS.filter((u) => u.parent).map((u) => ({ code: `NV-${u.code}`, leadUnitId: unitIds.get(u.code) ?? null })),
    });
    planId = plan.planId;
    const { obligations } = await createObligationsFromPlan(ctx, { planId, actor: 'test' });
    expect(obligations).toHaveLength(UNITS.length);
  });
  afterAll(async () => {
    await t.close();
  });

  /** The simulator's latest value up to March 2026 for a target's unit and indicator. */
  const expectedValue = (targetCode: string): number | null => {
    const target = sim.targets.find((x) => x.code === targetCode);
    const points = sim.observations.filter((o) => o.unit === target?.unit && o.indicator === target.indicator && o.period <= '2026-03');
    return points.sort((a, b) => a.period.localeCompare(b.period)).at(-1)?.value ?? null;
  };

  it('runs March: on time, returned and resubmitted, late, missing; the city consolidates', async () => {
    const obligations = (await createObligationsFromPlan(ctx, { planId, actor: 'test' })).obligations;
    const of = (code: string) => obligations.find((o) => o.unit.code === code)?.id ?? 0;
    const open = (code: string) => prepareSubmission(ctx, { obligationId: of(code), period: '2026-03', actor: `user:${code}` });

    clock = vn('2026-03-16T09:00:00');
    for (const code of ['SIM_P001', 'SIM_P002', 'SIM_SO01', 'SIM_SO02']) {
      const s = await open(code);
      for (const line of (s.content as ReportContent).targets) expect([line.code, line.value]).toEqual([line.code, expectedValue(line.code)]);
      await submitReport(ctx, s.id, `user:${code}`);
    }
    const p2 = await open('SIM_P002');
    await returnReport(ctx, p2.id, 'user:hn', 'Giải trình số liệu tháng 3');
    clock = vn('2026-03-20T09:00:00');
    await submitReport(ctx, p2.id, 'user:SIM_P002');
    const p3 = await open('SIM_P003');
    await submitReport(ctx, p3.id, 'user:SIM_P003');
    for (const code of ['SIM_P001', 'SIM_P002', 'SIM_P003', 'SIM_SO01', 'SIM_SO02']) await approveReport(ctx, (await open(code)).id, 'user:hn');

    clock = vn('2026-03-26T09:00:00');
    const timeliness = await getTimeliness(ctx, { periods: ['2026-03'], recipient: 'HN' });
    expect(timeliness.rows.map((r) => [r.unit.code, r.timeliness.status, 'daysLate' in r.timeliness ? r.timeliness.daysLate : 0])).toEqual([
      ['SIM_P001', 'on_time', 0], ['SIM_P002', 'on_time', 0], ['SIM_P003', 'late', 2], ['SIM_P004', 'missing', 8], ['SIM_SO01', 'on_time', 0], ['SIM_SO02', 'on_time', 0],
    ]);
    expect(timeliness.summary).toMatchObject({ onTime: 4, late: 1, missing: 1, lateCount: 2 });

    const city = await prepareSubmission(ctx, { obligationId: of('HN'), period: '2026-03', actor: 'user:hn' });
    const content = city.content as ReportContent;
    expect(content.recipient).toBeNull();
    expect(content.children.map((c) => [c.unit.code, c.state])).toEqual([
      ['SIM_P001', 'approved'], ['SIM_P002', 'approved'], ['SIM_P003', 'approved'], ['SIM_P004', 'none'], ['SIM_SO01', 'approved'], ['SIM_SO02', 'approved'],
    ]);
    expect(content.targets).toHaveLength(sim.targets.length);
    for (const line of content.targets) expect([line.code, line.value]).toEqual([line.code, expectedValue(line.code)]);

    // The city's DOCX quotes every simulated figure, formatted the Vietnamese way.
    const doc = await buildReportDocument(ctx, { unit: 'HN', period: '2026-03', format: 'docx' });
    const xml = (await (await JSZip.loadAsync(doc.bytes)).file('word/document.xml')?.async('string')) ?? '';
    const cells = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)]
      .map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]))
      .filter((r) => r.length === 7 && /^\d+$/.test(r[0] ?? ''));
    expect(cells.map((r) => r[3])).toEqual(content.targets.map((x) => formatFigureVi(expectedValue(x.code), '%')));
    expect(xml).toContain('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI');
    expect(xml).toContain('Hà Nội, ngày 26 tháng 03 năm 2026');
  });
});
