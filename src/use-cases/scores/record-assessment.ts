import type { AppContext } from '../../app-context.ts';
import { InputError, type Problem } from '../../domain/errors.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import { criteriaOf } from '../../domain/scoring/framework.ts';
import { publishAssessmentChanges } from '../../realtime/change-feed.ts';
import { activeFrameworks, insertAssessment } from '../../repositories/scores.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';

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
  if (!period) problems.push({ field: 'period', message: 'kỳ không hợp lệ (vd. 2026) / invalid period' });
  if (input.kind !== 'self' && input.kind !== 'appraised') problems.push({ field: 'kind', message: 'dùng self hoặc appraised / must be self or appraised' });
  const evidence = typeof input.evidence === 'string' ? input.evidence.normalize('NFC').trim() : '';
  if (!evidence) problems.push({ field: 'evidence', message: 'cần minh chứng / evidence is required' });
  const [framework] = await activeFrameworks(ctx.db, input.framework);
  if (!framework) problems.push({ field: 'framework', message: `không có bộ chỉ số "${input.framework}" / unknown framework` });
  const criterion = framework ? criteriaOf(framework).find((c) => c.criterion.id === input.criterion)?.criterion : undefined;
  if (framework && !criterion) problems.push({ field: 'criterion', message: `không có tiêu chí "${input.criterion}" / unknown criterion` });
  else if (criterion && criterion.rule !== 'assessed') problems.push({ field: 'criterion', message: 'tiêu chí này được chấm tự động từ số liệu / this criterion is scored from data' });
  if (criterion && (!Number.isFinite(input.points) || input.points < 0 || input.points > criterion.max)) {
    problems.push({ field: 'points', message: `điểm phải từ 0 đến ${criterion.max} / points must be within 0..${criterion.max}` });
  }
  const tree = await loadUnitTree(ctx.db);
  const unit = tree.byCode.get(input.unit);
  if (!unit) problems.push({ field: 'unit', message: `không có đơn vị "${input.unit}" / unknown unit` });
  if (problems.length || !framework || !unit || !period) throw new InputError('Điểm đánh giá không hợp lệ / invalid assessment', problems);

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
