import type { Problem } from '../errors.ts';
import type { ReportContent, ReportTargetLine } from './report-content.ts';

/** A part of a report that says nothing, named by the key a confirmation lists ("targets.T4", "difficulties"). */
export interface EmptyPart {
  key: string;
  /** What a person reads in the confirmation. */
  label: string;
}

const needsFigure = (t: ReportTargetLine) => t.status !== 'qualitative';

/**
 * The parts of a report that are empty: each target the unit marked "chưa có số liệu", and blank
 * difficulties or proposals. Sending such a report is allowed, but only after the unit confirms
 * exactly these parts, so an empty report is never sent by a single click.
 *
 * @example emptyPartsOf(content) // → [{ key: 'targets.T4', label: 'Chỉ tiêu T4: chưa có số liệu (…)' }, { key: 'proposals', … }]
 */
export function emptyPartsOf(content: ReportContent): EmptyPart[] {
  const parts: EmptyPart[] = content.targets
    .filter((t) => needsFigure(t) && t.noData)
    .map((t) => ({ key: `targets.${t.code}`, label: `Chỉ tiêu ${t.code}: chưa có số liệu (${t.noData?.reason ?? ''})` }));
  if (!content.difficulties.trim()) parts.push({ key: 'difficulties', label: 'Khó khăn, vướng mắc: để trống' });
  if (!content.proposals.trim()) parts.push({ key: 'proposals', label: 'Kiến nghị, đề xuất: để trống' });
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
        problems.push({ field: `targets.${t.code}.value`, code: 'report.figure_invalid', message: `Chỉ tiêu ${t.code}: số liệu không hợp lệ / target ${t.code}: the figure is not a number` });
      }
      if (!t.manual.evidence.trim()) {
        problems.push({
          field: `targets.${t.code}.evidence`, code: 'report.manual_evidence_required',
          message: `Chỉ tiêu ${t.code}: số liệu tự khai cần minh chứng (tệp, đường dẫn hoặc giải trình) / target ${t.code}: a manual figure needs evidence`,
        });
      }
      return;
    }
    if (t.noData) {
      if (!t.noData.reason.trim()) problems.push({ field: `targets.${t.code}.noDataReason`, code: 'report.no_data_reason_required', message: `Chỉ tiêu ${t.code}: nêu lý do chưa có số liệu / target ${t.code}: give the reason there is no figure` });
      return;
    }
    if (t.value === null) {
      problems.push({
        field: `targets.${t.code}.value`, code: 'report.figure_required',
        message: `Chỉ tiêu ${t.code}: cần số liệu, hoặc đánh dấu "chưa có số liệu" kèm lý do / target ${t.code}: a figure, or "no data" with a reason, is required`,
      });
    }
  });
  const confirmed = new Set(confirmEmpty);
  for (const part of emptyPartsOf(content)) {
    if (!confirmed.has(part.key)) {
      problems.push({ field: part.key, code: 'report.empty_unconfirmed', message: `${part.label} — cần xác nhận trước khi gửi / empty: confirm it to submit` });
    }
  }
  return problems;
}
