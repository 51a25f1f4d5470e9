import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpProblem } from './problem.ts';
import { message } from '../domain/messages/message.ts';
import { problem } from '../domain/errors.ts';

/** No request we accept nests deeper than this; past it, canonical JSON and validators recurse too far. */
export const MAX_JSON_DEPTH = 64;

/**
 * Bytes of a text body as UTF-8, refused (400, naming `field`) when they are not UTF-8 rather than
 * silently turned into U+FFFD: a figure or a name must arrive as it was sent, or not at all.
 */
export function decodeUtf8Body(body: Buffer, field = 'body'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw httpProblem(400, 'Invalid request', message('http.body_not_utf'), {
      errors: [problem({ field }, message('http.invalid_utf'))],
    });
  }
}

/** How deeply a JSON text nests arrays and objects, counted without parsing (strings skipped). */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** The path of the first string holding a NUL character ("observations.0.note"), or null. */
export function nulPath(value: unknown, path: string, seen = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (seen > MAX_JSON_DEPTH || value === null || typeof value !== 'object') return null;
  for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (typeof key === 'string' && key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '\\0')}`;
    const found = nulPath(child, `${path}.${String(key)}`, seen + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Rules every request body meets before any route sees it: JSON must be UTF-8 and nest at most
 * MAX_JSON_DEPTH levels (400, early, instead of a stack overflow later), and no text field of the
 * body, query or path may hold a NUL character (422 naming the field: PostgreSQL cannot store one,
 * and it has no place in a name, a note or a code).
 */
export function registerUntrustedBodyRules(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    let text: string;
    try {
      text = decodeUtf8Body(body);
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        throw httpProblem(400, 'Invalid request', message('http.json_too_deep', { depth: MAX_JSON_DEPTH }), {
          errors: [problem({ field: 'body' }, message('http.at_most_levels', { MAX_JSON_DEPTH }))],
        });
      }
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    void parseJson(request, text, done);
  });
  app.addHook('preValidation', (request, _reply, next) => {
    for (const [part, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
      const at = nulPath(value, part);
      if (at) {
        next(
          httpProblem(422, 'Invalid input', message('http.field_holds_nul', { field: at }), {
            errors: [problem({ field: at.replace(/^body\./, '') }, message('http.nul_characters_not_allowed'))],
          }),
        );
        return;
      }
    }
    next();
  });
}
