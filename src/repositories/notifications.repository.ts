import { sql, type Kysely } from 'kysely';
import type { AlertKind } from '../domain/alerts/alert-rules.ts';
import type { Database } from '../db/database.ts';
import { subtreeIds } from './users.repository.ts';

type Db = Kysely<Database>;

export interface InboxItem {
  id: number;
  unitId: number;
  userId: number | null;
  kind: string;
  title: string;
  body: string;
  /** The same words in English; null when the sender wrote Vietnamese only. */
  titleEn: string | null;
  bodyEn: string | null;
  data: unknown;
  createdAt: Date;
  readAt: Date | null;
}

export interface NewNotification {
  unitId: number;
  userId?: number | null;
  kind: string;
  title: string;
  body: string;
  titleEn?: string | null;
  bodyEn?: string | null;
  data: unknown;
  dedupeKey: string;
  at: Date;
}

/** Inserts an inbox entry unless one with the same key exists; returns its id only when new. */
export async function insertNotificationOnce(trx: Db, n: NewNotification): Promise<number | null> {
  const row = await trx
    .insertInto('notifications')
    .values({ unit_id: n.unitId, user_id: n.userId ?? null, kind: n.kind, title: n.title, body: n.body, title_en: n.titleEn ?? null, body_en: n.bodyEn ?? null, data: JSON.stringify(n.data), dedupe_key: n.dedupeKey, created_at: n.at, read_at: null })
    .onConflict((c) => c.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertDelivery(trx: Db, d: { notificationId: number; channel: 'email' | 'webhook'; address: string }): Promise<number | null> {
  const row = await trx
    .insertInto('notification_deliveries')
    .values({ notification_id: d.notificationId, channel: d.channel, address: d.address, last_status: null, last_error: null, delivered_at: null })
    .onConflict((c) => c.columns(['notification_id', 'channel', 'address']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface DeliveryRecord {
  id: number;
  channel: 'email' | 'webhook';
  address: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  notification: { id: number; unitId: number; kind: string; title: string; body: string; data: unknown; createdAt: Date };
}

export async function findDelivery(db: Db, id: number): Promise<DeliveryRecord | null> {
  const r = await db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select([
      'd.id', 'd.channel', 'd.address', 'd.state', 'd.attempts', 'd.last_status', 'd.last_error', 'd.delivered_at',
      'n.id as n_id', 'n.unit_id', 'n.kind', 'n.title', 'n.body', 'n.data', 'n.created_at',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id, channel: r.channel, address: r.address, state: r.state, attempts: r.attempts, lastStatus: r.last_status, lastError: r.last_error, deliveredAt: r.delivered_at,
    notification: { id: r.n_id, unitId: r.unit_id, kind: r.kind, title: r.title, body: r.body, data: typeof r.data === 'string' ? (JSON.parse(r.data) as unknown) : r.data, createdAt: r.created_at },
  };
}

export async function recordDeliveryAttempt(
  db: Db,
  id: number,
  outcome: { state: 'pending' | 'delivered' | 'failed'; status: number | null; error: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      state: outcome.state,
      last_status: outcome.status,
      last_error: outcome.error,
      ...(outcome.state === 'delivered' ? { delivered_at: outcome.at } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function listDeliveries(db: Db, filter: { notificationId?: number; channel?: 'email' | 'webhook' } = {}): Promise<Omit<DeliveryRecord, 'notification'>[]> {
  let q = db.selectFrom('notification_deliveries').selectAll();
  if (filter.notificationId !== undefined) q = q.where('notification_id', '=', filter.notificationId);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, channel: r.channel, address: r.address, state: r.state, attempts: r.attempts, lastStatus: r.last_status, lastError: r.last_error, deliveredAt: r.delivered_at }));
}

export async function listInbox(db: Db, filter: { unitIds: readonly number[]; unreadOnly?: boolean; limit?: number }): Promise<InboxItem[]> {
  if (filter.unitIds.length === 0) return [];
  let q = db.selectFrom('notifications').selectAll().where('unit_id', 'in', [...filter.unitIds]);
  if (filter.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 100).execute();
  return rows.map((r) => ({
    id: r.id, unitId: r.unit_id, userId: r.user_id, kind: r.kind, title: r.title, body: r.body, titleEn: r.title_en, bodyEn: r.body_en,
    data: typeof r.data === 'string' ? (JSON.parse(r.data) as unknown) : r.data, createdAt: r.created_at, readAt: r.read_at,
  }));
}

export async function markRead(db: Db, id: number, at: Date): Promise<boolean> {
  const r = await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Active webhooks that want `event` about any of these units (or about all units). */
export async function findWebhookSubscriptions(db: Db, unitIds: readonly number[], event: string): Promise<{ id: number; url: string }[]> {
  const rows = await db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'url', 'unit_id', 'events'])
    .where('active', '=', true)
    .execute();
  return rows
    .filter((r) => (r.unit_id === null || unitIds.includes(r.unit_id)) && (r.events.length === 0 || r.events.includes(event) || r.events.some((e) => e.endsWith('*') && event.startsWith(e.slice(0, -1)))))
    .map((r) => ({ id: r.id, url: r.url }));
}

/**
 * A webhook's stored secret: `sealed` (encrypted) normally, `plain` only for a row written before
 * secrets were sealed and not yet sealed since.
 */
export interface StoredSecret {
  sealed: string | null;
  plain: string | null;
}

export interface WebhookRecord {
  id: number;
  url: string;
  unitId: number | null;
  unitCode: string | null;
  events: string[];
  active: boolean;
  secretHint: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  deletedAt: Date | null;
}

const webhookColumns = [
  'w.id', 'w.url', 'w.unit_id', 'u.code as unit_code', 'w.events', 'w.active', 'w.secret_hint', 'w.created_at', 'w.updated_at', 'w.deleted_at',
] as const;

function webhookRecord(r: {
  id: number; url: string; unit_id: number | null; unit_code: string | null; events: string[]; active: boolean;
  secret_hint: string | null; created_at: Date; updated_at: Date | null; deleted_at: Date | null;
}): WebhookRecord {
  return {
    id: r.id, url: r.url, unitId: r.unit_id, unitCode: r.unit_code, events: r.events, active: r.active,
    secretHint: r.secret_hint, createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at,
  };
}

/** One webhook with its stored secret, for delivery; deleted ones are not found. */
export async function findWebhookSubscription(db: Db, id: number): Promise<(WebhookRecord & { secret: StoredSecret }) | null> {
  const row = await db
    .selectFrom('webhook_subscriptions as w')
    .leftJoin('units as u', 'u.id', 'w.unit_id')
    .select([...webhookColumns, 'w.secret', 'w.secret_sealed'])
    .where('w.id', '=', id)
    .where('w.deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? { ...webhookRecord(row), secret: { sealed: row.secret_sealed, plain: row.secret } } : null;
}

/**
 * Webhooks not deleted, oldest first: of the units in the subtrees of `unitRoots` (codes), or every
 * webhook, city-wide ones included, when `unitRoots` is null. Never the secret.
 */
export async function listWebhookSubscriptions(db: Db, filter: { unitRoots: readonly string[] | null }): Promise<WebhookRecord[]> {
  let q = db
    .selectFrom('webhook_subscriptions as w')
    .leftJoin('units as u', 'u.id', 'w.unit_id')
    .select([...webhookColumns])
    .where('w.deleted_at', 'is', null);
  if (filter.unitRoots !== null) {
    if (filter.unitRoots.length === 0) return [];
    q = q.where('w.unit_id', 'in', subtreeIds(filter.unitRoots));
  }
  const rows = await q.orderBy('w.id').execute();
  return rows.map(webhookRecord);
}

export async function insertWebhookSubscription(trx: Db, s: { url: string; sealed: string; hint: string; unitId: number | null; events: string[] }): Promise<number> {
  const row = await trx
    .insertInto('webhook_subscriptions')
    .values({ url: s.url, secret: null, secret_sealed: s.sealed, secret_hint: s.hint, unit_id: s.unitId, events: s.events })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a webhook's secret with a sealed one (clearing any plain text); false when it is deleted. */
export async function updateWebhookSecret(trx: Db, id: number, s: { sealed: string; hint: string; at: Date }): Promise<boolean> {
  const r = await trx
    .updateTable('webhook_subscriptions')
    .set({ secret: null, secret_sealed: s.sealed, secret_hint: s.hint, updated_at: s.at })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Deletes a webhook softly: the row stays so delivery logs that name it still resolve, but it stops
 * delivering and keeps no secret, sealed or not. False when already deleted or unknown.
 */
export async function markWebhookDeleted(trx: Db, id: number, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('webhook_subscriptions')
    .set({ active: false, deleted_at: at, updated_at: at, secret: null, secret_sealed: null, secret_hint: null })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Rows still holding a plain-text secret, locked so two starting processes do not seal one twice. */
export async function lockPlaintextWebhookSecrets(trx: Db): Promise<{ id: number; secret: string }[]> {
  const rows = await trx
    .selectFrom('webhook_subscriptions')
    .select(['id', 'secret'])
    .where('secret', 'is not', null)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.flatMap((r) => (r.secret === null ? [] : [{ id: r.id, secret: r.secret }]));
}

/** Which unit a webhook (not deleted) belongs to: its code, or null for a city-wide one; null when there is none. */
export async function findWebhookUnit(db: Db, id: number): Promise<{ unitCode: string | null } | null> {
  const row = await db
    .selectFrom('webhook_subscriptions as w')
    .leftJoin('units as u', 'u.id', 'w.unit_id')
    .select('u.code')
    .where('w.id', '=', id)
    .where('w.deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? { unitCode: row.code } : null;
}

/** The code of the unit whose inbox holds a notification. */
export async function findNotificationUnit(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('notifications as n').innerJoin('units as u', 'u.id', 'n.unit_id').select('u.code').where('n.id', '=', id).executeTakeFirst();
  return row?.code ?? null;
}

export interface AlertToNotify {
  id: number;
  kind: AlertKind;
  severity: string;
  unitId: number;
  unitName: string;
  since: string;
  reason: string;
  reasonEn: string;
  /** What the alert is about, by name: the target's wording, the task's title or the indicator's name. */
  subject: string | null;
  unitCode: string;
  targetCode: string | null;
  /** About a classified target, task or indicator: its name and reason stay out of inboxes and e-mails. */
  classified: boolean;
}

/** Open alerts about a unit that no notification has been sent for yet. */
export async function alertsNotYetNotified(db: Db, severities: readonly ('info' | 'warning' | 'critical')[]): Promise<AlertToNotify[]> {
  const rows = await db
    .selectFrom('alerts as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('notifications as n', (j) => j.on(sql`n.dedupe_key`, '=', sql`'alert:' || a.id`))
    .leftJoin('targets as t', 't.id', 'a.target_id')
    .leftJoin('tasks as k', 'k.id', 'a.task_id')
    .leftJoin('indicators as i', (join) => join.on('i.id', '=', sql<number>`coalesce(a.indicator_id, t.indicator_id)`))
    .select(['a.id', 'a.kind', 'a.severity', 'a.unit_id', 'u.name', 'u.code', 't.code as target', 'a.since', 'a.reason', 'a.reason_en',
      sql<string | null>`coalesce(t.text, k.title, i.name)`.as('subject'),
      sql<boolean>`coalesce(t.classified, false) or coalesce(k.classified, false) or coalesce(i.classified, false)`.as('classified')])
    .where('a.resolved_at', 'is', null)
    .where('a.severity', 'in', [...severities])
    .where('n.id', 'is', null)
    .orderBy('a.id')
    .execute();
  return rows.flatMap((r) => (r.unit_id === null ? [] : [{
    id: r.id, kind: r.kind, severity: r.severity, unitId: r.unit_id, unitName: r.name, since: String(r.since), reason: r.reason, reasonEn: r.reason_en,
    subject: r.subject, classified: r.classified, unitCode: r.code, targetCode: r.target,
  }]));
}
