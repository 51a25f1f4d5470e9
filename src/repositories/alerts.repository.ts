import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { AlertKind, AlertSeverity } from '../domain/alerts/alert-rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface AlertSubjectIds {
  targetId: number | null;
  taskId: number | null;
  unitId: number | null;
  indicatorId: number | null;
}

export interface AlertWrite extends AlertSubjectIds {
  kind: AlertKind;
  severity: AlertSeverity;
  since: string;
  reason: string;
  reasonEn: string;
  data: Record<string, unknown>;
}

export interface OpenAlertKey extends AlertSubjectIds {
  id: number;
  kind: AlertKind;
}

export function subjectKey(a: AlertSubjectIds & { kind: string }): string {
  return `${a.kind}|${a.targetId ?? ''}|${a.taskId ?? ''}|${a.unitId ?? ''}|${a.indicatorId ?? ''}`;
}

export async function openAlertKeys(db: Db): Promise<OpenAlertKey[]> {
  const rows = await db.selectFrom('alerts').select(['id', 'kind', 'target_id', 'task_id', 'unit_id', 'indicator_id']).where('resolved_at', 'is', null).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, targetId: r.target_id, taskId: r.task_id, unitId: r.unit_id, indicatorId: r.indicator_id }));
}

/** Refreshes an open alert (keeping `since` and `raised_at`) or opens a new one. Returns whether it was new. */
export async function upsertOpenAlert(trx: Db, alert: AlertWrite, existingId: number | null, at: Date): Promise<boolean> {
  if (existingId !== null) {
    await trx
      .updateTable('alerts')
      .set({ severity: alert.severity, reason: alert.reason, reason_en: alert.reasonEn, data: JSON.stringify(alert.data), updated_at: at })
      .where('id', '=', existingId)
      .execute();
    return false;
  }
  await trx
    .insertInto('alerts')
    .values({
      kind: alert.kind, target_id: alert.targetId, task_id: alert.taskId, unit_id: alert.unitId, indicator_id: alert.indicatorId,
      severity: alert.severity, since: alert.since, reason: alert.reason, reason_en: alert.reasonEn, data: JSON.stringify(alert.data),
      raised_at: at, updated_at: at,
    })
    .execute();
  return true;
}

export async function resolveAlerts(trx: Db, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('alerts').set({ resolved_at: at, updated_at: at }).where('id', 'in', [...ids]).execute();
}

/** The latest acknowledgement of an alert: who said they had seen it, when, and what they noted. */
export interface AlertAcknowledgement {
  actor: string;
  at: string;
  note: string;
}

export interface AlertRow {
  id: number;
  kind: AlertKind;
  severity: AlertSeverity;
  since: string;
  reason: string;
  reasonEn: string;
  data: unknown;
  target: string | null;
  task: string | null;
  unit: string | null;
  indicator: string | null;
  /** Whether the alert is about a classified target, task or indicator (readers need the right). */
  classified: boolean;
  raisedAt: string;
  resolvedAt: string | null;
  /** The latest acknowledgement, or null when no one has acknowledged this alert. */
  acknowledged: AlertAcknowledgement | null;
}

export interface AlertFilter {
  /** Only alerts whose unit is among these. */
  unitIds?: number[];
  /** true: only open alerts; false: only resolved ones. */
  open?: boolean;
  severities?: readonly AlertSeverity[];
  kinds?: readonly AlertKind[];
  /** true: only acknowledged alerts; false: only those no one has acknowledged. */
  acknowledged?: boolean;
}

/** Alerts, most severe and oldest first, each with its latest acknowledgement. */
export async function listAlerts(db: Db, filter: AlertFilter = {}): Promise<AlertRow[]> {
  const latestAck = db
    .selectFrom('alert_acknowledgements')
    .distinctOn('alert_id')
    .select(['alert_id', 'actor', 'note', 'acknowledged_at'])
    .orderBy('alert_id')
    .orderBy('id', 'desc')
    .as('ack');
  let q = db
    .selectFrom('alerts as a')
    .leftJoin('targets as t', 't.id', 'a.target_id')
    .leftJoin('tasks as k', 'k.id', 'a.task_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    // A target's alert is about the target's indicator, which the alert row itself does not repeat.
    .leftJoin('indicators as i', (join) => join.on('i.id', '=', sql<number>`coalesce(a.indicator_id, t.indicator_id)`))
    .leftJoin(latestAck, 'ack.alert_id', 'a.id')
    .select(['a.id', 'a.kind', 'a.severity', 'a.since', 'a.reason', 'a.reason_en', 'a.data', 'a.raised_at', 'a.resolved_at',
      't.code as target', 'k.code as task', 'u.code as unit', 'i.code as indicator',
      'ack.actor as ack_actor', 'ack.note as ack_note', 'ack.acknowledged_at as ack_at',
      sql<boolean>`coalesce(t.classified, false) or coalesce(k.classified, false) or coalesce(i.classified, false)`.as('classified')]);
  if (filter.unitIds) {
    if (filter.unitIds.length === 0) return [];
    q = q.where('a.unit_id', 'in', filter.unitIds);
  }
  if (filter.open === true) q = q.where('a.resolved_at', 'is', null);
  if (filter.open === false) q = q.where('a.resolved_at', 'is not', null);
  if (filter.severities) {
    if (filter.severities.length === 0) return [];
    q = q.where('a.severity', 'in', [...filter.severities]);
  }
  if (filter.kinds) {
    if (filter.kinds.length === 0) return [];
    q = q.where('a.kind', 'in', [...filter.kinds]);
  }
  if (filter.acknowledged === true) q = q.where('ack.alert_id', 'is not', null);
  if (filter.acknowledged === false) q = q.where('ack.alert_id', 'is', null);
  const rows = await q.orderBy('a.since').orderBy('a.id').execute();
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  return rows
    .map((r) => ({
      id: r.id, kind: r.kind, severity: r.severity, since: r.since, reason: r.reason, reasonEn: r.reason_en, data: r.data,
      target: r.target, task: r.task, unit: r.unit, indicator: r.indicator, classified: r.classified,
      raisedAt: r.raised_at.toISOString(), resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
      acknowledged: r.ack_actor !== null && r.ack_note !== null && r.ack_at !== null
        ? { actor: r.ack_actor, note: r.ack_note, at: new Date(r.ack_at).toISOString() }
        : null,
    }))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** One alert's unit (code), whether it is classified and whether it is still open; null when there is no such alert. */
export async function findAlertForAcknowledgement(db: Db, id: number): Promise<{ id: number; unit: string | null; classified: boolean; resolvedAt: Date | null } | null> {
  const row = await db
    .selectFrom('alerts as a')
    .leftJoin('targets as t', 't.id', 'a.target_id')
    .leftJoin('tasks as k', 'k.id', 'a.task_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('indicators as i', 'i.id', 'a.indicator_id')
    .select(['a.id', 'u.code as unit', 'a.resolved_at',
      sql<boolean>`coalesce(t.classified, false) or coalesce(k.classified, false) or coalesce(i.classified, false)`.as('classified')])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, unit: row.unit, classified: row.classified, resolvedAt: row.resolved_at } : null;
}

/** Stores an acknowledgement of an alert. */
export async function insertAlertAcknowledgement(trx: Db, ack: { alertId: number; actor: string; note: string; at: Date }): Promise<{ id: number }> {
  return trx
    .insertInto('alert_acknowledgements')
    .values({ alert_id: ack.alertId, actor: ack.actor, note: ack.note, acknowledged_at: ack.at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Closes the open task alerts (near due, overdue) of tasks that are now done or cancelled. */
export async function resolveAlertsOfFinishedTasks(db: Db, taskIds: readonly number[], at: Date): Promise<number> {
  if (taskIds.length === 0) return 0;
  const rows = await db
    .updateTable('alerts')
    .set({ resolved_at: at, updated_at: at })
    .where('resolved_at', 'is', null)
    .where('task_id', 'in', [...taskIds])
    .where('task_id', 'in', (eb) => eb.selectFrom('tasks').select('id').where('status', 'in', ['done', 'cancelled']))
    .returning('id')
    .execute();
  return rows.length;
}
