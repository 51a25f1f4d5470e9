import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import { findPilot } from '../../repositories/pilots.repository.ts';
import { estimatePilotEffect } from '../pilots/estimate-pilot-effect.ts';
import { message, type Message } from '../../domain/messages/message.ts';

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
  const refuse = (said: Message): never => {
    throw new InputError(message('problem.scaling_up_must_cite_pilot'), [problem({ field: 'evidencePilot' }, said)]);
  };
  if (!code) return refuse(message('problem.evidence_pilot_required'));
  const pilot = await findPilot(ctx.db, code);
  if (!pilot || pilot.problemCode !== problemCode) return refuse(message('problem.evidence_pilot_not_of_problem', { pilot: code, problem: problemCode }));
  const effect = await estimatePilotEffect(ctx, code, { includeClassified: true });
  const indicators = effect.indicators.map((i) => ({ indicator: i.indicator.code, effect: i.estimate.effect, interval: i.estimate.interval, sufficient: i.estimate.sufficient }));
  if (!indicators.length) return refuse(message('problem.evidence_pilot_no_indicator', { pilot: code }));
  const short = effect.indicators.filter((i) => !i.estimate.sufficient);
  if (short.length) {
    // The reason per indicator is on the pilot's effect page; the refusal names the indicators.
    return refuse(message('problem.evidence_pilot_insufficient', { pilot: code, indicators: short.map((i) => i.indicator.code).join(', ') }));
  }
  return { pilot: code, confidence: effect.confidence, indicators };
}
