import type { Status } from './leader-data.ts';

/** One unit of GET /api/v1/units/behind (src/use-cases/units/list-units-behind.ts). */
export interface BehindUnit {
  code: string;
  name: string | null;
  kind: string;
  score: number;
  counts: Record<Status, number>;
  total: number;
  reasons: { code: string; text: string | null; status: Status; current: number | null; goal: number | null; op: string; gap: number | null; due: string | null; pMiss: number; weight: number }[];
  openAlerts: number;
  coverage: number | null;
  rank?: number;
}

export interface UnitsBehind {
  unit: { code: string; name: string | null };
  asOf: string;
  level: string | null;
  ranked: (BehindUnit & { rank: number })[];
  noData: BehindUnit[];
}

/** The levels a leader picks from: wards, departments, or whatever lies directly below. */
export const BEHIND_LEVELS = ['commune', 'agency', 'children'] as const;
export type BehindLevel = (typeof BEHIND_LEVELS)[number];

/**
 * The API path for a unit and level ("children": no level, the units directly below).
 *
 * @example
 * behindQuery('HN', 'commune') // → '/api/v1/units/behind?unit=HN&level=commune'
 */
export function behindQuery(unit: string, level: BehindLevel): string {
  const params = new URLSearchParams({ unit });
  if (level !== 'children') params.set('level', level);
  return `/api/v1/units/behind?${params.toString()}`;
}
