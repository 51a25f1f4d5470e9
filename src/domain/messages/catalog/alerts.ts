import type { CatalogEntry } from './entry.ts';

/** Messages of the alert digest and its subscriptions. */
export const ALERTS = {
  'alert.unknown_unit': { vi: 'Không có đơn vị mã "{unit}"', en: 'No unit with code "{unit}"' },
  'alert.no_digest_subscribers': { vi: 'Đơn vị "{unit}" chưa có ai nhận bản tóm tắt cảnh báo', en: 'No one receives the alert digest of unit "{unit}"' },
  'alert.invalid_email': { vi: 'Địa chỉ e-mail không hợp lệ', en: 'Invalid e-mail address' },
  'alert.not_an_email': { vi: '"{email}" không phải địa chỉ e-mail', en: '"{email}" is not an e-mail address' },
} as const satisfies Record<string, CatalogEntry>;
