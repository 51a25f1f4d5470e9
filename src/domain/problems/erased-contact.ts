/**
 * What an erased contact's name reads from then on (title, phone and e-mail are removed): the
 * record a person reads, in Vietnamese; screens show their own words for it in either language.
 * Before 05/12/2026 the marker carried its English too; migration 20261205T0220 rewrote those.
 */
export const ERASED_CONTACT = '[đã xoá dữ liệu cá nhân]';
