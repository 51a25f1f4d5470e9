import type { CriterionScore } from './score.ts';

/**
 * How much of a score is known: applicable criteria with data (or appraised) and those still
 * missing. Shown beside the score, never folded into it — whether a missing figure scores 0 or
 * leaves the maximum is the framework's `missingData` rule (docs/scoring.md).
 *
 * @example
 * scoreCoverage([{ applicable: true, missing: false }, { applicable: true, missing: true }, { applicable: false }]) // → { withData: 1, missing: 1 }
 */
export function scoreCoverage(explain: readonly Pick<CriterionScore, 'applicable' | 'missing'>[]): { withData: number; missing: number } {
  const coverage = { withData: 0, missing: 0 };
  for (const line of explain) if (line.applicable) coverage[line.missing ? 'missing' : 'withData'] += 1;
  return coverage;
}
