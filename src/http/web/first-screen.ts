import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyRequest } from 'fastify';
import type { App } from '../route-module.ts';
import { WEB_DIST } from './serve-web-app.ts';

/** The server-side build of the dashboard (`npm run build:web`, vite --ssr): draws a first screen. */
const RENDERER = path.join(WEB_DIST, '..', 'dist-ssr', 'render-first-screen.js');

/** As web/src/app/first-screen.ts: what the page is drawn from. */
interface FirstScreen {
  lang: 'vi' | 'en';
  path: string;
  search: string;
  me: { user: { unit: string } | null; rights?: string[]; csrfToken: string | null };
  answers: Record<string, unknown>;
}
type Renderer = (first: FirstScreen) => string;

/**
 * The one answer a signed-in person's home screen reads (GET /api/v1/overview for their unit), at the
 * address the page reads it from: web/src/pages/leader/OverviewPage.tsx builds the same one.
 *
 * @example overviewPath('HN_P_VINH_TUY') // → '/api/v1/overview?unit=HN_P_VINH_TUY'
 */
export function overviewPath(unit: string): string {
  return `/api/v1/overview?unit=${encodeURIComponent(unit)}`;
}

/**
 * The page with its first screen in it: the drawing inside the root element, the answers beside it
 * as JSON (every `<` escaped, so no text in an answer can end the script element), and the language.
 *
 * @example firstScreenPage('<html lang="vi">…<div id="root"></div>…', '<header>…', first)
 */
export function firstScreenPage(template: string, markup: string, first: FirstScreen): string {
  const json = JSON.stringify(first).replace(/</g, '\\u003c');
  return template
    .replace('<html lang="vi">', `<html lang="${first.lang}">`)
    .replace('<div id="root"></div>', `<div id="root">${markup}</div><script type="application/json" id="first-screen">${json}</script>`);
}

/**
 * The page with its style sheets written into it. A linked sheet holds the first paint back until it
 * arrives, by which time the scripts have arrived too and take the main thread for their start-up:
 * the drawn figures would wait for both. Written in, the screen is painted as soon as the page is
 * parsed (the sheets are a few kilobytes compressed; the policy allows inline styles).
 */
export function withStylesInline(template: string, readAsset: (href: string) => string): string {
  return template.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/g, (_link, href: string) => `<style>${readAsset(href).replace(/<\/style/gi, '<\\/style')}</style>`);
}

/**
 * Draws the home page ("/") of a signed-in person on the server (issue #13: the overview's first
 * render within 2× the overview's own time). The page would otherwise load its scripts, then ask who
 * is signed in, then ask for the overview: three waits in a row before the status figures appear.
 * Here the server asks its own routes for those two answers on the person's behalf — the same
 * routes, with the same access checks and kept answers — and draws the screen with the dashboard's
 * own components, so the figures are painted with the page. Visitors, and any failure, get the plain
 * page: this only ever makes the page faster, never different. Returns null when there is nothing
 * to draw (no server-side build, nobody signed in).
 */
export async function firstScreenDrawer(app: App): Promise<((request: FastifyRequest) => Promise<string | null>) | null> {
  // Both builds are needed: the drawing and the page it goes into (web/dist may be absent alone).
  if (!existsSync(RENDERER) || !existsSync(path.join(WEB_DIST, 'index.html'))) return null;
  const template = withStylesInline(readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8'), (href) => readFileSync(path.join(WEB_DIST, href), 'utf8'));
  const { renderFirstScreen } = (await import(pathToFileURL(RENDERER).href)) as { renderFirstScreen: Renderer };
  return async (request) => {
    if (request.principal.kind !== 'user' || !request.headers.cookie) return null;
    const lang = request.cookies['theodoi_lang'] === 'en' ? 'en' : 'vi';
    const ask = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: request.headers.cookie, 'accept-language': lang }, remoteAddress: request.ip });
    try {
      const me = await ask('/api/v1/auth/me');
      if (me.statusCode !== 200) return null;
      const meBody = me.json<FirstScreen['me']>();
      if (!meBody.user) return null;
      const overviewUrl = overviewPath(meBody.user.unit);
      const overview = await ask(overviewUrl);
      const answers = overview.statusCode === 200 ? { [overviewUrl]: overview.json<unknown>() } : {};
      const query = request.url.indexOf('?');
      const first: FirstScreen = { lang, path: '/', search: query < 0 ? '' : request.url.slice(query), me: meBody, answers };
      return firstScreenPage(template, renderFirstScreen(first), first);
    } catch (error) {
      request.log.warn({ err: error }, 'first screen not drawn; the plain page is sent');
      return null;
    }
  };
}
