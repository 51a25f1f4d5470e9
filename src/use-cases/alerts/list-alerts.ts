import type { AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { listAlerts as listAlertRows, type AlertRow } from '../../repositories/alerts.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';

/**
 * Alerts, optionally for one unit's subtree and only open ones; most severe first.
 *
 * @example
 * await listAlerts(ctx, { unit: 'P_VINH_TUY', open: true });
 */
export async function listAlerts(ctx: AppContext, query: { unit?: string | undefined; open?: boolean | undefined } = {}): Promise<AlertRow[]> {
  let unitIds: number[] | undefined;
  if (query.unit) {
    const tree = await loadUnitTree(ctx.db);
    const root = tree.byCode.get(query.unit);
    if (!root) throw new InputError('Đơn vị không tồn tại / unknown unit', [{ field: 'unit', message: `không có đơn vị mã "${query.unit}" / unknown unit` }]);
    const children = new Map<number, number[]>();
    for (const u of tree.units.values()) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    unitIds = [root.id];
    for (let i = 0; i < unitIds.length; i++) unitIds.push(...(children.get(unitIds[i]!) ?? []));
  }
  return listAlertRows(ctx.db, { ...(unitIds ? { unitIds } : {}), ...(query.open !== undefined ? { open: query.open } : {}) });
}
