import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import { findUnitsByIds, manualObservationsOfCell, pendingManualFigures } from '../../repositories/reporting.repository.ts';
import { targetIdByCode, targetsForManualFigures } from '../../repositories/targets.repository.ts';
import { manualIndicatorCode } from './record-manual-figures.ts';
import { message } from '../../domain/messages/message.ts';

export interface ManualFigures {
  target: string;
  /** The unit the target is measured on, for the access check. */
  unit: string | null;
  classified: boolean;
  /** True when the target is measured only by figures units type (its own `TUKHAI.` indicator). */
  manualOnly: boolean;
  /** Approved figures, newest first; the first is the current value when no system wrote a later one. */
  approved: { label: 'số liệu tự khai'; period: string; value: number | null; reporter: string; evidence: string | null; report: string; recordedAt: string }[];
  /** Figures in reports waiting for review: not yet the target's value. */
  pending: { label: 'số liệu tự khai (chờ duyệt)'; submissionId: number; period: string; value: number; reporter: string; evidence: string }[];
}

/**
 * The figures units typed for a target ("số liệu tự khai"), approved and pending, with who typed
 * them and their evidence: what target pages flag as manual, since the plans want data from systems.
 *
 * @example await listManualFigures(ctx, '1-T4') // → { target: '1-T4', manualOnly: true, approved: [{ value: 50.5, … }], pending: [] }
 */
export async function listManualFigures(ctx: AppContext, targetCode: string): Promise<ManualFigures> {
  const id = await targetIdByCode(ctx.db, targetCode);
  const target = id === null ? undefined : (await targetsForManualFigures(ctx.db, [id])).get(id);
  if (!target) throw new NotFoundError(message('report.target_not_found_again', { targetCode }));
  const unit = target.scopeUnitId !== null ? (await findUnitsByIds(ctx.db, [target.scopeUnitId])).get(target.scopeUnitId)?.code ?? null : null;
  const approved = target.indicatorId !== null && target.scopeUnitId !== null ? await manualObservationsOfCell(ctx.db, target.indicatorId, target.scopeUnitId) : [];
  const pending = (await pendingManualFigures(ctx.db, target.id)).flatMap((s) => {
    const line = (s.content as ReportContent).targets.find((t) => t.targetId === target.id);
    return line?.manual ? [{ label: 'số liệu tự khai (chờ duyệt)' as const, submissionId: s.submissionId, period: s.period, value: line.manual.value, reporter: line.manual.reporter, evidence: line.manual.evidence }] : [];
  });
  return {
    target: target.code,
    unit,
    classified: target.classified,
    manualOnly: target.indicatorCode === manualIndicatorCode(target.code),
    approved: approved.map((o) => ({
      label: 'số liệu tự khai', period: o.period, value: o.value, reporter: o.reporter, evidence: o.evidenceUrl ?? o.note, report: o.source, recordedAt: o.recordedAt.toISOString(),
    })),
    pending,
  };
}
