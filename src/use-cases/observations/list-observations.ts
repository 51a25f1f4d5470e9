import type { AppContext } from '../../app-context.ts';
import { canSeeClassified, scopeRoots, type AccessPrincipal } from '../../domain/access/authorize.ts';
import { InputError, problem, type Problem } from '../../domain/errors.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import {
  listObservations,
  subtreeUnitIds,
  unitAncestryByCodes,
  type ObservationFilter,
  type ObservationRecord,
} from '../../repositories/observations.repository.ts';
import { seesClassifiedIndicators } from '../indicators/list-indicators.ts';
import { message } from '../../domain/messages/message.ts';

export interface ObservationQuery {
  indicator?: string | undefined;
  unit?: string | undefined;
  /** Period codes; a period is included when it lies within [from.start, to.end]. */
  from?: string | undefined;
  to?: string | undefined;
  history?: boolean | undefined;
  limit?: number | undefined;
}

export const DEFAULT_LIST_LIMIT = 10_000;

/**
 * Current values (the latest version of each cell) or, with `history`, every version with its
 * provenance. Reads are scoped to the principal's subtrees (a system admin reads everything; `null` is
 * the trusted local operator), and classified indicators appear only where the principal may see them.
 *
 * @example
 * await listObservationsFor(ctx, principal, { indicator: 'DVC_TT', unit: 'P_VT', from: '2026-01', to: '2026-Q2', history: true });
 */
export async function listObservationsFor(ctx: AppContext, principal: AccessPrincipal | null, query: ObservationQuery): Promise<ObservationRecord[]> {
  const filter = await filterFor(ctx, principal, query);
  const rows = await listObservations(ctx.db, { ...filter, limit: query.limit ?? DEFAULT_LIST_LIMIT });
  return visibleTo(ctx, principal, rows);
}

/** Turns a query into a repository filter with the principal's read scope; shared with the CSV export. */
export async function filterFor(ctx: AppContext, principal: AccessPrincipal | null, query: ObservationQuery): Promise<ObservationFilter> {
  const problems: Problem[] = [];
  const from = query.from ? parsePeriod(query.from) : undefined;
  const to = query.to ? parsePeriod(query.to) : undefined;
  if (from === null) problems.push(problem({ field: 'from' }, message('observation.invalid_period_again')));
  if (to === null) problems.push(problem({ field: 'to' }, message('observation.invalid_period_again')));
  if (problems.length) throw new InputError(message('observation.invalid_query'), problems);
  const roots = principal === null ? null : scopeRoots(principal, 'read');
  return {
    indicator: query.indicator,
    unit: query.unit,
    fromDate: from?.start,
    toDate: to?.end,
    history: query.history ?? false,
    unitIds: roots === null ? 'all' : await subtreeUnitIds(ctx.db, roots),
    includeClassified: seesClassifiedIndicators(principal),
  };
}

/** Drops classified rows of units where the principal holds no classified right. */
export async function visibleTo<T extends ObservationRecord>(ctx: AppContext, principal: AccessPrincipal | null, rows: T[]): Promise<T[]> {
  if (principal === null || !rows.some((r) => r.classified)) return rows;
  const seesClassified = await classifiedVisibilityAt(ctx, principal, rows.filter((r) => r.classified).map((r) => r.unit));
  return rows.filter((r) => !r.classified || seesClassified(r.unit));
}

/** Whether the principal may see classified items at each of these units (one ancestry query). */
export async function classifiedVisibilityAt(ctx: AppContext, principal: AccessPrincipal, unitCodes: readonly string[]): Promise<(unitCode: string) => boolean> {
  const ancestry = await unitAncestryByCodes(ctx.db, [...new Set(unitCodes)]);
  const inSubtree = (ancestor: string, unit: string) => ancestry.get(unit)?.includes(ancestor) ?? false;
  return (unitCode) => canSeeClassified(principal, unitCode, inSubtree);
}
