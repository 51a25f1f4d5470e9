import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { findUserById } from '../../repositories/users.repository.ts';

/**
 * The one answer a signed-in user's home screen reads (GET /api/v1/overview for their unit), as the
 * page will ask for it: web/src/pages/leader/OverviewPage.tsx builds the same address.
 *
 * @example overviewPath('HN_P_VINH_TUY') // → '/api/v1/overview?unit=HN_P_VINH_TUY'
 */
export function overviewPath(unit: string): string {
  return `/api/v1/overview?unit=${encodeURIComponent(unit)}`;
}

/**
 * A `Link: rel=preload` for the home page of a signed-in user: the browser asks for the overview
 * while it still downloads the scripts, instead of after them and the session check, so the first
 * render waits for the server's answer once, not for the two in a row (issue #13: first render ≤ 2×
 * the overview's own time). `crossorigin=anonymous` is the same mode and credentials as the page's
 * own fetch, so the browser hands the preloaded answer to it. Nobody signed in, nothing preloaded:
 * visitors and other pages never cost an overview.
 */
export async function overviewPreloadLink(ctx: AppContext, request: FastifyRequest): Promise<string | null> {
  const principal = request.principal;
  if (principal.kind !== 'user' || principal.userId === null) return null;
  const user = await findUserById(ctx.db, principal.userId);
  if (!user) return null;
  return `<${overviewPath(user.unitCode)}>; rel=preload; as=fetch; crossorigin=anonymous`;
}
