import type { AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { findPilot } from '../../repositories/pilots.repository.ts';
import { estimatePilotEffect } from '../pilots/estimate-pilot-effect.ts';

/** What a move to "scaled" keeps of the pilot it cites: per indicator, the effect and its interval. */
export interface ScalingEvidence {
  pilot: string;
  confidence: number;
  indicators: { indicator: string; effect: number | null; interval: { low: number; high: number; level: number } | null; sufficient: boolean }[];
}

/**
 * Scaling up must rest on evidence: the decision cites a pilot of this problem, and every indicator
 * of that pilot must have a sufficient effect estimate (difference in differences, enough months and
 * units on both sides). Otherwise 422 on `evidencePilot`, saying which indicator falls short and why.
 * Every indicator counts, classified ones too: the evidence is the whole pilot, not what one reader sees.
 */
export async function scalingEvidence(ctx: AppContext, problemCode: string, pilotCode: string | null | undefined): Promise<ScalingEvidence> {
  const code = pilotCode?.trim();
  const refuse = (message: string): never => {
    throw new InputError(`Quyết định nhân rộng phải dựa trên bằng chứng thí điểm / scaling up must cite pilot evidence`, [{ field: 'evidencePilot', message }]);
  };
  if (!code) return refuse('cần mã thí điểm của bài toán này làm bằng chứng / the code of a pilot of this problem is required');
  const pilot = await findPilot(ctx.db, code);
  if (!pilot || pilot.problemCode !== problemCode) return refuse(`thí điểm "${code}" không thuộc bài toán ${problemCode} / pilot "${code}" is not a pilot of ${problemCode}`);
  const effect = await estimatePilotEffect(ctx, code, { includeClassified: true });
  const indicators = effect.indicators.map((i) => ({ indicator: i.indicator.code, effect: i.estimate.effect, interval: i.estimate.interval, sufficient: i.estimate.sufficient }));
  if (!indicators.length) return refuse(`thí điểm "${code}" chưa có chỉ số nào để ước lượng / pilot "${code}" has no indicator to estimate`);
  const short = effect.indicators.filter((i) => !i.estimate.sufficient);
  if (short.length) {
    return refuse(short.map((i) => `ước lượng hiệu quả của thí điểm "${code}" trên chỉ số ${i.indicator.code} chưa đủ tin cậy: ${i.estimate.reason?.vi ?? 'không rõ'} / the effect estimate of pilot "${code}" on ${i.indicator.code} is insufficient: ${i.estimate.reason?.en ?? 'unknown'}`).join('; '));
  }
  return { pilot: code, confidence: effect.confidence, indicators };
}
