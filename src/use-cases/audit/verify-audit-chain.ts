import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { checkAnchor, type AnchorCheck, type AuditAnchor } from '../../domain/audit/anchor.ts';
import { recordedDigest } from '../../domain/audit/batch-digest.ts';
import { verifyRun, type ChainedEntry, type ChainVerdict } from '../../domain/audit/hash-chain.ts';
import { auditEntriesAfter, auditHashOf, auditHeadEntry, batchesWithoutAuditEntry } from '../../repositories/audit.repository.ts';
import { digestObservationBatch } from './digest-observation-batch.ts';
import { message, renderMessage, type Lang, type Message } from '../../domain/messages/message.ts';

const PAGE = 1000;
/** Mismatches listed in full; past this only counted, so a mass edit cannot flood the answer. */
const MAX_LISTED = 100;

/** An ingest batch whose stored rows no longer match the digest its audit entry recorded. */
export interface BatchMismatch {
  entryId: number;
  batchId: number;
  reason: Message;
}

/** Stored ingest batches with no audit entry: the first ids (at most 100) and how many in all. */
export interface UnauditedBatches {
  count: number;
  batchIds: number[];
  reason: Message | null;
}

export interface AuditVerdict extends ChainVerdict {
  head: string | null;
  /**
   * Observation ingest batches: `checked` had a digest and were recomputed from the current rows;
   * `notCovered` were written before digests existed and cannot be checked this way; `unaudited` are
   * stored batches that no audit entry records (its entry deleted, or the batch inserted by SQL).
   */
  batches: { checked: number; notCovered: number; mismatched: number; mismatches: BatchMismatch[]; unaudited: UnauditedBatches };
  /** Present when an anchor was given. */
  anchor?: AnchorCheck;
}

/**
 * Recomputes every entry's hash in id order and checks each links to the one before it; for each
 * observation ingest batch that recorded a digest of its rows, recomputes the digest from the rows as
 * stored now; with an anchor, checks the anchored head is still in the log with the same hash. Reads
 * in pages, so memory stays flat however long the log is.
 *
 * What it proves: no entry was edited, re-linked, or removed from the start or middle; no observation
 * version a covered batch wrote was edited, removed or added under its batch id behind the application
 * (`ok` is false, `batches.mismatches` names the entry and batch); no stored batch lacks its audit entry
 * (`batches.unaudited` names them). Removing the newest entries leaves a
 * shorter, still valid chain: only an anchor kept elsewhere (docs/security.md) catches that.
 * `firstBadId` and `reason` are about the chain alone.
 *
 * @example
 * const verdict = await verifyAuditChain(ctx.db);
 * if (!verdict.ok) console.error(`audit log broken at ${verdict.firstBadId}: ${verdict.reason}`);
 */
export async function verifyAuditChain(db: Kysely<Database>, options: { anchor?: AuditAnchor } = {}): Promise<AuditVerdict> {
  const batches: AuditVerdict['batches'] = { checked: 0, notCovered: 0, mismatched: 0, mismatches: [], unaudited: { count: 0, batchIds: [], reason: null } };
  let previous: ChainedEntry | null = null;
  let entries = 0;
  let chain: ChainVerdict & { head: string | null } | null = null;
  for (;;) {
    const page = await auditEntriesAfter(db, previous?.id ?? 0, PAGE);
    if (page.length === 0) break;
    const broken = verifyRun(previous, page);
    // Digests are checked only on entries whose own hash holds: an altered entry's digest proves nothing.
    const sound = broken ? page.slice(0, page.indexOf(broken.bad)) : page;
    for (const entry of sound) await checkBatch(db, entry, batches);
    if (broken) {
      const checked = entries + page.indexOf(broken.bad) + 1;
      chain = { ok: false, entries: checked, firstBadId: broken.bad.id, reason: broken.reason, head: null };
      break;
    }
    entries += page.length;
    previous = page[page.length - 1] ?? previous;
  }
  chain ??= { ok: true, entries, firstBadId: null, reason: null, head: previous?.hash ?? null };

  const orphans = await batchesWithoutAuditEntry(db, MAX_LISTED);
  batches.unaudited = {
    count: orphans.total,
    batchIds: orphans.ids,
    reason: orphans.total === 0 ? null
      : message('audit.batch.unaudited', { count: orphans.total, batches: `${orphans.ids.join(', ')}${orphans.total > orphans.ids.length ? ', …' : ''}` }),
  };
  const verdict: AuditVerdict = { ...chain, ok: chain.ok && batches.mismatched === 0 && orphans.total === 0, batches };
  if (options.anchor) {
    const anchor = options.anchor;
    const stored = anchor.id === null ? null : await auditHashOf(db, anchor.id);
    const head = await auditHeadEntry(db);
    verdict.anchor = checkAnchor(anchor, stored, head?.id ?? null);
    if (!verdict.anchor.ok) verdict.ok = false;
  }
  return verdict;
}

async function checkBatch(db: Kysely<Database>, entry: ChainedEntry, batches: AuditVerdict['batches']): Promise<void> {
  if (entry.entity !== 'observation_batch' || entry.action !== 'ingest' || entry.entityId === null) return;
  const recorded = recordedDigest(entry.after);
  if (!recorded) {
    batches.notCovered++;
    return;
  }
  const batchId = Number(entry.entityId);
  const now = await digestObservationBatch(db, batchId);
  batches.checked++;
  if (now.sha256 === recorded.sha256) return;
  batches.mismatched++;
  if (batches.mismatches.length >= MAX_LISTED) return;
  const ids = { batch: String(batchId), entry: String(entry.id), rows: now.rows };
  batches.mismatches.push({
    entryId: entry.id,
    batchId,
    reason: now.rows === recorded.rows ? message('audit.batch.changed_same_rows', ids) : message('audit.batch.changed_rows', { ...ids, recorded: recorded.rows }),
  });
}

/** A verdict as answered to a reader: every reason in their language. */
export type AuditVerdictWords = Omit<AuditVerdict, 'reason' | 'batches' | 'anchor'> & {
  reason: string | null;
  batches: Omit<AuditVerdict['batches'], 'mismatches' | 'unaudited'> & {
    mismatches: (Omit<BatchMismatch, 'reason'> & { reason: string })[];
    unaudited: Omit<UnauditedBatches, 'reason'> & { reason: string | null };
  };
  anchor?: Omit<AnchorCheck, 'reason'> & { reason: string | null };
};

/**
 * The verdict with its reasons in `lang` (the API by Accept-Language, the CLI by THEODOI_LANG).
 *
 * @example auditVerdictIn(verdict, 'vi').reason // 'mục 7 đã bị sửa: nội dung không còn khớp với mã băm'
 */
export function auditVerdictIn(verdict: AuditVerdict, lang: Lang): AuditVerdictWords {
  const say = (m: Message | null) => (m ? renderMessage(m, lang) : null);
  const { batches, anchor, ...chain } = verdict;
  return {
    ...chain,
    reason: say(verdict.reason),
    batches: {
      ...batches,
      mismatches: batches.mismatches.map((m) => ({ ...m, reason: renderMessage(m.reason, lang) })),
      unaudited: { ...batches.unaudited, reason: say(batches.unaudited.reason) },
    },
    ...(anchor ? { anchor: { ...anchor, reason: say(anchor.reason) } } : {}),
  };
}
