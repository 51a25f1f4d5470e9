import { describe, expect, it } from 'vitest';
import { filterFromQuery, standingOf, targetListHref } from './overview-data.ts';

describe('the overview figures and their lists', () => {
  it('keeps progress and data coverage apart: 30 of 30 points on 2 of 16 criteria is 100% and 13%', () => {
    expect(standingOf({ score: 30, max: 30, coverage: { withData: 2, missing: 14 } })).toEqual({ progress: 100, coverage: 13, withData: 2, criteria: 16, missing: 14 });
    expect(standingOf({ score: 0, max: 0, coverage: { withData: 0, missing: 5 } })).toEqual({ progress: null, coverage: 0, withData: 0, criteria: 5, missing: 5 });
    // 79,7 of 80 is not the whole: 99,6%, not a rounded 100% beside units that are.
    expect(standingOf({ score: 79.7, max: 80, coverage: { withData: 4, missing: 12 } }).progress).toBe(99.6);
  });

  it('links a figure to its list and reads the list back from the same address', () => {
    const href = targetListHref({ unit: 'HN_P_VINH_TUY', status: 'at_risk', pillar: 'chinh_quyen_so' });
    expect(href).toBe('/overview/targets?unit=HN_P_VINH_TUY&pillar=chinh_quyen_so&status=at_risk');
    expect(filterFromQuery(new URL(href, 'http://x').searchParams, 'HN')).toEqual({ unit: 'HN_P_VINH_TUY', status: 'at_risk', pillar: 'chinh_quyen_so' });
    // An unknown status is dropped, not passed to the server; no unit: the reader's own.
    expect(filterFromQuery(new URLSearchParams('status=late'), 'HN')).toEqual({ unit: 'HN', status: undefined, pillar: undefined });
  });
});
