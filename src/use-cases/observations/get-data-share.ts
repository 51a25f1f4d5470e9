import type { AppContext } from '../../app-context.ts';
import { can, type AccessPrincipal } from '../../domain/access/authorize.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { readCurrentValues } from '../../repositories/current-values.repository.ts';
import { findUnitIdsByCodes, subtreeUnitIds, unitAncestryByCodes } from '../../repositories/observations.repository.ts';
import { message } from '../../domain/messages/message.ts';

/** How a unit's current values were obtained: from systems (pushed or pulled), typed in, or file imports. */
export interface DataShare {
  unit: string;
  includesSubtree: boolean;
  total: number;
  fromSystems: number;
  manual: number;
  imported: number;
  /** fromSystems / total, 0..1; null when the unit has no values yet. */
  systemShare: number | null;
}

/**
 * The share of a unit's current values that came from digital systems rather than being typed in —
 * the plans' own measure ("100% dữ liệu đo lường lấy từ hệ thống"). With `subtree`, the unit's
 * descendants count too.
 *
 * @example
 * await getDataShare(ctx, principal, 'P_VT') // → { unit: 'P_VT', total: 40, fromSystems: 34, manual: 6, imported: 0, systemShare: 0.85, … }
 */
export async function getDataShare(ctx: AppContext, principal: AccessPrincipal | null, unitCode: string, options: { subtree?: boolean } = {}): Promise<DataShare> {
  const unit = (await findUnitIdsByCodes(ctx.db, [unitCode])).get(unitCode);
  if (!unit) throw new NotFoundError(message('observation.no_unit', { unitCode }));
  if (principal) {
    const ancestry = await unitAncestryByCodes(ctx.db, [unitCode]);
    if (!can(principal, 'read', unitCode, (a, u) => ancestry.get(u)?.includes(a) ?? false)) {
      throw new ForbiddenError(message('observation.not_allowed_to_read_unit', { unitCode }));
    }
  }
  const unitIds = options.subtree ? await subtreeUnitIds(ctx.db, [unitCode]) : [unit.id];
  // Every current value counts, whatever its period kind.
  const values = await readCurrentValues(ctx.db, { unitIds, periods: { kind: 'any' }, provenance: true });
  const of = (...origins: string[]) => values.filter((v) => origins.includes(v.origin)).length;
  const total = of('system', 'connector', 'manual', 'import');
  const fromSystems = of('system', 'connector');
  return { unit: unitCode, includesSubtree: options.subtree ?? false, total, fromSystems, manual: of('manual'), imported: of('import'), systemShare: total ? fromSystems / total : null };
}
