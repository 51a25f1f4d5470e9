/**
 * Ranks scored units. Units are compared on score ÷ max, so a unit that is not scored on a criterion
 * that does not apply to it is not penalised for it; the ratio is compared to six decimals (scores are
 * kept to two), so units with equal scores tie. Ties share a rank and the next rank is skipped
 * ("1, 2, 2, 4": standard competition ranking, as sports tables and the DTI report print them). Tied
 * units are listed by code. A unit with max 0 (nothing applies) ranks last.
 *
 * @example
 * rankScores([{ unit: 'A', score: 8, max: 10 }, { unit: 'B', score: 8, max: 10 }, { unit: 'C', score: 9, max: 10 }]);
 * // → C rank 1, A rank 2, B rank 2
 */
export function rankScores<T extends { unit: string; score: number; max: number }>(scores: readonly T[]): (T & { rank: number })[] {
  const keyed = scores.map((s) => ({ s, key: rankKey(s) }));
  keyed.sort((a, b) => b.key - a.key || (a.s.unit < b.s.unit ? -1 : a.s.unit > b.s.unit ? 1 : 0));
  const out: (T & { rank: number })[] = [];
  let rank = 0;
  keyed.forEach((k, i) => {
    if (i === 0 || k.key !== keyed[i - 1]?.key) rank = i + 1;
    out.push({ ...k.s, rank });
  });
  return out;
}

/** What ranks compare: score ÷ max to six decimals, −1 when nothing applies. */
export function rankKey(s: { score: number; max: number }): number {
  return s.max > 0 ? Math.round((s.score / s.max) * 1e6) / 1e6 : -1;
}
