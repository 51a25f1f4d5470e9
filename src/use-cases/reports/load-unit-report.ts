import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { parsePeriod, type Period } from '../../domain/periods/period.ts';
import { periodForCycle } from '../../domain/reporting/cycles.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import { findSubmission, findUnitByCode, listObligations, type ObligationRow, type SubmissionRow, type UnitRef } from '../../repositories/reporting.repository.ts';
import { targetsForEvaluation } from '../../repositories/targets.repository.ts';
import { buildReportContent } from '../reporting/build-report-content.ts';
import { contentForReader } from './redact-classified.ts';
import { message } from '../../domain/messages/message.ts';

export interface UnitReport {
  obligation: ObligationRow;
  period: Period;
  submission: SubmissionRow | null;
  content: ReportContent;
}

/**
 * A unit's report for a period: the stored submission when there is one, else the figures as they
 * stand now (nothing is stored). The obligation is the one whose cycle fits the period code. A reader
 * without the classified right at the unit gets it without the classified lines.
 *
 * @example const r = await loadUnitReport(ctx, 'P_VINH_TUY', '2026-03');
 */
export async function loadUnitReport(ctx: AppContext, unitCode: string, periodCode: string, planId?: number, reader: { classifiedVisible: boolean } = { classifiedVisible: true }): Promise<UnitReport> {
  if (!parsePeriod(periodCode)) {
    throw new InputError(message('export.invalid_period'), [{ field: 'period', message: `"${periodCode}" (vd. 2026-03, 2026-Q1, 2026-H1, 2026)` }]);
  }
  const unit = await findUnitByCode(ctx.db, unitCode);
  if (!unit) throw new NotFoundError(message('export.unit_not_found', { unitCode }));
  const obligation = (await listObligations(ctx.db, { unitId: unit.id, activeOnly: true, ...(planId !== undefined ? { planId } : {}) }))
    .find((o) => periodForCycle(o.cycle, periodCode) !== null) ?? (planId === undefined ? await statusReportOf(ctx, unit) : null);
  if (!obligation) throw new NotFoundError(message('export.no_reporting_obligation_for_period', { unitName: unit.name, periodCode }));
  const period = periodForCycle(obligation.cycle, periodCode);
  if (!period) throw new Error('unreachable');
  const submission = await findSubmission(ctx.db, obligation.id, period.code);
  const content = submission ? (submission.content as ReportContent) : await buildReportContent(ctx.db, obligation, period, ctx.now());
  return { obligation, period, submission, content: await contentForReader(ctx, content, reader.classifiedVisible) };
}

/**
 * A unit that owes no report for the period but has measured targets still gets a document: a status
 * report of those targets (their figures as they stand now), as an official asks for one in between
 * reporting cycles. It is never stored (id 0): there is no obligation to submit it against.
 */
async function statusReportOf(ctx: AppContext, unit: UnitRef): Promise<ObligationRow | null> {
  const targets = await targetsForEvaluation(ctx.db, { unitIds: [unit.id] });
  if (targets.length === 0) return null;
  return {
    id: 0, planId: null, title: 'Báo cáo tình hình thực hiện chỉ tiêu', unit, recipient: null, cycle: 'ad_hoc',
    dueDay: null, dueOn: null, scope: { targetIds: targets.map((t) => t.id), taskIds: [] }, active: true, createdAt: ctx.now(),
  };
}
