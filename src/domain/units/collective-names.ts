/**
 * Collective names denote a set of units, never one: "Sở, ban, ngành" (every agency), "UBND cấp xã"
 * (every commune), "các đơn vị liên quan" (whoever is concerned — unspecified). Plans use them in
 * the lead and coordinating columns; resolving one to a single unit would assign work wrongly.
 */

/** Which set a collective name denotes. `unspecified` sets cannot be enumerated from the registry. */
export type CollectiveSet =
  | 'agencies'
  | 'communes'
  | 'city_and_communes'
  | 'schools'
  | 'clinics'
  | 'residential_groups'
  | 'offices'
  | 'unspecified';

// Canonical (see canonical-unit-name) patterns, whole-string. "cac" (plural marker) is optional.
const ENUMERABLE: [RegExp, CollectiveSet][] = [
  [/^(?:cac |tat ca |100 )?(?:so ban nganh|so nganh|so ban|cac so ban nganh)(?: tp| tp hn| hn)?$/, 'agencies'],
  [/^(?:cac |tat ca )?(?:ubnd )?(?:cap xa|cac xa phuong|cac phuong xa|xa phuong|phuong xa|126 xa phuong)(?: tren dia ban tp)?$/, 'communes'],
  [/^(?:cac |tat ca )?ubnd cac cap$/, 'city_and_communes'],
  // Without a plural marker "Trạm Y tế" or "Tổ dân phố số 1" names one unit, so these need one.
  [/^(?:cac|tat ca|100) (?:truong hoc|truong|co so giao duc)(?: tren dia ban)?(?: phuong)?$/, 'schools'],
  [/^(?:cac|tat ca|100) tram y te(?: phuong)?$/, 'clinics'],
  [/^(?:cac|tat ca|100) tdp(?: tren dia ban)?(?: phuong)?$/, 'residential_groups'],
  [/^(?:cac|tat ca) (?:phong ban|phong ban chuyen mon|phong chuyen mon)(?: thuoc ubnd phuong| phuong)?$/, 'offices'],
];

// Signals of a set whose members the text does not name: "liên quan", "chủ trì hệ thống", plurals.
const UNSPECIFIED: RegExp[] = [
  /\blien quan\b/,
  /^cac /,
  /^(?:nhung|moi|tat ca|toan bo) /,
  /\b(?:so|bo) ban nganh\b/,
  /\bso nganh\b/,
  /\bdon vi\b.*\b(?:thuoc|truc thuoc)\b/,
  /^(?:co quan|don vi|to chuc|doan the)(?: (?:co quan|don vi|to chuc|doan the|chinh tri xa hoi))*$/,
];

/**
 * Classifies a canonical name: the set it denotes, or null when it names one unit.
 *
 * @example
 * classifyCollective('so ban nganh')            // → 'agencies'
 * classifyCollective('cac phong ban don vi lien quan') // → 'unspecified'
 * classifyCollective('so khcn')                 // → null
 */
export function classifyCollective(canonical: string): CollectiveSet | null {
  for (const [pattern, set] of ENUMERABLE) if (pattern.test(canonical)) return set;
  for (const pattern of UNSPECIFIED) if (pattern.test(canonical)) return 'unspecified';
  return null;
}
