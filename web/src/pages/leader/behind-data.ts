import type { UnitsBehindView } from '../../../../src/http/routes/behind/schema.ts';

/** GET /api/v1/units/behind, as the server's schema types it (one shape for both sides). */
export type UnitsBehind = UnitsBehindView;
/** One unit of the answer (ranked ones carry their rank). */
export type BehindUnit = UnitsBehindView['noData'][number] & { rank?: number };

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
