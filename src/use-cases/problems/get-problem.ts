import type { AppContext } from '../../app-context.ts';
import { findProblemByCode, listOrigins, listTransitions } from '../../repositories/problems.repository.ts';
import { listProblemKpis, type ProblemKpi } from '../../repositories/problem-kpis.repository.ts';
import { actsAs, cityCode, readableOrNotFound, type ProblemAccess } from './problem-access.ts';
import { problemView, transitionView, type ProblemView } from './problem-view.ts';

export interface ProblemDetail extends ProblemView {
  origins: { code: string; name: string; unit: string }[];
  transitions: ReturnType<typeof transitionView>[];
  kpis: ProblemKpi[];
}

/**
 * One problem with its origins (the proposals it merges), its history and its KPIs. 404 for a
 * problem the asker may not read. The contact's details only for the proposing ward and the
 * receiving agency.
 */
export async function getProblem(ctx: AppContext, access: ProblemAccess, code: string): Promise<ProblemDetail> {
  const city = await cityCode(ctx);
  const problem = await readableOrNotFound(access, await findProblemByCode(ctx.db, code), city, code);
  const withContact = (await actsAs(access, 'ward', problem, city)) || (await actsAs(access, 'agency', problem, city));
  const [origins, transitions, kpis] = await Promise.all([listOrigins(ctx.db, problem.id), listTransitions(ctx.db, problem.id), listProblemKpis(ctx.db, problem.id)]);
  return { ...problemView(problem, withContact), origins, transitions: transitions.map(transitionView), kpis };
}
