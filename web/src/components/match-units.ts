import { foldForSearch } from '../app/format.ts';

export interface NamedUnit { code: string; name: string; kind: string }

/**
 * Units whose name (or code) contains every word of the query, ignoring diacritics and case:
 * "Phường Ngọc Hà", "phuong ngoc ha" and "ngoc ha" all find Phường Ngọc Hà. Names that start with
 * the query come first, then by name; at most `limit`.
 *
 * @example
 * matchUnits([{ code: 'HN_P_NGOC_HA', name: 'Phường Ngọc Hà', kind: 'commune' }], 'ngoc ha')[0].code // → 'HN_P_NGOC_HA'
 */
export function matchUnits<U extends NamedUnit>(units: readonly U[], query: string, limit = 8): U[] {
  const words = foldForSearch(query.normalize('NFC')).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const folded = foldForSearch(query.trim());
  const scored = units
    .map((u) => ({ u, name: foldForSearch(u.name), hay: `${foldForSearch(u.name)} ${u.code.toLowerCase()}` }))
    .filter((x) => words.every((w) => x.hay.includes(w)));
  scored.sort((a, b) => Number(b.name.startsWith(folded) || b.name.includes(` ${folded}`)) - Number(a.name.startsWith(folded) || a.name.includes(` ${folded}`)) || a.u.name.localeCompare(b.u.name, 'vi'));
  return scored.slice(0, limit).map((x) => x.u);
}
