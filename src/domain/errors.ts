import { isMessageCode, renderMessage, type Lang, type Message, type MessageParams } from './messages/message.ts';

/**
 * Errors the domain raises, each naming what was wrong so a person can fix it. The HTTP layer maps
 * them to problem+json statuses, the CLI to messages and exit codes. What they say is a catalogued
 * `Message` (code and parameters, put into words in the reader's language at the edge); a plain
 * string is the older form, kept where no message is catalogued yet.
 */
export interface Problem {
  /** 1-based line of the input file, when the input is a file. */
  line?: number;
  /** Row index in a batch (0-based), when the input is a batch. */
  index?: number;
  /** The field or column that is wrong. */
  field?: string;
  /** In Vietnamese; for a catalogued problem, the HTTP layer says it again in the reader's language. */
  message: string;
  /** A stable code clients may act on ("report.figure_required"). */
  code?: string;
  /** The parameters of a catalogued code. */
  params?: MessageParams;
}

/**
 * A problem with one field, line or row, said as a catalogued message.
 *
 * @example
 * problem({ line: 3, field: 'unit' }, message('unit.unknown', { unit: 'P_X' }))
 */
export function problem(where: Pick<Problem, 'line' | 'index' | 'field'>, said: Message): Problem {
  return { ...where, code: said.code, params: said.params, message: renderMessage(said, 'vi') };
}

/** A problem in `lang`: a catalogued one said again in that language, others as they were written. */
export function problemIn(p: Problem, lang: Lang): Problem {
  return p.code && isMessageCode(p.code) ? { ...p, message: renderMessage({ code: p.code, params: p.params ?? {} }, lang) } : p;
}

/** What an error says in `lang`, without its list of problems. */
export function errorTextIn(error: Error, lang: Lang): string {
  return error instanceof SaidError && error.said ? renderMessage(error.said, lang) : (error.message.split('\n')[0] ?? '');
}

/** An error whose text is a catalogued message (`said`), or a plain string. */
abstract class SaidError extends Error {
  /** The catalogued message, when the error was raised with one. */
  readonly said: Message | null;
  constructor(text: string | Message, suffix = '') {
    super(`${typeof text === 'string' ? text : renderMessage(text, 'vi')}${suffix}`);
    this.said = typeof text === 'string' ? null : text;
  }
}

export class InputError extends SaidError {
  override name = 'InputError';
  readonly problems: Problem[];
  constructor(text: string | Message, problems: Problem[] = []) {
    super(text, problems.length ? `\n${problems.map(describeProblem).join('\n')}` : '');
    this.problems = problems;
  }
}

export class NotFoundError extends SaidError {
  override name = 'NotFoundError';
}

export class ForbiddenError extends SaidError {
  override name = 'ForbiddenError';
}

export class ConflictError extends SaidError {
  override name = 'ConflictError';
}

export function describeProblem(p: Problem): string {
  const where = [
    p.line !== undefined ? `line ${p.line}` : null,
    p.index !== undefined ? `row ${p.index}` : null,
    p.field ? `field "${p.field}"` : null,
  ].filter(Boolean);
  return where.length ? `  ${where.join(', ')}: ${p.message}` : `  ${p.message}`;
}
