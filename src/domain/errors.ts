/**
 * Errors the domain raises, each naming what was wrong so a person can fix it. The HTTP layer maps
 * them to problem+json statuses, the CLI to messages and exit codes.
 */
export interface Problem {
  /** 1-based line of the input file, when the input is a file. */
  line?: number;
  /** Row index in a batch (0-based), when the input is a batch. */
  index?: number;
  /** The field or column that is wrong. */
  field?: string;
  message: string;
  /** A stable code a client translates ("report.figure_required"); the message stays the fallback. */
  code?: string;
}

export class InputError extends Error {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[] = []) {
    super(problems.length ? `${message}\n${problems.map(describeProblem).join('\n')}` : message);
    this.name = 'InputError';
    this.problems = problems;
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

export class ConflictError extends Error {
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
