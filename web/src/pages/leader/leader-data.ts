/** Shapes of the API answers the leader screens read (see src/http/routes/<area>/schema.ts). */
import { alertGroupKey, type AlertGroupBy } from '../../../../src/domain/alerts/alert-groups.ts';
import type { AlertAnswer, AlertGroupAnswer } from '../../../../src/http/routes/alerts/schema.ts';
import type { TargetEvaluationAnswer } from '../../../../src/http/routes/evaluation/schema.ts';
import type { ObservationAnswer } from '../../../../src/http/routes/observations/schema.ts';
import type { PlanDetailAnswer, PlanSummaryAnswer, PlanTargetAnswer, PlanTaskAnswer } from '../../../../src/http/routes/plans/schema.ts';
import type { RankingRowAnswer, UnitScoreAnswer } from '../../../../src/http/routes/scores/schema.ts';

export { ALERT_GROUP_BY, type AlertGroupBy } from '../../../../src/domain/alerts/alert-groups.ts';

/** A target's status, as the server's evaluation schema types it. */
export type Status = EvaluatedTarget['status'];
export const STATUS_ORDER: readonly Status[] = ['met', 'on_track', 'at_risk', 'missed', 'no_data', 'unlinked'];

/** One row of GET /api/v1/evaluation: the server's schema type, not a copy, so a changed field fails the typecheck. */
export type EvaluatedTarget = TargetEvaluationAnswer;

/** A plan's items and summaries, as the server's plan schemas type them (src/http/routes/plans/schema.ts). */
export type PlanDetail = PlanDetailAnswer;
export type PlanSummary = PlanSummaryAnswer;
export type PlanTarget = PlanTargetAnswer;
export type PlanTask = PlanTaskAnswer;
export type PlanUnitRef = PlanTarget['lead'][number];
export type PlanSection = PlanDetail['sections'][number];

/** One alert, as the server's schema types it. */
export type Alert = AlertAnswer;

export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export const ALERT_KINDS = ['target_at_risk', 'task_due_soon', 'task_overdue', 'stale_source', 'outlier'] as const;

/** A group of alerts as GET /api/v1/alerts?groupBy=… answers it. */
export type AlertGroup = AlertGroupAnswer;

/**
 * The overview's alert query: open alerts of a unit's subtree, grouped as chosen (by indicator: a
 * city leader's view, one group per goal across the wards), with the severity and kind chips chosen
 * (none chosen: all).
 *
 * @example
 * alertsQuery('HN', { severities: ['critical'], kinds: [], groupBy: 'indicator' }) // '/api/v1/alerts?unit=HN&open=true&groupBy=indicator&limit=1000&severity=critical'
 */
export function alertsQuery(unit: string, filter: { severities: readonly string[]; kinds: readonly string[]; groupBy: AlertGroupBy }): string {
  const params = new URLSearchParams({ unit, open: 'true', groupBy: filter.groupBy, limit: '1000' });
  if (filter.severities.length) params.set('severity', filter.severities.join(','));
  if (filter.kinds.length) params.set('kind', filter.kinds.join(','));
  return `/api/v1/alerts?${params.toString().replaceAll('%2C', ',')}`;
}

/** A page of grouped alerts, bucketed by the key the server grouped them by ('' for none). */
export function alertsByGroup(alerts: readonly Alert[], by: AlertGroupBy): Map<string, Alert[]> {
  const map = new Map<string, Alert[]>();
  for (const a of alerts) {
    const key = alertGroupKey(a, by) ?? '';
    map.set(key, [...(map.get(key) ?? []), a]);
  }
  return map;
}

/** Whether the person may acknowledge alerts somewhere: a role above viewer (the server checks the unit). */
export function mayActOnAlerts(grants: readonly { role: string }[]): boolean {
  return grants.some((g) => g.role !== 'viewer');
}

/** One value's version with its provenance, as the server's observation schema types it. */
export type Observation = ObservationAnswer;

/** A ranked unit and one unit's score explained, as the server's scores schema types them. */
export type RankingRow = RankingRowAnswer;
export type UnitScore = UnitScoreAnswer;
export type ScoreExplain = UnitScore['explain'][number];
export interface RegistryUnit { code: string; name: string; kind: string; parent: string | null }

/** The scoring framework the ranking reads; the shipped one (src/scoring-frameworks). */
export const FRAMEWORK = 'HN-DTI';

/**
 * How many targets are in each status, every status present (zero when none).
 *
 * @example
 * countStatuses([{ status: 'met' }, { status: 'met' }]) // → { met: 2, on_track: 0, at_risk: 0, missed: 0, no_data: 0, unlinked: 0 }
 */
export function countStatuses(targets: readonly { status: Status }[]): Record<Status, number> {
  const counts: Record<Status, number> = { met: 0, on_track: 0, at_risk: 0, missed: 0, no_data: 0, unlinked: 0 };
  for (const t of targets) counts[t.status] = (counts[t.status] ?? 0) + 1;
  return counts;
}

/**
 * Groups evaluated targets under the plan's pillars (top-level sections). A target that no plan
 * places in a section falls under its indicator's name, so nothing is dropped from the counts.
 *
 * @example
 * groupByPillar([{ code: 'T1', status: 'met', indicator: 'I' }], new Map([['T1', 'I. Hạ tầng']]), new Map())
 * // → [{ pillar: 'I. Hạ tầng', counts: { met: 1, … }, total: 1 }]
 */
export function groupByPillar<T extends { code: string; status: Status; indicator: string | null }>(
  targets: readonly T[],
  pillarOfTarget: ReadonlyMap<string, string>,
  indicatorNames: ReadonlyMap<string, string>,
): { pillar: string; counts: Record<Status, number>; total: number; targets: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const t of targets) {
    const pillar = pillarOfTarget.get(t.code) ?? (t.indicator ? indicatorNames.get(t.indicator) ?? t.indicator : '—');
    const list = groups.get(pillar) ?? [];
    list.push(t);
    groups.set(pillar, list);
  }
  return [...groups.entries()]
    .map(([pillar, list]) => ({ pillar, counts: countStatuses(list), total: list.length, targets: list }))
    .sort((a, b) => a.pillar.localeCompare(b.pillar, 'vi', { numeric: true }));
}

const DONE = /hoàn thành|done|completed|xong/i;

/** Whether a task is finished: by its status text or 100 % progress. */
export function isDone(task: Pick<PlanTask, 'status' | 'progress'>): boolean {
  return (task.progress ?? 0) >= 100 || (task.status !== null && DONE.test(task.status) && !/chưa/i.test(task.status));
}

/** Overdue: its deadline (end of the due window) is before today and it is not finished. */
export function isOverdue(task: Pick<PlanTask, 'status' | 'progress' | 'due'>, today: string): boolean {
  return !!task.due.end && task.due.end < today && !isDone(task);
}

/**
 * Tasks for the board: overdue first (the longest overdue on top), then open tasks by deadline,
 * tasks without a deadline after them, finished ones last.
 *
 * @example
 * sortTasksForBoard([{ due: { end: '2026-12-31' } }, { due: { end: '2026-01-31' } }], '2026-06-01')[0].due.end // → '2026-01-31'
 */
export function sortTasksForBoard<T extends Pick<PlanTask, 'status' | 'progress' | 'due'>>(tasks: readonly T[], today: string): T[] {
  const rank = (t: T) => (isDone(t) ? 3 : isOverdue(t, today) ? 0 : t.due.end ? 1 : 2);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || (a.due.end ?? '9999').localeCompare(b.due.end ?? '9999'));
}

export type SixClearWarning = 'who' | 'when' | 'product' | 'what';

/**
 * "6 rõ" (rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền): the gaps a
 * task's own record shows — no lead unit, no deadline, no expected product, or no stated work.
 *
 * @example
 * sixClearWarnings({ title: 'Số hóa hồ sơ', lead: [], due: { end: null }, product: null, result: null }) // → ['who', 'when', 'product']
 */
export function sixClearWarnings(task: Pick<PlanTask, 'title' | 'lead' | 'due' | 'product' | 'result'>): SixClearWarning[] {
  const warnings: SixClearWarning[] = [];
  if (task.lead.length === 0) warnings.push('who');
  if (!task.due.end) warnings.push('when');
  if (!task.product?.trim() && !task.result?.trim()) warnings.push('product');
  if (task.title.trim().length < 8) warnings.push('what');
  return warnings;
}

/** "2026-Q3" for a date "2026-08-15"; null without a date. */
export function quarterOf(isoDate: string | null): string | null {
  if (!isoDate) return null;
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

export interface Change {
  at: string;
  kind: 'observation' | 'alert';
  text: string;
  link: string | null;
}

/**
 * What changed after a moment: new values (latest first) and alerts raised since, newest first, in
 * words — indicator and unit names where `names` knows them, an alert's subject and why.
 *
 * @example
 * changesSince([{ recordedAt: '2026-05-02T00:00:00Z', … }], [], '2026-05-01T00:00:00Z', 'vi').length // → 1
 */
export function changesSince(
  observations: readonly Observation[],
  alerts: readonly Alert[],
  since: string,
  lang: 'vi' | 'en',
  names: { indicator?: (code: string) => string | undefined; unit?: (code: string) => string | undefined } = {},
): Change[] {
  const after = Date.parse(since);
  const changes: Change[] = [];
  for (const o of observations) {
    if (Date.parse(o.recordedAt) <= after) continue;
    const what = `${names.indicator?.(o.indicator) ?? o.indicator} · ${names.unit?.(o.unit) ?? o.unit} · ${o.period}`;
    changes.push({ at: o.recordedAt, kind: 'observation', text: `${what}: ${o.value ?? '—'}${o.version > 1 ? ` (v${o.version})` : ''}`, link: `/units/${encodeURIComponent(o.unit)}` });
  }
  for (const a of alerts) {
    if (Date.parse(a.raisedAt) <= after) continue;
    const unit = a.unitName ?? (a.unit ? names.unit?.(a.unit) : undefined);
    changes.push({ at: a.raisedAt, kind: 'alert', text: `${alertTitle(a)}${unit ? ` · ${unit}` : ''} — ${alertWhy(a, lang)}`, link: alertLink(a) });
  }
  return changes.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * CSV text (RFC 4180, UTF-8 with BOM so Excel shows Vietnamese correctly).
 *
 * @example
 * toCsv(['a', 'b'], [[1, 'x,y']]) // → '\uFEFFa,b\r\n1,"x,y"\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cell = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Today as yyyy-mm-dd in local time. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * What an alert is about, in words: the target's text, else the task's title, else the indicator's
 * name; the bare code only when the server sent no name.
 *
 * @example
 * alertTitle({ target: 'CT-01', targetText: 'Tỷ lệ hồ sơ trực tuyến ≥ 90%', … }) // 'Tỷ lệ hồ sơ trực tuyến ≥ 90%'
 */
export function alertTitle(a: Pick<Alert, 'target' | 'task' | 'indicator' | 'targetText' | 'taskTitle' | 'indicatorName'>): string {
  return a.targetText ?? a.taskTitle ?? a.indicatorName ?? a.target ?? a.task ?? a.indicator ?? '—';
}

/** Where an alert leads: its target's page, else its unit's page. */
export function alertLink(a: Pick<Alert, 'target' | 'unit'>): string | null {
  if (a.target) return `/targets/${encodeURIComponent(a.target)}`;
  if (a.unit) return `/units/${encodeURIComponent(a.unit)}`;
  return null;
}

/**
 * Why an alert was raised, in the page's language. Reasons say no subject since 05/12/2026 (the
 * screen names it); an alert closed before then keeps its old reason, which began "Chỉ tiêu <code>
 * (đơn vị chịu trách nhiệm <unit>) — …": only what follows the dash is shown of it.
 *
 * @example
 * alertWhy({ target: 'CT-01', reason: 'Chỉ tiêu CT-01 (đơn vị chịu trách nhiệm P_A) — Có nguy cơ…', reasonEn: '…' }, 'vi') // 'Có nguy cơ…'
 */
export function alertWhy(a: Pick<Alert, 'target' | 'reason' | 'reasonEn'>, lang: 'vi' | 'en'): string {
  const reason = lang === 'vi' ? a.reason : a.reasonEn;
  if (!a.target) return reason;
  const prefix = lang === 'vi' ? `Chỉ tiêu ${a.target}` : `Target ${a.target}`;
  const dash = reason.indexOf(' — ');
  return reason.startsWith(prefix) && dash >= 0 ? reason.slice(dash + 3) : reason;
}
