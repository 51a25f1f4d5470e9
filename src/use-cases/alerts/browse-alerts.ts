import type { AppContext } from '../../app-context.ts';
import { groupAlerts, type AlertGroup, type AlertGroupBy } from '../../domain/alerts/alert-groups.ts';
import { listAlerts, type AlertQuery, type NamedAlert } from './list-alerts.ts';

export const DEFAULT_ALERT_PAGE = 100;
export const MAX_ALERT_PAGE = 1000;

/**
 * What the caller may read, given the unit codes of the alerts found: a predicate on (unit,
 * classified). The HTTP layer passes `readVisibility`; the CLI reads everything.
 */
export type AlertVisibility = (unitCodes: readonly (string | null)[]) => Promise<(unit: string | null, classified: boolean) => boolean>;

export interface AlertPage {
  /** How many alerts match the filters and are readable (all pages). */
  total: number;
  limit: number;
  offset: number;
  /** This page; in group order when grouped. */
  alerts: Omit<NamedAlert, 'classified'>[];
  /** Every group over all matching alerts (not only this page), when `groupBy` was asked for. */
  groups?: AlertGroup[];
}

/**
 * A page of alerts a leader can work through: filtered (see `listAlerts`), cut to what the caller
 * may read, optionally grouped by unit, target or kind with counts per severity, then paged.
 * Counts and `total` cover everything the caller may read, never what they may not.
 *
 * @example
 * await browseAlerts(ctx, { unit: 'HN', open: true, severities: ['critical'], groupBy: 'unit', limit: 50 });
 * // → { total: 212, limit: 50, offset: 0, alerts: [...50], groups: [{ key: 'P_VINH_TUY', name: 'Phường Vĩnh Tuy', total: 9, counts: {...} }, ...] }
 */
export async function browseAlerts(
  ctx: AppContext,
  query: AlertQuery & { groupBy?: AlertGroupBy | undefined; limit?: number | undefined; offset?: number | undefined },
  visibility?: AlertVisibility,
): Promise<AlertPage> {
  const found = await listAlerts(ctx, query);
  const readable = visibility ? await visibility([...new Set(found.map((a) => a.unit))]) : () => true;
  const visible = found.filter((a) => readable(a.unit, a.classified)).map(({ classified: _c, ...a }) => a);
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_ALERT_PAGE, 0), MAX_ALERT_PAGE);
  const offset = Math.max(query.offset ?? 0, 0);
  if (!query.groupBy) return { total: visible.length, limit, offset, alerts: visible.slice(offset, offset + limit) };
  const { groups, ordered } = groupAlerts(visible, query.groupBy);
  return { total: visible.length, limit, offset, alerts: ordered.slice(offset, offset + limit), groups };
}
