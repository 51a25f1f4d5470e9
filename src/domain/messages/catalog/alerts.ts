import type { CatalogEntry } from './entry.ts';

/** Messages of the alert digest and its subscriptions. */
export const ALERTS = {
  'alert.unknown_unit': { vi: 'Không có đơn vị mã "{unit}"', en: 'No unit with code "{unit}"' },
  'alert.no_digest_subscribers': { vi: 'Đơn vị "{unit}" chưa có ai nhận bản tóm tắt cảnh báo', en: 'No one receives the alert digest of unit "{unit}"' },
  'alert.invalid_email': { vi: 'Địa chỉ e-mail không hợp lệ', en: 'Invalid e-mail address' },
  'alert.not_an_email': { vi: '"{email}" không phải địa chỉ e-mail', en: '"{email}" is not an e-mail address' },
  'alert.account_without_email': { vi: 'Tài khoản của bạn chưa có địa chỉ e-mail; nhờ quản trị viên thêm vào trước khi đăng ký nhận bản tóm tắt', en: 'Your account has no e-mail address; ask an administrator to add one before subscribing to the digest' },
  'alert.digest_for_people_only': { vi: 'Chỉ người đăng nhập mới đăng ký nhận bản tóm tắt cho chính mình', en: 'Only a signed-in person subscribes to the digest, for themselves' },
} as const satisfies Record<string, CatalogEntry>;
