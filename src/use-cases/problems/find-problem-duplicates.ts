import type { AppContext } from '../../app-context.ts';
import { findDuplicates, type DuplicatePair } from '../../domain/problems/find-duplicates.ts';
import type { ManagementField } from '../../domain/problems/problem-vocabulary.ts';
import { listProblemRecords } from '../../repositories/problems.repository.ts';
import { cityCode, mayRead, type ProblemAccess } from './problem-access.ts';
import { checkProblemFilter } from './list-problems.ts';

/**
 * Candidate duplicates among the proposals awaiting consolidation (by default every "proposed"
 * problem the asker may read, optionally one field): pairs with a score and the reason, for the
 * receiving agency to confirm by merging. Proposals already merged are left out.
 */
export async function findProblemDuplicates(ctx: AppContext, access: ProblemAccess, q: { states?: string[]; field?: string; threshold?: number } = {}): Promise<{ pairs: (DuplicatePair & { names: [string, string] })[] }> {
  const filter = { states: q.states?.length ? q.states : ['proposed'], field: q.field };
  checkProblemFilter(filter);
  const city = await cityCode(ctx);
  const rows = [];
  for (const r of await listProblemRecords(ctx.db, filter)) if (!r.mergedInto && (await mayRead(access, r, city))) rows.push(r);
  const names = new Map(rows.map((r) => [r.code, r.name]));
  const pairs = findDuplicates(rows.map((r) => ({ code: r.code, fields: r.fields as ManagementField[], name: r.name, problem: r.problem, managementNeed: r.managementNeed })), q.threshold);
  return { pairs: pairs.map((p) => ({ ...p, names: [names.get(p.a)!, names.get(p.b)!] })) };
}
