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
 * browser's router handles deep links such as /targets/T1. Returns the fallback handler, or null when
 * the dashboard has not been built (`npm run build:web`).
 */
export async function serveWebApp(
  app: App,
  options: { homePreload?: (request: FastifyRequest) => Promise<string | null> } = {},
): Promise<((request: FastifyRequest, reply: FastifyReply) => FastifyReply) | null> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) return null;
  const { homePreload } = options;
  if (homePreload) {
    // The home page ("/") may name, in a Link header, the API answer its first screen reads.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' || request.url !== '/' || reply.statusCode >= 400) return payload;
      const link = await homePreload(request);
      if (link) void reply.header('link', link);
      return payload;
    });
  }
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: true,
    index: 'index.html',
    // The build writes .br and .gz beside each asset (web/precompress-plugin.ts): sent as they are.
    preCompressed: true,
    // Hashed asset names never change content; index.html must always be revalidated.
    cacheControl: false,
    setHeaders(reply: FastifyReply, filePath: string) {
      reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      reply.header('content-security-policy', DASHBOARD_CSP);
    },
  });
  return (request, reply) => reply.type('text/html').header('cache-control', 'no-cache').header('content-security-policy', DASHBOARD_CSP).sendFile('index.html');
}
