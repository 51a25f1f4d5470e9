import type { CatalogEntry } from './entry.ts';

/**
 * Messages of unit reports. A problem's message is a clause that follows the line it concerns
 * ("Chỉ tiêu CT-01: cần số liệu …"), so it starts in lower case.
 */
export const REPORTING = {
  'report.edits_invalid': { vi: 'Nội dung báo cáo không hợp lệ', en: 'The report edits are not valid' },
  'report.not_found': { vi: 'Không có báo cáo {id}', en: 'No report {id}' },
  'report.progress_out_of_range': { vi: 'tiến độ phải từ 0 đến 100', en: 'progress must be between 0 and 100' },
  'report.task_status_unknown': { vi: 'trạng thái "{status}" không hợp lệ', en: 'unknown status "{status}"' },
  'report.figure_invalid': { vi: 'số liệu không phải là một số', en: 'the figure is not a number' },
  'report.figure_and_no_data': { vi: 'đã nhập số liệu thì không đánh dấu "Chưa có số liệu"', en: 'a figure and "No data yet" at once' },
  'report.manual_evidence_required': { vi: 'số liệu tự khai cần minh chứng (tệp, đường dẫn hoặc giải trình)', en: 'a self-reported figure needs evidence (file, link or explanation)' },
  'report.no_data_reason_required': { vi: 'cần nêu lý do chưa có số liệu', en: 'give the reason there is no figure' },
  'report.figure_required': { vi: 'cần số liệu, hoặc đánh dấu "Chưa có số liệu" kèm lý do', en: 'a figure is required, or mark "No data yet" with a reason' },
  'report.empty_unconfirmed': { vi: 'để trống', en: 'empty' },
  'report.report_not_found': { vi: 'Không có báo cáo {id}', en: 'Report not found: {id}' },
  'report.plan_not_found': { vi: 'Không có kế hoạch {planId}', en: 'Plan not found: {planId}' },
  'report.obligation_not_found': { vi: 'Không có nghĩa vụ báo cáo {id}', en: 'Obligation not found: {id}' },
  'report.target_not_found': { vi: 'Không có chỉ tiêu "{target}"', en: 'Target not found "{target}"' },
  'report.unknown_cycle': { vi: 'chu kỳ không hợp lệ: {cycle}', en: 'unknown cycle "{cycle}"' },
  'report.due_day_must': { vi: 'ngày hạn phải từ 1 đến 31', en: 'due day must be 1–31' },
  'report.date_must_yyyy_mm_dd': { vi: 'ngày phải dạng yyyy-mm-dd', en: 'date must be yyyy-mm-dd' },
  'report.invalid_obligation': { vi: 'Nghĩa vụ báo cáo không hợp lệ', en: 'Invalid obligation' },
  'report.unknown_recipient': { vi: 'Đơn vị nhận không tồn tại', en: 'Unknown recipient' },
  'report.ad_hoc_report_needs_due': { vi: 'Báo cáo đột xuất cần ngày hạn', en: 'An ad hoc report needs a due date' },
  'report.report_not_found_again': { vi: 'Không có báo cáo {submissionId}', en: 'Report not found: {submissionId}' },
  'report.report_cannot_submitted_yet': { vi: 'Báo cáo chưa gửi được', en: 'The report cannot be submitted yet' },
  'report.ad_hoc_reports_created_one': { vi: 'Báo cáo đột xuất được tạo riêng, có hạn cụ thể', en: 'Ad hoc reports are created one by one' },
  'report.plan_has_no_version': { vi: 'Kế hoạch chưa có phiên bản nào', en: 'The plan has no version' },
  'report.at_least_one_period': { vi: 'Cần ít nhất một kỳ', en: 'At least one period' },
  'report.unit_not_found': { vi: 'Không có đơn vị {unit}', en: 'Unit not found: {unit}' },
  'report.unit_not_found_again': { vi: 'Không có đơn vị {recipient}', en: 'Unit not found: {recipient}' },
  'report.lines_not_in_report': { vi: 'Báo cáo không có các dòng này', en: 'Lines not in this report' },
  'report.not_in_report': { vi: 'không có trong báo cáo', en: 'not in the report' },
  'report.obligation_not_found_again': { vi: 'Không có nghĩa vụ báo cáo {obligationId}', en: 'Obligation not found: {obligationId}' },
  'report.period_does_not_fit_cycle': { vi: 'Kỳ báo cáo không khớp chu kỳ', en: 'Period does not fit the cycle' },
  'report.period_must_month': { vi: 'Kỳ phải là một tháng', en: 'Period must be a month' },
  'report.target_not_found_again': { vi: 'Không có chỉ tiêu "{targetCode}"', en: 'Target not found "{targetCode}"' },
} as const satisfies Record<string, CatalogEntry>;
