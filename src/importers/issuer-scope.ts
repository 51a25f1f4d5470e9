// Which units the city's registry can name: a plan issued by another province, or by a ministry,
// names its own province's departments and national bodies, which share their names with the city's
// ("Sở Tài chính") but are other units. Those are kept as written and flagged, never given a city code.
import { fold } from '../domain/plans/text-folding.ts';

/** The city whose units the built-in registry holds. */
export const REGISTRY_CITY = 'Hà Nội';

/**
 * The issuer's jurisdiction when it lies outside the registry's city ("tỉnh Bắc Ninh", "Bộ Y tế"),
 * else null (the city, one of its wards or agencies, or an issuer not named).
 *
 * @example issuerOutsideCity('Ủy ban nhân dân tỉnh Bắc Ninh') // 'tỉnh Bắc Ninh'
 */
export function issuerOutsideCity(issuer: string | null, city = REGISTRY_CITY): string | null {
  if (!issuer) return null;
  const f = fold(issuer);
  if (f.includes(fold(city))) return null;
  const province = /(?:^|\s)(tinh|thanh pho)\s+(?!uy\b)(\S.*)$/.exec(f);
  // "UBND thành phố" with no name is the city's own committee.
  if (province?.[1] === 'tinh' || (province?.[1] === 'thanh pho' && province[2])) {
    const start = issuer.length - (province[0].trimStart().length);
    return issuer.slice(start).trim();
  }
  // A party committee's place: "Tỉnh ủy Bắc Ninh", "Ban Chỉ đạo 57 Tỉnh ủy Bắc Ninh" → "tỉnh Bắc Ninh".
  const party = /(?:^|\s)(tinh|thanh) uy\s+(\S.*)$/.exec(f);
  if (party?.[2]) {
    const name = issuer.slice(issuer.length - party[2].length).trim();
    return `${party[1] === 'tinh' ? 'tỉnh' : 'thành phố'} ${name}`;
  }
  // National bodies (the Government, ministries) have no unit in a city's registry.
  if (/^(?:bo|tong cuc)\s/.test(f) || /^(?:thu tuong )?chinh phu$/.test(f)) return issuer;
  return null;
}

/** A national body ("Bộ Công an", "Tổng cục Thống kê"): never one of a city's units. */
export function isNationalBody(name: string): boolean {
  return /^(?:bo|tong cuc)\s+\S/.test(fold(name)) && !/^bo (?:chi huy|phan)\b/.test(fold(name));
}
