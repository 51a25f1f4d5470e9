/**
 * Ranks scored units. Units are compared on score ÷ max, so a unit that is not scored on a criterion
 * that does not apply to it is not penalised for it; the ratio is compared to six decimals (scores are
 * kept to two), so units with equal scores tie. Ties share a rank and the next rank is skipped
 * ("1, 2, 2, 4": standard competition ranking, as sports tables and the DTI report print them). A
 * unit with max 0 (nothing applies) ranks last.
 *
 * Progress and data coverage are two figures (issue #12): under a framework that leaves missing data
 * out of the maximum, a ward with one criterion measured at 100% would otherwise come first, ahead of
 * wards whose every criterion is known. So:
 * - a unit whose coverage (applicable criteria with data ÷ applicable criteria) is below the
 *   framework's `minCoverage` times the best coverage among the units ranked with it is ranked after
 *   every unit that reaches it (`lowCoverage`), among its like by the same rule — its progress rests
 *   on too little, next to its peers, to compare. Relative to the best, not to all criteria: before
 *   the year's appraisal no ward has its assessed criteria, and that alone marks nobody;
 * - within a tie, the unit with more coverage is listed first (then by code); the tie still shares
 *   its rank, because a unit whose known targets are met is not behind one that merely reported more.
 * A unit given without coverage counts as fully covered.
 *
 * @example
 * rankScores([{ unit: 'A', score: 8, max: 10 }, { unit: 'B', score: 8, max: 10 }, { unit: 'C', score: 9, max: 10 }]);
 * // → C rank 1, A rank 2, B rank 2
 */
export function rankScores<T extends RankInput>(scores: readonly T[], options: { minCoverage?: number } = {}): (T & { rank: number; lowCoverage: boolean })[] {
  const floor = coverageFloor(scores, options.minCoverage ?? 0);
  const keyed = scores.map((s) => {
    const share = coverageShare(s);
    return { s, key: rankKey(s), share, low: share < floor };
  });
  keyed.sort((a, b) => Number(a.low) - Number(b.low) || b.key - a.key || b.share - a.share || (a.s.unit < b.s.unit ? -1 : a.s.unit > b.s.unit ? 1 : 0));
  const out: (T & { rank: number; lowCoverage: boolean })[] = [];
  let rank = 0;
  keyed.forEach((k, i) => {
    const prev = keyed[i - 1];
    if (!prev || k.key !== prev.key || k.low !== prev.low) rank = i + 1;
    out.push({ ...k.s, rank, lowCoverage: k.low });
  });
  return out;
}

export interface RankInput {
  unit: string;
  score: number;
  max: number;
  /** Applicable criteria with data and without (scoreCoverage); absent: fully covered. */
  coverage?: { withData: number; missing: number } | null;
}

/** What ranks compare: score ÷ max to six decimals, −1 when nothing applies. */
export function rankKey(s: { score: number; max: number }): number {
  return s.max > 0 ? Math.round((s.score / s.max) * 1e6) / 1e6 : -1;
}

/** Applicable criteria with data ÷ applicable criteria; 1 when not given or nothing applies. */
export function coverageShare(s: Pick<RankInput, 'coverage'>): number {
  const c = s.coverage;
  if (!c) return 1;
  const all = c.withData + c.missing;
  return all > 0 ? c.withData / all : 1;
}

/**
 * The coverage below which a unit is `lowCoverage` among these units: `minCoverage` × the best
 * coverage among them (units with nothing applicable left out). 0 when there is no floor.
 *
 * @example
 * coverageFloor([{ coverage: { withData: 6, missing: 10 } }, { coverage: { withData: 2, missing: 14 } }], 0.5) // → 0.1875 (half of 6/16)
 */
export function coverageFloor(units: readonly Pick<RankInput, 'coverage'>[], minCoverage: number): number {
  if (!(minCoverage > 0)) return 0;
  let best = 0;
  for (const u of units) {
    if (u.coverage && u.coverage.withData + u.coverage.missing === 0) continue;
    best = Math.max(best, coverageShare(u));
  }
  return minCoverage * best;
}
