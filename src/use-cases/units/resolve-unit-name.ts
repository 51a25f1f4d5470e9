import type { AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import type { ResolutionContext, UnitResolution } from '../../domain/units/unit.ts';
import { UnitResolver } from '../../domain/units/unit-resolver.ts';
import { isIsoDate } from '../../domain/units/validate-registry.ts';
import { findRegistryUnit, loadRegistryUnits } from '../../repositories/units.repository.ts';

/**
 * Resolves a unit name against the stored registry (see UnitResolver), optionally as written in
 * the document of one unit (`within`) or as the tree stood on a date (`asOf`).
 *
 * @example
 * const r = await resolveUnitName(ctx, 'Văn phòng HĐND&UBND phường', { within: 'HN_P_VINH_TUY' });
 * r.matches[0]?.code // → 'HN_P_VINH_TUY_VP'
 */
export async function resolveUnitName(ctx: AppContext, name: string, context: ResolutionContext = {}): Promise<UnitResolution> {
  if (context.asOf !== undefined && !isIsoDate(context.asOf)) {
    throw new InputError('Ngày không hợp lệ / invalid date', [{ field: 'asOf', message: `"${context.asOf}" không phải YYYY-MM-DD / not YYYY-MM-DD` }]);
  }
  if (context.within !== undefined && !(await findRegistryUnit(ctx.db, context.within))) {
    throw new InputError('Đơn vị ngữ cảnh không tồn tại / unknown context unit', [{ field: 'within', message: `Không có đơn vị mã "${context.within}" / no unit with this code` }]);
  }
  const resolver = new UnitResolver(await loadRegistryUnits(ctx.db));
  return resolver.resolve(name, context);
}
