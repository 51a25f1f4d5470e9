import type { AppContext } from '../../app-context.ts';
import { makeAnchor, type AuditAnchor } from '../../domain/audit/anchor.ts';
import { auditHeadEntry } from '../../repositories/audit.repository.ts';

/**
 * The chain's head now, to be kept outside the database (docs/security.md): a later
 * `verifyAuditChain(db, { anchor })` fails if that entry is gone or its hash changed.
 *
 * @example
 * const anchor = await anchorAuditChain(ctx);
 * // { format: 'theodoi-audit-anchor/v1', id: 42, hash: '…', at: '2026-12-01T02:00:00.000Z', takenAt: '…' }
 */
export async function anchorAuditChain(ctx: AppContext): Promise<AuditAnchor> {
  return makeAnchor(await auditHeadEntry(ctx.db), ctx.now());
}
