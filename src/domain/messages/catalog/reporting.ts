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
} as const satisfies Record<string, CatalogEntry>;
