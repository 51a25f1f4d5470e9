import type { CatalogEntry } from './entry.ts';

/** Messages about contacts who are not users (a ward's contact on Mẫu 01, a proposer on Mẫu 02) and their personal data. */
export const CONTACTS = {
  'contact.selector_required': { vi: 'Cần đúng một trong hai: email hoặc mã liên hệ (contact)', en: 'Give exactly one of: email or contact id (contact)' },
  'contact.id_invalid': { vi: '"{contact}" không phải mã liên hệ (problem:<mã bài toán> hoặc solution:<số>)', en: '"{contact}" is not a contact id (problem:<problem code> or solution:<number>)' },
  'contact.email_invalid': { vi: '"{email}" không phải địa chỉ email', en: '"{email}" is not an e-mail address' },
  'contact.not_found': { vi: 'Không có liên hệ nào khớp mà bạn được xem', en: 'No contact you may see matches' },
  'contact.erase_forbidden': { vi: 'Xoá dữ liệu liên hệ cần quyền quản trị đơn vị đề xuất hoặc cơ quan tiếp nhận của mọi hồ sơ khớp ({count} hồ sơ ngoài quyền của bạn)', en: 'Erasing a contact needs unit_admin over the proposing unit or the receiving agency of every matching record ({count} beyond your right)' },
  'contact.erase_confirm': { vi: 'Xoá dữ liệu cá nhân không thể hoàn tác: thêm --yes để xác nhận', en: 'Erasure cannot be undone: add --yes to confirm' },
} as const satisfies Record<string, CatalogEntry>;
