import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { AuditLogTable } from '../db/tables/access.ts';
import type { ChainedEntry } from '../domain/audit/hash-chain.ts';
import { subtreeIds } from './users.repository.ts';

/** Key of the transaction-level advisory lock that serialises appends to the audit chain. */
const AUDIT_CHAIN_LOCK = 7_041_993_117;

/**
 * Waits for, and holds until the transaction ends, the right to append to the audit chain. Must run
 * inside a transaction: the lock is released at commit or rollback, never in between.
 */
export async function lockAuditChain(trx: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::bigint)`.execute(trx);
}

/** The hash at the head of the chain (null for an empty log). Call while holding the chain lock. */
export async function chainHead(trx: Kysely<Database>): Promise<string | null> {
  const row = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.hash ?? null;
}

/** Reserves the id of the next entry, so that the id can be part of what the hash covers. */
export async function nextAuditId(trx: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('audit_log', 'id'))::int8 as id`.execute(trx);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('audit_log sequence returned nothing');
  return Number(id);
}

export async function insertAuditEntry(trx: Kysely<Database>, entry: ChainedEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: entry.id,
      at: new Date(entry.at),
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: jsonb(entry.before),
      after: jsonb(entry.after),
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
}

/** The newest entry's id, hash and time (null for an empty log): what an operator anchors outside. */
export async function auditHeadEntry(db: Kysely<Database>): Promise<{ id: number; hash: string; at: string } | null> {
  const row = await db.selectFrom('audit_log').select(['id', 'hash', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { id: Number(row.id), hash: row.hash, at: row.at.toISOString() } : null;
}

/** The hash stored for entry `id`, or null when there is no such entry. */
export async function auditHashOf(db: Kysely<Database>, id: number): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst();
  return row?.hash ?? null;
}

/** Up to `limit` entries after id `afterId`, in chain (id) order — the unit of a streamed verification. */
export async function auditEntriesAfter(db: Kysely<Database>, afterId: number, limit: number): Promise<ChainedEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map(toChainedEntry);
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Only entries recorded under one of these actors (a user's forms: recordedFormsOfActor). */
  actors?: string[] | undefined;
  /** Only entries with an id below this (paging backwards from the newest). */
  beforeId?: number | undefined;
  limit: number;
  /**
   * Only entries whose actor is a user or token of these units' subtrees; null for all. Audit
   * entries carry no unit of their own, so a unit admin sees what the people and machines of
   * their units did.
   */
  actorUnitRoots: string[] | null;
}

/** Entries newest first, filtered. */
export async function listAuditEntries(db: Kysely<Database>, filter: AuditFilter): Promise<ChainedEntry[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actors) {
    if (filter.actors.length === 0) return [];
    query = query.where('actor', 'in', filter.actors);
  }
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  if (filter.actorUnitRoots) {
    const roots = filter.actorUnitRoots;
    if (roots.length === 0) return [];
    const subtree = subtreeIds(roots);
    query = query.where((eb) =>
      eb.or([
        // A user's entries are recorded by id; those written before ids, by username.
        eb('actor', 'in', eb.selectFrom('users').select(sql<string>`'user:' || id`.as('a')).where('unit_id', 'in', subtree)),
        eb('actor', 'in', eb.selectFrom('users').select(sql<string>`'user:' || username`.as('a')).where('unit_id', 'in', subtree)),
        eb('actor', 'in', eb.selectFrom('api_tokens').select(sql<string>`'token:' || id`.as('a')).where('unit_id', 'in', subtree)),
      ]),
    );
  }
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toChainedEntry);
}

function toChainedEntry(row: Selectable<AuditLogTable>): ChainedEntry {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

// Passed as text and cast, so that a JSON string or array is stored as that JSON value on both drivers.
function jsonb(value: unknown) {
  if (value === null || value === undefined) return null;
  return sql<unknown>`cast(${JSON.stringify(value)} as jsonb)`;
}

/**
 * The number of the latest audited change (0 before any): every state change is audited and the
 * chain's lock gives ids in commit order, so a kept answer computed at this number holds until it
 * moves. One index lookup.
 */
export async function lastAuditId(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * Ingest batches that no audit entry records (an `observation_batch` / `ingest` entry names every
 * batch the application writes, in the same transaction): at most `limit` ids, lowest first, and how
 * many there are in all.
 */
export async function batchesWithoutAuditEntry(db: Kysely<Database>, limit: number): Promise<{ ids: number[]; total: number }> {
  const { rows } = await sql<{ id: string | number; total: string | number }>`
    select b.id, count(*) over () as total
    from ingest_batches b
    where not exists (
      select 1 from audit_log a
      where a.entity = 'observation_batch' and a.action = 'ingest' and a.entity_id = cast(b.id as text)
    )
    order by b.id
    limit ${limit}`.execute(db);
  return { ids: rows.map((r) => Number(r.id)), total: Number(rows[0]?.total ?? 0) };
}
