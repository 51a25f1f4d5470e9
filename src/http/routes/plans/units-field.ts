import { InputError, problem as saidProblem } from '../../../domain/errors.ts';
import { message, type Message } from '../../../domain/messages/message.ts';

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
      throw problem(message('plan.units_field_not_json'));
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw problem(message('plan.units_field_not_object'));
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_UNIT_CORRECTIONS) throw problem(message('plan.units_field_too_many', { count: entries.length, max: MAX_UNIT_CORRECTIONS }));
  const out: Record<string, string> = {};
  for (const [name, code] of entries) {
    if (typeof code !== 'string') throw problem(message('plan.units_field_code_not_string', { name }));
    // Defined as own data properties, so a name like "__proto__" stays a name.
    Object.defineProperty(out, name, { value: code, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function problem(said: Message): InputError {
  return new InputError(message('plan.invalid_field'), [saidProblem({ field: 'units' }, said)]);
}
