import type { AppContext } from '../../app-context.ts';
import { InputError, problem, type Problem } from '../../domain/errors.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import { criteriaOf } from '../../domain/scoring/framework.ts';
import { publishAssessmentChanges } from '../../realtime/change-feed.ts';
import { activeFrameworks, insertAssessment } from '../../repositories/scores.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

export interface AssessmentInput {
  framework: string;
  criterion: string;
  unit: string;
  period: string;
  /** `self`: the unit's own points; `appraised`: the appraisal council's. Both are kept. */
  kind: 'self' | 'appraised';
  points: number;
  /** A link or reference to the evidence (minh chứng); required. */
  evidence: string;
  note?: string | null;
}

/**
 * Records points for an `assessed` criterion, with evidence, in one transaction with its audit entry,
 * and announces the change so scores and ranks update everywhere. Earlier assessments are kept: the
 * latest of each kind counts.
 *
 * @example
 * await recordAssessment(ctx, 'user:thamdinh', { framework: 'HN-DTI', criterion: 'TC1', unit: 'P_VINH_TUY',
 *   period: '2026', kind: 'appraised', points: 25, evidence: 'https://…/bien-ban.pdf' });
 */
export async function recordAssessment(ctx: AppContext, actor: string, input: AssessmentInput): Promise<{ id: number; recordedAt: Date }> {
  const problems: Problem[] = [];
  const period = parsePeriod(String(input.period ?? ''));
  if (!period) problems.push(problem({ field: 'period' }, message('score.invalid_period')));
  if (input.kind !== 'self' && input.kind !== 'appraised') problems.push(problem({ field: 'kind' }, message('score.must_self_or_appraised')));
  const evidence = typeof input.evidence === 'string' ? input.evidence.normalize('NFC').trim() : '';
  if (!evidence) problems.push(problem({ field: 'evidence' }, message('score.evidence_required')));
  const [framework] = await activeFrameworks(ctx.db, input.framework);
  if (!framework) problems.push(problem({ field: 'framework' }, message('score.unknown_framework', { framework: input.framework })));
  const criterion = framework ? criteriaOf(framework).find((c) => c.criterion.id === input.criterion)?.criterion : undefined;
  if (framework && !criterion) problems.push(problem({ field: 'criterion' }, message('score.unknown_criterion', { criterion: input.criterion })));
  else if (criterion && criterion.rule !== 'assessed') problems.push(problem({ field: 'criterion' }, message('score.criterion_scored_from_data')));
  if (criterion && (!Number.isFinite(input.points) || input.points < 0 || input.points > criterion.max)) {
    problems.push(problem({ field: 'points' }, message('score.points_must_within', { max: criterion.max })));
  }
  const tree = await loadUnitTree(ctx.db);
  const unit = tree.byCode.get(input.unit);
  if (!unit) problems.push(problem({ field: 'unit' }, message('problem.unknown_unit', { unit: input.unit })));
  if (problems.length || !framework || !unit || !period) throw new InputError(message('score.invalid_assessment'), problems);

  return ctx.db.transaction().execute(async (trx) => {
    const stored = await insertAssessment(trx, {
      frameworkCode: framework.code, criterion: input.criterion, unitId: unit.id, period: period.code, kind: input.kind,
      points: input.points, evidenceUrl: evidence, note: input.note?.normalize('NFC').trim() || null, actor,
    });
    await recordAudit(trx, {
      actor, action: 'assess', entity: 'score_assessment', entityId: stored.id, before: null,
      after: { framework: framework.code, criterion: input.criterion, unit: unit.code, period: period.code, kind: input.kind, points: input.points, evidence },
    });
    await publishAssessmentChanges(trx, [{ framework: framework.code, unit: unit.code, period: period.code }]);
    return stored;
  });
}
