import type { AppContext } from '../../app-context.ts';
import { can } from '../../domain/access/authorize.ts';
import { ForbiddenError, InputError } from '../../domain/errors.ts';
import { AREA_TYPE_CODES, type AreaType } from '../../domain/problems/problem-vocabulary.ts';
import { listUnitAreaTypes, unitIdByCode, upsertUnitAreaType } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { cityCode, type ProblemAccess } from './problem-access.ts';

/**
 * Step 1: the city classifies a ward by area type (nội đô / ven đô / nông thôn). The city decides
 * it: a unit administrator of the city (root). Audited; problems of the ward without an area type
 * of their own take it in the catalogue.
 */
export async function setUnitAreaType(ctx: AppContext, access: ProblemAccess, unit: string, areaType: string): Promise<{ unit: string; areaType: AreaType; before: string | null }> {
  if (!(AREA_TYPE_CODES as string[]).includes(areaType)) throw new InputError('Loại địa bàn không hợp lệ / invalid area type', [{ field: 'areaType', message: `"${areaType}" không phải một trong / is not one of: ${AREA_TYPE_CODES.join(', ')}` }]);
  const found = await unitIdByCode(ctx.db, unit);
  if (!found) throw new InputError('Đơn vị không hợp lệ / invalid unit', [{ field: 'unit', message: `không có đơn vị "${unit}" / unknown unit` }]);
  const city = await cityCode(ctx);
  if (!can(access.principal, 'administer', city, await access.subtree([city]))) {
    throw new ForbiddenError(`Phân loại địa bàn do Thành phố quyết định (quản trị cấp ${city}) / area types are set by the city (unit administrator of ${city})`);
  }
  const before = await ctx.db.transaction().execute(async (trx) => {
    const at = ctx.now();
    const previous = await upsertUnitAreaType(trx, found.id, areaType, access.actor, at);
    await recordAudit(trx, { actor: access.actor, action: 'set_area_type', entity: 'unit', entityId: unit, before: { areaType: previous }, after: { areaType }, at });
    return previous;
  });
  return { unit, areaType: areaType as AreaType, before };
}

export async function listAreaTypes(ctx: AppContext) {
  return listUnitAreaTypes(ctx.db);
}
