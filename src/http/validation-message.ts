import { message, type Message } from '../domain/messages/message.ts';

/** One schema check that failed, as Fastify's validator (Ajv) reports it. */
export interface SchemaFailure {
  keyword: string;
  params: Record<string, unknown>;
}

/**
 * What a failed schema check says to a person, as a catalogued message: Ajv's own words are English
 * only, so the web (and Accept-Language) could not put them in the reader's language.
 *
 * @example
 * validationMessage({ keyword: 'maxLength', params: { limit: 200 } }) // { code: 'http.field_too_long', params: { limit: 200 } }
 */
export function validationMessage(failure: SchemaFailure): Message {
  const limit = typeof failure.params.limit === 'number' ? failure.params.limit : null;
  switch (failure.keyword) {
    case 'required':
      return message('http.field_required');
    case 'additionalProperties':
      return message('http.field_not_accepted');
    case 'minLength':
      return limit !== null && limit > 1 ? message('http.field_too_short', { limit }) : message('http.field_empty');
    case 'maxLength':
      return limit !== null ? message('http.field_too_long', { limit }) : message('http.field_invalid');
    case 'minimum':
      return limit !== null ? message('http.field_below_minimum', { limit }) : message('http.field_invalid');
    case 'maximum':
      return limit !== null ? message('http.field_above_maximum', { limit }) : message('http.field_invalid');
    case 'minItems':
      return limit !== null ? message('http.field_too_few_items', { limit }) : message('http.field_invalid');
    case 'maxItems':
      return limit !== null ? message('http.field_too_many_items', { limit }) : message('http.field_invalid');
    case 'type':
      return message('http.field_wrong_type', { type: typeName(failure.params.type) });
    case 'enum':
      return Array.isArray(failure.params.allowedValues)
        ? message('http.field_not_one_of', { allowed: failure.params.allowedValues.map(String).join(', ') })
        : message('http.field_invalid');
    case 'pattern':
    case 'format':
      return message('http.field_wrong_format');
    default:
      return message('http.field_invalid');
  }
}

/** Ajv names the expected type as a string, or a list of them ("string,null"). */
function typeName(type: unknown): string {
  if (Array.isArray(type)) return type.map(String).join(', ');
  return typeof type === 'string' ? type : '';
}
