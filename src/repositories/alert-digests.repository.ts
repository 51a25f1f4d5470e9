import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The notification kind (and webhook event) a digest is stored under; its latest row is "the last digest". */
export const DIGEST_NOTIFICATION_KIND = 'alert.digest';

/** Adds an address to a unit's digest; false when it was already there. */
export async function insertDigestSubscription(db: Db, s: { unitId: number; email: string; actor: string }): Promise<{ id: number } | null> {
  const row = await db.insertInto('alert_digest_subscriptions')
    .values({ unit_id: s.unitId, email: s.email, created_by: s.actor })
    .onConflict((c) => c.columns(['unit_id', 'email']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? { id: row.id } : null;
}

/** Removes an address from a unit's digest; the removed row's id, or null when it was not subscribed. */
export async function deleteDigestSubscription(db: Db, s: { unitId: number; email: string }): Promise<number | null> {
  const row = await db.deleteFrom('alert_digest_subscriptions').where('unit_id', '=', s.unitId).where('email', '=', s.email).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

/** Whether an address receives a unit's digest. */
export async function isDigestSubscribed(db: Db, s: { unitId: number; email: string }): Promise<boolean> {
  const row = await db.selectFrom('alert_digest_subscriptions').select('id').where('unit_id', '=', s.unitId).where('email', '=', s.email).executeTakeFirst();
  return row !== undefined;
}

/** Every unit with at least one subscriber, and its addresses (sorted). */
export async function digestSubscribers(db: Db): Promise<{ unitId: number; unitCode: string; unitName: string; emails: string[] }[]> {
  const rows = await db.selectFrom('alert_digest_subscriptions as s').innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['u.id', 'u.code', 'u.name', 's.email']).orderBy('u.code').orderBy('s.email').execute();
  const byUnit = new Map<number, { unitId: number; unitCode: string; unitName: string; emails: string[] }>();
  for (const r of rows) {
    const entry = byUnit.get(r.id) ?? { unitId: r.id, unitCode: r.code, unitName: r.name, emails: [] };
    entry.emails.push(r.email);
    byUnit.set(r.id, entry);
  }
  return [...byUnit.values()];
}

/** When the last digest of a unit went out, or null when none has. */
export async function lastDigestAt(db: Db, unitId: number): Promise<Date | null> {
  const row = await db.selectFrom('notifications').select('created_at').where('unit_id', '=', unitId).where('kind', '=', DIGEST_NOTIFICATION_KIND)
    .orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row ? new Date(row.created_at) : null;
}
