import type { AppContext } from '../../app-context.ts';
import type { Lang } from '../../domain/messages/message.ts';
import { findProblemByCode, listOrigins, listTransitions } from '../../repositories/problems.repository.ts';
import { listPilots } from '../../repositories/pilots.repository.ts';
import { listProblemKpis, type ProblemKpi } from '../../repositories/problem-kpis.repository.ts';
import { actsAs, allowedTransitions, cityCode, readableOrNotFound, type AllowedTransition, type ProblemAccess } from './problem-access.ts';
import { nameActors } from '../users/name-actors.ts';
import { problemView, transitionView, type ProblemView } from './problem-view.ts';

export interface ProblemDetail extends ProblemView {
  origins: { code: string; name: string; unit: string }[];
  /** Its history; `actor` as recorded, `actorName` the person's name now ("deleted user" once erased). */
  transitions: (ReturnType<typeof transitionView> & { actorName: string })[];
  kpis: ProblemKpi[];
  /** Its pilots, as the problem's readers may see them (no units: those are read on the pilot). */
  pilots: { code: string; title: string; state: string; start: string; end: string | null }[];
  /** The moves the asker may make now (the transition's own policy decides). */
  allowedTransitions: AllowedTransition[];
}

/**
 * One problem with its origins (the proposals it merges), its history and its KPIs. 404 for a
 * problem the asker may not read. The contact's details only for the proposing ward and the
 * receiving agency. Its pilots by code, title, state and months. Who moved it is named in `lang`.
 */
export async function getProblem(ctx: AppContext, access: ProblemAccess, code: string, lang: Lang = 'vi'): Promise<ProblemDetail> {
  const city = await cityCode(ctx);
  const problem = await readableOrNotFound(access, await findProblemByCode(ctx.db, code), city, code);
  const withContact = (await actsAs(access, 'ward', problem, city)) || (await actsAs(access, 'agency', problem, city));
  const [origins, transitions, kpis, pilots, moves] = await Promise.all([
    listOrigins(ctx.db, problem.id), listTransitions(ctx.db, problem.id), listProblemKpis(ctx.db, problem.id), listPilots(ctx.db, { problemCode: problem.code }),
    allowedTransitions(access, problem, city),
  ]);
  const namer = await nameActors(ctx.db, transitions.map((t) => t.actor), lang);
  return {
    ...problemView(problem, withContact), origins, transitions: transitions.map((t) => ({ ...transitionView(t), actorName: namer.name(t.actor) })), kpis,
    pilots: pilots.map((p) => ({ code: p.code, title: p.title, state: p.state, start: p.start, end: p.end })),
    allowedTransitions: moves,
  };
}
