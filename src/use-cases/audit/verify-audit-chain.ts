import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { verifyRun, type ChainedEntry, type ChainVerdict } from '../../domain/audit/hash-chain.ts';
import { auditEntriesAfter } from '../../repositories/audit.repository.ts';

const PAGE = 1000;

/**
 * Recomputes every entry's hash in id order and checks each links to the one before it. Reads the
 * log in pages, so memory stays flat however long the log is.
 *
 * What it proves: no entry was edited, re-linked, or removed from the start or middle. Removing the
 * newest entries leaves a shorter, still valid chain; compare `head` with a copy kept elsewhere
 * (docs/security.md) to catch that.
 *
 * @example
 * const verdict = await verifyAuditChain(ctx.db);
 * if (!verdict.ok) console.error(`audit log broken at ${verdict.firstBadId}: ${verdict.reason}`);
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainVerdict & { head: string | null }> {
  let previous: ChainedEntry | null = null;
  let entries = 0;
  for (;;) {
    const page = await auditEntriesAfter(db, previous?.id ?? 0, PAGE);
    if (page.length === 0) break;
    const broken = verifyRun(previous, page);
    if (broken) {
      const checked = entries + page.indexOf(broken.bad) + 1;
      return { ok: false, entries: checked, firstBadId: broken.bad.id, reason: broken.reason, head: null };
    }
    entries += page.length;
    previous = page[page.length - 1] ?? previous;
  }
  return { ok: true, entries, firstBadId: null, reason: null, head: previous?.hash ?? null };
}
