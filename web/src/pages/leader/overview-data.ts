import type { Status } from './leader-data.ts';

/** GET /api/v1/overview (src/http/routes/overview/schema.ts): the first screen in one answer. */
type Counts = Record<Status, number>;
export interface OverviewRankRow {
  unit: string;
  name: string | null;
  score: number;
  max: number;
  rank: number;
  coverage: { withData: number; missing: number };
}
export interface OverviewData {
  unit: { code: string; name: string | null };
  asOf: string;
  targets: { total: number; counts: Counts };
  pillars?: {
    framework: { code: string; version: string; name: string } | null;
    groups: { id: string; name: string; total: number; counts: Counts }[];
    ungrouped: { total: number; counts: Counts };
  };
  alerts?: { open: number; critical: number; warning: number; info: number };
  risks: { code: string; text: string | null; unit: string | null; unitName: string | null; status: Status; pMiss: number; due: string | null }[];
  ranking: { framework: string; version: string; period: string; kind: string; ranked: number; top: OverviewRankRow[]; bottom: OverviewRankRow[] } | null;
  lateReports: { periods: string[]; due: number; late: number; missing: number; lateCount: number; units: { code: string; name: string; lateCount: number }[] };
}

/** A row of GET /api/v1/overview/targets. */
export interface OverviewTarget {
  code: string;
  status: Status;
  text: string | null;
  unit: string | null;
  unitName: string | null;
  current: number | null;
  goal: number | null;
  op: string;
  due: string | null;
  pMiss: number;
  reason: string;
  reasonEn: string;
  pillar: { id: string; name: string } | null;
}

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
 *
 * @example
 * standingOf({ score: 30, max: 30, coverage: { withData: 2, missing: 14 } })
 * // → { progress: 100, coverage: 13, withData: 2, criteria: 16, missing: 14 }
 */
export function standingOf(row: Pick<OverviewRankRow, 'score' | 'max' | 'coverage'>): { progress: number | null; coverage: number | null; withData: number; criteria: number; missing: number } {
  const criteria = row.coverage.withData + row.coverage.missing;
  return {
    progress: row.max > 0 ? Math.round((row.score / row.max) * 100) : null,
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
