import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { httpProblem } from '../problem.ts';
import { message } from '../../domain/messages/message.ts';
import type { SharedLimitMarker } from './rate-limit-store.ts';

type SharedRouteLimit = { max: number; timeWindow: string; keyGenerator: (request: FastifyRequest) => string } & SharedLimitMarker;

/**
 * Global request limit per client address, per minute (`THEODOI_RATE_LIMIT_MAX`, default 1200; 0
 * turns the global limit off). Keyed by address, not by the token presented: a client inventing a
 * new token per request must not get a fresh budget each time. Batches of up to thousands of rows
 * per request keep honest source systems far below it.
 */
export function rateLimitOptions(store?: RateLimitPluginOptions['store']): RateLimitPluginOptions {
  const max = envInt('THEODOI_RATE_LIMIT_MAX', 1200);
  return {
    ...(store ? { store } : {}),
    global: max > 0,
    max: max > 0 ? max : 1,
    timeWindow: '1 minute',
    keyGenerator: clientKey,
    errorResponseBuilder: (_request, context) =>
      httpProblem(429, 'Too many requests', message('http.rate_limited', { seconds: Math.ceil(context.ttl / 1000) })),
  };
}

/**
 * The stricter limit of the login route, per client address and minute (`THEODOI_LOGIN_RATE_LIMIT_MAX`,
 * default 10): enough for a person who mistypes, far too few to guess passwords. Counted across
 * instances (in the database), or each instance behind the proxy would add its own budget.
 */
export function loginRateLimit(): SharedRouteLimit {
  return { max: Math.max(1, envInt('THEODOI_LOGIN_RATE_LIMIT_MAX', 10)), timeWindow: '1 minute', keyGenerator: (request) => `login:${request.ip}`, sharedAcrossInstances: true };
}

/**
 * The limit of the open solution-proposal form, per client address and hour
 * (`THEODOI_SOLUTION_RATE_LIMIT_MAX`, default 5): an organisation sends a handful of proposals, a
 * script sending hundreds is stopped. Counted across instances, like sign-in.
 */
export function solutionRateLimit(): SharedRouteLimit {
  return { max: Math.max(1, envInt('THEODOI_SOLUTION_RATE_LIMIT_MAX', 5)), timeWindow: '1 hour', keyGenerator: (request) => `solution:${request.ip}`, sharedAcrossInstances: true };
}

function clientKey(request: FastifyRequest): string {
  return `ip:${request.ip}`;
}

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}
