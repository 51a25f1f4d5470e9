/**
 * Personal data (Law 91/2025/QH15 on personal data protection, Decree 356/2025) stays out of the
 * audit chain: the chain cannot be edited, and a person has the right to have their details
 * corrected and erased. Entries keep the fact that a personal field was set or changed, and the
 * user's id; the details themselves live in `users`, where they can be corrected and erased.
 */

/** Field names that hold a person's details wherever they appear in an audit payload. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['displayName', 'display_name', 'email', 'phone', 'fullName', 'contactName', 'contactEmail', 'contactPhone']);

/** What an audit entry says in place of a personal value. */
export const PERSONAL_PLACEHOLDER = '[dữ liệu cá nhân]';

/**
 * A copy of an audit payload with every personal field's value replaced by the placeholder (null
 * stays null: "no e-mail" is not personal).
 *
 * @example
 * withoutPersonalData({ username: 'lan', displayName: 'Nguyễn Thị Lan', email: null })
 * // { username: 'lan', displayName: '[dữ liệu cá nhân]', email: null }
 */
export function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, PERSONAL_FIELDS.has(key) && v !== null && v !== undefined ? PERSONAL_PLACEHOLDER : withoutPersonalData(v)]));
}
