import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/database.ts';
import {
  can,
  canSeeClassified,
  scopeRoots,
  type AccessPrincipal,
  type Action,
  type SubtreeCheck,
} from '../../domain/access/authorize.ts';
import { ANONYMOUS } from '../../domain/access/principal.ts';
import { hashSecret, sameSecret } from '../../domain/access/secrets.ts';
import { changeClockFor, type ChangeClock } from '../../realtime/change-clock.ts';
import { unitAncestries } from '../../repositories/users.repository.ts';
import { resolveSession } from '../../use-cases/auth/resolve-session.ts';
import { authenticateToken } from '../../use-cases/tokens/authenticate-token.ts';
import type { HttpProblem} from '../problem.ts';
import { httpProblem } from '../problem.ts';
import { message, type MessageCode } from '../../domain/messages/message.ts';
import { keptUnderVersion, type KeptUnderVersion } from './credential-cache.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; `ANONYMOUS` when no credentials came with the request. */
    principal: AccessPrincipal;
  }
  interface FastifyContextConfig {
    /** Skip the CSRF check for cookie sessions (only the login route, which has no session yet). */
    csrfExempt?: boolean;
  }
}

export interface AuthPluginOptions {
  ctx: AppContext;
}

/**
 * Name of the session cookie. `__Host-` makes browsers insist on Secure, Path=/ and no Domain, so no
 * sibling host or plain-HTTP page can plant or read it. `THEODOI_INSECURE_COOKIES=1` drops the prefix
 * and Secure for development over plain HTTP on other hosts than localhost.
 */
export function sessionCookieName(): string {
  return secureCookies() ? '__Host-theodoi_session' : 'theodoi_session';
}

export function secureCookies(): boolean {
  return process.env.THEODOI_INSECURE_COOKIES !== '1';
}

/** Methods that change state, and therefore need the CSRF header when authenticated by cookie. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RequestAccess {
  db: Kysely<Database>;
  /** Unit code → codes of the unit and its ancestors; loaded on demand, once per request. */
  ancestries: Map<string, Set<string>>;
  /** What this server read of units' ancestries, kept until a change is heard. */
  kept: KeptUnderVersion<Set<string>>;
  clock: ChangeClock;
  now: Date;
  sessionId: string | null;
  csrfToken: string | null;
}

const accessOf = new WeakMap<FastifyRequest, RequestAccess>();

/**
 * Authenticates every request. `Authorization: Bearer <token>` must name a live API token (else 401);
 * otherwise a session cookie, if valid, signs the user in, and then unsafe methods must carry the
 * session's CSRF token in `x-csrf-token` (else 403). With neither, the request is anonymous and
 * each route decides with `requireAuthenticated` / `requireAccess`.
 *
 * Registered at the root (not encapsulated), before the routes:
 * @example
 * await app.register(cookie);
 * await app.register(authPlugin, { ctx });
 * app.post('/x', async (request) => { await requireAccess(request, 'write', body.unit); … });
 */
function authPlugin(app: FastifyInstance, options: AuthPluginOptions, done: (err?: Error) => void): void {
  const { ctx } = options;
  // Who a token or session stands for, and units' ancestries, as last read: kept while no change is
  // heard (every audited change and every logout moves the clock, on every instance), so a request
  // of a known caller costs no query. A disabled user's or revoked token's next request is refused:
  // the change moved the clock before its commit here, and at its commit everywhere else.
  const clock = changeClockFor(ctx.database);
  const principals = keptUnderVersion<{ principal: AccessPrincipal; csrfToken: string | null }>({ ttlMs: CREDENTIAL_TTL_MS, maxEntries: 10_000 });
  const ancestries = keptUnderVersion<Set<string>>({ ttlMs: CREDENTIAL_TTL_MS, maxEntries: 20_000 });
  app.decorateRequest('principal', {
    getter(this: FastifyRequest & { _principal?: AccessPrincipal }) {
      return this._principal ?? ANONYMOUS;
    },
    setter(this: FastifyRequest & { _principal?: AccessPrincipal }, value: AccessPrincipal) {
      this._principal = value;
    },
  });

  // preParsing, not onRequest: the rate limiter (a route-level onRequest hook) runs first, so floods
  // of guessed tokens or CSRF values are cut off before they reach the database, and a refused
  // request's body is never parsed.
  app.addHook('preParsing', async (request: FastifyRequest, reply: FastifyReply, payload: RequestPayload) => {
    await authenticate(request, reply);
    // Every later line of this request (handler, errors, "request completed") says who made it, so
    // an operator reading the logs can follow one person's or one source system's requests.
    const log = request.log.child({ actor: request.principal.actor });
    request.log = log;
    reply.log = log;
    return payload;
  });

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const now = ctx.now();
    const access: RequestAccess = { db: ctx.db, ancestries: new Map(), kept: ancestries, clock, now, sessionId: null, csrfToken: null };
    accessOf.set(request, access);

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const bearer = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i.exec(authorization)?.[1];
      const key = bearer ? `token:${hashSecret(bearer)}` : null;
      const kept = key ? principals.get(key, clock.version, now) : undefined;
      if (kept) {
        request.principal = kept.principal;
        return;
      }
      // The version before the read: a change committed meanwhile retires what this read finds.
      const version = clock.version;
      const result = bearer ? await authenticateToken(ctx.db, bearer, now) : null;
      if (!result || 'refused' in result) {
        // One answer for unknown, revoked, expired and malformed: nothing to learn by probing.
        void reply.header('www-authenticate', 'Bearer error="invalid_token"');
        throw httpProblem(401, 'Unauthorized', message('auth.token_invalid'));
      }
      if (key) principals.set(key, { principal: result.principal, csrfToken: null }, version, now, result.expiresAt);
      request.principal = result.principal;
      return;
    }

    const cookieName = sessionCookieName();
    const sessionId = request.cookies[cookieName];
    if (!sessionId) return;
    const key = `session:${hashSecret(sessionId)}`;
    let session = principals.get(key, clock.version, now);
    if (!session) {
      const version = clock.version;
      const found = await resolveSession(ctx.db, sessionId, now);
      if (found) principals.set(key, found, version, now, found.expiresAt);
      session = found ?? undefined;
    }
    if (!session) {
      void reply.clearCookie(cookieName, cookieOptions());
      return;
    }
    if (UNSAFE_METHODS.has(request.method) && !request.routeOptions.config.csrfExempt) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || session.csrfToken === null || !sameSecret(sent, session.csrfToken)) {
        throw httpProblem(403, 'Forbidden', message('auth.csrf_token_wrong'));
      }
    }
    access.sessionId = sessionId;
    access.csrfToken = session.csrfToken;
    request.principal = session.principal;
  }
  done();
}

// Mark as not encapsulated, as fastify-plugin does, so the hook and decorator reach every route.
Object.defineProperty(authPlugin, Symbol.for('skip-override'), { value: true });
Object.defineProperty(authPlugin, Symbol.for('fastify.display-name'), { value: 'theodoi-auth' });

export { authPlugin };

/**
 * How long who a credential stands for is kept at most, even when no change is heard: a bound on
 * what a missed announcement could cost.
 */
export const CREDENTIAL_TTL_MS = 30_000;

/** Cookie attributes of the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure unless disabled. */
export function cookieOptions(expires?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookies(),
    ...(expires ? { expires } : {}),
  };
}

/** The raw session id of a cookie-authenticated request (for logout); null otherwise. */
export function sessionIdOf(request: FastifyRequest): string | null {
  return accessOf.get(request)?.sessionId ?? null;
}

/** The CSRF token of a cookie-authenticated request's session, so a reloaded page can get it again. */
export function csrfTokenOf(request: FastifyRequest): string | null {
  return accessOf.get(request)?.csrfToken ?? null;
}

/** Throws 401 unless the request carries a valid token or session. */
export function requireAuthenticated(request: FastifyRequest): void {
  if (request.principal.kind === 'anonymous') {
    throw httpProblem(401, 'Unauthorized', message('auth.authentication_required'));
  }
}

/**
 * A subtree check that knows `unitCodes` (and their ancestors), loading from the units tree what
 * this request has not loaded yet in one query. Unknown units lie in no one's subtree but their own.
 *
 * @example
 * const inSubtree = await subtreeCheckFor(request, rows.map((r) => r.unit));
 * const denied = rows.filter((r) => !can(request.principal, 'write', r.unit, inSubtree));
 */
export async function subtreeCheckFor(request: FastifyRequest, unitCodes: readonly string[]): Promise<SubtreeCheck> {
  const access = accessOf.get(request);
  if (!access) throw new Error('authPlugin is not registered');
  let missing = [...new Set(unitCodes)].filter((code) => !access.ancestries.has(code));
  // Kept from earlier requests while no change was heard (units are only edited by audited changes).
  const version = access.clock.version;
  for (const code of missing) {
    const kept = access.kept.get(code, version, access.now);
    if (kept) access.ancestries.set(code, kept);
  }
  missing = missing.filter((code) => !access.ancestries.has(code));
  if (missing.length) {
    const loaded = await unitAncestries(access.db, missing);
    for (const code of missing) {
      const found = loaded.get(code);
      access.ancestries.set(code, found ?? new Set([code]));
      // An unknown code is not kept: a unit created under it must not read as a root meanwhile.
      if (found) access.kept.set(code, found, version, access.now);
    }
  }
  return (ancestor, unit) => ancestor === unit || (access.ancestries.get(unit)?.has(ancestor) ?? false);
}

/**
 * Throws 401 for anonymous requests and 403 (naming the unit) unless the principal may perform
 * `action` on `unitCode`.
 *
 * @example
 * await requireAccess(request, 'write', 'VT-VHXH'); // 403 "… đơn vị VT-VHXH …" for a reporter of another ward
 */
export async function requireAccess(request: FastifyRequest, action: Action, unitCode: string): Promise<void> {
  requireAuthenticated(request);
  const inSubtree = await subtreeCheckFor(request, [unitCode]);
  if (!can(request.principal, action, unitCode, inSubtree)) throw forbiddenFor(action, unitCode);
}

/** Whether the request may see classified items of each unit: loads the tree once for all of them. */
export async function classifiedVisibility(request: FastifyRequest, unitCodes: readonly string[]): Promise<(unitCode: string) => boolean> {
  if (request.principal.kind === 'anonymous') return () => false;
  const inSubtree = await subtreeCheckFor(request, unitCodes);
  return (unitCode) => canSeeClassified(request.principal, unitCode, inSubtree);
}

/**
 * What a caller may read, decided in one place for every read path that returns items of many units
 * (evaluation, alerts, live events): the unit must lie in a subtree the caller may read, and a
 * classified item also needs `canSeeClassified` there. Items with no unit are city-wide: readable
 * only by whoever may read everywhere (a system administrator; others read the city through the
 * units they hold). Anonymous callers read nothing here: public data goes through /public.
 *
 * @example
 * const readable = await readVisibility(request, rows.map((r) => r.unit));
 * return rows.filter((r) => readable(r.unit, r.classified));
 */
export async function readVisibility(
  request: FastifyRequest,
  unitCodes: readonly (string | null)[],
): Promise<(unitCode: string | null, classified?: boolean) => boolean> {
  requireAuthenticated(request);
  const principal = request.principal;
  const everywhere = scopeRoots(principal, 'read') === null;
  const inSubtree = await subtreeCheckFor(request, unitCodes.filter((c): c is string => c !== null));
  return (unitCode, classified = false) => {
    // Reading everywhere is a system administrator's right, which includes classified items.
    if (unitCode === null) return everywhere;
    if (!can(principal, 'read', unitCode, inSubtree)) return false;
    return !classified || canSeeClassified(principal, unitCode, inSubtree);
  };
}

/**
 * The unit codes whose subtrees the request may perform `action` in, for filtering lists in SQL;
 * null means everywhere (system admin). Throws 401 when anonymous.
 */
export function accessRoots(request: FastifyRequest, action: Action): string[] | null {
  requireAuthenticated(request);
  return scopeRoots(request.principal, action);
}

const NOT_ALLOWED = { read: 'auth.not_allowed_read', write: 'auth.not_allowed_write', approve: 'auth.not_allowed_approve', administer: 'auth.not_allowed_administer' } as const satisfies Record<Action, MessageCode>;

/** The 403 problem for an action refused on a unit; names the unit so the client knows which row failed. */
export function forbiddenFor(action: Action, unitCode: string): HttpProblem {
  return httpProblem(403, 'Forbidden', message(NOT_ALLOWED[action], { unit: unitCode }), { unit: unitCode, action });
}
