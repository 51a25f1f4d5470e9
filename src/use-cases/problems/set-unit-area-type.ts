import type { AppContext } from '../../app-context.ts';
import { can } from '../../domain/access/authorize.ts';
import { ForbiddenError, InputError, problem } from '../../domain/errors.ts';
import { AREA_TYPE_CODES, type AreaType } from '../../domain/problems/problem-vocabulary.ts';
import { listUnitAreaTypes, unitIdByCode, upsertUnitAreaType } from '../../repositories/problems.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { cityCode, type ProblemAccess } from './problem-access.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Step 1: the city classifies a ward by area type (nội đô / ven đô / nông thôn). The city decides
 * it: a unit administrator of the city (root). Audited; problems of the ward without an area type
 * of their own take it in the catalogue.
 */
export async function setUnitAreaType(ctx: AppContext, access: ProblemAccess, unit: string, areaType: string): Promise<{ unit: string; areaType: AreaType; before: string | null }> {
  if (!(AREA_TYPE_CODES as string[]).includes(areaType)) throw new InputError(message('problem.invalid_area_type'), [problem({ field: 'areaType' }, message('http.filter_value_not_one_of', { value: areaType, allowed: AREA_TYPE_CODES.join(', ') }))]);
  const found = await unitIdByCode(ctx.db, unit);
  if (!found) throw new InputError(message('problem.invalid_unit'), [problem({ field: 'unit' }, message('problem.unknown_unit', { unit }))]);
  const city = await cityCode(ctx);
  if (!can(access.principal, 'administer', city, await access.subtree([city]))) {
    throw new ForbiddenError(message('problem.area_types_set_by_city', { city }));
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
