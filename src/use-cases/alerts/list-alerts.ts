import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import { message, type Lang } from '../../domain/messages/message.ts';
import type { AlertKind, AlertSeverity } from '../../domain/alerts/alert-rules.ts';
import { listAlerts as listAlertRows, type AlertRow } from '../../repositories/alerts.repository.ts';
import { subjectNames } from '../../repositories/evaluation.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { nameActors } from '../users/name-actors.ts';

/** An alert with what its subjects are called, so a screen can show names instead of codes. */
export interface NamedAlert extends Omit<AlertRow, 'acknowledged'> {
  /** The latest acknowledgement; `actorName` is who made it, by their name now ("deleted user" once erased). */
  acknowledged: (NonNullable<AlertRow['acknowledged']> & { actorName: string }) | null;
  /** The target's text (its indicator's name when the text is empty). */
  targetText: string | null;
  unitName: string | null;
  taskTitle: string | null;
  indicatorName: string | null;
}

export interface AlertQuery {
  /** A unit code: alerts of this unit and every unit below it. */
  unit?: string | undefined;
  open?: boolean | undefined;
  severities?: readonly AlertSeverity[] | undefined;
  kinds?: readonly AlertKind[] | undefined;
  /** true: only acknowledged alerts; false: only those no one has acknowledged yet. */
  acknowledged?: boolean | undefined;
  /** The language people's names are given in when erased ("deleted user"). */
  lang?: Lang | undefined;
}

/**
 * Alerts, optionally for one unit's subtree, only open ones, of some severities or kinds, (not)
 * acknowledged; most severe first, each with the names of its target, task, unit and indicator
 * and its latest acknowledgement.
 *
 * @example
 * await listAlerts(ctx, { unit: 'P_VINH_TUY', open: true });
 * // → [{ kind: 'target_at_risk', target: 'CT-01', targetText: 'Tỷ lệ hồ sơ …', unit: 'P_VINH_TUY', unitName: 'Phường Vĩnh Tuy', … }]
 */
export async function listAlerts(ctx: AppContext, query: AlertQuery = {}): Promise<NamedAlert[]> {
  let unitIds: number[] | undefined;
  if (query.unit) {
    const tree = await loadUnitTree(ctx.db);
    const root = tree.byCode.get(query.unit);
    if (!root) throw new InputError(message('evaluation.unknown_unit'), [problem({ field: 'unit' }, message('evaluation.unknown_unit_again', { unit: query.unit }))]);
    const children = new Map<number, number[]>();
    for (const u of tree.units.values()) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    unitIds = [root.id];
    for (let i = 0; i < unitIds.length; i++) unitIds.push(...(children.get(unitIds[i]!) ?? []));
  }
  const rows = await listAlertRows(ctx.db, {
    ...(unitIds ? { unitIds } : {}),
    ...(query.open !== undefined ? { open: query.open } : {}),
    ...(query.severities ? { severities: query.severities } : {}),
    ...(query.kinds ? { kinds: query.kinds } : {}),
    ...(query.acknowledged !== undefined ? { acknowledged: query.acknowledged } : {}),
  });
  const codes = (pick: (a: AlertRow) => string | null) => [...new Set(rows.map(pick).filter((c): c is string => c !== null))];
  const names = await subjectNames(ctx.db, { targets: codes((a) => a.target), units: codes((a) => a.unit), tasks: codes((a) => a.task), indicators: codes((a) => a.indicator) });
  const nameOf = (map: Map<string, string>, code: string | null) => (code === null ? null : map.get(code) ?? null);
  const namer = await nameActors(ctx.db, rows.flatMap((a) => (a.acknowledged ? [a.acknowledged.actor] : [])), query.lang ?? 'vi');
  return rows.map((a) => ({
    ...a,
    acknowledged: a.acknowledged ? { ...a.acknowledged, actorName: namer.name(a.acknowledged.actor) } : null,
    targetText: nameOf(names.targets, a.target),
    unitName: nameOf(names.units, a.unit),
    taskTitle: nameOf(names.tasks, a.task),
    indicatorName: nameOf(names.indicators, a.indicator),
  }));
}
