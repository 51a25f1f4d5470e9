import type { ColumnType, Generated } from 'kysely';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  dedupe_key: string | null;
  state: Generated<JobState>;
  run_at: ColumnType<Date, Date | string, Date | string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: ColumnType<Date | null, Date | string | null, Date | string | null>;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface NotificationsTable {
  id: Generated<number>;
  unit_id: number;
  user_id: number | null;
  kind: string;
  /** In Vietnamese: the inbox's words and what the e-mail says. */
  title: string;
  body: string;
  /** The same in English, when the sender wrote it (migration 20261205T0110); null reads `title`/`body`. */
  title_en: ColumnType<string | null, string | null | undefined, string | null>;
  body_en: ColumnType<string | null, string | null | undefined, string | null>;
  data: ColumnType<unknown, string | undefined, string>;
  dedupe_key: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  read_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  url: string;
  /** Plain text only in rows written before secrets were sealed, until the first start with a key. */
  secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** AES-256-GCM under THEODOI_SECRET_KEY (src/domain/secrets/secret-box.ts). */
  secret_sealed: ColumnType<string | null, string | null | undefined, string | null>;
  secret_hint: ColumnType<string | null, string | null | undefined, string | null>;
  unit_id: number | null;
  events: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface NotificationDeliveriesTable {
  id: Generated<number>;
  notification_id: number;
  channel: 'email' | 'webhook';
  address: string;
  state: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

/** The job queue and the notification channels (inbox, e-mail, webhooks) with their delivery log. */
export interface NotificationTables {
  jobs: JobsTable;
  notifications: NotificationsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  notification_deliveries: NotificationDeliveriesTable;
}
