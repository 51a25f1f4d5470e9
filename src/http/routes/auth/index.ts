import { ACTIONS, scopeRoots, type AccessPrincipal } from '../../../domain/access/authorize.ts';
import { userPrincipal } from '../../../domain/access/principal-of.ts';
import { findUserById } from '../../../repositories/users.repository.ts';
import { logIn } from '../../../use-cases/auth/log-in.ts';
import { logOut } from '../../../use-cases/auth/log-out.ts';
import { cookieOptions, csrfTokenOf, sessionCookieName, sessionIdOf } from '../../auth/auth-plugin.ts';
import { loginRateLimit } from '../../auth/rate-limit.ts';
import { userView } from '../../auth/views.ts';
import { httpProblem } from '../../problem.ts';
import { message } from '../../../domain/messages/message.ts';
import type { RouteModule } from '../../route-module.ts';
import { loginSchema, logoutSchema, meSchema } from './schema.ts';

/**
 * The actions the principal may perform on at least one unit, so a client can show or hide whole
 * screens (administration) without re-deriving the role rules; the server still checks every request.
 */
function rightsOf(principal: AccessPrincipal) {
  return ACTIONS.filter((action) => principal.kind !== 'anonymous' && scopeRoots(principal, action)?.length !== 0);
}

const auth: RouteModule = (app, ctx) => {
  app.post(
    '/api/v1/auth/login',
    { schema: loginSchema, config: { csrfExempt: true, rateLimit: loginRateLimit() } },
    async (request, reply) => {
      const session = await logIn(ctx, request.body.username, request.body.password);
      if (!session) {
        // The same answer whether the user is unknown, disabled, or the password wrong.
        throw httpProblem(401, 'Unauthorized', message('auth.wrong_username_or_password'));
      }
      void reply.setCookie(sessionCookieName(), session.sessionId, cookieOptions(session.expiresAt));
      return { user: userView(session.user), rights: rightsOf(userPrincipal(session.user)), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.post('/api/v1/auth/logout', { schema: logoutSchema }, async (request, reply) => {
    const sessionId = sessionIdOf(request);
    if (sessionId) await logOut(ctx, sessionId);
    void reply.clearCookie(sessionCookieName(), cookieOptions());
    return reply.status(204).send(null);
  });

  app.get('/api/v1/auth/me', { schema: meSchema }, async (request) => {
    const p = request.principal;
    const user = p.userId !== null ? await findUserById(ctx.db, p.userId) : null;
    return {
      kind: p.kind,
      actor: p.actor,
      user: user ? userView(user) : null,
      tokenId: p.tokenId,
      grants: p.grants,
      rights: rightsOf(p),
      scopes: [...(p.scopes ?? [])],
      classifiedUnits: [...(p.classifiedUnits ?? [])],
      csrfToken: csrfTokenOf(request),
    };
  });
};

export default auth;
