import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { entryHash, toJsonValue, type AuditContent } from '../../domain/audit/hash-chain.ts';
import { withoutPersonalData } from '../../domain/audit/personal-data.ts';
import { chainHead, insertAuditEntry, lockAuditChain, nextAuditId } from '../../repositories/audit.repository.ts';
import { announceStateChange, FIGURES_ONLY_ACTIONS } from '../../realtime/change-clock.ts';

export interface AuditInput {
  /** Principal.actor: "user:<id>" (never a name: domain/access/actor.ts), "token:<id>", "cli:<os user>", "connector:<name>"… */
  actor: string;
  /** A verb: "create", "update", "revoke", "grant", "import"… */
  action: string;
  /** What kind of thing changed: "user", "api_token", "observation", "plan"… */
  entity: string;
  entityId: string | number | null;
  /**
   * The state before and after, as JSON. Never put secrets (passwords, tokens, hashes) here.
   * Personal details (names, e-mails, phones) are replaced by a placeholder before hashing: the
   * chain cannot be erased, the person's details must be (personal-data.ts).
   */
  before: unknown;
  after: unknown;
  /** When; defaults to the wall clock. */
  at?: Date;
}

/**
 * Appends one entry to the tamper-evident audit log, chained to the entry before it.
 *
 * Call it with the transaction that makes the audited write, so the entry commits or rolls back with
 * it. It takes a transaction-level advisory lock, so concurrent writers append one after another and
 * the chain never forks; the lock is held until that transaction ends. Given a plain connection
 * instead, it opens a transaction of its own.
 *
 * @example
 * await ctx.db.transaction().execute(async (trx) => {
 *   const user = await insertUser(trx, …);
 *   await recordAudit(trx, { actor: principal.actor, action: 'create', entity: 'user',
 *     entityId: user.id, before: null, after: { username: user.username } });
 * });
 */
export async function recordAudit(db: Kysely<Database>, input: AuditInput): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => recordAudit(trx, input));
    return;
  }
  await lockAuditChain(db);
  const prevHash = await chainHead(db);
  const content: AuditContent = {
    id: await nextAuditId(db),
    // Millisecond precision, so the timestamp reads back from timestamptz exactly as hashed.
    at: new Date((input.at ?? new Date()).getTime()).toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId === null ? null : String(input.entityId),
    before: toJsonValue(withoutPersonalData(input.before)),
    after: toJsonValue(withoutPersonalData(input.after)),
  };
  await insertAuditEntry(db, { ...content, prevHash, hash: entryHash(prevHash, content) });
  // Heard by every instance at commit: what they keep in memory (the overview, who a token or
  // session stands for) is computed again. A sign-in changes nothing kept (a new session is read when
  // first used), and announcing it would let a flood of (failed) sign-ins empty every cache.
  if (!UNANNOUNCED_ACTIONS.has(input.action)) await announceStateChange(db, String(content.id), FIGURES_ONLY_ACTIONS.has(input.action) ? 'figures' : 'any');
}

/** Audited actions that change nothing an instance keeps in memory. */
const UNANNOUNCED_ACTIONS: ReadonlySet<string> = new Set(['login', 'login_failed']);
