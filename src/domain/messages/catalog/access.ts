import type { CatalogEntry } from './entry.ts';

/** Messages of users, sign-in, access tokens, roles and classified items. */
export const ACCESS = {
  'user.characters_of_z': { vi: 'Tên đăng nhập gồm 2–64 ký tự a-z, 0-9, ".", "_", "-", có ít nhất một chữ cái', en: '2–64 characters of a-z, 0-9, ".", "_", "-", at least one letter' },
  'user.display_name_required': { vi: 'Cần họ tên', en: 'a display name is required' },
  'user.not_email_address': { vi: 'Email không hợp lệ', en: 'not an email address' },
  'user.unknown_role': { vi: 'Vai trò không hợp lệ: "{role}"', en: 'unknown role "{role}"' },
  'user.at_least_characters': { vi: 'Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự', en: 'at least {MIN_PASSWORD_LENGTH} characters' },
  'user.no_unit_with_code': { vi: 'Không có đơn vị mã "{unit}"', en: 'no unit with this code "{unit}"' },
  'user.cannot_create_user': { vi: 'Không tạo được người dùng', en: 'Cannot create user' },
  'user.username_already_exists': { vi: 'Tên đăng nhập "{username}" đã có', en: 'Username already exists "{username}"' },
  'token.unknown_scope': { vi: 'Phạm vi không hợp lệ: "{scope}" (read, write, approve, administer, classified)', en: 'unknown scope "{scope}"' },
  'token.invalid_date': { vi: 'Ngày hết hạn không hợp lệ: "{expires}" (dd/mm/yyyy)', en: 'invalid date "{expires}"' },
  'token.expiry_in_past': { vi: 'Ngày hết hạn đã qua', en: 'expiry is in the past' },
  'token.name_too_long': { vi: 'Tên quá dài (tối đa 200 ký tự)', en: 'name too long' },
  'token.cannot_create_token': { vi: 'Không tạo được mã truy cập', en: 'Cannot create token' },
  'user.role_or_classified_required': { vi: 'Cần vai trò hoặc quyền xem tài liệu mật', en: 'a role or classified is required' },
  'user.cannot_grant': { vi: 'Không cấp được quyền', en: 'Cannot grant' },
  'user.no_such_user': { vi: 'Không có người dùng "{username}"', en: 'No such user "{username}"' },
  'user.system_administrator_exists_already_use': { vi: 'Đã có quản trị hệ thống: dùng trang quản trị hoặc "theodoi users create"', en: 'A system administrator exists already: use the administration page or "theodoi users create"' },
  'user.first_administrator_needs_password': { vi: 'Cần mật khẩu cho quản trị hệ thống đầu tiên', en: 'The first administrator needs a password' },
  'user.cannot_tell_root_unit': { vi: 'Không xác định được đơn vị gốc (thành phố/tỉnh)', en: 'Cannot tell the root unit' },
  'user.root_units_found': { vi: '{rootCount} đơn vị gốc', en: '{rootCount} root units' },
  'classification.unknown_kind': { vi: 'Loại không hợp lệ', en: 'Unknown kind' },
  'classification.one_of': { vi: 'dùng {CLASSIFIABLE_KINDS}', en: 'one of {CLASSIFIABLE_KINDS}' },
  'classification.no': { vi: 'Không có {kind} "{ref}"', en: 'No {kind} "{ref}"' },
  'token.no_such_token': { vi: 'Không có mã truy cập #{id}', en: 'No such token: {id}' },
} as const satisfies Record<string, CatalogEntry>;
