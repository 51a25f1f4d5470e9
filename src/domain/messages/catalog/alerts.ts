import type { CatalogEntry } from './entry.ts';

/** Messages of the alert digest and its subscriptions. */
export const ALERTS = {
  'alert.unknown_unit': { vi: 'Không có đơn vị mã "{unit}"', en: 'No unit with code "{unit}"' },
  'alert.no_digest_subscribers': { vi: 'Đơn vị "{unit}" chưa có ai nhận bản tóm tắt cảnh báo', en: 'No one receives the alert digest of unit "{unit}"' },
  'alert.invalid_email': { vi: 'Địa chỉ e-mail không hợp lệ', en: 'Invalid e-mail address' },
  'alert.not_an_email': { vi: '"{email}" không phải địa chỉ e-mail', en: '"{email}" is not an e-mail address' },
  'alert.account_without_email': { vi: 'Tài khoản của bạn chưa có địa chỉ e-mail; nhờ quản trị viên thêm vào trước khi đăng ký nhận bản tóm tắt', en: 'Your account has no e-mail address; ask an administrator to add one before subscribing to the digest' },
  'alert.digest_for_people_only': { vi: 'Chỉ người đăng nhập mới đăng ký nhận bản tóm tắt cho chính mình', en: 'Only a signed-in person subscribes to the digest, for themselves' },
  'notification.alert_title': { vi: '{kind} — {unit}', en: '{kind} — {unit}' },
  'notification.alert_title_urgent': { vi: '[Khẩn] {kind} — {unit}', en: '[Urgent] {kind} — {unit}' },
  'notification.alert_body': { vi: '{subject}: {reason} (từ ngày {since})', en: '{subject}: {reason} (since {since})' },
  'notification.alert_body_no_subject': { vi: '{reason} (từ ngày {since})', en: '{reason} (since {since})' },
  'notification.alert_body_classified': { vi: 'Một nội dung mật có cảnh báo (từ ngày {since}); xem chi tiết trên hệ thống.', en: 'A classified item has an alert (since {since}); see the details in the system.' },
} as const satisfies Record<string, CatalogEntry>;
