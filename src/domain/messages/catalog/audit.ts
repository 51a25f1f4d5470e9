import type { CatalogEntry } from './entry.ts';

/** Messages of the audit log, its hash chain and anchors. */
export const AUDIT = {
  'audit.anchor_file_not_json': { vi: 'Tệp mốc không phải JSON', en: 'The anchor file is not JSON' },
  'audit.must': { vi: 'phải là "{ANCHOR_FORMAT}"', en: 'must be "{ANCHOR_FORMAT}"' },
  'audit.must_positive_integer': { vi: 'phải là số nguyên dương', en: 'must be a positive integer' },
  'audit.must_lowercase_hex_digits': { vi: 'phải là 64 ký tự hex', en: 'must be 64 lowercase hex digits' },
  'audit.invalid_anchor_file': { vi: 'Tệp mốc không hợp lệ', en: 'Invalid anchor file' },
  'audit.chain.unlinked': { vi: 'mục {entry} không nối với mục {previous} (một mục ở giữa đã bị xoá hoặc nối lại)', en: 'entry {entry} does not link to entry {previous} (an entry between them was removed or re-linked)' },
  'audit.chain.start_removed': { vi: 'mục {entry} đứng đầu nhật ký nhưng nối tới một mục trước nó (phần đầu nhật ký đã bị xoá)', en: 'entry {entry} is first in the log but links to an earlier entry (the start of the log was removed)' },
  'audit.chain.altered': { vi: 'mục {entry} đã bị sửa: nội dung không còn khớp với mã băm', en: 'entry {entry} was altered: its content no longer matches its hash' },
  'audit.anchor.gone_log_empty': { vi: 'mục được đánh mốc {entry} không còn trong nhật ký (nhật ký nay trống): các mục đã bị xoá', en: 'anchored entry {entry} is no longer in the log (the log is now empty): entries were deleted' },
  'audit.anchor.gone': { vi: 'mục được đánh mốc {entry} không còn trong nhật ký (nhật ký nay kết thúc ở mục {head}): các mục đã bị xoá', en: 'anchored entry {entry} is no longer in the log (the log now ends at entry {head}): entries were deleted' },
  'audit.anchor.rewritten': { vi: 'mục {entry} không còn mang mã băm đã đánh mốc: nhật ký đã bị viết lại đến mục đó', en: 'entry {entry} no longer has the anchored hash: the log was rewritten up to it' },
  'audit.batch.changed_same_rows': { vi: 'lô số liệu {batch} (mục nhật ký {entry}) không còn khớp dấu vân tay đã ghi ({rows} dòng, như đã ghi): các dòng đã bị sửa ngoài ứng dụng', en: 'observation batch {batch} (audit entry {entry}) no longer matches its recorded digest ({rows} rows, as recorded): its stored rows were changed outside the application' },
  'audit.batch.changed_rows': { vi: 'lô số liệu {batch} (mục nhật ký {entry}) không còn khớp dấu vân tay đã ghi (nay {rows} dòng, đã ghi {recorded}): các dòng đã bị sửa ngoài ứng dụng', en: 'observation batch {batch} (audit entry {entry}) no longer matches its recorded digest ({rows} rows now, {recorded} recorded): its stored rows were changed outside the application' },
  'audit.batch.unaudited': { vi: '{count} lô số liệu không có mục nhật ký ({batches}): được ghi ngoài ứng dụng, hoặc mục nhật ký đã bị xoá', en: '{count} observation batch(es) have no audit entry ({batches}): written outside the application, or their entry was deleted' },
} as const satisfies Record<string, CatalogEntry>;
