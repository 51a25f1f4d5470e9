import type { AppContext } from '../../app-context.ts';
import type { AccessPrincipal } from '../../domain/access/authorize.ts';
import { listIndicators, type StoredIndicator } from '../../repositories/indicators.repository.ts';

/**
 * Whether a principal may see classified indicator definitions: approvers and above, or anyone holding
 * an explicit classified grant or scope (values stay scoped per unit when read).
 */
export function seesClassifiedIndicators(principal: AccessPrincipal | null): boolean {
  if (principal === null) return true;
  if (principal.grants.some((g) => g.role === 'approver' || g.role === 'unit_admin' || g.role === 'system_admin')) return true;
  if ((principal.classifiedUnits ?? []).length > 0) return true;
  return principal.kind === 'token' && (principal.scopes ?? []).includes('classified');
}

/**
 * Indicator definitions the principal may see; `null` is the trusted local operator (CLI).
 *
 * @example
 * const all = await listIndicatorsFor(ctx, request.principal);
 */
export async function listIndicatorsFor(ctx: AppContext, principal: AccessPrincipal | null): Promise<StoredIndicator[]> {
  return listIndicators(ctx.db, { includeClassified: seesClassifiedIndicators(principal) });
}
