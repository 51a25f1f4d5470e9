import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import { isProblemState } from '../../domain/problems/problem-states.ts';
import { AREA_TYPE_CODES, MANAGEMENT_FIELD_CODES } from '../../domain/problems/problem-vocabulary.ts';
import { listProblemRecords, type ProblemFilter } from '../../repositories/problems.repository.ts';
import { cityCode, mayRead, type ProblemAccess } from './problem-access.ts';
import { problemView, type ProblemView } from './problem-view.ts';
import { message } from '../../domain/messages/message.ts';

export interface ListProblemsQuery extends ProblemFilter {
  limit?: number;
  offset?: number;
}

/** Checks the filter values, naming the one that is not known. */
export function checkProblemFilter(q: ProblemFilter): void {
  const problems = [];
  for (const s of q.states ?? []) if (!isProblemState(s)) problems.push(problem({ field: 'state' }, message('problem.not_state', { s })));
  if (q.field && !(MANAGEMENT_FIELD_CODES as string[]).includes(q.field)) problems.push(problem({ field: 'field' }, message('http.filter_value_not_one_of', { value: q.field, allowed: MANAGEMENT_FIELD_CODES.join(', ') })));
  if (q.areaType && !(AREA_TYPE_CODES as string[]).includes(q.areaType)) problems.push(problem({ field: 'areaType' }, message('http.filter_value_not_one_of', { value: q.areaType, allowed: AREA_TYPE_CODES.join(', ') })));
  if (problems.length) throw new InputError(message('alert.invalid_filter'), problems);
}

/**
 * The problems the asker may read, filtered (state, field, area type, proposing unit, priority) and
 * paged. The catalogue is small (hundreds), so reading rights are decided per problem by the one
 * domain rule rather than re-written in SQL. No contact details in lists.
 */
export async function listProblems(ctx: AppContext, access: ProblemAccess, q: ListProblemsQuery): Promise<{ total: number; problems: ProblemView[] }> {
  checkProblemFilter(q);
  const city = await cityCode(ctx);
  const rows = await listProblemRecords(ctx.db, q);
  const readable = [];
  for (const r of rows) if (await mayRead(access, r, city)) readable.push(r);
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 50;
  return { total: readable.length, problems: readable.slice(offset, offset + limit).map((r) => problemView(r, false)) };
}
