import { fold } from './text-folding.ts';

// Headers name the same body in several ways: "UBND thành phố Hà Nội", "ỦY BAN NHÂN DÂN THÀNH PHỐ
// HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội". The reader's wording of an issuer changed over time
// too, so a plan stored under one wording must still be found when its next version reads another.
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\btp\.?\s/g, 'thanh pho '],
];

/**
 * A key under which two wordings of one issuing body compare equal: folded (no diacritics, lower
 * case), abbreviations spelt out, punctuation and runs of spaces reduced to one space. A bare
 * authority line ("Ủy ban nhân dân", without the place) keeps its own key: it does not name the body.
 *
 * @example issuerKey('UBND thành phố Hà Nội') === issuerKey('Ủy ban nhân dân Thành phố Hà Nội') // true
 */
export function issuerKey(issuer: string | null): string | null {
  if (issuer === null) return null;
  let key = ` ${fold(issuer.normalize('NFC'))} `.replace(/[^\p{L}\p{N}]+/gu, ' ');
  for (const [pattern, spelt] of ABBREVIATIONS) key = key.replace(pattern, spelt);
  return key.replace(/\s+/g, ' ').trim();
}
