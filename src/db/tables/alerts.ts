import type { ColumnType, Generated } from 'kysely';

export interface AlertsTable {
  id: Generated<number>;
  kind: 'target_at_risk' | 'task_due_soon' | 'task_overdue' | 'stale_source' | 'outlier';
  target_id: number | null;
  task_id: number | null;
  unit_id: number | null;
  indicator_id: number | null;
  severity: 'info' | 'warning' | 'critical';
  since: ColumnType<string, string, string>;
  reason: string;
  reason_en: string;
  data: ColumnType<unknown, string | undefined, string>;
  raised_at: Generated<Date>;
  updated_at: Generated<Date>;
  resolved_at: Date | null;
}

/** A note that someone who may act on the alert's unit has seen it (see migration 20261204T0500). */
export interface AlertAcknowledgementsTable {
  id: Generated<number>;
  alert_id: number;
  /** Principal.actor: "user:<id>", "token:<id>"… */
  actor: string;
  note: string;
  acknowledged_at: Generated<Date>;
}

/** An address that receives a unit's alert digest (migration 20261204T1600). */
export interface AlertDigestSubscriptionsTable {
  id: Generated<number>;
  unit_id: number;
  /** Lower-case. */
  email: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface AlertTables {
  alerts: AlertsTable;
  alert_acknowledgements: AlertAcknowledgementsTable;
  alert_digest_subscriptions: AlertDigestSubscriptionsTable;
}
