import { InputError } from '../../../domain/errors.ts';
import { message } from '../../../domain/messages/message.ts';

/** More corrections than a plan has names is a mistake, and each costs a pass over the draft. */
export const MAX_UNIT_CORRECTIONS = 500;

/**
 * Reads the multipart field `units` of a plan import: a JSON object mapping a unit name as the draft
 * writes it to the registry code a person chose. Accepts the raw text, or the object the multipart
 * parser already decoded when the part was sent as application/json. Anything else is an
 * `InputError` naming the field `units` (422), so a client learns what to fix.
 *
 * @example
 * parseUnitsField('{"Trung tâm Phục vụ hành chính công":"HN_P_VINH_TUY_PVHCC"}')
 * // { 'Trung tâm Phục vụ hành chính công': 'HN_P_VINH_TUY_PVHCC' }
 */
export function parseUnitsField(raw: unknown): Record<string, string> {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    if (!raw.trim()) return {};
    try {
      value = JSON.parse(raw);
    } catch {
      throw problem('không phải JSON hợp lệ / not valid JSON');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw problem('cần một đối tượng JSON {"tên đơn vị": "mã"} / expected a JSON object of name → code');
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_UNIT_CORRECTIONS) throw problem(`quá nhiều tên (${entries.length} > ${MAX_UNIT_CORRECTIONS}) / too many names`);
  const out: Record<string, string> = {};
  for (const [name, code] of entries) {
    if (typeof code !== 'string') throw problem(`mã của "${name}" phải là chuỗi / the code must be a string`);
    // Defined as own data properties, so a name like "__proto__" stays a name.
    Object.defineProperty(out, name, { value: code, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function problem(text: string): InputError {
  return new InputError(message('plan.invalid_field'), [{ field: 'units', message: text }]);
}
