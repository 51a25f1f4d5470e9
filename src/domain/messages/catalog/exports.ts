import type { CatalogEntry } from './entry.ts';

/** Messages of overviews, series, alerts, reports built for leaders and data shared out. */
export const EXPORTS = {
  'overview.unknown_pillar': { vi: 'Trụ cột không tồn tại', en: 'Unknown pillar' },
  'overview.framework_has_no_such_group': { vi: 'bộ chỉ số không có nhóm "{pillar}"', en: 'the framework has no such group "{pillar}"' },
  'rollup.invalid_period': { vi: 'kỳ không hợp lệ "{from}" (vd. 2026-03, 2026-Q1, 2026)', en: 'invalid period "{from}"' },
  'rollup.invalid_period_again': { vi: 'kỳ không hợp lệ "{to}"', en: 'invalid period "{to}"' },
  'rollup.from_after_to': { vi: 'kỳ bắt đầu sau kỳ kết thúc', en: 'from is after to' },
  'rollup.invalid_series_query': { vi: 'Truy vấn chuỗi số liệu không hợp lệ', en: 'Invalid series query' },
  'alert.invalid_filter': { vi: 'Giá trị lọc không hợp lệ', en: 'Invalid filter' },
  'alert.alert_not_found': { vi: 'Không có cảnh báo {id}', en: 'Alert not found: {id}' },
  'alert.invalid_note': { vi: 'Ghi chú không hợp lệ', en: 'Invalid note' },
  'alert.note_of_characters_required': { vi: 'cần ghi chú, 1–2000 ký tự', en: 'a note of 1–2000 characters is required' },
  'alert.alert_not_found_again': { vi: 'Không có cảnh báo {alertId}', en: 'Alert not found: {alertId}' },
  'alert.note_required_at_most_characters': { vi: 'cần ghi chú, tối đa {MAX_ACK_NOTE} ký tự, không có ký tự NUL', en: 'a note is required, at most {MAX_ACK_NOTE} characters, no NUL' },
  'alert.alert_already_resolved': { vi: 'Cảnh báo {alertId} đã được giải quyết', en: 'The alert is already resolved: {alertId}' },
  'overview.unknown_framework': { vi: 'Bộ chỉ số không tồn tại', en: 'Unknown framework' },
  'overview.unknown_framework_again': { vi: 'không có bộ chỉ số "{code}"', en: 'unknown framework "{code}"' },
  'export.unsupported_format': { vi: 'Định dạng không hỗ trợ', en: 'Unsupported format' },
  'export.invalid_period': { vi: 'Kỳ báo cáo không hợp lệ', en: 'Invalid period' },
  'export.unit_not_found': { vi: 'Không có đơn vị {unitCode}', en: 'Unit not found: {unitCode}' },
  'export.no_reporting_obligation_for_period': { vi: '{unitName} không có nghĩa vụ báo cáo cho kỳ {periodCode} và không có chỉ tiêu nào', en: '{unitName} has no reporting obligation for period {periodCode} and no targets' },
  'alert.not_date': { vi: '"{asOf}" không phải ngày', en: 'not a date "{asOf}"' },
} as const satisfies Record<string, CatalogEntry>;
