// The city's consolidated monthly report at Hanoi scale: 126 wards and 30 city bodies report to the
// city on a 60-target, 60-task plan; each ward leads the 30 ward-level targets and 10 tasks, each body
// one agency target and one task; three months of values per unit and indicator; every unit's March
// report approved. Measured: pre-filling the city's consolidated report (figures, statuses, task
// progress from the children's approved reports) and rendering it to DOCX, against ONE SQL statement
// that reads the same figures. PostgreSQL when DATABASE_URL is set (a scratch database), else PGlite.
import { sql } from 'kysely';
import { contextFor } from '../src/app-context.ts';
import { periodForCycle } from '../src/domain/reporting/cycles.ts';
import { listObligations } from '../src/repositories/reporting.repository.ts';
import { createTestDatabase } from '../src/testing/test-database.ts';
import { approveReport } from '../src/use-cases/reporting/approve-report.ts';
import { buildReportContent } from '../src/use-cases/reporting/build-report-content.ts';
import { createObligationsFromPlan } from '../src/use-cases/reporting/create-obligations-from-plan.ts';
import { prepareSubmission } from '../src/use-cases/reporting/prepare-submission.ts';
import { submitAsIs as submitReport } from '../src/testing/submit-as-is.ts';
import { buildReportDocument } from '../src/use-cases/reports/build-report-document.ts';
import { durations, percentile, type Benchmark, type BenchResult } from './harness.ts';

const WARDS = 126;
const AGENCIES = 30;
const WARD_TARGETS = 30;
const WARD_TASKS = 10;
const MONTHS = ['2026-01', '2026-02', '2026-03'];

const bench: Benchmark = {
  title: "City's consolidated monthly report (Hanoi scale)",
  async run(): Promise<BenchResult[]> {
    const database = await createTestDatabase();
    let clock = new Date('2026-03-10T02:00:00Z');
    const ctx = contextFor(database, () => clock);
    const { db } = database;
    try {
      const setupStart = performance.now();
      const country = await db.insertInto('units').values({ code: 'VN', name: 'Trung ương', kind: 'other', parent_id: null, valid_from: null, valid_to: null }).returning('id').executeTakeFirstOrThrow();
      const city = await db.insertInto('units').values({ code: 'HN', name: 'UBND Thành phố Hà Nội', kind: 'city', parent_id: country.id, valid_from: null, valid_to: null }).returning('id').executeTakeFirstOrThrow();
      const children = await db
        .insertInto('units')
        .values([
          ...Array.from({ length: WARDS }, (_, i) => ({ code: `P${String(i + 1).padStart(3, '0')}`, name: `UBND phường ${i + 1}`, kind: 'commune', parent_id: city.id, valid_from: null, valid_to: null })),
          ...Array.from({ length: AGENCIES }, (_, i) => ({ code: `S${String(i + 1).padStart(2, '0')}`, name: `Sở ${i + 1}`, kind: 'agency', parent_id: city.id, valid_from: null, valid_to: null })),
        ])
        .returning(['id', 'kind'])
        .execute();
      const wards = children.filter((c) => c.kind === 'commune');
      const agencies = children.filter((c) => c.kind === 'agency');
      const indicators = await db
        .insertInto('indicators')
        .values(Array.from({ length: WARD_TARGETS + AGENCIES }, (_, i) => ({ code: `CS${i + 1}`, name: `Chỉ số ${i + 1}`, measure: '%', numerator: null, denominator: null, source_system: 'bench' })))
        .returning('id')
        .execute();
      const plan = await db.insertInto('plans').values({ code: '1/KH-UBND', title: 'Kế hoạch', issuer: null, issued_on: null, owner_unit_id: city.id, parent_plan_id: null }).returning('id').executeTakeFirstOrThrow();
      const version = await db.insertInto('plan_versions').values({ plan_id: plan.id, version_no: 1, content_hash: 'h', source_name: null, status: 'published', draft: '{}', published_at: new Date() }).returning('id').executeTakeFirstOrThrow();
      const targets = await db
        .insertInto('targets')
        .values(indicators.map((ind, i) => ({
          code: `CT${i + 1}`, plan_version_id: version.id, section_id: null, seq: i + 1, indicator_id: ind.id, text: `Chỉ tiêu ${i + 1}`, measure: '%', op: '>=' as const,
          value: 90, goal_raw: null, baseline: null, scope_unit_id: null, scope_kind: null, start_on: '2026-01-01', due_on: '2026-12-31', due_raw: null, basis: null, source_line: null,
        })))
        .returning('id')
        .execute();
      const tasks = await db
        .insertInto('tasks')
        .values(Array.from({ length: WARD_TASKS + AGENCIES }, (_, i) => ({
          code: `NV${i + 1}`, plan_version_id: version.id, section_id: null, seq: i + 1, title: `Nhiệm vụ ${i + 1}`, result: null, product: null,
          due_kind: 'date', due_start: null, due_end: '2026-12-31', due_raw: 'Năm 2026', source_line: null,
        })))
        .returning('id')
        .execute();
      const targetLeads = [
        ...wards.flatMap((w) => targets.slice(0, WARD_TARGETS).map((t) => ({ target_id: t.id, role: 'lead' as const, unit_id: w.id, name: 'lead' }))),
        ...agencies.map((a, i) => ({ target_id: targets[WARD_TARGETS + i]?.id ?? 0, role: 'lead' as const, unit_id: a.id, name: 'lead' })),
      ];
      for (let i = 0; i < targetLeads.length; i += 1000) await db.insertInto('target_responsibilities').values(targetLeads.slice(i, i + 1000)).execute();
      const taskLeads = [
        ...wards.flatMap((w) => tasks.slice(0, WARD_TASKS).map((t) => ({ task_id: t.id, role: 'lead' as const, unit_id: w.id, name: 'lead' }))),
        ...agencies.map((a, i) => ({ task_id: tasks[WARD_TASKS + i]?.id ?? 0, role: 'lead' as const, unit_id: a.id, name: 'lead' })),
      ];
      await db.insertInto('task_responsibilities').values(taskLeads).execute();
      const observations = [city, ...children].flatMap((u) =>
        indicators.flatMap((ind, k) =>
          MONTHS.map((m, j) => ({
            indicator_id: ind.id, unit_id: u.id, period: m, period_start: `${m}-01`, period_end: `${m}-28`, version: 1, value: 60 + ((u.id * 7 + k * 3) % 30) + j * 2.5,
            numerator: null, denominator: null, origin: 'system' as const, source: 'bench', actor: 'bench', note: null, evidence_url: null, reason: null, batch_id: null,
          })),
        ),
      );
      for (let i = 0; i < observations.length; i += 2000) await db.insertInto('observations').values(observations.slice(i, i + 2000)).execute();

      await createObligationsFromPlan(ctx, { planId: plan.id, actor: 'bench' });
      clock = new Date('2026-03-15T02:00:00Z');
      const toCity = await listObligations(db, { recipientUnitId: city.id });
      for (const o of toCity) {
        const s = await prepareSubmission(ctx, { obligationId: o.id, period: '2026-03', actor: 'bench' });
        await submitReport(ctx, s.id, 'bench');
        await approveReport(ctx, s.id, 'bench');
      }
      const setupSeconds = (performance.now() - setupStart) / 1000;
      clock = new Date('2026-03-20T02:00:00Z');
      const [cityObligation] = await listObligations(db, { unitId: city.id });
      if (!cityObligation) throw new Error('no city obligation');
      const period = periodForCycle('monthly', '2026-03');
      if (!period) throw new Error('period');

      let lines = 0;
      const prefill = await durations(async () => {
        const c = await buildReportContent(db, cityObligation, period, clock);
        lines = c.targets.length + c.tasks.length + c.children.length;
      }, 5);
      const docx = await durations(() => buildReportDocument(ctx, { unit: 'HN', period: '2026-03', format: 'docx' }), 3);
      let rows = 0;
      // The same figures in one statement: the city's current value of each target in scope, the
      // task progress its children approved, and each child's report state.
      const oneSql = await durations(async () => {
        const result = await sql<{ kind: string }>`
          with o as (select id, scope from reporting_obligations where id = ${cityObligation.id}),
          t as (select (jsonb_array_elements_text(o.scope->'targetIds'))::int as id from o),
          figures as (
            select distinct on (tg.id) 'figure' as kind, tg.code as item, ob.value, ob.source, null::numeric as progress, null::text as state
            from t join targets tg on tg.id = t.id
            left join observations ob on ob.indicator_id = tg.indicator_id and ob.unit_id = ${city.id} and ob.period_end <= ${period.end}
            order by tg.id, ob.period_end desc, ob.version desc),
          kids as (
            select 'child' as kind, u.code as item, null::numeric as value, null::text as source, null::numeric as progress, s.state
            from reporting_obligations c join units u on u.id = c.unit_id
            left join report_submissions s on s.obligation_id = c.id and s.period = ${period.code}
            where c.recipient_unit_id = ${city.id} and c.cycle = 'monthly'),
          progress as (
            select 'task' as kind, x->>'code' as item, null::numeric, null::text, max((x->>'progress')::numeric) as progress, null::text
            from reporting_obligations c
            join report_submissions s on s.obligation_id = c.id and s.period = ${period.code} and s.state = 'approved'
            cross join lateral jsonb_array_elements(s.content->'tasks') x
            where c.recipient_unit_id = ${city.id}
            group by x->>'code')
          select * from figures union all select * from kids union all select * from progress`.execute(db);
        rows = result.rows.length;
      }, 10);
      const p50 = (xs: number[]) => percentile(xs, 50);
      return [
        {
          name: 'pre-fill the city consolidated report (figures, statuses, children)',
          value: p50(prefill),
          unit: 'ms',
          baselineName: 'one SQL statement reading the same figures',
          baselineValue: p50(oneSql),
          higherIsBetter: false,
          notes: { engine: database.engine, units: WARDS + AGENCIES + 1, lines, sqlRows: rows, observations: observations.length, setupSeconds: Math.round(setupSeconds) },
        },
        {
          name: 'city consolidated report as DOCX (pre-fill + render)',
          value: p50(docx),
          unit: 'ms',
          baselineName: 'one SQL statement reading the same figures',
          baselineValue: p50(oneSql),
          higherIsBetter: false,
        },
      ];
    } finally {
      await database.close();
    }
  },
};

export default bench;
