/** Kinds of node in the administrative tree. */
export const UNIT_KINDS = ['city', 'agency', 'commune', 'office', 'school', 'clinic', 'residential_group', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A unit as the registry knows it, independent of storage. */
export interface RegistryUnit {
  code: string;
  name: string;
  kind: UnitKind;
  /** Code of the parent unit, null for the root. */
  parent: string | null;
  aliases: string[];
  /** ISO dates; null means open-ended. */
  validFrom: string | null;
  validTo: string | null;
  /** Codes of the units that took this one over (mergers), with the date they did. */
  successors: { code: string; effectiveOn: string }[];
}

export interface UnitMatch {
  code: string;
  name: string;
  kind: UnitKind;
  /** 0..1, 1 for an exact (normalised) name or alias. */
  score: number;
}

/**
 * What a name resolves to. `collective` names ("Sở, ban, ngành", "UBND cấp xã", "các đơn vị liên
 * quan") denote a set, never one unit; `matches` then lists the set's members when the registry can
 * enumerate them, or nothing when the set is unspecified. Several matches with close scores mean the
 * name is ambiguous: the caller reports it rather than guessing.
 */
export interface UnitResolution {
  input: string;
  collective: boolean;
  matches: UnitMatch[];
  /** Set when the best match is not clearly better than the next one. */
  ambiguous?: boolean;
}

/** Where a name was written, so that "phòng Văn hóa - Xã hội" in a ward's plan means that ward's office. */
export interface ResolutionContext {
  /** Code of the unit whose document this is (e.g. the ward issuing the plan). */
  within?: string;
  /** Resolve as the tree stood on this ISO date (units valid then). */
  asOf?: string;
}
