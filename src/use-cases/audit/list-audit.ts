import type { AppContext } from '../../app-context.ts';
import type { ChainedEntry } from '../../domain/audit/hash-chain.ts';
import { listAuditEntries } from '../../repositories/audit.repository.ts';

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  beforeId?: number | undefined;
  limit?: number | undefined;
}

/**
 * Audit entries newest first. `actorUnitRoots` limits to what users and tokens of those subtrees did
 * (null: everything, for system admins and the CLI).
 *
 * @example
 * const page = await listAudit(ctx, { entity: 'api_token', limit: 50 }, null);
 */
export async function listAudit(ctx: AppContext, query: AuditQuery, actorUnitRoots: string[] | null): Promise<ChainedEntry[]> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 1000);
  return listAuditEntries(ctx.db, { ...query, limit, actorUnitRoots });
}
