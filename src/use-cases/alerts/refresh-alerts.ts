import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import {
  earlyWarning,
  outlierAlert,
  staleAlert,
  targetAlert,
  taskAlert,
  type AlertDraft,
  type Frequency,
} from '../../domain/alerts/alert-rules.ts';
import { parseDate } from '../../domain/evaluation/target-csv.ts';
import { openAlertKeys, resolveAlerts, subjectKey, upsertOpenAlert, type AlertWrite } from '../../repositories/alerts.repository.ts';
import { latestReportedPeriods, openTasksWithDeadline } from '../../repositories/evaluation.repository.ts';
import { targetsForEvaluation } from '../../repositories/targets.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { specOf } from '../evaluation/evaluate-targets.ts';
import { cellKey, loadTargetSeries } from '../evaluation/target-series.ts';
import { message } from '../../domain/messages/message.ts';

export interface AlertRefreshSummary {
  asOf: string;
  raised: number;
  refreshed: number;
  resolved: number;
  open: number;
}

const PERIODIC: readonly string[] = ['monthly', 'quarterly', 'half_yearly', 'yearly'];

/**
 * Runs every alert rule at `asOf` and brings the alerts table in line, in one transaction: a rule
 * that fires opens an alert (or refreshes the open one, keeping since when it holds), and an open
 * alert whose rule no longer fires is resolved. Rules: early warning per target (see
 * `earlyWarning`), tasks near or past due, sources that have not reported the period they owe,
 * and an outlying latest value on a target's own series.
 *
 * @example
 * await refreshAlerts(ctx, { asOf: '2026-06-30' }); // → { raised: 12, refreshed: 30, resolved: 4, open: 42 }
 */
export async function refreshAlerts(ctx: AppContext, query: { asOf?: string | undefined } = {}): Promise<AlertRefreshSummary> {
  const asOf = query.asOf ? parseDate(query.asOf) : ctx.now().toISOString().slice(0, 10);
  if (!asOf) throw new InputError(message('unit.invalid_date_here'), [problem({ field: 'asOf' }, message('alert.not_date', { asOf: String(query.asOf) }))]);
  const tree = await loadUnitTree(ctx.db);
  const writes: AlertWrite[] = [];
  const push = (draft: AlertDraft, ids: Omit<AlertWrite, 'kind' | 'severity' | 'since' | 'reason' | 'reasonEn' | 'data'>) =>
    writes.push({ ...ids, kind: draft.kind, severity: draft.severity, since: draft.since, reason: draft.reason, reasonEn: draft.reasonEn, data: draft.data });

  const targets = (await targetsForEvaluation(ctx.db)).filter((t) => t.dueOn >= asOf);
  const seriesByCell = await loadTargetSeries(ctx, tree, targets, asOf);
  const outlierCells = new Set<string>();
  for (const t of targets) {
    const series = seriesByCell.get(cellKey(t)) ?? [];
    const unitId = tree.byCode.get(t.responsibleUnitCode)?.id ?? t.scopeUnitId;
    const { warn, evaluation } = earlyWarning(specOf(t), series, asOf);
    const draft = warn ? targetAlert({ code: t.code, unit: t.responsibleUnitCode, due: t.dueOn, weight: t.weight }, evaluation, asOf) : null;
    if (draft) push(draft, { targetId: t.id, taskId: null, unitId, indicatorId: null });
    // Outliers only on a unit's own figures: a roll-up moves when its members do.
    const cell = `${t.indicatorId}|${t.scopeUnitId}`;
    if (t.scopeKind !== null && t.scopeKind.startsWith('set:')) continue;
    if (outlierCells.has(cell)) continue;
    outlierCells.add(cell);
    const outlier = outlierAlert({ indicatorCode: t.indicatorCode, unitCode: t.scopeUnitCode, series });
    if (outlier) push(outlier, { targetId: null, taskId: null, unitId: t.scopeUnitId, indicatorId: t.indicatorId });
  }
  for (const task of await openTasksWithDeadline(ctx.db)) {
    const draft = taskAlert({ code: task.code, title: task.title, dueEnd: task.dueEnd, status: task.status, progress: task.progress, leadUnit: task.leadUnitCode }, asOf);
    if (draft) push(draft, { targetId: null, taskId: task.id, unitId: task.leadUnitId, indicatorId: null });
  }
  for (const cell of await latestReportedPeriods(ctx.db, asOf)) {
    if (!PERIODIC.includes(cell.frequency)) continue;
    if (!tree.isActive(cell.unitId, asOf)) continue;
    const draft = staleAlert({ indicatorCode: cell.indicatorCode, unitCode: cell.unitCode, frequency: cell.frequency as Frequency, lastPeriod: cell.lastPeriod }, asOf);
    if (draft) push(draft, { targetId: null, taskId: null, unitId: cell.unitId, indicatorId: cell.indicatorId });
  }

  return ctx.db.transaction().execute(async (trx) => {
    const at = ctx.now();
    const open = new Map((await openAlertKeys(trx)).map((a) => [subjectKey(a), a.id]));
    let raised = 0;
    let refreshed = 0;
    const fired = new Set<string>();
    for (const w of writes) {
      const key = subjectKey(w);
      if (fired.has(key)) continue;
      fired.add(key);
      if (await upsertOpenAlert(trx, w, open.get(key) ?? null, at)) raised++;
      else refreshed++;
    }
    const stale = [...open].filter(([key]) => !fired.has(key)).map(([, id]) => id);
    await resolveAlerts(trx, stale, at);
    return { asOf, raised, refreshed, resolved: stale.length, open: fired.size };
  });
}
