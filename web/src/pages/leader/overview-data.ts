import type { OverviewAnswer, OverviewTargetsAnswer } from '../../../../src/http/routes/overview/schema.ts';
import type { Status } from './leader-data.ts';

/** GET /api/v1/overview: the first screen in one answer, as the server's schema types it. */
export type OverviewData = OverviewAnswer;
/** A row of the ranking excerpt. */
export type OverviewRankRow = NonNullable<OverviewAnswer['ranking']>['top'][number];
/** A row of GET /api/v1/overview/targets. */
export type OverviewTarget = OverviewTargetsAnswer['targets'][number];

/** The filters an overview figure opens its list with. `pillar: 'none'` is the ungrouped card. */
export interface TargetFilter {
  unit: string;
  status?: Status | undefined;
  pillar?: string | undefined;
}

/**
 * The screen listing the targets behind a figure: the same filters the server pages with.
 *
 * @example
 * targetListHref({ unit: 'HN', status: 'at_risk' }) // → '/overview/targets?unit=HN&status=at_risk'
 */
export function targetListHref(filter: TargetFilter): string {
  const params = new URLSearchParams({ unit: filter.unit });
  if (filter.pillar) params.set('pillar', filter.pillar);
  if (filter.status) params.set('status', filter.status);
  return `/overview/targets?${params.toString()}`;
}

/**
 * A ranked unit's standing read two ways, never mixed: progress is the points earned out of the
 * maximum of the criteria that have data; coverage is how many applicable criteria have data at
 * all (the rest are "chưa có dữ liệu"). A unit at 30/30 on 2 of 16 criteria is 100% and 13%.
 * Progress keeps one decimal, so 79,7 of 80 reads 99,6% — never "100%" for a unit not at its maximum.
 *
 * @example
 * standingOf({ score: 30, max: 30, coverage: { withData: 2, missing: 14 } })
 * // → { progress: 100, coverage: 13, withData: 2, criteria: 16, missing: 14 }
 */
export function standingOf(row: Pick<OverviewRankRow, 'score' | 'max' | 'coverage'>): { progress: number | null; coverage: number | null; withData: number; criteria: number; missing: number } {
  const criteria = row.coverage.withData + row.coverage.missing;
  return {
    progress: row.max > 0 ? Math.round((row.score / row.max) * 1000) / 10 : null,
    coverage: criteria > 0 ? Math.round((row.coverage.withData / criteria) * 100) : null,
    withData: row.coverage.withData,
    criteria,
    missing: row.coverage.missing,
  };
}

/** Reads the list screen's filters from its query string; unknown statuses are dropped, not guessed. */
export function filterFromQuery(query: URLSearchParams, fallbackUnit: string): TargetFilter {
  const status = query.get('status');
  const known: readonly string[] = ['met', 'on_track', 'at_risk', 'missed', 'no_data', 'unlinked'];
  return {
    unit: query.get('unit') || fallbackUnit,
    status: status && known.includes(status) ? (status as Status) : undefined,
    pillar: query.get('pillar') || undefined,
  };
}
