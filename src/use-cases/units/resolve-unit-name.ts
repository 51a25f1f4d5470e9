import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import type { ResolutionContext, UnitResolution } from '../../domain/units/unit.ts';
import { UnitResolver } from '../../domain/units/unit-resolver.ts';
import { isIsoDate } from '../../domain/units/validate-registry.ts';
import { findRegistryUnit, loadRegistryUnits } from '../../repositories/units.repository.ts';
import { message } from '../../domain/messages/message.ts';

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
    throw new InputError(message('unit.invalid_date_here'), [problem({ field: 'asOf' }, message('unit.not_yyyy_mm_dd', { asOf: context.asOf }))]);
  }
  if (context.within !== undefined && !(await findRegistryUnit(ctx.db, context.within))) {
    throw new InputError(message('unit.unknown_context_unit'), [problem({ field: 'within' }, message('unit.no_unit_with_code', { within: context.within }))]);
  }
  const resolver = new UnitResolver(await loadRegistryUnits(ctx.db));
  return resolver.resolve(name, context);
}
