import { classifyCollective, type CollectiveSet } from './collective-names.ts';
import { letterProfile, provablyDissimilar, similarity } from './edit-distance.ts';
import {
  canonicalUnitName,
  contractFolded,
  foldVietnamese,
  stripCityQualifier,
  stripCommuneWord,
  stripLeadingNoise,
} from './normalize-unit-name.ts';
import type { RegistryUnit, ResolutionContext, UnitMatch, UnitResolution } from './unit.ts';

/** How much a key is worth when matched exactly; fuzzy matches scale it down by their similarity. */
const WEIGHT = {
  /** The unit's name or an alias, as written. */
  name: 1,
  /** Name or alias without a trailing city qualifier ("Sở Y tế Hà Nội" ~ "Sở Y tế"). */
  unqualified: 0.97,
  /** A commune's office named without its commune ("Phòng Văn hóa - Xã hội"), seen from anywhere. */
  generic: 0.95,
  /** The same, in a document of that very commune (`within`). */
  genericWithin: 0.98,
} as const;

/** A name cut short ("Phòng Kinh tế" for "Phòng Kinh tế, Hạ tầng và Đô thị") scores this… */
const PREFIX_SCORE = 0.85;
/** …when it has several words and this many letters: "Sở Tài" says too little. */
const PREFIX_MIN_LENGTH = 8;
/** Matches scoring below this are not offered at all. */
const MIN_SCORE = 0.8;
/** The best match is ambiguous when the runner-up is this close. */
const AMBIGUITY_MARGIN = 0.03;
/** Units that have ended (validTo set) rank below current ones when no date is asked. */
const ENDED_FACTOR = 0.9;
const MAX_MATCHES = 8;

type KeyKind = keyof typeof WEIGHT;

/** A name in both forms: contracted (exact lookup, typos in abbreviations) and folded (typos in long words). */
interface Spelling {
  contracted: string;
  folded: string | null;
}

interface IndexedKey {
  text: string;
  folded: string | null;
  textProfile: Uint8Array;
  foldedProfile: Uint8Array | null;
  unit: RegistryUnit;
  kind: Exclude<KeyKind, 'genericWithin'>;
  /** For generic keys: the commune the unit belongs to. */
  commune: string | null;
}

interface QueryVariant {
  text: string;
  folded: string | null;
  textProfile: Uint8Array;
  foldedProfile: Uint8Array | null;
  /** True when a city qualifier was removed: such a query names a city body, never a ward's. */
  cityStripped: boolean;
  penalty: number;
}

/**
 * Resolves free-text unit names (as plans write them) to registry units, best first, each with a
 * score in [0, 1]. Exact names and aliases score 1 in any spelling (case, diacritics, punctuation,
 * abbreviations); typos and qualifier differences score less; collective names return the set they
 * denote; near ties are flagged `ambiguous` rather than guessed.
 *
 * @example
 * const resolver = new UnitResolver(loadBuiltInRegistry());
 * resolver.resolve('so khoa hoc va cong nghe').matches[0]?.code       // → 'HN_SO_KHCN'
 * resolver.resolve('Văn phòng HỘND&UBND phường', { within: 'HN_P_VINH_TUY' })
 * resolver.resolve('Sở, ban, ngành').collective                        // → true
 */
export class UnitResolver {
  private readonly units: RegistryUnit[];
  private readonly byCode = new Map<string, RegistryUnit>();
  private readonly exact = new Map<string, IndexedKey[]>();
  private readonly keys: IndexedKey[] = [];
  private readonly byTextLength: IndexedKey[];
  private readonly byFoldedLength: IndexedKey[];
  private readonly byText: IndexedKey[];

  constructor(units: RegistryUnit[]) {
    this.units = units;
    for (const unit of units) this.byCode.set(unit.code, unit);
    for (const unit of units) for (const key of this.keysOf(unit)) this.addKey(key);
    this.byTextLength = [...this.keys].sort((a, b) => a.text.length - b.text.length);
    this.byFoldedLength = this.keys.filter((k) => k.folded !== null).sort((a, b) => (a.folded?.length ?? 0) - (b.folded?.length ?? 0));
    this.byText = [...this.keys].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  }

  resolve(name: string, context: ResolutionContext = {}): UnitResolution {
    const input = typeof name === 'string' ? name.normalize('NFC') : '';
    const folded = foldVietnamese(input);
    const canonical = stripLeadingNoise(contractFolded(folded));
    if (canonical === '') return { input, collective: false, matches: [] };

    const collective = classifyCollective(canonical);
    if (collective) {
      return { input, collective: true, matches: this.membersOf(collective, context) };
    }

    const scores = new Map<string, number>();
    for (const variant of queryVariants(canonical, stripLeadingNoise(folded))) {
      const valid = this.exact.get(variant.text)?.filter((key) => isValidOn(key.unit, context.asOf));
      const exactHits = valid && valid.length > 0 ? valid : undefined;
      const candidates: Iterable<[IndexedKey, number]> = exactHits ? exactHits.map((key) => [key, 1]) : this.fuzzyCandidates(variant);
      for (const [key, base] of candidates) {
        if (key.kind === 'generic' && variant.cityStripped) continue;
        let weight: number = WEIGHT[key.kind];
        if (key.kind === 'generic' && context.within && key.commune === context.within) weight = WEIGHT.genericWithin;
        // A fuzzy match is never as good as an exact one, however close.
        let score = Math.min(base * weight * variant.penalty, exactHits ? 1 : 0.99);
        if (!context.asOf && key.unit.validTo !== null) score *= ENDED_FACTOR;
        if (score < MIN_SCORE) continue;
        if (!isValidOn(key.unit, context.asOf)) continue;
        const previous = scores.get(key.unit.code) ?? 0;
        if (score > previous) scores.set(key.unit.code, score);
      }
      // An exact hit on the name as written settles it; variants would only add weaker echoes.
      if (exactHits && variant.penalty === 1 && !variant.cityStripped) break;
    }

    // In a commune's own document, its offices outrank the same generic name elsewhere.
    if (context.within) {
      const inside = [...scores.keys()].filter((code) => this.communeOf(code) === context.within);
      if (inside.length > 0) {
        for (const code of [...scores.keys()]) {
          const commune = this.communeOf(code);
          if (commune !== null && commune !== context.within) scores.delete(code);
        }
      }
    }

    const matches = [...scores.entries()]
      .map(([code, score]) => toMatch(this.byCode.get(code) as RegistryUnit, score))
      .sort(byScoreThenName)
      .slice(0, MAX_MATCHES);
    const resolution: UnitResolution = { input, collective: false, matches };
    const [first, second] = matches;
    if (first && second && first.score - second.score < AMBIGUITY_MARGIN) resolution.ambiguous = true;
    return resolution;
  }

  /**
   * Keys within edit distance of a variant (contracted or folded form) or starting with it, with
   * their similarity. Only keys of a compatible length are visited: at similarity ≥ 0.8 a key can
   * be at most a quarter longer or a fifth shorter than the query.
   */
  private fuzzyCandidates(variant: QueryVariant): Map<IndexedKey, number> {
    const out = new Map<IndexedKey, number>();
    const consider = (key: IndexedKey, score: number) => {
      if (score >= MIN_SCORE && score > (out.get(key) ?? 0)) out.set(key, score);
    };
    for (const key of keysOfLength(this.byTextLength, (k) => k.text.length, variant.text.length)) {
      if (!provablyDissimilar(variant.textProfile, variant.text.length, key.textProfile, key.text.length, MIN_SCORE)) {
        consider(key, similarity(variant.text, key.text, MIN_SCORE));
      }
    }
    if (variant.folded !== null && variant.foldedProfile !== null) {
      for (const key of keysOfLength(this.byFoldedLength, (k) => k.folded?.length ?? 0, variant.folded.length)) {
        if (key.folded === null || key.foldedProfile === null) continue;
        if (!provablyDissimilar(variant.foldedProfile, variant.folded.length, key.foldedProfile, key.folded.length, MIN_SCORE)) {
          consider(key, similarity(variant.folded, key.folded, MIN_SCORE));
        }
      }
    }
    if (variant.text.length >= PREFIX_MIN_LENGTH && variant.text.includes(' ')) {
      const prefix = `${variant.text} `;
      for (let i = lowerBound(this.byText, prefix); i < this.byText.length; i++) {
        const key = this.byText[i] as IndexedKey;
        if (!key.text.startsWith(prefix)) break;
        consider(key, PREFIX_SCORE);
      }
    }
    return out;
  }

  /** The unit with this code, if the registry has it. */
  unit(code: string): RegistryUnit | undefined {
    return this.byCode.get(code);
  }

  private addKey(key: IndexedKey): void {
    if (key.text === '') return;
    const list = this.exact.get(key.text);
    if (list?.some((k) => k.unit === key.unit && WEIGHT[k.kind] >= WEIGHT[key.kind])) return;
    if (list) list.push(key);
    else this.exact.set(key.text, [key]);
    this.keys.push(key);
  }

  private keysOf(unit: RegistryUnit): IndexedKey[] {
    const keys: IndexedKey[] = [];
    const push = (spelling: Spelling, kind: IndexedKey['kind'], commune: string | null = null) =>
      keys.push({
        text: spelling.contracted,
        folded: spelling.folded,
        textProfile: letterProfile(spelling.contracted),
        foldedProfile: spelling.folded === null ? null : letterProfile(spelling.folded),
        unit,
        kind,
        commune,
      });
    const spellings = [unit.name, ...unit.aliases].map(spell);
    if (unit.kind === 'commune' || unit.kind === 'city') {
      // "UBND phường Vĩnh Tuy" and "phường Vĩnh Tuy" are the same body.
      for (const s of [...spellings]) spellings.push({ contracted: `ubnd ${s.contracted}`, folded: `uy ban nhan dan ${s.folded}` });
    }
    for (const s of spellings) push(s, 'name');
    for (const s of spellings) {
      const unqualified = stripCityQualifier(s.contracted);
      if (unqualified !== s.contracted) push({ contracted: unqualified, folded: null }, 'unqualified');
    }
    if (unit.kind === 'commune') {
      // The bare place name ("Vĩnh Tuy") names the commune too.
      for (const s of spellings) {
        const bare = mapSpelling(s, (t) => t.replace(/^(?:ubnd |uy ban nhan dan )?(?:phuong|xa) /, ''));
        if (bare.contracted !== s.contracted) push(bare, 'unqualified');
      }
    }
    const commune = this.communeOf(unit.code);
    if (commune !== null && commune !== unit.code) {
      const communeUnit = this.byCode.get(commune) as RegistryUnit;
      const places = [communeUnit.name, ...communeUnit.aliases]
        .map(spell)
        .map((p) => mapSpelling(p, (t) => t.replace(/^(?:ubnd |uy ban nhan dan )?(?:phuong|xa) /, '')))
        .filter((p) => p.contracted.length > 0);
      for (const s of spellings) {
        for (const place of places) {
          // "Phòng Văn hóa - Xã hội phường Vĩnh Tuy" → "… phường" and "…": how the ward's own papers say it.
          const cut = (text: string, placeText: string) => text.replace(new RegExp(`(?: (?:phuong|xa))? ${escapeRegExp(placeText)}$`), '');
          const contracted = cut(s.contracted, place.contracted);
          if (contracted === s.contracted || contracted.length === 0) continue;
          const folded = s.folded === null || place.folded === null ? null : cut(s.folded, place.folded);
          const word = s.contracted.includes(` xa ${place.contracted}`) ? 'xa' : 'phuong';
          push({ contracted: `${contracted} ${word}`, folded: folded === null ? null : `${folded} ${word}` }, 'generic', commune);
          push({ contracted, folded }, 'generic', commune);
        }
      }
    }
    return keys;
  }

  /** The commune a unit lies in (itself for a commune), or null for city-level units. */
  private communeOf(code: string): string | null {
    const seen = new Set<string>();
    let current = this.byCode.get(code);
    while (current && !seen.has(current.code)) {
      if (current.kind === 'commune') return current.code;
      seen.add(current.code);
      current = current.parent ? this.byCode.get(current.parent) : undefined;
    }
    return null;
  }

  private membersOf(set: CollectiveSet, context: ResolutionContext): UnitMatch[] {
    const valid = this.units.filter((u) => isValidOn(u, context.asOf) && (context.asOf || u.validTo === null));
    const inScope = (u: RegistryUnit) => !context.within || this.communeOf(u.code) === context.within;
    let members: RegistryUnit[];
    switch (set) {
      case 'agencies':
        // The city's own departments and agencies, not central bodies that happen to sit in it.
        members = valid.filter((u) => u.kind === 'agency' && u.parent !== null && this.byCode.get(u.parent)?.kind === 'city');
        break;
      case 'communes':
        members = valid.filter((u) => u.kind === 'commune');
        break;
      case 'city_and_communes':
        members = valid.filter((u) => u.kind === 'city' || u.kind === 'commune');
        break;
      case 'schools':
        members = valid.filter((u) => u.kind === 'school' && inScope(u));
        break;
      case 'clinics':
        members = valid.filter((u) => u.kind === 'clinic' && inScope(u));
        break;
      case 'residential_groups':
        members = valid.filter((u) => u.kind === 'residential_group' && inScope(u));
        break;
      case 'offices':
        // Without a commune to look in, "các phòng, ban" could be any commune's: unspecified.
        members = context.within ? valid.filter((u) => u.kind === 'office' && inScope(u)) : [];
        break;
      case 'unspecified':
        members = [];
        break;
    }
    return members.map((u) => toMatch(u, 1)).sort(byScoreThenName);
  }
}

function queryVariants(canonical: string, folded: string): QueryVariant[] {
  const variant = (text: string, foldedText: string | null, cityStripped: boolean, penalty: number): QueryVariant => ({
    text,
    folded: foldedText,
    textProfile: letterProfile(text),
    foldedProfile: foldedText === null ? null : letterProfile(foldedText),
    cityStripped,
    penalty,
  });
  const variants = [variant(canonical, folded, false, 1)];
  const unqualified = stripCityQualifier(canonical);
  if (unqualified !== canonical) variants.push(variant(unqualified, null, true, WEIGHT.unqualified));
  const withoutCommuneWord = stripCommuneWord(canonical);
  if (withoutCommuneWord !== canonical) variants.push(variant(withoutCommuneWord, stripCommuneWord(folded), false, 1));
  return variants;
}

/** The keys whose length (by `lengthOf`, sorted ascending) could reach similarity MIN_SCORE with a query of `length`. */
function* keysOfLength(sorted: IndexedKey[], lengthOf: (k: IndexedKey) => number, length: number): Generator<IndexedKey> {
  const min = Math.ceil(length * MIN_SCORE);
  const max = Math.floor(length / MIN_SCORE);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lengthOf(sorted[mid] as IndexedKey) < min) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length; i++) {
    const key = sorted[i] as IndexedKey;
    if (lengthOf(key) > max) return;
    yield key;
  }
}

/** First index in `sorted` (by text) whose text is not below `text`. */
function lowerBound(sorted: IndexedKey[], text: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as IndexedKey).text < text) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function spell(name: string): Spelling {
  return { contracted: canonicalUnitName(name), folded: foldVietnamese(name) };
}

function mapSpelling(s: Spelling, f: (text: string) => string): Spelling {
  return { contracted: f(s.contracted), folded: s.folded === null ? null : f(s.folded) };
}

function isValidOn(unit: RegistryUnit, asOf: string | undefined): boolean {
  if (!asOf) return true;
  return (unit.validFrom === null || unit.validFrom <= asOf) && (unit.validTo === null || unit.validTo >= asOf);
}

function toMatch(unit: RegistryUnit, score: number): UnitMatch {
  return { code: unit.code, name: unit.name, kind: unit.kind, score: Math.round(score * 1000) / 1000 };
}

function byScoreThenName(a: UnitMatch, b: UnitMatch): number {
  return b.score - a.score || a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
