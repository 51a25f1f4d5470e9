import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database>;

export interface InboxItem {
  id: number;
  unitId: number;
  userId: number | null;
  kind: string;
  title: string;
  body: string;
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
  data: unknown;
  dedupeKey: string;
  at: Date;
}

/** Inserts an inbox entry unless one with the same key exists; returns its id only when new. */
export async function insertNotificationOnce(trx: Db, n: NewNotification): Promise<number | null> {
  const row = await trx
    .insertInto('notifications')
    .values({ unit_id: n.unitId, user_id: n.userId ?? null, kind: n.kind, title: n.title, body: n.body, data: JSON.stringify(n.data), dedupe_key: n.dedupeKey, created_at: n.at, read_at: null })
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
    id: r.id, unitId: r.unit_id, userId: r.user_id, kind: r.kind, title: r.title, body: r.body,
    data: typeof r.data === 'string' ? (JSON.parse(r.data) as unknown) : r.data, createdAt: r.created_at, readAt: r.read_at,
  }));
}

export async function markRead(db: Db, id: number, at: Date): Promise<boolean> {
  const r = await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findWebhookSubscriptions(db: Db, unitIds: readonly number[], event: string): Promise<{ id: number; url: string; secret: string }[]> {
  const rows = await db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'url', 'secret', 'unit_id', 'events'])
    .where('active', '=', true)
    .execute();
  return rows
    .filter((r) => (r.unit_id === null || unitIds.includes(r.unit_id)) && (r.events.length === 0 || r.events.includes(event) || r.events.some((e) => e.endsWith('*') && event.startsWith(e.slice(0, -1)))))
    .map((r) => ({ id: r.id, url: r.url, secret: r.secret }));
}

export async function findWebhookSubscription(db: Db, id: number): Promise<{ id: number; url: string; secret: string; active: boolean } | null> {
  const row = await db.selectFrom('webhook_subscriptions').select(['id', 'url', 'secret', 'active']).where('id', '=', id).executeTakeFirst();
  return row ?? null;
}

export async function insertWebhookSubscription(trx: Db, s: { url: string; secret: string; unitId: number | null; events: string[] }): Promise<number> {
  const row = await trx.insertInto('webhook_subscriptions').values({ url: s.url, secret: s.secret, unit_id: s.unitId, events: s.events }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The code of the unit whose inbox holds a notification. */
export async function findNotificationUnit(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('notifications as n').innerJoin('units as u', 'u.id', 'n.unit_id').select('u.code').where('n.id', '=', id).executeTakeFirst();
  return row?.code ?? null;
}

export interface AlertToNotify {
  id: number;
  kind: string;
  severity: string;
  unitId: number;
  unitName: string;
  since: string;
  reason: string;
  reasonEn: string;
}

/** Open alerts about a unit that no notification has been sent for yet. */
export async function alertsNotYetNotified(db: Db, severities: readonly ('info' | 'warning' | 'critical')[]): Promise<AlertToNotify[]> {
  const rows = await db
    .selectFrom('alerts as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('notifications as n', (j) => j.on(sql`n.dedupe_key`, '=', sql`'alert:' || a.id`))
    .select(['a.id', 'a.kind', 'a.severity', 'a.unit_id', 'u.name', 'a.since', 'a.reason', 'a.reason_en'])
    .where('a.resolved_at', 'is', null)
    .where('a.severity', 'in', [...severities])
    .where('n.id', 'is', null)
    .orderBy('a.id')
    .execute();
  return rows.flatMap((r) => (r.unit_id === null ? [] : [{
    id: r.id, kind: r.kind, severity: r.severity, unitId: r.unit_id, unitName: r.name, since: String(r.since), reason: r.reason, reasonEn: r.reason_en,
  }]));
}
