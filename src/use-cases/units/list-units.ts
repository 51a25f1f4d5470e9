import type { AppContext } from '../../app-context.ts';
import { InputError, type Problem } from '../../domain/errors.ts';
import { foldVietnamese } from '../../domain/units/normalize-unit-name.ts';
import { isIsoDate, isUnitKind } from '../../domain/units/validate-registry.ts';
import type { UnitKind } from '../../domain/units/unit.ts';
import { loadRegistryUnits } from '../../repositories/units.repository.ts';

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
  if (query.kind !== undefined && !isUnitKind(query.kind)) problems.push({ field: 'kind', message: `Loại "${query.kind}" không tồn tại / unknown kind` });
  if (query.asOf !== undefined && !isIsoDate(query.asOf)) problems.push({ field: 'asOf', message: `Ngày "${query.asOf}" không hợp lệ (YYYY-MM-DD) / invalid date` });
  if (problems.length > 0) throw new InputError('Điều kiện lọc không hợp lệ / invalid filter', problems);
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
