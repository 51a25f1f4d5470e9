import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../route-module.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/**
 * The dashboard's Content Security Policy: every script is ours and loaded from a file (no inline
 * script, no eval), data goes only to this server, nothing may frame the pages. Styles allow inline
 * attributes because the charts (ECharts) and React set element styles at run time.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built dashboard (web/dist) at "/". Unknown non-API paths get index.html so that the
 * browser's router handles deep links such as /targets/T1. The home page ("/") may come with its
 * first screen drawn by the server (`firstScreen`, see first-screen.ts). Returns the fallback
 * handler, or null when the dashboard has not been built (`npm run build:web`).
 */
export async function serveWebApp(
  app: App,
  options: { firstScreen?: ((request: FastifyRequest) => Promise<string | null>) | null } = {},
): Promise<((request: FastifyRequest, reply: FastifyReply) => FastifyReply) | null> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) return null;
  const plainPage = (reply: FastifyReply) => reply.type('text/html').header('cache-control', 'no-cache').header('content-security-policy', DASHBOARD_CSP).sendFile('index.html');
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: true,
    // "/" is the route below, which may draw the first screen.
    index: false,
    // The build writes .br and .gz beside each asset (web/precompress-plugin.ts): sent as they are.
    preCompressed: true,
    // Hashed asset names never change content; index.html must always be revalidated.
    cacheControl: false,
    setHeaders(reply: FastifyReply, filePath: string) {
      reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      reply.header('content-security-policy', DASHBOARD_CSP);
    },
  });
  const { firstScreen } = options;
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const page = firstScreen ? await firstScreen(request) : null;
    if (page === null) return plainPage(reply);
    // A person's own figures: kept by nobody but their browser, and asked again on every visit.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-cache').header('vary', 'cookie').header('content-security-policy', DASHBOARD_CSP).send(page);
  });
  return (_request, reply) => plainPage(reply);
}
