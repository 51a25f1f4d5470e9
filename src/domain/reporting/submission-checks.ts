import { problem, type Problem } from '../errors.ts';
import { message } from '../messages/message.ts';
import type { ReportContent, ReportTargetLine } from './report-content.ts';

/** A part of a report that says nothing, named by the key a confirmation lists ("targets.T4", "difficulties"). */
export interface EmptyPart {
  key: string;
}

const needsFigure = (t: ReportTargetLine) => t.status !== 'qualitative';

/**
 * The parts of a report that are empty: each target the unit marked "chưa có số liệu", and blank
 * difficulties or proposals. Sending such a report is allowed, but only after the unit confirms
 * exactly these parts, so an empty report is never sent by a single click.
 *
 * @example emptyPartsOf(content) // → [{ key: 'targets.T4' }, { key: 'proposals' }]
 */
export function emptyPartsOf(content: ReportContent): EmptyPart[] {
  const parts: EmptyPart[] = content.targets
    .filter((t) => needsFigure(t) && t.noData)
    .map((t) => ({ key: `targets.${t.code}` }));
  if (!content.difficulties.trim()) parts.push({ key: 'difficulties' });
  if (!content.proposals.trim()) parts.push({ key: 'proposals' });
  return parts;
}

/**
 * What stops a report from being sent, each naming its line and carrying a code the dashboard
 * translates: every target measured by a number has a figure (from a system, or typed by the unit),
 * or is marked "chưa có số liệu" with a reason; a typed figure has its evidence; and every empty
 * part is among those the unit confirmed (`confirmEmpty`). An empty list means the report may go.
 *
 * @example submissionProblems(content, ['proposals']) // → [{ field: 'targets.T4.value', code: 'report.figure_required', … }]
 */
export function submissionProblems(content: ReportContent, confirmEmpty: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  content.targets.forEach((t) => {
    if (!needsFigure(t)) return;
    if (t.manual) {
      if (!Number.isFinite(t.manual.value)) {
        problems.push(problem({ field: `targets.${t.code}.value` }, message('report.figure_invalid')));
      }
      if (!t.manual.evidence.trim()) {
        problems.push(problem({ field: `targets.${t.code}.evidence` }, message('report.manual_evidence_required')));
      }
      return;
    }
    if (t.noData) {
      if (!t.noData.reason.trim()) problems.push(problem({ field: `targets.${t.code}.noDataReason` }, message('report.no_data_reason_required')));
      return;
    }
    if (t.value === null) {
      problems.push(problem({ field: `targets.${t.code}.value` }, message('report.figure_required')));
    }
  });
  const confirmed = new Set(confirmEmpty);
  for (const part of emptyPartsOf(content)) {
    if (!confirmed.has(part.key)) {
      problems.push(problem({ field: part.key }, message('report.empty_unconfirmed')));
    }
  }
  return problems;
}
