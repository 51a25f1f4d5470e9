import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cutoffsFor } from '../../simulator/backtest.ts';
import { familyCases, SERIES_FAMILIES } from '../../simulator/series-families.ts';
import { evaluateTarget } from './evaluate-target.ts';
import { EVALUATION_MODEL_REVISION } from './evaluation-model.ts';

/**
 * Each revision of the evaluation model with a digest of its answers on the series below, oldest
 * first. When the test fails because the answers changed, the model changed: add a revision to
 * EVALUATION_MODEL_REVISION and a line here, never edit a line already recorded.
 */
const RECORDED: readonly { revision: string; answers: string }[] = [
  { revision: '2026-12-05.1', answers: '65473cce92c120b83b3d3616dfe1ffb586b1ce24a31e3e2e2a19036390c08007' },
];

/** Every family's first 20 targets (seed 1), evaluated at each month-end of the year before their due dates. */
function answersDigest(): string {
  const hash = createHash('sha256');
  for (const family of SERIES_FAMILIES) {
    for (const c of familyCases(family, 1, 20)) {
      for (const cutoff of cutoffsFor(c.target.due, 12)) {
        const visible = c.series.filter((p) => p.reportedOn <= cutoff).map((p) => ({ period: p.period, value: p.value }));
        hash.update(JSON.stringify(evaluateTarget(c.target, visible, cutoff)));
      }
    }
  }
  return hash.digest('hex');
}

describe('the evaluation model’s revision', () => {
  it('changes whenever what evaluations say changes, so stored evaluations of an older model stop holding', () => {
    const latest = RECORDED.at(-1)!;
    expect(latest.revision, 'the latest recorded revision is the one in evaluation-model.ts').toBe(EVALUATION_MODEL_REVISION);
    expect(answersDigest(), `the model's answers changed: give it a new revision in evaluation-model.ts and record it here (was ${latest.revision})`).toBe(latest.answers);
  });

  it('records each revision once, and no two revisions with the same answers', () => {
    expect(new Set(RECORDED.map((r) => r.revision)).size).toBe(RECORDED.length);
    expect(new Set(RECORDED.map((r) => r.answers)).size).toBe(RECORDED.length);
  });
});
