import type { AppContext } from '../../app-context.ts';
import { InputError, problem, type Problem } from '../../domain/errors.ts';
import { foldVietnamese } from '../../domain/units/normalize-unit-name.ts';
import { isIsoDate, isUnitKind } from '../../domain/units/validate-registry.ts';
import type { UnitKind } from '../../domain/units/unit.ts';
import { loadRegistryUnits } from '../../repositories/units.repository.ts';
import { message } from '../../domain/messages/message.ts';

export interface UnitSummary {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
}

export interface ListUnitsQuery {
  kind?: string;
  parent?: string;
  /** Words to find in the name or an alias, ignoring case and diacritics ("so khoa hoc"). */
  q?: string;
  /** ISO date: only units valid that day. */
  asOf?: string;
}

/**
 * Lists registry units, parents before children, filtered by kind, parent, validity date and a
 * diacritics-insensitive search over names and aliases.
 *
 * @example
 * await listUnits(ctx, { kind: 'commune', q: 'vinh tuy' }) // → [{ code: 'HN_P_VINH_TUY', … }]
 */
export async function listUnits(ctx: AppContext, query: ListUnitsQuery = {}): Promise<UnitSummary[]> {
  const problems: Problem[] = [];
  if (query.kind !== undefined && !isUnitKind(query.kind)) problems.push(problem({ field: 'kind' }, message('unit.unknown_kind_again', { kind: query.kind })));
  if (query.asOf !== undefined && !isIsoDate(query.asOf)) problems.push(problem({ field: 'asOf' }, message('unit.invalid_date_too', { asOf: query.asOf })));
  if (problems.length > 0) throw new InputError(message('unit.invalid_filter'), problems);
  const units = await loadRegistryUnits(ctx.db, { kind: query.kind, parent: query.parent, asOf: query.asOf });
  const words = query.q ? foldVietnamese(query.q).split(' ').filter(Boolean) : [];
  return units
    .filter((u) => {
      if (words.length === 0) return true;
      const haystack = [u.name, u.code, ...u.aliases].map((s) => ` ${foldVietnamese(s)} `).join('|');
      return words.every((w) => haystack.includes(w));
    })
    .map((u) => ({ code: u.code, name: u.name, kind: u.kind, parent: u.parent }));
}
