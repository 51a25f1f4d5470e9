import type { CatalogEntry } from './entry.ts';

/** Messages of the audit log, its hash chain and anchors. */
export const AUDIT = {
  'audit.anchor_file_not_json': { vi: 'Tệp mốc không phải JSON', en: 'The anchor file is not JSON' },
  'audit.must': { vi: 'phải là "{ANCHOR_FORMAT}"', en: 'must be "{ANCHOR_FORMAT}"' },
  'audit.must_positive_integer': { vi: 'phải là số nguyên dương', en: 'must be a positive integer' },
  'audit.must_lowercase_hex_digits': { vi: 'phải là 64 ký tự hex', en: 'must be 64 lowercase hex digits' },
  'audit.invalid_anchor_file': { vi: 'Tệp mốc không hợp lệ', en: 'Invalid anchor file' },
} as const satisfies Record<string, CatalogEntry>;
