import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, describeProblem, ForbiddenError, InputError, NotFoundError, problemIn, type Problem } from '../domain/errors.ts';
import { langFromAcceptLanguage, message, renderMessage, type Lang, type Message } from '../domain/messages/message.ts';
import { SecretKeyError } from '../domain/secrets/secret-box.ts';
import { TooLargeError } from '../importers/zip-limits.ts';
import { validationMessage } from './validation-message.ts';

/** RFC 9457 problem details, with `errors` naming each wrong field or line. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Problem[];
  [extension: string]: unknown;
}

/**
 * An HTTP refusal raised by a route or hook. `said` is what to tell the person, as a catalogued
 * code and parameters: the answer carries `code` and `params` for clients to translate, and a
 * `detail` put into words in the reader's language (Accept-Language).
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly extra: Partial<ProblemBody> = {},
    readonly said: Message | null = null,
  ) {
    super(title);
  }
}

/** An HttpProblem that says a catalogued message (the usual way to refuse a request). */
export function httpProblem(status: number, title: string, said: Message, extra: Partial<ProblemBody> = {}): HttpProblem {
  return new HttpProblem(status, title, extra, said);
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.status(body.status).type('application/problem+json').send(body);
}

/**
 * The detail of a domain error in the reader's language (Accept-Language), its problems listed as
 * before, with the catalogued code and parameters for clients that act on them.
 */
function said(error: Error & { said: Message | null }, lang: Lang, problems: Problem[] = []): Partial<ProblemBody> {
  if (!error.said) return { detail: error.message };
  const detail = [renderMessage(error.said, lang), ...problems.map((p) => describeProblem(problemIn(p, lang)))].join('\n');
  return { detail, code: error.said.code, params: error.said.params };
}

/** Maps every error to problem+json; unknown errors are logged and answered without internals. */
export function problemErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = langFromAcceptLanguage(request.headers['accept-language']);
  if (error instanceof HttpProblem) {
    const words = error.said ? { detail: renderMessage(error.said, lang), code: error.said.code, params: error.said.params } : {};
    return sendProblem(reply, { type: 'about:blank', title: error.title, status: error.status, ...error.extra, ...words });
  }
  if (error instanceof TooLargeError) {
    return sendProblem(reply, { type: 'about:blank', title: 'Payload too large', status: 413, ...said(error, lang, error.problems), errors: error.problems.map((p) => problemIn(p, lang)) });
  }
  if (error instanceof InputError) {
    return sendProblem(reply, { type: 'about:blank', title: 'Invalid input', status: 422, ...said(error, lang, error.problems), errors: error.problems.map((p) => problemIn(p, lang)) });
  }
  if (error instanceof NotFoundError) {
    return sendProblem(reply, { type: 'about:blank', title: 'Not found', status: 404, ...said(error, lang) });
  }
  if (error instanceof ForbiddenError) {
    return sendProblem(reply, { type: 'about:blank', title: 'Forbidden', status: 403, ...said(error, lang) });
  }
  if (error instanceof SecretKeyError) {
    // The server is not configured to keep secrets (THEODOI_SECRET_KEY missing or wrong): the
    // operator must act, not the client; the detail names the variable, never the key.
    request.log.error({ err: error }, 'secret key');
    return sendProblem(reply, { type: 'about:blank', title: 'Service unavailable', status: 503, detail: renderMessage(error.said, lang), code: error.said.code, params: error.said.params });
  }
  if (error instanceof ConflictError) {
    return sendProblem(reply, { type: 'about:blank', title: 'Conflict', status: 409, ...said(error, lang) });
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    // Each failed check as a catalogued code in the reader's language (Ajv words them in English only).
    const errors = fastifyError.validation.map((v) => {
      const said = validationMessage({ keyword: v.keyword, params: v.params });
      return { field: fieldName(fastifyError.validationContext, v.instancePath, v.params), code: said.code, params: said.params, message: renderMessage(said, lang) };
    });
    const top = message('http.request_invalid');
    return sendProblem(reply, {
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      detail: [renderMessage(top, lang), ...errors.map((e) => `${e.field}: ${e.message}`)].join('\n'),
      code: top.code,
      params: top.params,
      errors,
    });
  }
  const status = fastifyError.statusCode && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  if (status === 500) request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, {
    type: 'about:blank',
    title: status === 500 ? 'Internal server error' : error.message,
    status,
  });
}

function fieldName(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
  const missing = typeof params.missingProperty === 'string' ? `/${params.missingProperty}` : '';
  const extra = typeof params.additionalProperty === 'string' ? `/${params.additionalProperty}` : '';
  const pointer = `${instancePath}${missing}${extra}`.replace(/^\//, '').replaceAll('/', '.');
  return [context, pointer].filter(Boolean).join('.') || (context ?? 'body');
}
