import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { evaluateTarget } from '../../domain/evaluation/evaluate-target.ts';
import { TARGET_OPS, type TargetOp } from '../../domain/evaluation/target-spec.ts';
import type { Period } from '../../domain/periods/period.ts';
import { dueBefore, reportPeriodLabel } from '../../domain/reporting/cycles.ts';
import {
  goalText,
  simpleTargetStatus,
  type ChildReportSummary,
  type ReportContent,
  type ReportTargetLine,
  type ReportTaskLine,
  type TargetStatus,
} from '../../domain/reporting/report-content.ts';
import { TIMELINESS_VI, timelinessOf } from '../../domain/reporting/timeliness.ts';
import {
  findPlanForReporting,
  listObligations,
  submissionsFor,
  targetsByIds,
  tasksByIds,
  type ObligationRow,
  type TargetForReport,
} from '../../repositories/reporting.repository.ts';
import { readCurrentValues } from '../../repositories/current-values.repository.ts';

/**
 * Pre-fills a report from the data: each target's current value with its source and status (from the
 * evaluation engine), each task's progress (from the units reporting to this one when they approved
 * theirs, else from the task register), and the approved reports of those units. When `previous` is
 * given, what the unit wrote or changed there is kept: a refresh never loses a person's words.
 */
export async function buildReportContent(
  db: Kysely<Database>,
  obligation: ObligationRow,
  period: Period,
  now: Date,
  previous: ReportContent | null = null,
): Promise<ReportContent> {
  const plan = obligation.planId !== null ? await findPlanForReporting(db, obligation.planId) : null;
  const [targets, tasks, children] = await Promise.all([
    targetsByIds(db, obligation.scope.targetIds),
    tasksByIds(db, obligation.scope.taskIds),
    childReports(db, obligation, period, now),
  ]);
  const asOf = minIso(period.end, now.toISOString().slice(0, 10));
  // A target set for one unit is measured on that unit (a ward's target in the city's consolidated
  // report); one set for a group or the whole plan, on the reporting unit itself.
  const unitOf = (t: TargetForReport) => t.scopeUnitId ?? obligation.unit.id;
  const series = await monthlySeries(db, targets.flatMap((t) => (t.indicatorId === null ? [] : [{ unitId: unitOf(t), indicatorId: t.indicatorId }])), period.end);

  const targetLines: ReportTargetLine[] = targets.map((t) => {
    const points = series.filter((s) => s.indicatorId === t.indicatorId && s.unitId === unitOf(t));
    const last = [...points].reverse().find((p) => p.value !== null) ?? null;
    const before = previous?.targets.find((x) => x.targetId === t.id);
    return {
      targetId: t.id,
      code: t.code,
      text: t.text,
      measure: t.measure ?? t.indicatorMeasure,
      goal: goalText(t.op, t.value, t.goalRaw, t.measure),
      indicator: t.indicatorCode,
      value: last?.value ?? null,
      valuePeriod: last?.period ?? null,
      source: last ? { system: last.source, origin: last.origin, recordedAt: last.recordedAt.toISOString(), observationId: last.observationId } : null,
      status: statusOf(t, points.map((p) => ({ period: p.period, value: p.value })), asOf, last?.value ?? null),
      // A confirmation holds only for the figure that was confirmed.
      confirmed: before !== undefined && before.confirmed && before.value === (last?.value ?? null),
      note: before?.note ?? '',
      // What the unit typed or declared stays through a refresh; it becomes data only at approval.
      manual: before?.manual ?? null,
      noData: before?.noData ?? null,
    };
  });

  const approvedChildren = children.filter((c) => c.state === 'approved');
  const taskLines: ReportTaskLine[] = tasks.map((t) => {
    const before = previous?.tasks.find((x) => x.taskId === t.id);
    if (before?.edited) return before;
    const fromChild = approvedChildren
      .map((c) => ({ child: c, line: c.tasks.find((x) => x.taskId === t.id) }))
      .find((x) => x.line !== undefined);
    const line: ReportTaskLine = {
      taskId: t.id,
      code: t.code,
      title: t.title,
      due: t.dueRaw,
      status: fromChild?.line?.status ?? t.status,
      progress: fromChild?.line?.progress ?? t.progress,
      evidence: fromChild?.line?.evidence ?? before?.evidence ?? '',
      note: before?.note ?? '',
      progressSource: fromChild ? `report:${fromChild.child.unit.code}` : 'register',
      edited: false,
    };
    return line;
  });

  return {
    version: 1,
    unit: { code: obligation.unit.code, name: obligation.unit.name, kind: obligation.unit.kind },
    recipient: obligation.recipient ? { code: obligation.recipient.code, name: obligation.recipient.name } : null,
    period: { code: period.code, label: reportPeriodLabel(period), start: period.start, end: period.end },
    dueBefore: dueBefore(obligation, period),
    plan: { id: plan?.id ?? null, code: plan?.code ?? null, title: plan?.title ?? null },
    targets: targetLines,
    tasks: taskLines,
    difficulties: previous?.difficulties ?? '',
    proposals: previous?.proposals ?? '',
    children,
    prefilledAt: now.toISOString(),
  };
}

function statusOf(t: TargetForReport, points: { period: string; value: number | null }[], asOf: string, current: number | null): TargetStatus {
  if (t.op === 'qualitative' || t.op === 'top') return 'qualitative';
  if (t.value === null) return 'no_data';
  if (!t.dueOn || !(TARGET_OPS as readonly string[]).includes(t.op)) return simpleTargetStatus(t.op, t.value, current);
  return evaluateTarget(
    { code: t.code, op: t.op as TargetOp, value: t.value, due: t.dueOn, start: t.startOn, baseline: t.baseline, measure: t.measure },
    points,
    asOf,
  ).status;
}

/** The reports due to this unit for the period (same cycle), with their approved content. */
async function childReports(db: Kysely<Database>, obligation: ObligationRow, period: Period, now: Date): Promise<ChildReportSummary[]> {
  const obligations = (await listObligations(db, { recipientUnitId: obligation.unit.id, cycle: obligation.cycle, activeOnly: true }))
    .filter((o) => o.planId === obligation.planId || obligation.planId === null);
  const submissions = await submissionsFor(db, obligations.map((o) => o.id), [period.code]);
  return obligations.map((o) => {
    const s = submissions.get(`${o.id}|${period.code}`) ?? null;
    const timeliness = timelinessOf(dueBefore(o, period), s?.firstSubmittedAt ?? null, now);
    const content = s?.state === 'approved' ? (s.content as ReportContent) : null;
    return {
      unit: { code: o.unit.code, name: o.unit.name },
      submissionId: s?.id ?? null,
      state: s?.state ?? 'none',
      timeliness: timeliness.status === 'late' || timeliness.status === 'missing'
        ? `${TIMELINESS_VI[timeliness.status]} ${timeliness.daysLate} ngày`
        : TIMELINESS_VI[timeliness.status],
      targets: content?.targets ?? [],
      tasks: content?.tasks ?? [],
      difficulties: content?.difficulties ?? '',
      proposals: content?.proposals ?? '',
    };
  });
}

function minIso(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * The current monthly values of these (unit, indicator) cells up to `until`, with the provenance the
 * report quotes: the series the evaluation engine reads, the last point of which the report shows.
 */
async function monthlySeries(db: Kysely<Database>, cells: readonly { unitId: number; indicatorId: number }[], until: string) {
  if (cells.length === 0) return [];
  const wanted = new Set(cells.map((c) => `${c.unitId}|${c.indicatorId}`));
  const values = await readCurrentValues(db, {
    indicatorIds: [...new Set(cells.map((c) => c.indicatorId))],
    unitIds: [...new Set(cells.map((c) => c.unitId))],
    periods: { kind: 'month', to: until },
    provenance: true,
  });
  return values
    .filter((v) => wanted.has(`${v.unitId}|${v.indicatorId}`))
    // Whole milliseconds, as a timestamp read from the database gives them.
    .map((v) => ({ unitId: v.unitId, indicatorId: v.indicatorId, period: v.period, value: v.value, observationId: v.observationId, source: v.source, origin: v.origin, recordedAt: new Date(Math.floor(v.recordedAt)) }));
}
